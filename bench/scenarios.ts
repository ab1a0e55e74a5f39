// `npm run bench:scenarios -- [--runs 3] [--seconds 60] [--warmup 30] [--stress] [--no-nyx] [--profile exit|client]`:
// ortop and Nyx side by side where relays really run (issue 15). The private test network (test/net)
// runs with CONN_BW and CELL_STATS off on every node, as on production relays (--stress keeps
// TestingTorNetwork's defaults: CONN_BW once per connection per second, cell statistics). Each run
// starts both monitors on the exit and both on the client (120x40 ptys) and measures, after a
// --warmup each: the idle exit (no traffic), then with downloads flowing the exit on page 1 and the
// client on page 2 (streams churning, NEWNYM every 10 s for new circuits), then the exit on page 2.
// CPU over the window, RSS/RssAnon each second, PSS at the end, terminal bytes, rows with text.
// --profile exit|client: one extra ortop on the exit (page 1) or the client (page 2) under --cpu-prof,
// summarised after the warm-up (self time); with --runs 0 only that.
// Measures only: no pass/fail.

import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { connectNode, startNetwork, startTraffic, type TestNetwork, type Traffic } from '../test/net/index.js';
import {
  cpuPercent,
  createSandbox,
  ensureBuilt,
  formatNumber,
  formatTable,
  integerFlag,
  loadLines,
  median,
  nyxAbsentNote,
  nyxMonitor,
  nyxTakesPart,
  onCleanup,
  ortopMonitor,
  readLoadAvg,
  readPssBytes,
  runCleanups,
  sampleProcess,
  spawnInPty,
  TERMINAL,
  torVersion,
  watchScreen,
  type Monitor,
  type MonitorName,
  type ProcSample,
  type PtyProcess,
  type Sandbox,
  type ScreenWatch,
} from './lib/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROFILE_DIR = join(ROOT, 'bench/.cache/prof-scenarios');
// kcuf1 in application cursor mode (curses turns keypad mode on); blessed reads both forms.
const RIGHT_ARROW = '\x1bOC';
const PAGE2_SETTLE_MS = 10_000;
const NEWNYM_EVERY_MS = 10_000;
const MB = 1024 * 1024;

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '30' },
    stress: { type: 'boolean', default: false },
    'no-nyx': { type: 'boolean', default: false },
    /** 'exit' (page 1) or 'client' (page 2). */
    profile: { type: 'string' },
  },
});
const RUNS = integerFlag('runs', flags.runs, 0);
const SECONDS = integerFlag('seconds', flags.seconds, 5);
const WARMUP_MS = integerFlag('warmup', flags.warmup, 0) * 1000;
const withNyx = nyxTakesPart(flags['no-nyx']);

const SCENARIOS = ['idle', 'exit_p1', 'exit_p2', 'client_p2'] as const;
type Scenario = (typeof SCENARIOS)[number];
const SCENARIO_TEXT: Record<Scenario, string> = {
  idle: 'idle exit relay (no traffic), page 1',
  exit_p1: 'exit with traffic, page 1',
  exit_p2: 'exit with traffic, page 2',
  client_p2: 'busy client, page 2',
};

/** One monitor over one window. */
interface Window {
  readonly cpuPct: number;
  readonly rssMb: number;
  readonly anonMb: number;
  readonly pssMb: number;
  readonly kbPerMin: number;
  /** Screen rows with any text at the end of the window. */
  readonly rows: number;
}

