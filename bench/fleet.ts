// `npm run bench:fleet -- [--seconds 40] [--warmup 20] [--no-nyx] [--sizes 1,5,20]`: what watching many
// relays costs. On the private test network with traffic (test/net), one ortop attached to N relays
// (the nodes in turn: with more relays than nodes a tor is watched more than once) against N Nyx
// processes attached to the same targets, IN PARALLEL in the same window, both on 120x40 ptys and
// sampled once a second from /proc after a warm-up. Then what one more relay costs when idle (one
// ortop attached 1 and 20 times to an idle tor), 50 demo relays in one ortop, and how long switching
// relays takes to draw (in process, fake terminal). Measures only: no pass/fail.
// Last line: fleet_relays=20 ortop_cpu_pct=… nyx_cpu_pct=… ortop_rss_mb=… nyx_rss_mb=…

import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OrtopApp } from '../src/app/shell/app.js';
import { openDemoController } from '../src/app/session/demo-controller.js';
import { RelaySession } from '../src/app/session/relay-session.js';
import { DEFAULT_SETTINGS } from '../src/config/index.js';
import { realClock } from '../src/controller/index.js';
import { NOT_LOCAL_PROC_FS } from '../src/system/index.js';
import { createFakeTerminal } from '../src/terminal/index.js';
import { startNetwork, startTraffic } from '../test/net/index.js';
import {
  cpuPercent,
  createSandbox,
  describeMachine,
  ensureBuilt,
  everySecond,
  formatNumber,
  formatTable,
  integerFlag,
  loadLines,
  mean,
  median,
  nyxAbsentNote,
  nyxMonitor,
  nyxTakesPart,
  onCleanup,
  readLoadAvg,
  runCleanups,
  sampleProcess,
  startMonitor,
  torVersion,
  withBenchTor,
  type Monitor,
  type ProcSample,
  type RunningMonitor,
  type Sandbox,
} from './lib/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '40' },
    warmup: { type: 'string', default: '20' },
    sizes: { type: 'string', default: '1,5,20' },
    'no-nyx': { type: 'boolean', default: false },
  },
});
const SECONDS = integerFlag('seconds', flags.seconds, 2);
const WARMUP_S = integerFlag('warmup', flags.warmup, 0);
const SIZES = flags.sizes.split(',').map((s) => integerFlag('sizes', s, 1));
const withNyx = nyxTakesPart(flags['no-nyx']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** ortop attached to several control ports: one -i each (repeats allowed), or --demo N. */
function ortopFleet(args: readonly string[], sandbox: Sandbox): Monitor {
  const anyPage = (rows: readonly string[]) => rows.some((r) => /page \d+ \/ \d+/.test(r));
  return {
    name: 'ortop',
    command: process.execPath,
    args: ['--optimize-for-size', `${ROOT}dist/cli.js`, '-c', '/dev/null', ...args],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: sandbox.home, XDG_CONFIG_HOME: `${sandbox.home}/.config`, TERM: 'xterm-256color', LANG: 'C.UTF-8' },
    isFullFrame: (rows) => anyPage(rows) && rows.some((r) => /\buptime: \d/.test(r)),
    isUiDrawn: anyPage,
  };
}

interface Usage {
  readonly cpuPct: number;
  readonly rssMb: number;
  readonly anonMb: number;
  readonly processes: number;
}

/** Samples every process once a second for SECONDS after WARMUP_S; CPU summed, RSS summed (mean over the window). */
async function measure(pids: readonly number[]): Promise<Usage> {
  await sleep(WARMUP_S * 1000);
  const series: ProcSample[][] = pids.map(() => []);
  await everySecond(SECONDS, () => {
    pids.forEach((pid, i) => {
      const s = sampleProcess(pid, performance.now());
      if (s === undefined) throw new Error(`pid ${pid} exited during the window`);
      series[i]!.push(s);
    });
  });
  const cpu = series.reduce((sum, s) => sum + cpuPercent(s[0]!, s[s.length - 1]!), 0);
  const rss = series.reduce((sum, s) => sum + mean(s.map((x) => x.rssBytes / MB)), 0);
  const anon = series.reduce((sum, s) => sum + mean(s.map((x) => (x.anonBytes ?? Number.NaN) / MB)), 0);
  return { cpuPct: cpu, rssMb: rss, anonMb: anon, processes: pids.length };
}

