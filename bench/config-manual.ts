// bench:config — the config page's start-up cost: find, gunzip and parse the installed tor(1)
// manual (cold: empty cache, written atomically) or read it from ortop's cache (warm), then build
// every option tor 0.4.9 has from its real GETINFO answers and draw the page with all options at
// 160x40. Each run is a fresh node process (cold JIT too); module loading is not counted.
// Goal (issue 6): < 150 ms cold, < 20 ms warm. Usage: npm run bench:config [-- --runs N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import blessed from 'blessed';
import { drawConfigPage, initialConfigView, selectConfigPage } from '../panels/config/index.js';
import { createPopupBox } from '../panels/popups/popup-frame.js';
import { buildConfigOptions, DEFAULT_CONFIG_SORT, filterConfigOptions, parseConfigDefaults, parseConfigNames, sortConfigOptions } from '../src/relay/config/index.js';
import { collectTorrcValues, parseTorrc } from '../src/relay/torrc/index.js';
import { indexManual, loadTorManual } from '../src/system/manual/index.js';
import { createFakeTerminal, gridText, readGrid } from '../src/terminal/index.js';
import { connect } from '../src/controller/index.js';
import { formatNumber, formatTable, max, median, min, withBenchTor } from './lib/index.js';

interface TorAnswers {
  readonly version: string;
  readonly names: string;
  readonly defaults: string;
  readonly configText: string;
}

interface ChildResult {
  readonly mode: 'cold' | 'warm';
  readonly from: string;
  readonly manualMs: number;
  readonly optionsMs: number;
  readonly drawMs: number;
  readonly totalMs: number;
  readonly options: number;
  readonly described: number;
}

async function child(mode: 'cold' | 'warm', answersFile: string, cacheDir: string): Promise<void> {
  const answers = JSON.parse(readFileSync(answersFile, 'utf8')) as TorAnswers;
  const term = createFakeTerminal({ cols: 160, rows: 40 });
  const box = blessed.box({ parent: term.screen, top: 0, left: 0, width: 160, height: 40, tags: true, wrap: false });
  const popup = createPopupBox(term.screen);
  await term.settle();

  const t0 = performance.now();
  const load = await loadTorManual({ torVersion: answers.version, cacheDir });
  if (load.kind !== 'loaded') throw new Error(`no manual: ${load.reason}`);
  const manual = indexManual(load.manual);
  const t1 = performance.now();
  const options = buildConfigOptions({
    names: parseConfigNames(answers.names),
    defaults: parseConfigDefaults(answers.defaults),
    configText: collectTorrcValues(parseTorrc(answers.configText).entries),
    manual,
  });
  const t2 = performance.now();
  const view = { ...initialConfigView(), showAll: true };
  const rows = sortConfigOptions(filterConfigOptions(options, { showAll: true, showPrivate: false, showVirtual: false, search: '' }), DEFAULT_CONFIG_SORT, load.manual.categories);
  const selection = selectConfigPage({ status: { kind: 'ready' }, rows, total: rows.length, manual: { kind: 'loaded', path: load.source.path } }, { ...view, selected: rows[0]?.name }, 160, 40, { unicode: true });
  drawConfigPage(box, popup, selection.lines, selection.popup, { colors: true });
  await term.settle();
  const t3 = performance.now();
  if (!gridText(readGrid(term.screen)).includes('Tor configuration')) throw new Error('the page did not draw');
  const result: ChildResult = {
    mode,
    from: load.from,
    manualMs: t1 - t0,
    optionsMs: t2 - t1,
    drawMs: t3 - t2,
    totalMs: t3 - t0,
    options: rows.length,
    described: rows.filter((o) => o.manual !== undefined).length,
  };
  await term.destroy();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(mode: 'cold' | 'warm', answersFile: string, cacheDir: string): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, answersFile, cacheDir], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
  const work = mkdtempSync(join(tmpdir(), 'ortop-bench-config-'));
  try {
    const answers = await withBenchTor(async (tor) => {
      const controller = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port: tor.controlPort }, reconnect: false });
      try {
        const info = await controller.getInfo(['version', 'config/names', 'config/defaults', 'config-text']);
        return { version: info.get('version')!, names: info.get('config/names')!, defaults: info.get('config/defaults')!, configText: info.get('config-text')! } satisfies TorAnswers;
      } finally {
        controller.close();
      }
    });
    const answersFile = join(work, 'answers.json');
    writeFileSync(answersFile, JSON.stringify(answers));
    const cold: ChildResult[] = [];
    const warm: ChildResult[] = [];
    for (let i = 0; i < runs; i++) {
      const cacheDir = join(work, `cache-${i}`);
      cold.push(runChild('cold', answersFile, cacheDir));
      warm.push(runChild('warm', answersFile, cacheDir));
      rmSync(cacheDir, { recursive: true, force: true });
    }
    if (cold.some((r) => r.from !== 'parsed') || warm.some((r) => r.from !== 'cache')) throw new Error('cold runs must parse and warm runs must hit the cache');
    const row = (name: string, results: readonly ChildResult[], pick: (r: ChildResult) => number) => {
      const values = results.map(pick);
      return [name, formatNumber(median(values), 1), formatNumber(min(values), 1), formatNumber(max(values), 1)];
    };
    process.stdout.write(`tor ${answers.version}: ${cold[0]!.options} options shown at 160x40, ${cold[0]!.described} with a manual entry; ${runs} fresh processes each\n\n`);
    process.stdout.write(
      `${formatTable(
        ['phase (ms)', 'median', 'min', 'max'],
        [
          row('cold: manual find+gunzip+parse+cache', cold, (r) => r.manualMs),
          row('cold: options from GETINFO', cold, (r) => r.optionsMs),
          row('cold: select+draw 160x40', cold, (r) => r.drawMs),
          row('cold: total', cold, (r) => r.totalMs),
          row('warm: manual from cache', warm, (r) => r.manualMs),
          row('warm: options from GETINFO', warm, (r) => r.optionsMs),
          row('warm: select+draw 160x40', warm, (r) => r.drawMs),
          row('warm: total', warm, (r) => r.totalMs),
        ],
      )}\n`,
    );
    const coldMedian = median(cold.map((r) => r.totalMs));
    const warmMedian = median(warm.map((r) => r.totalMs));
    process.stdout.write(`\ngoal: cold < 150 ms (${coldMedian < 150 ? 'met' : 'NOT met'}), warm < 20 ms (${warmMedian < 20 ? 'met' : 'NOT met'})\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] as 'cold' | 'warm', process.argv[4]!, process.argv[5]!);
} else {
  await main();
}
