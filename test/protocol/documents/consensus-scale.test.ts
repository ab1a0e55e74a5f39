// A generated 8,000-entry NEWCONSENSUS (the size of the live network's): parsed for correctness,
// and timed for the report only — the timing is printed, never asserted.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import {
  base64FromFingerprint,
  parseRouterStatusEntries,
  parseRouterStatusEntriesLenient,
} from '../../../src/protocol/documents/index.js';
import { feedWhole } from '../../helpers/feed.js';
import { seededRandom } from '../../helpers/seeded-random.js';

const ENTRY_COUNT = 8000;
const FLAG_SETS = [
  'Fast Running Valid',
  'Fast Guard HSDir Running Stable V2Dir Valid',
  'Exit Fast Guard HSDir Running Stable V2Dir Valid',
  'Fast Running Stable StaleDesc Valid',
  'BadExit Exit Fast Running Valid',
];

interface Generated {
  readonly text: string;
  readonly fingerprints: string[];
}

function generateConsensus(count: number, seed: number): Generated {
  const rand = seededRandom(seed);
  const byte = (): number => Math.floor(rand() * 256);
  const hex = (bytes: number): string =>
    Array.from({ length: bytes }, () => byte().toString(16).padStart(2, '0')).join('').toUpperCase();
  const lines: string[] = [];
  const fingerprints: string[] = [];
  for (let i = 0; i < count; i++) {
    const fp = hex(20);
    fingerprints.push(fp);
    const digest = base64FromFingerprint(hex(20));
    const ip = `${1 + (byte() % 223)}.${byte()}.${byte()}.${byte()}`;
    const orPort = 1 + Math.floor(rand() * 65535);
    const dirPort = rand() < 0.3 ? 1 + Math.floor(rand() * 65535) : 0;
    lines.push(`r relay${i} ${base64FromFingerprint(fp)} ${digest} 2038-01-01 00:00:00 ${ip} ${orPort} ${dirPort}`);
    if (rand() < 0.25) lines.push(`a [2001:db8:${hex(2).toLowerCase()}::${hex(2).toLowerCase()}]:${orPort}`);
    lines.push(`s ${FLAG_SETS[i % FLAG_SETS.length]!}`);
    lines.push(`w Bandwidth=${Math.floor(rand() * 100000)}${rand() < 0.1 ? ' Unmeasured=1' : ''}`);
    lines.push(rand() < 0.2 ? 'p accept 20-23,43,53,79-81,88,110,143,194,220,389,443,464-465,531,543-544,554,563,587,636,706,749,873,902-904,981,989-995,1194,1220,1293,1500,1533,1677,1723,1755,1863,2082-2083,2086-2087,2095-2096,2102-2104,3128,3389,3690,4321,4643,5050,5190,5222-5223,5228,5900,6660-6669,6679,6697,8000,8008,8074,8080,8082,8087-8088,8232-8233,8332-8333,8443,8888,9418,9999-10000,11371,19294,19638,50002,64738' : 'p reject 1-65535');
  }
  return { text: lines.join('\n'), fingerprints };
}

function medianMs(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

describe('an 8,000-entry consensus', () => {
  const { text, fingerprints } = generateConsensus(ENTRY_COUNT, 42);

  it('parses every entry with the right identity', () => {
    const entries = parseRouterStatusEntries(text);
    expect(entries).toHaveLength(ENTRY_COUNT);
    expect(entries.map((e) => e.fingerprint)).toEqual(fingerprints);
    expect(entries[7999]!.nickname).toBe('relay7999');
    expect(entries.every((e) => e.publishedAtMs === undefined && e.bandwidthWeight !== undefined)).toBe(true);
    expect(entries.filter((e) => e.orAddresses.length > 0).length).toBeGreaterThan(1000);
  });

  it('survives CRLF framing as a NEWCONSENSUS event', () => {
    const wire = `650+NEWCONSENSUS\r\n${text.replace(/\n/g, '\r\n')}\r\n.\r\n650 OK\r\n`;
    const out = feedWhole(wire);
    expect(out).toHaveLength(1);
    const reply = out[0]!.kind === 'reply' ? out[0]!.reply : undefined;
    expect(parseRouterStatusEntries(reply!.lines[0]!.data!)).toHaveLength(ENTRY_COUNT);
  });

  it('times the parse (reported, not asserted)', () => {
    const counts: number[] = [];
    const strictMs = medianMs(9, () => counts.push(parseRouterStatusEntries(text).length));
    const lenientMs = medianMs(9, () => counts.push(parseRouterStatusEntriesLenient(text).entries.length));
    const bytes = Buffer.byteLength(text, 'latin1');
    console.log(
      `[documents] ${ENTRY_COUNT} entries, ${(bytes / 1024).toFixed(0)} KiB: strict ${strictMs.toFixed(1)} ms, lenient ${lenientMs.toFixed(1)} ms (median of 9)`,
    );
    expect(counts).toEqual(Array(18).fill(ENTRY_COUNT));
  });
});
