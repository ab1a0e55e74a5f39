// `npm run bench -- [--soak] [--soak-minutes 10] [--full]`: runs every benchmark script of the project
// one after the other (short runs by default; --full uses each script's own defaults), reads each one's
// summary, and prints ONE table with ortop next to Nyx/Stem, the ratio and the goal. Measures nothing itself.

import { execFileSync, spawn } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatTable, integerFlag, NYX_PATH, readLoadAvg, torVersion } from './lib/index.js';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

const { values: flags } = parseArgs({
  options: {
    soak: { type: 'boolean', default: false },
    'soak-minutes': { type: 'string', default: '10' },
    full: { type: 'boolean', default: false },
  },
});
const FULL = flags.full;
const SOAK_MINUTES = integerFlag('soak-minutes', flags['soak-minutes'], 1);

interface Row {
  readonly benchmark: string;
  readonly ortop: string;
  readonly theirs: string;
  readonly ratio: string;
  readonly goal: string;
}

interface Bench {
  readonly file: string;
  /** How long it runs with these flags, in words, for the table. */
  readonly run: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  readonly rows: (output: Output) => Row[];
}

interface Output {
  readonly text: string;
  /** key=value pairs of the last non-empty line. */
  readonly values: ReadonlyMap<string, string>;
}

function keyValues(line: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const m of line.matchAll(/([a-z0-9_]+)=(\S*)/g)) values.set(m[1]!, m[2]!);
  return values;
}

/** The median column of the table row that starts with label (after trimming). */
function tableMedian(text: string, label: string): string {
  const line = text.split('\n').find((l) => l.trim().startsWith(label));
  const m = line === undefined ? null : /\s(\d+(?:\.\d+)?)\s+\d+(?:\.\d+)?/.exec(line.slice(line.indexOf(label) + label.length));
  return m?.[1] ?? '?';
}

const num = (text: string | undefined): number => (text === undefined || text === '' ? Number.NaN : Number(text));
function ratio(ortop: string | undefined, theirs: string | undefined, decimals = 2): string {
  const r = num(ortop) / num(theirs);
  return Number.isFinite(r) ? r.toFixed(decimals) : '-';
}
const or = (text: string | undefined, unit: string): string => (text === undefined || text === '' ? '-' : `${text} ${unit}`);
const k = (text: string | undefined): string => (text === undefined || text === '' ? '-' : `${(Number(text) / 1000).toFixed(0)} k`);

