// `npm run bench:startup`: time from process start (the fork on a 120x40 pty) to the first full frame
// (tor's uptime in the header AND the "page 1 / N" status line, read back through a terminal emulator),
// for ortop and Nyx against the same real tor in the same run. Measures only: no pass/fail on timings.
// Flags: --runs N (default 10), --no-nyx, --profile (one extra ortop run under --cpu-prof, summarised).

import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createSandbox,
  describeMachine,
  ensureBuilt,
  formatNumber,
  formatTable,
  max,
  median,
  min,
  integerFlag,
  loadLines,
  nyxAbsentNote,
  nyxMonitor,
  nyxTakesPart,
  onCleanup,
  ortopMonitor,
  readLoadAvg,
  startMonitor,
  TERMINAL,
  timeFirstFrame,
  torVersion,
  withBenchTor,
  type FrameTiming,
  type Monitor,
  type MonitorName,
} from './lib/index.js';
import { summariseStartupProfile } from './lib/startup-profile.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROFILE_DIR = join(ROOT, 'bench/.cache/startup-prof');

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    'no-nyx': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const RUNS = integerFlag('runs', flags.runs, 1);
const withNyx = nyxTakesPart(flags['no-nyx']);

const built = ensureBuilt(ROOT);
const loadBefore = readLoadAvg();
process.stderr.write(`dist/cli.js: ${built}; tor ${torVersion()}; ${describeMachine()}\n`);

const timings = new Map<MonitorName, FrameTiming[]>([
  ['ortop', []],
  ['nyx', []],
]);

await withBenchTor(async (tor) => {
  const sandbox = await createSandbox();
  onCleanup(() => sandbox.remove());
  const monitors: Monitor[] = [ortopMonitor(ROOT, tor.controlPort, sandbox)];
  if (withNyx) monitors.push(nyxMonitor(tor.controlPort, sandbox));

  process.stderr.write(`tor pid ${tor.pid}, control port ${tor.controlPort}; warm-up run of each (not counted)\n`);
  for (const monitor of monitors) await timeFirstFrame(monitor);

  for (let run = 0; run < RUNS; run++) {
    // Alternate the order so that neither monitor always runs right after the other.
    const order = run % 2 === 0 ? monitors : [...monitors].reverse();
    const line: string[] = [];
    for (const monitor of order) {
      const timing = await timeFirstFrame(monitor);
      timings.get(monitor.name)!.push(timing);
      line.push(`${monitor.name} ${timing.fullFrameMs.toFixed(0)} ms${timing.stoppedBy === 'SIGKILL' ? ' (needed SIGKILL)' : ''}`);
    }
    process.stderr.write(`run ${run + 1}/${RUNS}: ${line.join(', ')}\n`);
  }

  if (flags.profile) {
    rmSync(PROFILE_DIR, { recursive: true, force: true });
    mkdirSync(PROFILE_DIR, { recursive: true });
    const profiled = ortopMonitor(ROOT, tor.controlPort, sandbox, ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`]);
    const running = await startMonitor(profiled);
    const stopped = await running.stop();
    const file = readdirSync(PROFILE_DIR).find((f) => f.endsWith('.cpuprofile'));
    if (file === undefined) {
      process.stdout.write(`\nprofile: ortop wrote no .cpuprofile (stopped by ${stopped.stoppedBy}; node writes it only on a clean exit)\n`);
    } else {
      process.stdout.write(
        `\n${summariseStartupProfile(join(PROFILE_DIR, file), {
          forkMonotonicNs: running.pty.forkMonotonicNs,
          fullFrameMs: running.frame.atMs,
          uiDrawnMs: running.uiDrawnMs,
          firstByteMs: running.firstByteMs,
        })}\n`,
      );
    }
  }
});

const loadAfter = readLoadAvg();
const rows = [...timings.entries()]
  .filter(([, list]) => list.length > 0)
  .map(([name, list]) => {
    const full = list.map((t) => t.fullFrameMs);
    const pick = (f: (t: FrameTiming) => number | undefined) => list.map(f).filter((v): v is number => v !== undefined);
    return [
      name,
      String(list.length),
      formatNumber(median(full)),
      formatNumber(min(full)),
      formatNumber(max(full)),
      formatNumber(median(pick((t) => t.firstByteMs))),
      formatNumber(median(pick((t) => t.uiDrawnMs))),
      String(list.filter((t) => t.stoppedBy === 'SIGKILL').length),
    ];
  });

const ortopMs = median((timings.get('ortop') ?? []).map((t) => t.fullFrameMs));
const nyxMs = median((timings.get('nyx') ?? []).map((t) => t.fullFrameMs));
const out: string[] = [
  '',
  `Startup to first full frame: ${TERMINAL.cols}x${TERMINAL.rows} pty, TERM=xterm-256color, real tor ${torVersion()} (relay, DisableNetwork 1), ${RUNS} runs each after one warm-up, ms from fork`,
  '"full frame" = tor uptime in the header and "page 1 / N" on screen; "UI drawn" = status line alone; "first byte" = first pty output',
  '',
  formatTable(['monitor', 'runs', 'median', 'min', 'max', 'first byte', 'UI drawn', 'SIGKILLed'], rows),
  '',
];
if (!withNyx) out.push(nyxAbsentNote(flags['no-nyx']));
else out.push(`ortop / Nyx = ${formatNumber(ortopMs / nyxMs, 2)} (project goal: at most 0.50)`);
out.push(...loadLines(loadBefore, loadAfter));
out.push(`startup_ms=${formatNumber(ortopMs)} nyx_startup_ms=${withNyx ? formatNumber(nyxMs) : ''}`);
process.stdout.write(`${out.join('\n')}\n`);
