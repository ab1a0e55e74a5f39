// Hostile strings (quotes, backslashes, newlines, escapes, control characters, lone surrogates) in
// every place tor's words reach a label or a help text never break the exposition: the output reads
// back with the parser, every label equals the cleaned input, and promtool finds no format error.
// Seeded: the same cases on every run (test/helpers/seeded-random.ts).
import { describe, expect, it } from 'vitest';
import { cleanLabelValue, renderScrape, type RelayMetricsInput } from '../../src/metrics/index.js';
import { cleanField } from '../../src/relay/fleet/relay-summary.js';
import type { TorMetricsModel } from '../../src/relay/tor-metrics/types.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { checkMetrics, describeWithPromtool } from './promtool.js';
import { readBack, samples } from './read-back.js';
import { NOW_MS, relayInput } from './relay-input.js';

const PIECES = ['"', '\\', '\n', '\r', '\t', '\\n', '\\"', '\x1b[31m', '\x00', '\x7f', '\u2028', 'é', '😀', '\ud800', '\udfff', '}', '{', '=', ',', '#', ' ', 'a', 'Z', '9', '# EOF', 'x="y"'];

function hostile(random: () => number, maxPieces = 30): string {
  const n = Math.floor(random() * maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(random() * PIECES.length)];
  return random() < 0.05 ? s.repeat(200) : s;
}

function hostileInput(random: () => number, i: number): { input: RelayMetricsInput; raw: { name: string; nickname: string; version: string; torLabel: string } } {
  const raw = { name: `${i}${hostile(random)}`, nickname: hostile(random), version: hostile(random), torLabel: hostile(random) };
  const torMetrics: TorMetricsModel = {
    source: '127.0.0.1:9035',
    fetchedAtMs: NOW_MS,
    problem: undefined,
    families: [{ name: 'tor_fuzz_total', type: 'counter', help: hostile(random), samples: [{ name: 'tor_fuzz_total', labels: { value: raw.torLabel }, value: i }] }],
  };
  const input = relayInput({ name: raw.name, facts: { nickname: raw.nickname, torVersion: raw.version, fingerprint: `${i}`.padStart(40, 'F') }, torMetrics });
  return { input, raw };
}

function cases(seed: number, count: number) {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => hostileInput(random, i));
}

describe('hostile label values', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: 40 relays read back with labels equal to the cleaned input', async (seed) => {
    const all = cases(seed, 40);
    const { body } = await renderScrape(all.map((c) => c.input), { format: 'prometheus' });
    // What Prometheus receives is UTF-8.
    const wire = Buffer.from(body, 'utf8').toString('utf8');
    const families = readBack(wire);
    const ups = samples(families, 'ortop_relay_up');
    expect(ups).toHaveLength(all.length);
    // The relay's own fields were cleaned once by the fleet summary, then as labels.
    const asLabel = (text: string) => cleanLabelValue(cleanField(text));
    all.forEach(({ raw }, i) => {
      const relay = asLabel(raw.name);
      const up = ups.find((s) => s.labels.relay === relay);
      expect(up?.labels, `relay ${i}`).toEqual({ relay, nickname: asLabel(raw.nickname), fingerprint: `${i}`.padStart(40, 'F') });
      const info = samples(families, 'ortop_relay_info', { relay });
      expect(info.map((s) => s.labels.version)).toEqual([asLabel(raw.version)]);
      const tor = samples(families, 'tor_fuzz_total', { relay });
      expect(tor.map((s) => [s.labels.value, s.value])).toEqual([[cleanLabelValue(raw.torLabel), i]]);
    });
    // Nothing but sample lines, comments and blank lines: no value or label spilled onto a line of its own.
    for (const line of wire.split('\n')) expect(line === '' || line.startsWith('#') || /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? \S+$/s.test(line), line).toBe(true);
  });

  it('keeps every label short and free of control characters', () => {
    const random = seededRandom(9);
    for (let i = 0; i < 500; i++) {
      const v = cleanLabelValue(hostile(random, 200));
      expect(v.length).toBeLessThanOrEqual(129);
      expect(v).not.toMatch(/[\x00-\x1f\x7f]/);
      expect(v).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });
});

describeWithPromtool('hostile label values through promtool', () => {
  it('promtool finds no format error and no lint problem in the hostile exposition', async () => {
    const { body } = await renderScrape(cases(7, 40).map((c) => c.input), { format: 'prometheus' });
    const r = checkMetrics(body);
    expect(r.problems.filter((p) => !p.startsWith('tor_'))).toEqual([]);
    expect(r.problems.join('\n')).not.toMatch(/error|parse/i);
  });
});