async function startAll(monitors: readonly Monitor[]): Promise<RunningMonitor[]> {
  const running: RunningMonitor[] = [];
  for (const m of monitors) {
    const r = await startMonitor(m, 60_000);
    running.push(r);
  }
  return running;
}

async function stopAll(running: readonly RunningMonitor[]): Promise<void> {
  await Promise.all(running.map((r) => r.stop()));
}

/** Median time from `]` to the next relay's page drawn, over `rounds` switches among `count` demo relays. */
async function switchTimes(count: number, rounds: number): Promise<{ medianMs: number; maxMs: number }> {
  const sessions: RelaySession[] = [];
  for (let i = 0; i < count; i++) {
    const { controller, target } = await openDemoController({ seed: 1000 + i });
    sessions.push(new RelaySession({ name: `demo ${i + 1}`, controller, target, clock: realClock, settings: DEFAULT_SETTINGS, procFs: NOT_LOCAL_PROC_FS }));
  }
  const term = createFakeTerminal({ cols: 120, rows: 40, unicode: true });
  const app = new OrtopApp({ screen: term.screen, clock: realClock, settings: DEFAULT_SETTINGS, theme: { colors: true }, sessions, unicode: true, onQuit: () => {} });
  app.start();
  await sleep(3000);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    term.type(']');
    app.renderNow();
    times.push(performance.now() - t0);
    await sleep(100);
  }
  app.stop();
  sessions.forEach((s) => s.controller.close());
  await term.destroy();
  return { medianMs: median(times), maxMs: Math.max(...times) };
}

const built = ensureBuilt(ROOT);
const loadBefore = readLoadAvg();
process.stderr.write(`dist/cli.js: ${built}; tor ${torVersion()}; ${describeMachine()}\n`);
process.on('SIGINT', () => void runCleanups().finally(() => process.exit(130)));

const sandbox = await createSandbox();
onCleanup(() => sandbox.remove());

// 1. The test network with traffic: N relays in one ortop vs N Nyx.
process.stderr.write('starting the private test network (~30-60 s)\n');
const net = await startNetwork({ log: (line) => process.stderr.write(`net: ${line}\n`) });
onCleanup(() => net.stop());
const traffic = startTraffic({ socksPort: net.socksPort, httpHost: '127.0.0.1', httpPort: net.http.port }, { parallel: 2, bytesEach: 1024 * 1024, pauseMs: 200 });
onCleanup(() => traffic.stop());
const fleetRows: { n: number; ortop: Usage; nyx: Usage | undefined }[] = [];
for (const n of SIZES) {
  const ports = Array.from({ length: n }, (_, i) => net.nodes[i % net.nodes.length]!.tor.controlPort);
  process.stderr.write(`N=${n}: ortop on ${ports.length} control ports${withNyx ? ` and ${n} Nyx` : ''}\n`);
  const ortop = await startAll([ortopFleet(ports.flatMap((p) => ['-i', String(p)]), sandbox)]);
  const nyx = withNyx ? await startAll(ports.map((p) => nyxMonitor(p, sandbox))) : [];
  const [o, y] = await Promise.all([measure(ortop.map((r) => r.pid)), withNyx ? measure(nyx.map((r) => r.pid)) : Promise.resolve(undefined)]);
  await stopAll([...ortop, ...nyx]);
  fleetRows.push({ n, ortop: o, nyx: y });
  process.stderr.write(`N=${n}: ortop ${formatNumber(o.cpuPct, 2)} % ${formatNumber(o.rssMb, 1)} MB; nyx ${y === undefined ? '-' : `${formatNumber(y.cpuPct, 2)} % ${formatNumber(y.rssMb, 1)} MB`}\n`);
}
await traffic.stop();
await net.stop();

// 2. One more relay when idle: ortop attached 1 and 20 times to the same idle tor (DisableNetwork 1).
const idle = await withBenchTor(async (tor) => {
  const out: Usage[] = [];
  for (const n of [1, 20]) {
    const r = await startAll([ortopFleet(Array.from({ length: n }, () => ['-i', String(tor.controlPort)]).flat(), sandbox)]);
    out.push(await measure(r.map((x) => x.pid)));
    await stopAll(r);
  }
  return out;
});

// 3. 50 demo relays (busy simulated relays, ortop alone).
const demo = await startAll([ortopFleet(['--demo', '50'], sandbox)]);
const demoUsage = await measure(demo.map((r) => r.pid));
await stopAll(demo);
const demoOne = await startAll([ortopFleet(['--demo'], sandbox)]);
const demoOneUsage = await measure(demoOne.map((r) => r.pid));
await stopAll(demoOne);

