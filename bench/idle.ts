// `npm run bench:idle -- [--seconds 60] [--warmup 30]`: CPU% (of one core) and RSS of ortop's node
// process and of Nyx's python process, both attached IN PARALLEL to the same real tor on 120x40 ptys,
// sampled once a second from /proc/<pid>/stat and /proc/<pid>/status, starting --warmup seconds after
// both have drawn their first full frame (a monitor runs for months: start-up work and JIT compiling
// are the start-up benchmark's business). Measures only: no pass/fail. Also --no-nyx.

import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
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
  max,
  mean,
  min,
  nyxAbsentNote,
  nyxMonitor,
  nyxTakesPart,
  onCleanup,
  ortopMonitor,
  readLoadAvg,
  sampleProcess,
  startMonitor,
  TERMINAL,
  torVersion,
  withBenchTor,
  type MonitorName,
  type ProcSample,
  type RunningMonitor,
} from './lib/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;
const FLAT_WINDOW_S = 30;
const FLAT_SPREAD_MB = 2;

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '30' },
    'no-nyx': { type: 'boolean', default: false },
  },
});
const SECONDS = integerFlag('seconds', flags.seconds, 2);
const WARMUP_SECONDS = integerFlag('warmup', flags.warmup, 0);
const withNyx = nyxTakesPart(flags['no-nyx']);

interface Series {
  readonly name: MonitorName;
  readonly pid: number;
  readonly samples: ProcSample[];
  readonly outputBytes: number[];
  readonly running: RunningMonitor;
  stoppedBy?: string;
}

interface Summary {
  readonly cpuPct: number;
  readonly cpuMaxPct: number;
  readonly rssMeanMb: number;
  readonly rssMinMb: number;
  readonly rssMaxMb: number;
  readonly tailSpreadMb: number;
  /** Mean RssAnon (heap, stacks), NaN where the kernel does not report it. */
  readonly anonMeanMb: number;
  readonly ttyBytesPerSec: number;
  readonly samples: number;
}

function summarise(series: Series): Summary {
  const s = series.samples;
  const first = s[0]!;
  const last = s[s.length - 1]!;
  const cpuPct = cpuPercent(first, last);
  const perSecond = s.slice(1).map((x, i) => cpuPercent(s[i]!, x));
  const rss = s.map((x) => x.rssBytes / MB);
  const tail = s.filter((x) => x.atMs >= last.atMs - FLAT_WINDOW_S * 1000).map((x) => x.rssBytes / MB);
  const bytes = series.outputBytes;
  return {
    cpuPct,
    cpuMaxPct: max(perSecond),
    rssMeanMb: mean(rss),
    rssMinMb: min(rss),
    rssMaxMb: max(rss),
    tailSpreadMb: max(tail) - min(tail),
    anonMeanMb: mean(s.map((x) => (x.anonBytes ?? Number.NaN) / MB)),
    ttyBytesPerSec: (bytes[bytes.length - 1]! - bytes[0]!) / ((last.atMs - first.atMs) / 1000),
    samples: s.length,
  };
}

const built = ensureBuilt(ROOT);
const loadBefore = readLoadAvg();
process.stderr.write(`dist/cli.js: ${built}; tor ${torVersion()}; ${describeMachine()}\n`);

