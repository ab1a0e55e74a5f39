// `npm run bench:metrics -- [--relays 20] [--scrapes 100] [--idle-seconds 30]`: the Prometheus
// exporter on N demo relays (as `ortop --demo N --metrics-listen` has them), in this process:
//   1. scrape latency: sequential HTTP GETs of /metrics (wall time each, p50/p95/max) and the CPU the
//      process spent per scrape, per relay (process.cpuUsage less the demo relays' own idle rate; the
//      HTTP client's share is included: an upper bound);
//   2. idle cost at a 15 s scrape interval: process CPU in 15 s windows (--idle-seconds of each),
//      alternately with the relays collecting and no metrics, and with the status reads
//      (reachability, dormant, descriptor) and one scrape per window;
//   3. the same relays as if each had a MetricsPort (tor 0.4.9.11's answer from test/fixtures, ~280
//      samples re-exported per relay): renderScrape in-process, wall and CPU per scrape.
// Targets: p50 < 20 ms, < 1 ms CPU per relay per scrape, ≤ 10 % more idle CPU. Measures only.
import { request } from 'node:http';
import { parseArgs } from 'node:util';
import { attachDemos } from '../src/app/shell/attach-relays.js';
import { startMetricsServer } from '../src/app/shell/metrics-server.js';
import { RelaySession } from '../src/app/session/relay-session.js';
import { InterpreterHistoryStore } from '../src/app/session/interpreter-history-store.js';
import { DEFAULT_SETTINGS } from '../src/config/index.js';
import { realClock } from '../src/controller/index.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metricsInputOf } from '../src/app/shell/metrics-server.js';
import { ProcessMetrics, renderScrape } from '../src/metrics/index.js';
import { parseTorMetrics } from '../src/relay/tor-metrics/parse-tor-metrics.js';