// 4. Switching relays (in process).
const switching = await switchTimes(20, 40);
await runCleanups();

const loadAfter = readLoadAvg();
const ratio = (a: number, b: number | undefined) => (b === undefined || b === 0 ? '-' : formatNumber(a / b, 2));
const lines = [
  '',
  `Fleet: the private test network (${net.nodes.length} tors, downloads through the exit), ${SECONDS} s after ${WARMUP_S} s warm-up, ortop and N Nyx IN PARALLEL;`,
  'N relays = the nodes in turn (a tor watched more than once when N > nodes). CPU % of one core and RSS summed over the processes.',
  '',
  formatTable(
    ['N', 'ortop cpu%', 'nyx cpu% (N procs)', 'cpu ratio', 'ortop RSS MB', 'nyx RSS MB', 'RSS ratio', 'ortop anon MB', 'nyx anon MB'],
    fleetRows.map((r) => [
      String(r.n),
      formatNumber(r.ortop.cpuPct, 2),
      r.nyx === undefined ? '-' : formatNumber(r.nyx.cpuPct, 2),
      ratio(r.ortop.cpuPct, r.nyx?.cpuPct),
      formatNumber(r.ortop.rssMb, 1),
      r.nyx === undefined ? '-' : formatNumber(r.nyx.rssMb, 1),
      ratio(r.ortop.rssMb, r.nyx?.rssMb),
      formatNumber(r.ortop.anonMb, 1),
      r.nyx === undefined ? '-' : formatNumber(r.nyx.anonMb, 1),
    ]),
  ),
  '',
  `Marginal cost with traffic (N=${SIZES[0]} → N=${SIZES[SIZES.length - 1]}): ${formatNumber((fleetRows[fleetRows.length - 1]!.ortop.cpuPct - fleetRows[0]!.ortop.cpuPct) / Math.max(1, SIZES[SIZES.length - 1]! - SIZES[0]!), 3)} % CPU and ${formatNumber((fleetRows[fleetRows.length - 1]!.ortop.rssMb - fleetRows[0]!.ortop.rssMb) / Math.max(1, SIZES[SIZES.length - 1]! - SIZES[0]!), 2)} MB per relay.`,
  `Idle (one tor, DisableNetwork 1, attached 1 vs 20 times): ${formatNumber(idle[0]!.cpuPct, 2)} → ${formatNumber(idle[1]!.cpuPct, 2)} % CPU, ${formatNumber(idle[0]!.rssMb, 1)} → ${formatNumber(idle[1]!.rssMb, 1)} MB RSS: ${formatNumber((idle[1]!.cpuPct - idle[0]!.cpuPct) / 19, 3)} % and ${formatNumber((idle[1]!.rssMb - idle[0]!.rssMb) / 19, 2)} MB per extra relay (goal ≤ 0.05 % and ≤ 3 MB).`,
  `Demo relays (simulated, busy): 1 relay ${formatNumber(demoOneUsage.cpuPct, 2)} % ${formatNumber(demoOneUsage.rssMb, 1)} MB; 50 relays ${formatNumber(demoUsage.cpuPct, 2)} % ${formatNumber(demoUsage.rssMb, 1)} MB (anon ${formatNumber(demoUsage.anonMb, 1)} MB).`,
  `Switching relays (] with 20 relays, key to frame drawn, fake terminal 120x40): median ${formatNumber(switching.medianMs, 2)} ms, max ${formatNumber(switching.maxMs, 2)} ms (goal ≤ 50 ms).`,
];
if (!withNyx) lines.push(nyxAbsentNote(flags['no-nyx']));
lines.push(...loadLines(loadBefore, loadAfter));
const at20 = fleetRows.find((r) => r.n === 20) ?? fleetRows[fleetRows.length - 1]!;
lines.push(
  `fleet_relays=${at20.n} ortop_cpu_pct=${formatNumber(at20.ortop.cpuPct, 2)} nyx_cpu_pct=${at20.nyx === undefined ? '' : formatNumber(at20.nyx.cpuPct, 2)} ortop_rss_mb=${formatNumber(at20.ortop.rssMb, 1)} nyx_rss_mb=${at20.nyx === undefined ? '' : formatNumber(at20.nyx.rssMb, 1)}`,
);
process.stdout.write(`${lines.join('\n')}\n`);
process.exit(0);
