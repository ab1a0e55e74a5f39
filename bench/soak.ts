// `npm run bench:soak -- --hours N | --minutes M [--eps 600]`: runs the whole OrtopApp (model, pages,
// rendering) headless on a 120x40 in-memory terminal against the demo relay on the real clock, in a
// child node process, and samples that child's RSS and CPU from /proc once a minute. Measures only.

import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OrtopApp } from '../src/app/shell/app.js';
import { openDemoController } from '../src/app/session/demo-controller.js';
import { DEFAULT_SETTINGS } from '../src/config/index.js';
import { realClock } from '../src/controller/index.js';
import { realProcFs } from '../src/system/index.js';
import { createFakeOutput, createScreen } from '../src/terminal/index.js';
import { cpuPercent, formatNumber, formatTable, integerFlag, loadLines, readLoadAvg, sampleProcess, type ProcSample } from './lib/index.js';

const MB = 1024 * 1024;
const COLS = 120;
const ROWS = 40;
/** The child switches page 1 <-> page 2 this often, so both pages' models and renderers run. */
const PAGE_SWITCH_MS = 30_000;

const { values: flags } = parseArgs({
  options: {
    hours: { type: 'string' },
    minutes: { type: 'string' },
    eps: { type: 'string', default: '600' },
    child: { type: 'boolean', default: false },
  },
});
const EPS = integerFlag('eps', flags.eps, 1);

interface ChildStats {
  readonly eventsSent: number;
  readonly circuits: number;
  readonly streams: number;
  readonly orConns: number;
  readonly ttyBytes: number;
}

async function runChild(): Promise<void> {
  const { controller, target, demo } = await openDemoController({ eventsPerSecond: EPS });
  const output = createFakeOutput(COLS, ROWS);
  let ttyBytes = 0;
  output.on('data', (b: Buffer) => {
    ttyBytes += b.length;
  });
  const screen = createScreen({ input: new PassThrough(), output, unicode: true });
  const app = new OrtopApp({
    screen,
    controller,
    clock: realClock,
    settings: DEFAULT_SETTINGS,
    theme: { colors: true },
    procFs: realProcFs,
    target,
    unicode: true,
    onQuit: () => {},
  });
  app.start();
  let page2 = false;
  setInterval(() => {
    page2 = !page2;
    app.handleKey(page2 ? 'right' : 'left');
  }, PAGE_SWITCH_MS);
  setInterval(() => {
    const s = demo.stats();
    const stats: ChildStats = { eventsSent: s.eventsSent, circuits: s.circuits, streams: s.streams, orConns: s.orConns, ttyBytes };
    process.stdout.write(`${JSON.stringify(stats)}\n`);
  }, 5_000);
}

interface Row {
  readonly minute: number;
  readonly sample: ProcSample;
  readonly stats: ChildStats | undefined;
}

