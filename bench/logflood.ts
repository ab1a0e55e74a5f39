// `npm run bench:logflood -- [--seconds 60] [--rate 10000] [--no-nyx] [--ortop-config 'key value']…`: a fake tor control port
// (FakeTor over TCP on 127.0.0.1, NULL auth) floods DEBUG log events at --rate per second; ortop
// (`-l DEBUG-ERR,…`) and Nyx (`-l DEBUG,…`) attach to it IN PARALLEL on 120x40 ptys. Reports each
// monitor's average CPU (of one core), peak RSS, whether RSS is flat over the last 30 s, frames
// drawn per second (ortop: blessed's save-cursor per draw; Nyx: tty writes), and how much of the
// stream each left unread. Measures only: no pass/fail.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  runCleanups,
  sampleProcess,
  startMonitor,
  TERMINAL,
  type Monitor,
  type MonitorName,
  type ProcSample,
  type RunningMonitor,
} from './lib/index.js';
import { startFloodPort } from './logflood-port.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;
const FLAT_WINDOW_S = 30;

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '10000' },
    'no-nyx': { type: 'boolean', default: false },
    /** Extra ortop config lines (nyxrc syntax), e.g. --ortop-config 'show_interpreter false'. */
    'ortop-config': { type: 'string', multiple: true, default: [] },
  },
});
const SECONDS = integerFlag('seconds', flags.seconds, 5);
const RATE = integerFlag('rate', flags.rate, 100);
const withNyx = nyxTakesPart(flags['no-nyx']);

interface Series {
  readonly name: MonitorName;
  readonly pid: number;
  readonly running: RunningMonitor;
  readonly samples: ProcSample[];
  /** Draws (ortop) or tty writes (Nyx) per second of the flood. */
  readonly framesPerSecond: number[];
  readonly ttyBytesPerSecond: number[];
  frames: number;
  writes: number;
  bytes: number;
}

function countFrames(series: Series): void {
  // blessed starts every draw that changes cells with save-cursor (ESC 7); count across chunk edges.
  let carry = '';
  series.running.pty.onChunk((chunk) => {
    const text = carry + chunk.bytes.toString('latin1');
    let from = 0;
    for (;;) {
      const i = text.indexOf('\x1b7', from);
      if (i < 0) break;
      series.frames++;
      from = i + 2;
    }
    carry = text.endsWith('\x1b') ? '\x1b' : '';
    series.writes++;
    series.bytes += chunk.bytes.length;
  });
}

