// `npm run bench:bytes -- [--seconds 60] [--no-nyx]`: bytes ortop and Nyx write to their terminal per
// minute on page 1 and on page 2, both on 120x40 ptys attached IN PARALLEL to the exit relay of the
// private test network (test/net) while downloads run through it. Measures only: no pass/fail.

import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startNetwork, startTraffic, type TestNetwork, type Traffic } from '../test/net/index.js';
import {
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
  spawnInPty,
  TERMINAL,
  torVersion,
  watchScreen,
  type MonitorName,
  type PtyProcess,
  type ScreenPredicate,
  type ScreenWatch,
} from './lib/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// kcuf1 in application cursor mode (curses turns keypad mode on; Nyx reads ESC [ C as ESC, '[', 'C' = clear log); blessed reads both.
const RIGHT_ARROW = '\x1bOC';
/** After a page switch, the full redraw of the new page is left out of the count. */
const SETTLE_MS = 3_000;
// Both monitors' status line reads "page N / 5"; page 2 is the connections page in each.

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    'no-nyx': { type: 'boolean', default: false },
  },
});
const SECONDS = integerFlag('seconds', flags.seconds, 5);
const withNyx = nyxTakesPart(flags['no-nyx']);

interface PageBytes {
  readonly name: MonitorName;
  readonly page1KbPerMin: number;
  readonly page2KbPerMin: number;
  readonly switchBytes: number;
}

interface Running {
  readonly name: MonitorName;
  readonly pty: PtyProcess;
  readonly page2: ScreenWatch;
}

const isPage2: ScreenPredicate = (rows) => rows.some((r) => r.includes('page 2 / 5'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Bytes each monitor wrote during SECONDS, as KiB per minute. */
async function measureWindow(running: readonly Running[]): Promise<number[]> {
  const before = running.map((r) => r.pty.outputBytes);
  const startMs = performance.now();
  await sleep(SECONDS * 1000);
  const minutes = (performance.now() - startMs) / 60_000;
  return running.map((r, i) => (r.pty.outputBytes - before[i]!) / 1024 / minutes);
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
    const page2 = watchScreen(pty, TERMINAL, isPage2, 30_000 + SETTLE_MS * 2 + SECONDS * 2_000, `${monitor.name} page 2`);
    onCleanup(() => {
      frame.dispose();
      page2.dispose();
    });
    const r = { name: monitor.name, pty, page2 };
    const match = await frame.match;
    running.push(r);
    process.stderr.write(`${monitor.name} pid ${await pty.childPid}: first full frame after ${match.atMs.toFixed(0)} ms\n`);
  }
  await sleep(SETTLE_MS);
  process.stderr.write(`page 1: counting ${SECONDS} s\n`);
  const page1 = await measureWindow(running);
  const beforeSwitch = running.map((r) => r.pty.outputBytes);
  for (const r of running) r.pty.write(RIGHT_ARROW);
  await sleep(SETTLE_MS);
  for (const r of running) {
    const reached = await Promise.race([r.page2.match.then(() => true), sleep(1).then(() => false)]);
    if (!reached) throw new Error(`${r.name} did not show "page 2 / 5" ${SETTLE_MS} ms after Right; screen:\n${r.page2.rows().join('\n').trimEnd()}`);
  }
  const switchBytes = running.map((r, i) => r.pty.outputBytes - beforeSwitch[i]!);
  process.stderr.write(`page 2: counting ${SECONDS} s\n`);
  const page2 = await measureWindow(running);
  results = running.map((r, i) => ({ name: r.name, page1KbPerMin: page1[i]!, page2KbPerMin: page2[i]!, switchBytes: switchBytes[i]! }));
} finally {
  await runCleanups();
}

const loadAfter = readLoadAvg();
const get = (name: MonitorName) => results.find((r) => r.name === name);
const ortop = get('ortop');
const nyx = get('nyx');
const out = [
  '',
  `Terminal bytes: ${SECONDS} s on page 1, then Right arrow, ${SETTLE_MS / 1000} s left out, ${SECONDS} s on page 2; ${TERMINAL.cols}x${TERMINAL.rows} ptys,`,
  `both monitors IN PARALLEL on the exit relay of the private test network (tor ${torVersion()}), 2 downloads of 1 MiB at a time through it.`,
  `Traffic: ${traffic?.completed ?? 0} downloads, ${formatNumber((traffic?.bytes ?? 0) / 1024 / 1024, 1)} MiB, ${traffic?.failed ?? 0} failed.`,
  '',
  formatTable(
    ['monitor', 'page 1 KiB/min', 'page 2 KiB/min', 'page switch bytes'],
    results.map((r) => [r.name, formatNumber(r.page1KbPerMin, 1), formatNumber(r.page2KbPerMin, 1), String(r.switchBytes)]),
  ),
];
if (!withNyx) out.push(nyxAbsentNote(flags['no-nyx']));
out.push(...loadLines(loadBefore, loadAfter));
out.push(
  `ortop_page1_kb_min=${formatNumber(ortop?.page1KbPerMin, 1)} ortop_page2_kb_min=${formatNumber(ortop?.page2KbPerMin, 1)} nyx_page1_kb_min=${nyx === undefined ? '' : formatNumber(nyx.page1KbPerMin, 1)} nyx_page2_kb_min=${nyx === undefined ? '' : formatNumber(nyx.page2KbPerMin, 1)}`,
);
process.stdout.write(`${out.join('\n')}\n`);