interface Running {
  readonly name: MonitorName;
  readonly where: 'exit' | 'client';
  readonly pty: PtyProcess;
  readonly pid: number;
  readonly screen: ScreenWatch;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function sampleOrThrow(r: Running): ProcSample {
  const sample = sampleProcess(r.pid, performance.now());
  if (sample === undefined) throw new Error(`${r.name} on the ${r.where} (pid ${r.pid}) exited during the measurement`);
  return sample;
}

async function measureWindow(running: readonly Running[]): Promise<Window[]> {
  const before = running.map((r) => r.pty.outputBytes);
  const first = running.map(sampleOrThrow);
  const rss: number[][] = running.map(() => []);
  const anon: number[][] = running.map(() => []);
  const startMs = performance.now();
  for (let s = 0; s < SECONDS; s++) {
    await sleep(startMs + (s + 1) * 1000 - performance.now());
    running.forEach((r, i) => {
      const sample = sampleOrThrow(r);
      rss[i]!.push(sample.rssBytes / MB);
      anon[i]!.push((sample.anonBytes ?? Number.NaN) / MB);
    });
  }
  const last = running.map(sampleOrThrow);
  const minutes = (performance.now() - startMs) / 60_000;
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return running.map((r, i) => ({
    cpuPct: cpuPercent(first[i]!, last[i]!),
    rssMb: avg(rss[i]!),
    anonMb: avg(anon[i]!),
    pssMb: (readPssBytes(r.pid) ?? Number.NaN) / MB,
    kbPerMin: (r.pty.outputBytes - before[i]!) / 1024 / minutes,
    rows: r.screen.rows().filter((row) => row.trim() !== '').length,
  }));
}

async function startMonitor(monitor: Monitor, where: Running['where']): Promise<Running> {
  const pty = spawnInPty(monitor.command, monitor.args, { ...TERMINAL, env: monitor.env });
  onCleanup(() => pty.stop());
  const frame = watchScreen(pty, TERMINAL, monitor.isFullFrame, 30_000, `${monitor.name} on the ${where}`);
  // A second emulator that never matches, so it follows the screen to the end (rows, page 2).
  const screen = watchScreen(pty, TERMINAL, () => false, 24 * 3600_000, `${monitor.name} on the ${where} (live)`);
  onCleanup(() => {
    frame.dispose();
    screen.dispose();
  });
  const pid = await pty.childPid;
  await frame.match;
  frame.dispose();
  return { name: monitor.name, where, pty, pid, screen };
}

async function toPage2(running: readonly Running[]): Promise<void> {
  for (const r of running) r.pty.write(RIGHT_ARROW);
  const deadline = performance.now() + PAGE2_SETTLE_MS;
  for (const r of running) {
    while (!r.screen.rows().some((row) => /page 2 \/ \d/.test(row))) {
      if (performance.now() > deadline) throw new Error(`${r.name} on the ${r.where} did not reach page 2; screen:\n${r.screen.rows().join('\n').trimEnd()}`);
      await sleep(100);
    }
  }
}

/** Downloads through the client plus NEWNYM every 10 s, so the client's circuits and streams churn. */
async function startLoad(net: TestNetwork): Promise<{ traffic: Traffic; stop(): Promise<void> }> {
  const traffic = startTraffic({ socksPort: net.socksPort, httpHost: '127.0.0.1', httpPort: net.http.port }, { parallel: 3, bytesEach: 512 * 1024 });
  const controller = await connectNode(net.client);
  const timer = setInterval(() => void controller.request('SIGNAL NEWNYM').catch(() => undefined), NEWNYM_EVERY_MS);
  return {
    traffic,
    stop: async () => {
      clearInterval(timer);
      controller.close();
      await traffic.stop();
    },
  };
}

type RunResult = Map<string, Window>;
const key = (scenario: Scenario, name: MonitorName) => `${scenario}/${name}`;

async function oneRun(net: TestNetwork, sandbox: Sandbox, run: number): Promise<RunResult> {
  const result: RunResult = new Map();
  const names: MonitorName[] = withNyx ? ['ortop', 'nyx'] : ['ortop'];
  const monitorFor = (name: MonitorName, port: number) => (name === 'ortop' ? ortopMonitor(ROOT, port, sandbox) : nyxMonitor(port, sandbox));
  const exit: Running[] = [];
  const client: Running[] = [];
  for (const name of names) exit.push(await startMonitor(monitorFor(name, net.exit.tor.controlPort), 'exit'));
  for (const name of names) client.push(await startMonitor(monitorFor(name, net.client.tor.controlPort), 'client'));
  const note = (scenario: Scenario, windows: Window[], of: readonly Running[]) => {
    of.forEach((r, i) => result.set(key(scenario, r.name), windows[i]!));
    process.stderr.write(`run ${run}: ${scenario}: ${of.map((r, i) => `${r.name} ${formatNumber(windows[i]!.cpuPct, 2)} %`).join(', ')}\n`);
  };
  await sleep(WARMUP_MS);
  note('idle', await measureWindow(exit), exit);
  const load = await startLoad(net);
  try {
    await toPage2(client);
    await sleep(WARMUP_MS);
    const both = await measureWindow([...exit, ...client]);
    note('exit_p1', both.slice(0, exit.length), exit);
    note('client_p2', both.slice(exit.length), client);
    await toPage2(exit);
    await sleep(PAGE2_SETTLE_MS);
    note('exit_p2', await measureWindow(exit), exit);
    process.stderr.write(`run ${run}: traffic ${load.traffic.completed} downloads, ${load.traffic.failed} failed\n`);
  } finally {
    await load.stop();
    for (const r of [...exit, ...client]) {
      r.screen.dispose();
      await r.pty.stop();
    }
  }
  return result;
}

/** ortop alone on the exit (page 1) or client (page 2) under --cpu-prof, downloads flowing, for warm-up + SECONDS; self-time summary after the warm-up. */
async function profileOne(net: TestNetwork, sandbox: Sandbox, where: 'exit' | 'client'): Promise<string> {
  rmSync(PROFILE_DIR, { recursive: true, force: true });
  mkdirSync(PROFILE_DIR, { recursive: true });
  const load = await startLoad(net);
  try {
    const port = (where === 'exit' ? net.exit : net.client).tor.controlPort;
    const r = await startMonitor(ortopMonitor(ROOT, port, sandbox, ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`]), where);
    if (where === 'client') await toPage2([r]);
    await sleep(WARMUP_MS + SECONDS * 1000);
    r.screen.dispose();
    const stopped = await r.pty.stop(10_000);
    if (!readdirSync(PROFILE_DIR).some((f) => f.endsWith('.cpuprofile'))) return `profile: none written (ortop stopped by ${stopped.stoppedBy})`;
  } finally {
    await load.stop();
  }
  return execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/profile-summary.ts'), PROFILE_DIR, '25', String(WARMUP_MS + 2000)], { encoding: 'utf8' });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the monitors and the test network\n`);
    void runCleanups().finally(() => process.exit(130));
  });
}

const built = ensureBuilt(ROOT);
const loadBefore = readLoadAvg();
const mode = flags.stress ? 'testing-network events (CONN_BW, CELL_STATS on: stress)' : 'production events (TestingEnableConnBwEvent 0, TestingEnableCellStatsEvent 0)';
process.stderr.write(`dist/cli.js: ${built}; tor ${torVersion()}; ${mode}; starting the private test network\n`);

const runs: RunResult[] = [];
let profileText = '';
try {
  const net = await startNetwork({ events: { productionEvents: !flags.stress }, log: (line) => process.stderr.write(`net: ${line}\n`) });
  onCleanup(() => net.stop());
  const sandbox = await createSandbox();
  onCleanup(() => sandbox.remove());
  for (let run = 1; run <= RUNS; run++) runs.push(await oneRun(net, sandbox, run));
  if (RUNS === 0) process.stderr.write('--runs 0: profile only\n');
  if (flags.profile === 'exit' || flags.profile === 'client') profileText = await profileOne(net, sandbox, flags.profile);
  else if (flags.profile !== undefined) throw new Error(`--profile takes exit or client, not ${flags.profile}`);
} finally {
  await runCleanups();
}
const loadAfter = readLoadAvg();

const med = (scenario: Scenario, name: MonitorName, f: (w: Window) => number): number | undefined => {
  const values = runs.map((r) => r.get(key(scenario, name))).filter((w): w is Window => w !== undefined).map(f);
  return values.length === 0 ? undefined : median(values);
};
const METRICS: ReadonlyArray<readonly [string, (w: Window) => number, number]> = [
  ['cpu_pct', (w) => w.cpuPct, 2],
  ['rss_mb', (w) => w.rssMb, 1],
  ['anon_mb', (w) => w.anonMb, 1],
  ['pss_mb', (w) => w.pssMb, 1],
  ['kb_min', (w) => w.kbPerMin, 1],
  ['rows', (w) => w.rows, 0],
];
const tableRows: string[][] = [];
const values: string[] = [];
for (const scenario of SCENARIOS) {
  for (const name of ['ortop', 'nyx'] as const) {
    const cells = METRICS.map(([, f, d]) => formatNumber(med(scenario, name, f), d));
    if (med(scenario, name, (w) => w.cpuPct) !== undefined) tableRows.push([SCENARIO_TEXT[scenario], name, ...cells]);
    METRICS.forEach(([metric, f, d]) => {
      const v = med(scenario, name, f);
      values.push(`${scenario}_${name}_${metric}=${v === undefined ? '' : formatNumber(v, d)}`);
    });
  }
  const o = med(scenario, 'ortop', (w) => w.cpuPct);
  const n = med(scenario, 'nyx', (w) => w.cpuPct);
  if (o !== undefined && n !== undefined) tableRows.push([SCENARIO_TEXT[scenario], 'ortop/Nyx', formatNumber(o / n, 2), '', '', '', '', '']);
}
const out = [
  '',
  `Scenarios (issue 15), ${mode}; tor ${torVersion()}; ${RUNS} run(s), medians; ${WARMUP_MS / 1000} s warm-up, ${SECONDS} s windows;`,
  `ortop (node --optimize-for-size dist/cli.js) and Nyx attached IN PARALLEL to the same tor, ${TERMINAL.cols}x${TERMINAL.rows} ptys.`,
  'Traffic: 3 parallel downloads of 512 KiB through client -> exit; NEWNYM on the client every 10 s. The test network votes every 10 s (a consensus per 10 s, production: hourly).',
  'cpu % of one core over the window; rss/anon(RssAnon) mean of 1 s samples; pss at the window end; KiB/min written to the pty; rows = screen rows with text.',
  '',
  formatTable(['scenario', 'monitor', 'cpu %', 'RSS MB', 'RssAnon MB', 'PSS MB', 'KiB/min', 'rows'], tableRows),
];
if (!withNyx) out.push(nyxAbsentNote(flags['no-nyx']));
if (profileText !== '') out.push('', `--cpu-prof of ortop on the ${flags.profile} with traffic, page ${flags.profile === 'exit' ? 1 : 2}:`, profileText.trimEnd());
out.push(...loadLines(loadBefore, loadAfter));
out.push(values.join(' '));
process.stdout.write(`${out.join('\n')}\n`);