const { values: flags } = parseArgs({ options: { relays: { type: 'string', default: '20' }, scrapes: { type: 'string', default: '100' }, 'idle-seconds': { type: 'string', default: '45' } } });
const RELAYS = Number(flags.relays);
const SCRAPES = Number(flags.scrapes);
const IDLE_S = Number(flags['idle-seconds']);
const SCRAPE_INTERVAL_S = 15;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function get(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/metrics', agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => resolve(bytes));
    });
    req.on('error', reject);
    req.end();
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  // A scratch history file: never a device path (a save would try to replace it).
  const history = new InterpreterHistoryStore(join(mkdtempSync(join(tmpdir(), 'ortop-bench-metrics-')), 'history'));
  const relays = await attachDemos(RELAYS);
  const sessions = relays.map((r) => new RelaySession({ name: r.name, controller: r.controller, target: r.target, clock: realClock, settings: DEFAULT_SETTINGS, procFs: r.procFs, deps: { history } }));
  for (const s of sessions) {
    s.start();
    s.startCollecting();
  }
  await sleep(3000);

  const server = await startMetricsServer({ host: '127.0.0.1', port: 0, sessions: () => sessions, nowMs: () => Date.now(), processMetrics: new ProcessMetrics() });
  sessions.forEach((s) => s.status.start());
  await get(server.port);
  await sleep(1000);

  // Phase 2: 15 s windows, alternately without metrics (status reads stopped, nobody scraping) and
  // with them (status reads on, one scrape in the window), so load from other jobs hits both alike.
  const rounds = Math.max(1, Math.round(IDLE_S / SCRAPE_INTERVAL_S));
  let offMs = 0;
  let onMs = 0;
  let idleScrapes = 0;
  for (let r = 0; r < rounds; r++) {
    sessions.forEach((s) => s.status.stop());
    let c = cpuMs();
    await sleep(SCRAPE_INTERVAL_S * 1000);
    offMs += cpuMs() - c;
    sessions.forEach((s) => s.status.start());
    c = cpuMs();
    const t = Date.now();
    await get(server.port);
    idleScrapes++;
    await sleep(SCRAPE_INTERVAL_S * 1000 - (Date.now() - t));
    onMs += cpuMs() - c;
  }
  const idleCpuMsPerS = offMs / (rounds * SCRAPE_INTERVAL_S);
  const metricsCpuMsPerS = onMs / (rounds * SCRAPE_INTERVAL_S);

  // Phase 1: scrape latency and CPU.
  for (let i = 0; i < 10; i++) await get(server.port);
  const wall: number[] = [];
  let size = 0;
  const cpu0 = cpuMs();
  const loop0 = performance.now();
  for (let i = 0; i < SCRAPES; i++) {
    const t = performance.now();
    size = await get(server.port);
    wall.push(performance.now() - t);
  }
  // The demo relays simulate tor in this process: their own CPU during the loop is not the scrape's.
  const background = (idleCpuMsPerS * (performance.now() - loop0)) / 1000 / SCRAPES;
  const cpuPerScrape = Math.max(0, (cpuMs() - cpu0) / SCRAPES - background);
  wall.sort((a, b) => a - b);

  // Phase 3: with tor's MetricsPort families on every relay.
  const parsed = parseTorMetrics(readFileSync(new URL('../test/fixtures/tor-metrics/tor-0.4.9.11-relay.prom', import.meta.url), 'utf8'));
  if (parsed.kind !== 'ok') throw new Error(parsed.message);
  const torMetrics = { source: '127.0.0.1:9035', fetchedAtMs: Date.now(), families: parsed.families, problem: undefined };
  const processMetrics = new ProcessMetrics();
  const render = () => renderScrape(sessions.map((s) => ({ ...metricsInputOf(s, Date.now()), torMetrics })), { format: 'prometheus', processMetrics });
  for (let i = 0; i < 5; i++) await render();
  const torWall: number[] = [];
  let torSize = 0;
  const torCpu0 = cpuMs();
  const torLoop0 = performance.now();
  for (let i = 0; i < SCRAPES; i++) {
    const t = performance.now();
    torSize = (await render()).body.length;
    torWall.push(performance.now() - t);
  }
  const torCpuPerScrape = Math.max(0, (cpuMs() - torCpu0) / SCRAPES - (idleCpuMsPerS * (performance.now() - torLoop0)) / 1000 / SCRAPES);
  torWall.sort((a, b) => a - b);

  await server.close();
  for (const s of sessions) {
    s.stop();
    s.controller.close();
  }
  const lines = [
    `ortop exporter benchmark: ${RELAYS} demo relays, node ${process.version}, ${SCRAPES} scrapes`,
    `scrape size                 ${(size / 1024).toFixed(0)} KiB`,
    `scrape wall time            p50 ${pct(wall, 50).toFixed(2)} ms, p95 ${pct(wall, 95).toFixed(2)} ms, max ${wall[wall.length - 1]!.toFixed(2)} ms   (target p50 < 20 ms)`,
    `CPU per scrape (net)        ${cpuPerScrape.toFixed(2)} ms = ${(cpuPerScrape / RELAYS).toFixed(3)} ms per relay   (target < 1 ms per relay)`,
    `idle CPU without metrics    ${(idleCpuMsPerS / 10).toFixed(2)} % of a core (${rounds} x ${SCRAPE_INTERVAL_S} s)`,
    `idle CPU with metrics       ${(metricsCpuMsPerS / 10).toFixed(2)} % of a core (${rounds} x ${SCRAPE_INTERVAL_S} s alternating, ${idleScrapes} scrapes)`,
    `with tor's MetricsPort      ${(torSize / 1024).toFixed(0)} KiB; p50 ${pct(torWall, 50).toFixed(2)} ms, p95 ${pct(torWall, 95).toFixed(2)} ms; CPU ${torCpuPerScrape.toFixed(2)} ms = ${(torCpuPerScrape / RELAYS).toFixed(3)} ms per relay (in-process, no HTTP)`,
    `added by serving metrics    ${(((metricsCpuMsPerS - idleCpuMsPerS) / idleCpuMsPerS) * 100).toFixed(1)} %   (target ≤ 10 %; one scrape per ${SCRAPE_INTERVAL_S} s alone: ${(((cpuPerScrape / SCRAPE_INTERVAL_S) / idleCpuMsPerS) * 100).toFixed(1)} %)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exit(0);
}

void main();
