// `npm run bench:parse`: events/s and MB/s of Framer + parseEvent over a seeded 1M-event stream fed in
// 64 KiB chunks (median of several runs), RSS sampled while streaming, and Stem on the same bytes.
// Measures only; it must not tune or patch src/protocol. Env: BENCH_EVENTS, BENCH_RUNS, BENCH_STEM_EVENTS.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Framer, parseEvent } from '../src/protocol/index.js';
import { ensureEventStream, EVENT_MIX, STREAM_VERSION } from './event-stream.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const STEM_EVENTS = Number(process.env.BENCH_STEM_EVENTS ?? 200_000);
const SEED = 20261127;
const CHUNK_BYTES = 64 * 1024;
const RSS_EVERY_CHUNKS = 16;
const SYSTEM_PYTHON = '/usr/bin/python3';

interface RunResult {
  readonly events: number;
  readonly bytes: number;
  readonly ms: number;
  readonly framerErrors: number;
  readonly kinds: ReadonlyMap<string, number>;
  readonly rss: readonly number[];
}

/** Streams `buf` through a fresh Framer in 64 KiB chunks and parses every reply (unless frameOnly); stops after maxEvents. */
function runOnce(buf: Buffer, maxEvents = Infinity, frameOnly = false): RunResult {
  const framer = new Framer();
  const kinds = new Map<string, number>();
  const rss: number[] = [process.memoryUsage.rss()];
  let events = 0;
  let framerErrors = 0;
  let chunks = 0;
  let offset = 0;
  const start = performance.now();
  while (offset < buf.length && events < maxEvents) {
    const outputs = framer.push(buf.subarray(offset, Math.min(offset + CHUNK_BYTES, buf.length)));
    offset += CHUNK_BYTES;
    for (let i = 0; i < outputs.length; i++) {
      const out = outputs[i]!;
      if (out.kind === 'error') {
        framerErrors++;
        continue;
      }
      events++;
      if (frameOnly) continue;
      const event = parseEvent(out.reply);
      kinds.set(event.kind, (kinds.get(event.kind) ?? 0) + 1);
    }
    if (++chunks % RSS_EVERY_CHUNKS === 0) rss.push(process.memoryUsage.rss());
  }
  const ms = performance.now() - start;
  rss.push(process.memoryUsage.rss());
  return { events, bytes: Math.min(offset, buf.length), ms, framerErrors, kinds, rss };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const formatLoad = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const rate = (n: number): string => Math.round(n).toLocaleString('en-US');

interface StemResult {
  readonly events: number;
  readonly eventsPerSec: number;
  readonly detail: string;
}

function runStem(path: string): StemResult | string {
  if (!existsSync(SYSTEM_PYTHON)) return `stem: skipped (${SYSTEM_PYTHON} not found)`;
  const script = fileURLToPath(new URL('./stem-parse.py', import.meta.url));
  const child = spawnSync(SYSTEM_PYTHON, [script, path, String(STEM_EVENTS)], { encoding: 'utf8', timeout: 600_000 });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `stem: failed (exit ${child.status}): ${child.stderr.trim().slice(-300)}`;
  }
  if (typeof parsed.error === 'string') return `stem: skipped (${parsed.error}; apt-get install python3-stem)`;
  const events = Number(parsed.events);
  const eventsPerSec = Number(parsed.events_per_sec);
  const errors = Number(parsed.errors);
  const detail =
    `stem ${String(parsed.stem_version)} (python ${String(parsed.python)}): ${rate(events)} events in ${Number(parsed.seconds).toFixed(2)} s` +
    ` → ${rate(eventsPerSec)} events/s; convert errors: ${errors}${errors > 0 ? ` (first: ${String(parsed.first_error)})` : ''}`;
  return { events, eventsPerSec, detail };
}