async function runParent(): Promise<void> {
  const minutes =
    flags.hours !== undefined ? integerFlag('hours', flags.hours, 1) * 60 : integerFlag('minutes', flags.minutes ?? '60', 1);
  const loadBefore = readLoadAvg();
  // The child is this file bundled like dist/cli.js (esbuild, packages external) and run by plain node
  // with ortop's flags (src/v8-tuning.ts: --optimize-for-size --no-opt), so that no tsx loader sits in the
  // process being measured.
  const bundle = fileURLToPath(new URL('../.tmp/bench-soak-child.mjs', import.meta.url));
  await build({ entryPoints: [fileURLToPath(import.meta.url)], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  const child = spawn(process.execPath, ['--optimize-for-size', '--no-opt', bundle, '--child', '--eps', String(EPS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let latest: ChildStats | undefined;
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => {
    pending += s;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      latest = JSON.parse(pending.slice(0, nl)) as ChildStats;
      pending = pending.slice(nl + 1);
    }
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stop = () => {
    if (!exited) child.kill('SIGTERM');
  };
  process.once('SIGINT', () => {
    stop();
    process.exit(130);
  });
  const pid = child.pid!;
  process.stderr.write(`soak: ortop (OrtopApp + demo relay at ${EPS} events/s, ${COLS}x${ROWS}, pages 1/2 every ${PAGE_SWITCH_MS / 1000} s) in pid ${pid} for ${minutes} min\n`);

  const rows: Row[] = [];
  const startMs = performance.now();
  try {
    for (let m = 0; m <= minutes; m++) {
      // Minute 0 is taken 10 s in, once start-up (tsx compile, first frame, consensus) is over.
      const dueMs = startMs + (m === 0 ? 10_000 : m * 60_000);
      const waitMs = dueMs - performance.now();
      if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
      const sample = sampleProcess(pid, performance.now());
      if (sample === undefined || exited) throw new Error(`ortop soak child (pid ${pid}) exited at minute ${m}`);
      rows.push({ minute: m, sample, stats: latest });
      const prev = rows[rows.length - 2];
      process.stderr.write(
        `min ${m}: rss ${formatNumber(sample.rssBytes / MB, 1)} MB, cpu ${prev === undefined ? '-' : formatNumber(cpuPercent(prev.sample, sample), 1)} %, events ${latest?.eventsSent ?? '-'}\n`,
      );
    }
  } finally {
    stop();
  }

  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const table = rows.map((r, i) => {
    const prev = rows[i - 1];
    const seconds = prev === undefined ? undefined : (r.sample.atMs - prev.sample.atMs) / 1000;
    const eps = prev?.stats === undefined || r.stats === undefined || seconds === undefined ? undefined : (r.stats.eventsSent - prev.stats.eventsSent) / seconds;
    const ttyKb = prev?.stats === undefined || r.stats === undefined || seconds === undefined ? undefined : ((r.stats.ttyBytes - prev.stats.ttyBytes) / 1024 / seconds) * 60;
    return [
      String(r.minute),
      formatNumber(r.sample.rssBytes / MB, 1),
      prev === undefined ? '-' : formatNumber(cpuPercent(prev.sample, r.sample), 1),
      formatNumber(eps, 0),
      r.stats === undefined ? '-' : `${r.stats.circuits}/${r.stats.streams}/${r.stats.orConns}`,
      formatNumber(ttyKb, 0),
    ];
  });
  const at10 = rows.find((r) => r.minute === 10);
  const base = at10 ?? rows.find((r) => r.minute === 1) ?? first;
  const rssBase = base.sample.rssBytes / MB;
  const rssEnd = last.sample.rssBytes / MB;
  const counted = rows.find((r) => r.stats !== undefined);
  const totalEps = counted?.stats !== undefined && last.stats !== undefined && last !== counted ? (last.stats.eventsSent - counted.stats.eventsSent) / ((last.sample.atMs - counted.sample.atMs) / 1000) : Number.NaN;
  const out = [
    '',
    `Soak: OrtopApp (all pages, full model and rendering) on a ${COLS}x${ROWS} in-memory terminal, demo relay at --eps ${EPS} (real clock),`,
    `in its own node process (pid ${pid}), sampled from /proc/${pid} once a minute; minute 0 is 10 s after start. Page 1 and 2 alternate every ${PAGE_SWITCH_MS / 1000} s.`,
    '',
    formatTable(['minute', 'rss MB', 'cpu % (last min)', 'events/s', 'circ/streams/orconns', 'tty KB/min'], table),
    '',
    `events/s over the run: ${formatNumber(totalEps, 0)} (demo events handed to ortop, counted in the child every 5 s; BW once a second on top)`,
    at10 === undefined ? `run shorter than 10 minutes: rss_mb_min10 is the minute-${base.minute} sample` : 'growth = rss at the end - rss at minute 10; goal < 5 MB',
    ...loadLines(loadBefore, readLoadAvg()),
    `rss_mb_min10=${formatNumber(rssBase, 1)} rss_mb_end=${formatNumber(rssEnd, 1)} growth_mb=${formatNumber(rssEnd - rssBase, 1)} cpu_pct=${formatNumber(cpuPercent(first.sample, last.sample), 1)} minutes=${last.minute}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

if (flags.child) await runChild();
else await runParent();
