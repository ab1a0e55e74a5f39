// `npm run bench:bytes -- [--seconds 60] [--warmup 30] [--no-nyx]`: bytes ortop and Nyx write to their
// terminal per minute on page 1 and on page 2, and their CPU and RSS meanwhile (the "idle with
// traffic" numbers), both on 120x40 ptys attached IN PARALLEL to the exit relay of the private test
// network (test/net) while downloads run through it. Page 1 is counted from --warmup seconds after
// the first full frames, page 2 from 10 s after the switch. Measures only: no pass/fail.

import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startNetwork, startTraffic, type TestNetwork, type Traffic } from '../test/net/index.js';
import {
  cpuPercent,
  createSandbox,
  ensureBuilt,
  formatNumber,
  formatTable,
  integerFlag,
  loadLines,
  nyxAbsentNote,
  nyxMonitor,
  nyxTakesPart,
  onCleanup,
  ortopMonitor,
  readLoadAvg,
  runCleanups,
  sampleProcess,
  spawnInPty,
  TERMINAL,
  torVersion,
  watchScreen,
  type MonitorName,
  type ProcSample,
  type PtyProcess,
  type ScreenPredicate,
  type ScreenWatch,
} from './lib/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// kcuf1 in application cursor mode (curses turns keypad mode on; Nyx reads ESC [ C as ESC, '[', 'C' = clear log); blessed reads both.
const RIGHT_ARROW = '\x1bOC';
/** After a page switch, the full redraw of the new page is left out of the count. */
const SETTLE_MS = 3_000;
// Both monitors' status line reads "page N / M"; page 2 is the connections page in each.

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '30' },
    'no-nyx': { type: 'boolean', default: false },
  },
});
const SECONDS = integerFlag('seconds', flags.seconds, 5);
const WARMUP_MS = integerFlag('warmup', flags.warmup, 0) * 1000;
/** After the switch to page 2: its first full frame and first socket reading are left out. */
const PAGE2_SETTLE_MS = 10_000;
const withNyx = nyxTakesPart(flags['no-nyx']);

const MB = 1024 * 1024;

/** One monitor over one counting window. */
interface Window {
  readonly kbPerMin: number;
  readonly cpuPct: number;
  readonly rssMeanMb: number;
  readonly rssMaxMb: number;
  /** Mean RssAnon (heap, stacks), see proc-sample.ts. */
  readonly anonMeanMb: number;
}

interface PageBytes {
  readonly name: MonitorName;
  readonly page1: Window;
  readonly page2: Window;
  readonly switchBytes: number;
}

interface Running {
  readonly name: MonitorName;
  readonly pty: PtyProcess;
  readonly pid: number;
  readonly page2: ScreenWatch;
}