function main(): void {
  const cacheDir = fileURLToPath(new URL('./.cache/', import.meta.url));
  const path = `${cacheDir}events-v${STREAM_VERSION}-seed${SEED}-n${EVENTS}.txt`;
  const genStart = performance.now();
  const stream = ensureEventStream(path, EVENTS, SEED);
  const genNote = stream.generated ? `generated in ${((performance.now() - genStart) / 1000).toFixed(1)} s` : 'cached';
  const buf = readFileSync(path);

  console.log(`node ${process.version} (${process.execArgv.join(' ') || 'plain node'}), ${cpus()[0]?.model ?? 'unknown cpu'}, single thread`);
  console.log(`load average before: ${formatLoad()} (other processes on ${cpus().length} cores skew the numbers)`);
  console.log(`stream: ${path} (${genNote}), ${rate(EVENTS)} events, ${mb(buf.length)}, seed ${SEED}`);
  console.log(`mix (per 10k): ${EVENT_MIX.map(([k, w]) => `${k} ${w}`).join(', ')}`);
  console.log(`feeding Framer.push in ${CHUNK_BYTES / 1024} KiB chunks + parseEvent(reply); 1 warm-up + ${RUNS} runs`);

  const warm = runOnce(buf);
  if (warm.events !== EVENTS || warm.framerErrors !== 0) {
    console.log(`WARNING: expected ${EVENTS} events and no framer errors, got ${warm.events} events, ${warm.framerErrors} errors`);
  }
  const results: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = runOnce(buf);
    results.push(r);
    const perSec = (r.events / r.ms) * 1000;
    console.log(`  run ${i + 1}: ${(r.ms / 1000).toFixed(3)} s  ${rate(perSec)} events/s  ${((r.bytes / r.ms) * 1000 / 1e6).toFixed(1)} MB/s`);
  }
  const eventsPerSec = median(results.map((r) => (r.events / r.ms) * 1000));
  const mbPerSec = median(results.map((r) => (r.bytes / r.ms) * 1000 / 1e6));
  console.log(`ortop: median ${rate(eventsPerSec)} events/s, ${mbPerSec.toFixed(1)} MB/s`);
  console.log(`  parsed kinds: ${[...warm.kinds].map(([k, n]) => `${k}=${n}`).join(' ')}; framer errors: ${warm.framerErrors}`);

  const frameOnly = median([0, 1, 2].map(() => runOnce(buf, Infinity, true)).map((r) => (r.events / r.ms) * 1000));
  console.log(`  framer alone (no parseEvent, median of 3): ${rate(frameOnly)} events/s → parseEvent takes ~${Math.round(100 * (1 - eventsPerSec / frameOnly))}% of the time`);

  const samples = results.flatMap((r) => r.rss);
  const first = results[0]!;
  const last = results[results.length - 1]!;
  console.log(
    `  rss while streaming (${samples.length} samples over ${RUNS} runs, every ${(RSS_EVERY_CHUNKS * CHUNK_BYTES) / 1024 / 1024} MiB): ` +
      `before=${mb(first.rss[0]!)} after=${mb(last.rss[last.rss.length - 1]!)} min=${mb(Math.min(...samples))} max=${mb(Math.max(...samples))} ` +
      `max-min=${mb(Math.max(...samples) - Math.min(...samples))} (input buffer of ${mb(buf.length)} included)`,
  );
  console.log(`  rss max per run: ${results.map((r) => mb(Math.max(...r.rss))).join(', ')}; load average after: ${formatLoad()}`);

  const stem = runStem(path);
  let stemRate = '';
  let ratio = '';
  if (typeof stem === 'string') {
    console.log(stem);
  } else {
    console.log(stem.detail);
    const sameSubset = median([0, 1, 2].map(() => runOnce(buf, stem.events)).map((r) => (r.events / r.ms) * 1000));
    console.log(`ortop on the same first ${rate(stem.events)} events: ${rate(sameSubset)} events/s (${(sameSubset / stem.eventsPerSec).toFixed(1)}x)`);
    stemRate = String(Math.round(stem.eventsPerSec));
    ratio = (eventsPerSec / stem.eventsPerSec).toFixed(1);
  }
  console.log(`events_per_sec=${Math.round(eventsPerSec)} stem_events_per_sec=${stemRate} ratio=${ratio}`);
}

main();
