// `node --import tsx bench/log-dedup.ts`: what the log's dedup key and the /events ring cost per
// event — LogBuffer.add with the per-message pattern table (src/relay/log/dedup-patterns.ts) against
// the old "every number masked" key, for a DEBUG flood, NOTICE lines no pattern matches, and BW;
// EventRing.push for a BW flood among rarer types. Measures only: no pass/fail.
import { dedupKey, LogBuffer } from '../src/relay/log/index.js';
import { EventRing } from '../src/relay/interpreter/index.js';

const N = 200_000;
const T = Date.UTC(2026, 11, 7, 12);

const oldKey = (m: string) => m.replace(/ ?\[\d+ similar message\(s\) suppressed in last \d+ seconds\]$/, '').replace(/\d+/g, '#');

const SETS: Record<string, { type: string; make: (i: number) => string }> = {
  'DEBUG flood (patterns match)': { type: 'DEBUG', make: (i) => `connection_handle_write(): After TLS write of ${i % 600}: 0 read, ${i} written` },
  'DEBUG, no pattern (exact text)': { type: 'DEBUG', make: (i) => `circuit_receive_relay_cell(): Sending to origin ${i % 97}.` },
  'NOTICE, no pattern (exact text)': { type: 'NOTICE', make: (i) => `Received http status code 404 ("Not found") from server 10.0.${i % 250}.1:443 while fetching "/tor/keys/fp-sk/${i}".` },
  'BW (pattern)': { type: 'BW', make: (i) => `READ: ${i}, WRITTEN: ${i * 2}` },
};

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / N;
}

const rows: string[] = [];
for (const [name, { type, make }] of Object.entries(SETS)) {
  const messages = Array.from({ length: N }, (_, i) => make(i));
  time(() => messages.forEach((m) => dedupKey(m, type))); // warm-up
  const keyNs = time(() => messages.forEach((m) => dedupKey(m, type)));
  const oldNs = time(() => messages.forEach((m) => oldKey(m)));
  const buffer = new LogBuffer(1000);
  const addNs = time(() => messages.forEach((message, i) => buffer.add({ atMs: T + i, type, message, source: 'tor' })));
  rows.push(`${name.padEnd(34)} key ${keyNs.toFixed(0).padStart(5)} ns (old key ${oldNs.toFixed(0).padStart(5)} ns)   LogBuffer.add ${addNs.toFixed(0).padStart(5)} ns`);
}

const ring = new EventRing();
const lines = Array.from({ length: N }, (_, i) => [`650 BW ${i} ${i * 2}`]);
const pushNs = time(() => lines.forEach((l, i) => ring.push(T + i, i % 1000 === 0 ? 'CIRC' : 'BW', l)));
rows.push(`${'EventRing.push (BW flood, 0.1% CIRC)'.padEnd(34)} ${pushNs.toFixed(0).padStart(5)} ns; kept ${ring.size} events, CIRC ${ring.list(['CIRC']).length}`);

console.log(`log dedup and /events ring, ${N} events each (node ${process.version})`);
for (const r of rows) console.log(r);