const BENCHES: Bench[] = [
  {
    file: 'parse.ts',
    run: FULL ? '1M events x7, Stem 200k' : '200k events x3, Stem 50k',
    args: [],
    env: FULL ? {} : { BENCH_EVENTS: '200000', BENCH_RUNS: '3', BENCH_STEM_EVENTS: '50000' },
    rows: ({ values: v }) => [
      { benchmark: 'parse, events/s', ortop: k(v.get('events_per_sec')), theirs: v.get('stem_events_per_sec') ? `Stem ${k(v.get('stem_events_per_sec'))}` : '-', ratio: v.get('ratio') ? `${v.get('ratio')}x` : '-', goal: '>= 1 M/s, >= 20x Stem' },
    ],
  },
  {
    file: 'startup.ts',
    run: FULL ? 'median of 10' : 'median of 3',
    args: FULL ? [] : ['--runs', '3'],
    rows: ({ values: v }) => [
      { benchmark: 'start-up to full frame, real tor', ortop: or(v.get('startup_ms'), 'ms'), theirs: or(v.get('nyx_startup_ms'), 'ms'), ratio: ratio(v.get('startup_ms'), v.get('nyx_startup_ms')), goal: '<= 0.40 of Nyx' },
    ],
  },
  {
    file: 'idle.ts',
    run: FULL ? '60 s' : '20 s',
    args: FULL ? [] : ['--seconds', '20'],
    rows: ({ values: v }) => [
      { benchmark: 'idle CPU, real tor (no traffic)', ortop: or(v.get('cpu_pct'), '%'), theirs: or(v.get('nyx_cpu_pct'), '%'), ratio: ratio(v.get('cpu_pct'), v.get('nyx_cpu_pct')), goal: '<= 0.50 of Nyx' },
      { benchmark: 'idle RSS', ortop: or(v.get('rss_mb'), 'MB'), theirs: or(v.get('nyx_rss_mb'), 'MB'), ratio: ratio(v.get('rss_mb'), v.get('nyx_rss_mb')), goal: '<= 55 MB' },
      { benchmark: 'idle anonymous memory (RssAnon)', ortop: or(v.get('anon_mb'), 'MB'), theirs: or(v.get('nyx_anon_mb'), 'MB'), ratio: ratio(v.get('anon_mb'), v.get('nyx_anon_mb')), goal: '-' },
    ],
  },
  {
    file: 'logflood.ts',
    run: FULL ? '60 s at 10k/s' : '20 s at 10k/s',
    args: FULL ? [] : ['--seconds', '20'],
    rows: ({ values: v }) => [
      { benchmark: 'log flood CPU, 10k events/s', ortop: or(v.get('cpu_pct'), '%'), theirs: or(v.get('nyx_cpu_pct'), '%'), ratio: ratio(v.get('cpu_pct'), v.get('nyx_cpu_pct')), goal: '< 15 %' },
      { benchmark: `log flood peak RSS (tail ${v.get('rss_tail_slope_mb_min') ?? '?'} MB/min)`, ortop: or(v.get('rss_peak_mb'), 'MB'), theirs: or(v.get('nyx_rss_peak_mb'), 'MB'), ratio: ratio(v.get('rss_peak_mb'), v.get('nyx_rss_peak_mb')), goal: 'flat' },
    ],
  },
  {
    file: 'redraw-graph-log.ts',
    run: FULL ? '1000 frames' : '200 frames',
    args: FULL ? [] : ['--frames', '200'],
    rows: ({ values: v }) => [{ benchmark: 'page 1 redraw, 160x40', ortop: or(v.get('page_draw_median_ms'), 'ms'), theirs: '-', ratio: '-', goal: '< 2 ms' }],
  },
  {
    file: 'connections.ts',
    run: 'fixed',
    args: [],
    rows: ({ text }) => [
      { benchmark: 'connections: apply 1,000 events', ortop: `${tableMedian(text, 'apply a burst of')} ms`, theirs: '-', ratio: '-', goal: '< 10 ms' },
      { benchmark: 'connections: redraw after burst', ortop: `${tableMedian(text, 'redraw 160x40 after a burst')} ms`, theirs: '-', ratio: '-', goal: '<= 2.5 ms' },
      { benchmark: 'connections: redraw, nothing changed', ortop: `${tableMedian(text, 'redraw 160x40, nothing changed')} ms`, theirs: '-', ratio: '-', goal: '<= 2.5 ms' },
    ],
  },
  {
    file: 'proc-net-tcp.ts',
    run: 'fixed',
    args: [],
    rows: ({ text }) => [{ benchmark: '/proc/net/tcp 50k lines + fd map', ortop: `${tableMedian(text, 'fd links + /proc/net/tcp (goal < 50 ms)')} ms`, theirs: '-', ratio: '-', goal: '< 50 ms' }],
  },
  {
    file: 'config-manual.ts',
    run: FULL ? '7 processes each' : '3 processes each',
    args: FULL ? [] : ['--runs', '3'],
    rows: ({ text }) => [
      { benchmark: 'config page cold / warm', ortop: `${tableMedian(text, 'cold: total')} / ${tableMedian(text, 'warm: total')} ms`, theirs: '-', ratio: '-', goal: '< 150 / < 20 ms' },
    ],
  },
  {
    file: 'bytes.ts',
    run: FULL ? 'test net with downloads, 60 s per page' : 'test net with downloads, 20 s per page',
    args: FULL ? [] : ['--seconds', '20'],
    rows: ({ values: v }) => [
      { benchmark: 'tty bytes, page 1 (with traffic)', ortop: or(v.get('ortop_page1_kb_min'), 'KiB/min'), theirs: or(v.get('nyx_page1_kb_min'), 'KiB/min'), ratio: ratio(v.get('ortop_page1_kb_min'), v.get('nyx_page1_kb_min')), goal: 'below Nyx' },
      { benchmark: 'tty bytes, page 2 (with traffic)', ortop: or(v.get('ortop_page2_kb_min'), 'KiB/min'), theirs: or(v.get('nyx_page2_kb_min'), 'KiB/min'), ratio: ratio(v.get('ortop_page2_kb_min'), v.get('nyx_page2_kb_min')), goal: 'below Nyx' },
      { benchmark: 'CPU with traffic, page 1', ortop: or(v.get('ortop_page1_cpu_pct'), '%'), theirs: or(v.get('nyx_page1_cpu_pct'), '%'), ratio: ratio(v.get('ortop_page1_cpu_pct'), v.get('nyx_page1_cpu_pct')), goal: '<= 0.50 of Nyx' },
      { benchmark: 'CPU with traffic, page 2', ortop: or(v.get('ortop_page2_cpu_pct'), '%'), theirs: or(v.get('nyx_page2_cpu_pct'), '%'), ratio: ratio(v.get('ortop_page2_cpu_pct'), v.get('nyx_page2_cpu_pct')), goal: '<= 0.50 of Nyx' },
      { benchmark: 'RSS with traffic (mean of both pages)', ortop: or(v.get('ortop_rss_mb'), 'MB'), theirs: or(v.get('nyx_rss_mb'), 'MB'), ratio: ratio(v.get('ortop_rss_mb'), v.get('nyx_rss_mb')), goal: '<= 55 MB' },
      { benchmark: 'anonymous memory (RssAnon) with traffic', ortop: or(v.get('ortop_anon_mb'), 'MB'), theirs: or(v.get('nyx_anon_mb'), 'MB'), ratio: ratio(v.get('ortop_anon_mb'), v.get('nyx_anon_mb')), goal: '-' },
    ],
  },
  ...(['production', 'stress'] as const).map((mode): Bench => ({
    file: 'scenarios.ts',
    // Production events (CONN_BW, CELL_STATS off) with medians of 3; the testing-network stress case once.
    run: FULL ? (mode === 'production' ? '3 runs, 30 s warm-up + 60 s each' : '1 run, 30 s + 60 s') : '1 run, 10 s warm-up + 20 s each',
    args: [...(mode === 'stress' ? ['--stress'] : []), ...(FULL ? ['--runs', mode === 'production' ? '3' : '1'] : ['--runs', '1', '--seconds', '20', '--warmup', '10'])],
    rows: ({ values: v }) => {
      const tag = mode === 'stress' ? ' [stress: CONN_BW, CELL_STATS on]' : '';
      const cpuRow = (scenario: string, text: string): Row => ({
        benchmark: `CPU, ${text}${tag}`,
        ortop: or(v.get(`${scenario}_ortop_cpu_pct`), '%'),
        theirs: or(v.get(`${scenario}_nyx_cpu_pct`), '%'),
        ratio: ratio(v.get(`${scenario}_ortop_cpu_pct`), v.get(`${scenario}_nyx_cpu_pct`)),
        goal: '<= 0.50 of Nyx',
      });
      const cpuRows = [
        cpuRow('idle', 'idle exit relay, page 1'),
        cpuRow('exit_p1', 'exit with traffic, page 1'),
        cpuRow('exit_p2', 'exit with traffic, page 2'),
        cpuRow('client_p2', 'busy client, page 2'),
      ];
      if (mode === 'stress') return cpuRows;
      return [
        ...cpuRows,
        { benchmark: 'idle RSS (exit relay)', ortop: or(v.get('idle_ortop_rss_mb'), 'MB'), theirs: or(v.get('idle_nyx_rss_mb'), 'MB'), ratio: ratio(v.get('idle_ortop_rss_mb'), v.get('idle_nyx_rss_mb')), goal: '<= 55 MB' },
        { benchmark: 'idle RssAnon (exit relay)', ortop: or(v.get('idle_ortop_anon_mb'), 'MB'), theirs: or(v.get('idle_nyx_anon_mb'), 'MB'), ratio: ratio(v.get('idle_ortop_anon_mb'), v.get('idle_nyx_anon_mb')), goal: '<= 0.75 of Nyx' },
        { benchmark: 'idle PSS (exit relay)', ortop: or(v.get('idle_ortop_pss_mb'), 'MB'), theirs: or(v.get('idle_nyx_pss_mb'), 'MB'), ratio: ratio(v.get('idle_ortop_pss_mb'), v.get('idle_nyx_pss_mb')), goal: '-' },
        {
          benchmark: `tty bytes, exit page 2 (rows with text: ortop ${v.get('exit_p2_ortop_rows') ?? '?'}, Nyx ${v.get('exit_p2_nyx_rows') ?? '?'})`,
          ortop: or(v.get('exit_p2_ortop_kb_min'), 'KiB/min'),
          theirs: or(v.get('exit_p2_nyx_kb_min'), 'KiB/min'),
          ratio: ratio(v.get('exit_p2_ortop_kb_min'), v.get('exit_p2_nyx_kb_min')),
          goal: '<= 2x Nyx',
        },
      ];
    },
  })),
];

