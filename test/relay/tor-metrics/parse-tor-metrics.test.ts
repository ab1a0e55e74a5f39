// parseTorMetrics: tor 0.4.9's real MetricsPort answer (captured from a relay here), the format's
// corners (histograms, escapes, NaN/Inf, repeated families) and bodies that are not the format at all.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_LINES, MAX_SAMPLES, parseTorMetrics, type TorMetricFamily } from '../../../src/relay/tor-metrics/index.js';

const CAPTURE = readFileSync(new URL('../../fixtures/tor-metrics/tor-0.4.9.11-relay.prom', import.meta.url), 'utf8');

function families(text: string): readonly TorMetricFamily[] {
  const parsed = parseTorMetrics(text);
  if (parsed.kind !== 'ok') throw new Error(parsed.message);
  return parsed.families;
}

describe('parseTorMetrics', () => {
  it("reads every family of tor 0.4.9's answer with its type, help and labels", () => {
    const all = families(CAPTURE);
    const typeLines = CAPTURE.split('\n').filter((l) => l.startsWith('# TYPE '));
    expect(all.map((f) => f.name).sort()).toEqual(typeLines.map((l) => l.split(' ')[2]).sort());
    const onionskins = all.find((f) => f.name === 'tor_relay_load_onionskins_total')!;
    expect(onionskins.type).toBe('counter');
    expect(onionskins.help).toBe('Total number of onionskins handled');
    expect(onionskins.samples).toContainEqual({ name: 'tor_relay_load_onionskins_total', labels: { type: 'ntor', action: 'dropped' }, value: 0 });
    const socket = all.find((f) => f.name === 'tor_relay_load_socket_total')!;
    expect(socket.type).toBe('gauge');
    expect(socket.samples.find((s) => Object.keys(s.labels).length === 0)!.value).toBeGreaterThan(0);
    const sampleLines = CAPTURE.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(all.reduce((n, f) => n + f.samples.length, 0)).toBe(sampleLines.length);
  });

  it('unfolds histograms into bucket/sum/count samples and keeps NaN, ±Inf and escapes', () => {
    const all = families(
      [
        '# HELP h Latency "quoted" \\\\ back',
        '# TYPE h histogram',
        'h_bucket{le="0.5"} 2',
        'h_bucket{le="+Inf"} 3',
        'h_sum 4.5',
        'h_count 3',
        '# TYPE g gauge',
        'g{v="a\\"b\\\\c\\nd"} NaN',
        'g{v="x"} +Inf',
        'g{v="y"} -1.5e3',
      ].join('\n'),
    );
    const h = all.find((f) => f.name === 'h')!;
    expect(h.type).toBe('histogram');
    expect(h.samples).toEqual([
      { name: 'h_bucket', labels: { le: '0.5' }, value: 2 },
      { name: 'h_bucket', labels: { le: '+Inf' }, value: 3 },
      { name: 'h_sum', labels: {}, value: 4.5 },
      { name: 'h_count', labels: {}, value: 3 },
    ]);
    const g = all.find((f) => f.name === 'g')!.samples;
    expect(g[0]!.labels.v).toBe('a"b\\c\nd');
    expect(g[0]!.value).toBeNaN();
    expect(g[1]!.value).toBe(Number.POSITIVE_INFINITY);
    expect(g[2]!.value).toBe(-1500);
  });

  it('merges a family tor writes in two places and keeps a last line without a newline', () => {
    const all = families('# TYPE x counter\nx{a="1"} 1\n# TYPE y gauge\ny 3\n# TYPE x counter\nx{a="2"} 5');
    expect(all.map((f) => [f.name, f.samples.length])).toEqual([
      ['x', 2],
      ['y', 1],
    ]);
  });

  it('skips samples whose value is not a number and counts them', () => {
    const parsed = parseTorMetrics('# TYPE x gauge\nx{a="1"} 1\nx{a="2"} twelve\n');
    expect(parsed).toMatchObject({ kind: 'ok', skippedSamples: 1 });
  });

  it.each([
    ['an HTML page', '<html><body>Not Found</body></html>'],
    ['an empty body', ''],
    ['binary', '\u0000\u0001\u0002garbage{{{'],
    ['a broken TYPE line', '# TYPE a b c\n'],
    ['an unterminated label', 'x{a="1} 1\n'],
  ])('refuses %s with a reason', (_what, text) => {
    const parsed = parseTorMetrics(text);
    expect(parsed.kind).toBe('error');
    if (parsed.kind === 'error') expect(parsed.message).toMatch(/not Prometheus text format|no metrics/);
  });

  it('refuses an answer with more samples than any tor writes', () => {
    const lines = Array.from({ length: MAX_SAMPLES + 1 }, (_, i) => `x{i="${i}"} 1`);
    const parsed = parseTorMetrics(`# TYPE x gauge\n${lines.join('\n')}\n`);
    expect(parsed).toMatchObject({ kind: 'error', message: expect.stringMatching(/more than 10000 samples/) });
  });
});

describe('parseTorMetrics on huge answers', () => {
  it('refuses more lines than the cap before parsing them', () => {
    expect(parseTorMetrics('x 1\n'.repeat(MAX_LINES + 1))).toMatchObject({ kind: 'error', message: expect.stringMatching(/more than 12000 lines/) });
    expect(parseTorMetrics('x 1\n'.repeat(MAX_LINES)).kind).toBe('ok');
  });
});

describe('parseTorMetrics on mangled answers (seeded fuzz)', () => {
  it("never throws on tor's answer with bytes flipped, lines cut or shuffled, and keeps values numbers", async () => {
    const { seededRandom } = await import('../../helpers/seeded-random.js');
    const random = seededRandom(20261207);
    const pieces = ['{', '}', '"', '\\', '\n', ' ', '=', ',', '#', 'NaN', '+Inf', '\u0000', '\u001b[2J', 'é', '# TYPE ', '# HELP '];
    let ok = 0;
    for (let round = 0; round < 300; round++) {
      let text = CAPTURE;
      for (let edits = 1 + Math.floor(random() * 8); edits > 0; edits--) {
        const at = Math.floor(random() * text.length);
        const cut = Math.floor(random() * 40);
        text = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)]! + text.slice(at + cut);
      }
      const parsed = parseTorMetrics(text);
      if (parsed.kind === 'ok') {
        ok++;
        for (const f of parsed.families) for (const s of f.samples) expect(typeof s.value).toBe('number');
      } else expect(parsed.message.length).toBeGreaterThan(0);
    }
    // Most small manglings still leave most of tor's families readable.
    expect(ok).toBeGreaterThan(0);
  });
});