const results = await withBenchTor(async (tor) => {
  const sandbox = await createSandbox();
  onCleanup(() => sandbox.remove());
  const monitors = [ortopMonitor(ROOT, tor.controlPort, sandbox)];
  if (withNyx) monitors.push(nyxMonitor(tor.controlPort, sandbox));

  const series: Series[] = [];
  for (const monitor of monitors) {
    const running = await startMonitor(monitor);
    series.push({ name: monitor.name, pid: running.pid, samples: [], outputBytes: [], running });
    process.stderr.write(`${monitor.name} pid ${running.pid}: first full frame after ${running.frame.atMs.toFixed(0)} ms\n`);
  }
  process.stderr.write(`tor pid ${tor.pid}, control port ${tor.controlPort}; ${WARMUP_SECONDS} s warm-up, then sampling ${series.map((s) => s.name).join(' and ')} for ${SECONDS} s\n`);
  await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));

  await everySecond(SECONDS, (k) => {
    for (const s of series) {
      const sample = sampleProcess(s.pid, performance.now());
      if (sample === undefined) throw new Error(`${s.name} (pid ${s.pid}) exited during the idle window`);
      s.samples.push(sample);
      s.outputBytes.push(s.running.pty.outputBytes);
    }
    if (k > 0 && k % 10 === 0) {
      process.stderr.write(`${k}/${SECONDS} s: ${series.map((s) => `${s.name} ${formatNumber(summarise(s).cpuPct, 2)}% ${formatNumber(s.samples[s.samples.length - 1]!.rssBytes / MB, 1)} MB`).join(', ')}\n`);
    }
  });
  for (const s of series) s.stoppedBy = (await s.running.stop()).stoppedBy;
  return series.map((s) => ({ name: s.name, pid: s.pid, stoppedBy: s.stoppedBy, summary: summarise(s) }));
});

const loadAfter = readLoadAvg();
const rows = results.map((r) => [
  r.name,
  String(r.summary.samples),
  formatNumber(r.summary.cpuPct, 2),
  formatNumber(r.summary.cpuMaxPct, 1),
  formatNumber(r.summary.rssMeanMb, 1),
  formatNumber(r.summary.rssMinMb, 1),
  formatNumber(r.summary.rssMaxMb, 1),
  `${formatNumber(r.summary.tailSpreadMb, 2)} ${r.summary.tailSpreadMb <= FLAT_SPREAD_MB ? 'flat' : 'NOT flat'}`,
  formatNumber(r.summary.anonMeanMb, 1),
  formatNumber(r.summary.ttyBytesPerSec, 0),
]);
const get = (name: MonitorName) => results.find((r) => r.name === name)?.summary;
const ortop = get('ortop');
const nyx = get('nyx');
const out = [
  '',
  `Idle: ${SECONDS} s attached to a real tor ${torVersion()} (relay, DisableNetwork 1), ${TERMINAL.cols}x${TERMINAL.rows} pty, both monitors IN PARALLEL on the same tor,`,
  `sampled once a second from /proc/<pid>/stat and /status of the monitor process itself (node / python), from ${WARMUP_SECONDS} s after the first full frames.`,
  'Traffic: NONE. DisableNetwork 1 means no circuits, connections or bytes; tor still sends a BW event (0 0) every second to',
  'whoever subscribed. For a relay WITH traffic (the private test network), see `npm run bench:bytes`.',
  "anon MB = RssAnon (heap, stacks): RSS also counts the file-backed pages of the interpreter's own binary (node ~34 MB,",
  'python ~7 MB), shared with every other process running it.',
  '',
  formatTable(
    ['monitor', 'samples', 'cpu% mean', 'cpu% max 1s', 'rss MB mean', 'min', 'max', `last ${FLAT_WINDOW_S}s max-min`, 'anon MB', 'tty B/s'],
    rows,
  ),
  '',
  `cpu% = (utime+stime delta) / wall over the whole window, of one core; MB = MiB; "flat" = RSS spread over the last ${FLAT_WINDOW_S} s <= ${FLAT_SPREAD_MB} MB.`,
];
if (!withNyx) out.push(nyxAbsentNote(flags['no-nyx']));
out.push(...loadLines(loadBefore, loadAfter));
out.push(
  `cpu_pct=${formatNumber(ortop?.cpuPct, 2)} rss_mb=${formatNumber(ortop?.rssMeanMb, 1)} anon_mb=${formatNumber(ortop?.anonMeanMb, 1)} nyx_cpu_pct=${nyx === undefined ? '' : formatNumber(nyx.cpuPct, 2)} nyx_rss_mb=${nyx === undefined ? '' : formatNumber(nyx.rssMeanMb, 1)} nyx_anon_mb=${nyx === undefined ? '' : formatNumber(nyx.anonMeanMb, 1)}`,
);
process.stdout.write(`${out.join('\n')}\n`);