if (flags.soak) {
  BENCHES.push({
    file: 'soak.ts',
    run: `${SOAK_MINUTES} min, demo at 600 events/s`,
    args: ['--minutes', String(SOAK_MINUTES)],
    rows: ({ values: v }) => [
      { benchmark: `soak RSS growth (min ${SOAK_MINUTES >= 10 ? 10 : 1} to end)`, ortop: or(v.get('growth_mb'), 'MB'), theirs: '-', ratio: '-', goal: '< 5 MB' },
      { benchmark: 'soak CPU at 600 events/s', ortop: or(v.get('cpu_pct'), '%'), theirs: '-', ratio: '-', goal: '-' },
    ],
  });
}

interface Result {
  readonly code: number | null;
  readonly seconds: number;
  readonly text: string;
}

function runScript(bench: Bench): Promise<Result> {
  const startMs = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', `${BENCH_DIR}${bench.file}`, ...bench.args], {
    env: { ...process.env, ...bench.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => {
    text += s;
    process.stderr.write(s);
  });
  return new Promise((resolve) => {
    child.once('close', (code) => resolve({ code, seconds: (performance.now() - startMs) / 1000, text }));
  });
}

function versionOf(command: string, args: readonly string[], pattern: RegExp): string {
  try {
    return pattern.exec(execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))?.[1] ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

const loadBefore = readLoadAvg();
const rows: string[][] = [];
process.once('SIGINT', () => {
  // The running script gets the same SIGINT (same process group) and stops its own monitors and tor.
  process.exitCode = 130;
});
for (const bench of BENCHES) {
  if (process.exitCode === 130) break;
  process.stderr.write(`\n=== ${bench.file} ${bench.args.join(' ')}\n`);
  const result = await runScript(bench);
  const lastLine = result.text.split('\n').filter((l) => l.trim() !== '').pop() ?? '';
  const ran = `${bench.run}; ${result.seconds.toFixed(0)} s`;
  if (result.code !== 0) {
    rows.push([bench.file, `failed (exit ${result.code})`, '-', '-', '-', ran]);
    continue;
  }
  for (const row of bench.rows({ text: result.text, values: keyValues(lastLine) })) rows.push([row.benchmark, row.ortop, row.theirs, row.ratio, row.goal, ran]);
}
const loadAfter = readLoadAvg();

const cpu = cpus();
const nyxVersion = versionOf(NYX_PATH, ['--version'], /nyx version (\S+)/i);
const stemVersion = versionOf('/usr/bin/python3', ['-c', 'import stem; print(stem.__version__)'], /(\S+)/);
process.stdout.write(
  [
    '',
    formatTable(['benchmark', 'ortop', 'Nyx / Stem', 'ratio', 'goal', 'ran'], rows),
    '',
    `machine: ${cpu[0]?.model.trim() ?? 'unknown cpu'}, ${cpu.length} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Linux ${release()}; node ${process.version}; tor ${torVersion()}; Nyx ${nyxVersion}; Stem ${stemVersion}`,
    `load before: ${loadBefore}; after: ${loadAfter}`,
    FULL ? "each script's default length (--full)" : 'short runs (npm run bench -- --full for each script\'s default length, --soak for the soak)',
    '',
  ].join('\n'),
);
