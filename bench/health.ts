// `npm run bench:health`: what tor's MetricsPort and the health checks cost per relay — parsing tor
// 0.4.9's real answer (test/fixtures/tor-metrics), evaluating every check, the Relays overview's
// per-frame health summary for 20 relays, and a `--snapshot json` frame of 20 relays. Median of runs;
// measures only. Env: BENCH_RUNS (default 7), BENCH_ITERATIONS (default 300).
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { buildSnapshotJson, formatSnapshotJson, summarizeRelay, type SnapshotRelayInput } from '../src/relay/fleet/index.js';
import { evaluateHealth, overloadSignals, summarizeHealth, type HealthInput } from '../src/relay/health/index.js';
import { emptyHeaderFacts } from '../src/relay/header-facts.js';
import { parseTorMetrics, type TorMetricsModel } from '../src/relay/tor-metrics/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const RELAYS = 20;
const CAPTURE = readFileSync(new URL('../test/fixtures/tor-metrics/tor-0.4.9.11-relay.prom', import.meta.url), 'utf8');
const NOW = Date.UTC(2026, 11, 7, 12);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median over RUNS of the mean time of one call, in µs. */
function measure(what: () => unknown, iterations = ITERATIONS): number {
  for (let i = 0; i < Math.min(50, iterations); i++) what();
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) what();
    runs.push(((performance.now() - t0) / iterations) * 1000);
  }
  return median(runs);
}

const parsed = parseTorMetrics(CAPTURE);
if (parsed.kind !== 'ok') throw new Error(parsed.message);
const metrics: TorMetricsModel = { source: '127.0.0.1:9035', fetchedAtMs: NOW, families: parsed.families, problem: undefined };
const facts = { ...emptyHeaderFacts({ hostname: 'h', osName: 'Linux', osRelease: '6' }, '127.0.0.1:9051'), isRelay: true, orPort: 9001, versionStatus: 'recommended', fdLimit: 65536, torStartedAtMs: NOW - 86_400_000 };
const input: HealthInput = {
  facts,
  control: { readAtMs: NOW, reachability: { or: true, dir: false }, descriptor: undefined, extraInfo: undefined, contactInfo: 'op', exitRelay: '1', myFamily: [], familyIds: [], family: [], familyIdsPublished: undefined, clockSkew: undefined },
  metrics,
  earlierMetrics: metrics,
  orConnections: 4000,
  accounting: { kind: 'off' },
  nowMs: NOW,
};

const parseUs = measure(() => parseTorMetrics(CAPTURE));
const evaluateUs = measure(() => evaluateHealth(input));
const overviewUs = measure(() => {
  for (let i = 0; i < RELAYS; i++) summarizeHealth(evaluateHealth(input));
}, Math.max(10, ITERATIONS / 10));
const relays: SnapshotRelayInput[] = Array.from({ length: RELAYS }, (_, i) => ({
  name: `relay-${i}`,
  target: `127.0.0.1:${9051 + i}`,
  facts,
  summary: summarizeRelay({ name: `relay-${i}`, facts }, NOW),
  checks: evaluateHealth(input),
  signals: overloadSignals(metrics),
  metrics,
  lastProblem: undefined,
  totalReadBytes: 1e12,
  totalWrittenBytes: 1e12,
}));
const jsonUs = measure(() => formatSnapshotJson(buildSnapshotJson(relays, { nowMs: NOW, ortopVersion: 'bench' })), Math.max(10, ITERATIONS / 10));
const samples = parsed.families.reduce((n, f) => n + f.samples.length, 0);

console.log(`health bench: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load ${loadavg()[0]!.toFixed(2)}, median of ${RUNS} runs`);
console.log(`parse tor 0.4.9's MetricsPort answer (${CAPTURE.length} bytes, ${parsed.families.length} families, ${samples} samples): ${parseUs.toFixed(0)} µs`);
console.log(`  every 5 s per relay: ${((parseUs / 5_000_000) * 100).toFixed(4)} % of one core`);
console.log(`evaluate every health check for one relay: ${evaluateUs.toFixed(1)} µs`);
console.log(`Relays overview health column, ${RELAYS} relays, per frame: ${(overviewUs / 1000).toFixed(2)} ms`);
console.log(`--snapshot json frame of ${RELAYS} relays: ${(jsonUs / 1000).toFixed(2)} ms`);