function slopeMbPerMin(samples: readonly ProcSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const xs = samples.map((s) => s.atMs / 60_000);
  const ys = samples.map((s) => s.rssBytes / MB);
  const mx = mean(xs);
  const my = mean(ys);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

function summarise(s: Series) {
  const first = s.samples[0]!;
  const last = s.samples[s.samples.length - 1]!;
  const cpuPct = cpuPercent(first, last);
  const tail = s.samples.filter((x) => x.atMs >= last.atMs - FLAT_WINDOW_S * 1000);
  const rssTail = tail.map((x) => x.rssBytes / MB);
  return {
    cpuPct,
    rssPeakMb: max(s.samples.map((x) => x.rssBytes / MB)),
    rssStartMb: first.rssBytes / MB,
    tailSpreadMb: max(rssTail) - min(rssTail),
    tailSlope: slopeMbPerMin(tail),
    fpsMax: max(s.framesPerSecond),
    fpsMean: mean(s.framesPerSecond),
    ttyKbPerSec: mean(s.ttyBytesPerSecond) / 1024,
    /** RSS every 5 s of the flood, MB. */
    rssEvery5s: s.samples.filter((_, i) => i % 5 === 0).map((x) => Math.round(x.rssBytes / MB)),
    /** Largest RSS in the first and the second half of the flood: no growth means the second is not above the first. */
    rssMaxHalvesMb: [max(s.samples.slice(0, s.samples.length >> 1).map((x) => x.rssBytes / MB)), max(s.samples.slice(s.samples.length >> 1).map((x) => x.rssBytes / MB))] as const,
  };
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the monitors and the control port\n`);
    void runCleanups().finally(() => process.exit(130));
  });
}

const built = ensureBuilt(ROOT);
const loadBefore = readLoadAvg();
process.stderr.write(`dist/cli.js: ${built}; ${describeMachine()}\n`);

const port = await startFloodPort({ pid: process.pid });
onCleanup(() => port.close());
const sandbox = await createSandbox();
onCleanup(() => sandbox.remove());

// The config may turn pages off ("page 1 / 4"): wait for any page count.
const anyPageCount = (rows: readonly string[]) => rows.some((r) => /page 1 \/ \d/.test(r));
const withArgs = (m: Monitor, extra: readonly string[]): Monitor => ({
  ...m,
  args: [...m.args, ...extra],
  isUiDrawn: anyPageCount,
  isFullFrame: (rows) => anyPageCount(rows) && rows.some((r) => /\buptime: \d/.test(r)),
});
const ortopArgs = ['-l', 'DEBUG-ERR,ORTOP_NOTICE-ORTOP_ERR'];
const configLines = flags['ortop-config'] ?? [];
if (configLines.length > 0) {
  const file = join(sandbox.home, 'ortoprc');
  await writeFile(file, `${configLines.join('\n')}\n`);
  ortopArgs.push('-c', file);
}
const monitors: Monitor[] = [withArgs(ortopMonitor(ROOT, port.port, sandbox), ortopArgs)];
if (withNyx) monitors.push(withArgs(nyxMonitor(port.port, sandbox), ['-l', 'DEBUG,INFO,NOTICE,WARN,ERR,NYX_NOTICE,NYX_WARNING,NYX_ERROR']));

const results: Array<{ name: MonitorName; summary: ReturnType<typeof summarise>; maxBacklogKb: number; stoppedBy: string }> = [];
let sent = 0;
try {
  const series: Series[] = [];
  for (const monitor of monitors) {
    const running = await startMonitor(monitor);
    const s: Series = { name: monitor.name, pid: running.pid, running, samples: [], framesPerSecond: [], ttyBytesPerSecond: [], frames: 0, writes: 0, bytes: 0 };
    countFrames(s);
    series.push(s);
    process.stderr.write(`${monitor.name} pid ${running.pid}: first full frame after ${running.frame.atMs.toFixed(0)} ms\n`);
  }
  const deadline = Date.now() + 15_000;
  while (port.subscribers < series.length) {
    if (Date.now() > deadline) throw new Error(`only ${port.subscribers} of ${series.length} monitors subscribed to DEBUG`);
    await new Promise((r) => setTimeout(r, 100));
  }
  process.stderr.write(`flooding ${RATE} DEBUG events/s for ${SECONDS} s to ${series.map((s) => s.name).join(' and ')} (port ${port.port})\n`);
  const maxBacklog = series.map(() => 0);
  port.startFlood(RATE);
  await everySecond(SECONDS, (k) => {
    port.backlogs().forEach((b, i) => (maxBacklog[i] = Math.max(maxBacklog[i] ?? 0, b)));
    for (const s of series) {
      const sample = sampleProcess(s.pid, performance.now());
      if (sample === undefined) throw new Error(`${s.name} (pid ${s.pid}) exited during the flood`);
      s.samples.push(sample);
      if (k > 0) {
        s.framesPerSecond.push(s.name === 'ortop' ? s.frames : s.writes);
        s.ttyBytesPerSecond.push(s.bytes);
      }
      s.frames = 0;
      s.writes = 0;
      s.bytes = 0;
    }
    if (k > 0 && k % 10 === 0) {
      process.stderr.write(`${k}/${SECONDS} s: ${series.map((s) => `${s.name} ${formatNumber(summarise(s).cpuPct, 1)}% ${formatNumber(s.samples.at(-1)!.rssBytes / MB, 1)} MB`).join(', ')}; unread ${port.backlogs().map((b) => `${Math.round(b / 1024)} KB`).join(', ')}\n`);
    }
  });
  port.stopFlood();
  sent = port.sent;
  for (const [i, s] of series.entries()) {
    const stoppedBy = (await s.running.stop()).stoppedBy;
    results.push({ name: s.name, summary: summarise(s), maxBacklogKb: (maxBacklog[i] ?? 0) / 1024, stoppedBy });
  }
} finally {
  await runCleanups();
}

const loadAfter = readLoadAvg();
const rows = results.map((r) => [
  r.name,
  formatNumber(r.summary.cpuPct, 1),
  formatNumber(r.summary.rssStartMb, 1),
  formatNumber(r.summary.rssPeakMb, 1),
  `${formatNumber(r.summary.tailSpreadMb, 1)} / ${formatNumber(r.summary.tailSlope, 2)}`,
  formatNumber(r.summary.fpsMax, 0),
  formatNumber(r.summary.fpsMean, 1),
  formatNumber(r.summary.ttyKbPerSec, 0),
  formatNumber(r.maxBacklogKb, 0),
]);
const out = [
  '',
  `Log flood: ${RATE} DEBUG events/s for ${SECONDS} s (${sent} sent) from a fake control port (FakeTor over TCP, NULL auth) + one BW a second,`,
  `both monitors IN PARALLEL on ${TERMINAL.cols}x${TERMINAL.rows} ptys, logging DEBUG-ERR; sampled once a second from /proc/<pid>/stat and /status.`,
  `ortop config: ${configLines.length === 0 ? 'defaults' : configLines.join('; ')}`,
  '',
  formatTable(['monitor', 'cpu% mean', 'rss MB start', 'rss MB peak', `last ${FLAT_WINDOW_S}s spread MB / slope MB/min`, 'frames/s max', 'frames/s mean', 'tty KB/s', 'max unread KB'], rows),
  '',
  'frames/s: ortop = draws that changed the screen (blessed writes ESC 7 once per draw; redraws are coalesced to at most one per 40 ms);',
  '          Nyx = tty writes per second (curses has no per-frame marker; an upper bound on its frames).',
  'max unread KB: bytes the control port had queued for the monitor and it had not read yet (0 = kept up).',
  ...results.map((r) => `${r.name} RSS every 5 s (MB): ${r.summary.rssEvery5s.join(' ')}; max first half ${formatNumber(r.summary.rssMaxHalvesMb[0], 1)}, second half ${formatNumber(r.summary.rssMaxHalvesMb[1], 1)}`),
];
if (!withNyx) out.push(nyxAbsentNote(flags['no-nyx']));
out.push(...loadLines(loadBefore, loadAfter));
const o = results.find((r) => r.name === 'ortop')?.summary;
const n = results.find((r) => r.name === 'nyx')?.summary;
out.push(
  `cpu_pct=${formatNumber(o?.cpuPct, 1)} rss_peak_mb=${formatNumber(o?.rssPeakMb, 1)} rss_tail_slope_mb_min=${formatNumber(o?.tailSlope, 2)} fps_max=${formatNumber(o?.fpsMax, 0)} nyx_cpu_pct=${formatNumber(n?.cpuPct, 1)} nyx_rss_peak_mb=${formatNumber(n?.rssPeakMb, 1)}`,
);
process.stdout.write(`${out.join('\n')}\n`);