const isPage2: ScreenPredicate = (rows) => rows.some((r) => /page 2 \/ \d/.test(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sampleOrThrow(r: Running): ProcSample {
  const sample = sampleProcess(r.pid, performance.now());
  if (sample === undefined) throw new Error(`${r.name} (pid ${r.pid}) exited during the measurement`);
  return sample;
}

/** Bytes each monitor wrote during SECONDS (KiB per minute), its CPU over the window and its RSS sampled once a second. */
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
  return running.map((r, i) => ({
    kbPerMin: (r.pty.outputBytes - before[i]!) / 1024 / minutes,
    cpuPct: cpuPercent(first[i]!, last[i]!),
    rssMeanMb: rss[i]!.reduce((a, b) => a + b, 0) / rss[i]!.length,
    rssMaxMb: Math.max(...rss[i]!),
    anonMeanMb: anon[i]!.reduce((a, b) => a + b, 0) / anon[i]!.length,
  }));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the monitors and the test network\n`);
    void runCleanups().finally(() => process.exit(130));
  });
}

const built = ensureBuilt(ROOT);
const loadBefore = readLoadAvg();
process.stderr.write(`dist/cli.js: ${built}; tor ${torVersion()}; starting the private test network (~30-40 s)\n`);

let net: TestNetwork | undefined;
let traffic: Traffic | undefined;
let results: PageBytes[];
try {
  net = await startNetwork({ log: (line) => process.stderr.write(`net: ${line}\n`) });
  const started = net;
  onCleanup(() => started.stop());
  traffic = startTraffic({ socksPort: net.socksPort, httpHost: '127.0.0.1', httpPort: net.http.port }, { parallel: 2, bytesEach: 1024 * 1024 });
  const flowing = traffic;
  onCleanup(() => flowing.stop());

  const sandbox = await createSandbox();
  onCleanup(() => sandbox.remove());
  const port = net.exit.tor.controlPort;
  const monitors = [ortopMonitor(ROOT, port, sandbox)];
  if (withNyx) monitors.push(nyxMonitor(port, sandbox));
  const running: Running[] = [];
  for (const monitor of monitors) {
    const pty = spawnInPty(monitor.command, monitor.args, { ...TERMINAL, env: monitor.env });
    onCleanup(() => pty.stop());
    // Two emulators from the first byte on: one for the first full frame, one to see page 2 reached.
    const frame = watchScreen(pty, TERMINAL, monitor.isFullFrame, 30_000, monitor.name);
    const page2 = watchScreen(pty, TERMINAL, isPage2, 30_000 + WARMUP_MS + SETTLE_MS + PAGE2_SETTLE_MS + SECONDS * 2_000, `${monitor.name} page 2`);
    onCleanup(() => {
      frame.dispose();
      page2.dispose();
    });
    const r = { name: monitor.name, pty, pid: await pty.childPid, page2 };
    const match = await frame.match;
    running.push(r);
    process.stderr.write(`${monitor.name} pid ${r.pid}: first full frame after ${match.atMs.toFixed(0)} ms\n`);
  }
  await sleep(Math.max(SETTLE_MS, WARMUP_MS));
  process.stderr.write(`page 1: counting ${SECONDS} s\n`);
  const page1 = await measureWindow(running);
  const beforeSwitch = running.map((r) => r.pty.outputBytes);
  for (const r of running) r.pty.write(RIGHT_ARROW);
  await sleep(SETTLE_MS);
  for (const r of running) {
    const reached = await Promise.race([r.page2.match.then(() => true), sleep(1).then(() => false)]);
    if (!reached) throw new Error(`${r.name} did not show "page 2 / N" ${SETTLE_MS} ms after Right; screen:\n${r.page2.rows().join('\n').trimEnd()}`);
  }
  const switchBytes = running.map((r, i) => r.pty.outputBytes - beforeSwitch[i]!);
  await sleep(PAGE2_SETTLE_MS - SETTLE_MS);
  process.stderr.write(`page 2: counting ${SECONDS} s\n`);
  const page2 = await measureWindow(running);
  results = running.map((r, i) => ({ name: r.name, page1: page1[i]!, page2: page2[i]!, switchBytes: switchBytes[i]! }));
} finally {
  await runCleanups();
}

const loadAfter = readLoadAvg();
const get = (name: MonitorName) => results.find((r) => r.name === name);
const ortop = get('ortop');
const nyx = get('nyx');
const out = [
  '',
  `Terminal bytes, CPU (% of one core, over the window) and RSS (sampled each second): ${Math.max(SETTLE_MS, WARMUP_MS) / 1000} s warm-up,`,
  `${SECONDS} s on page 1, then Right arrow, ${PAGE2_SETTLE_MS / 1000} s left out, ${SECONDS} s on page 2; ${TERMINAL.cols}x${TERMINAL.rows} ptys,`,
  `both monitors IN PARALLEL on the exit relay of the private test network (tor ${torVersion()}), 2 downloads of 1 MiB at a time through it.`,
  `Traffic: ${traffic?.completed ?? 0} downloads, ${formatNumber((traffic?.bytes ?? 0) / 1024 / 1024, 1)} MiB, ${traffic?.failed ?? 0} failed.`,
  '',
  formatTable(
    ['monitor', 'page', 'KiB/min', 'cpu %', 'rss mean MB', 'rss max MB', 'anon MB'],
    results.flatMap((r) =>
      ([['1', r.page1], ['2', r.page2]] as const).map(([page, w]) => [r.name, page, formatNumber(w.kbPerMin, 1), formatNumber(w.cpuPct, 2), formatNumber(w.rssMeanMb, 1), formatNumber(w.rssMaxMb, 1), formatNumber(w.anonMeanMb, 1)]),
    ),
  ),
  `page switch bytes: ${results.map((r) => `${r.name} ${r.switchBytes}`).join(', ')}`,
  "anon MB = RssAnon (heap, stacks); RSS also counts the file-backed pages of node's or python's own binary.",
];
if (!withNyx) out.push(nyxAbsentNote(flags['no-nyx']));
out.push(...loadLines(loadBefore, loadAfter));
/** key=value pairs for bench/all.ts; Nyx's are empty when it did not run. */
function values(prefix: string, r: PageBytes | undefined): string {
  const f = (n: number | undefined, d: number) => (n === undefined ? '' : formatNumber(n, d));
  return [
    `${prefix}page1_kb_min=${f(r?.page1.kbPerMin, 1)}`,
    `${prefix}page2_kb_min=${f(r?.page2.kbPerMin, 1)}`,
    `${prefix}page1_cpu_pct=${f(r?.page1.cpuPct, 2)}`,
    `${prefix}page2_cpu_pct=${f(r?.page2.cpuPct, 2)}`,
    `${prefix}rss_mb=${r === undefined ? '' : formatNumber((r.page1.rssMeanMb + r.page2.rssMeanMb) / 2, 1)}`,
    `${prefix}rss_max_mb=${f(r === undefined ? undefined : Math.max(r.page1.rssMaxMb, r.page2.rssMaxMb), 1)}`,
    `${prefix}anon_mb=${r === undefined ? '' : formatNumber((r.page1.anonMeanMb + r.page2.anonMeanMb) / 2, 1)}`,
  ].join(' ');
}
out.push(`${values('ortop_', ortop)} ${values('nyx_', nyx)}`);
process.stdout.write(`${out.join('\n')}\n`);
