// `npm run bench:redraw-graph-log -- [--frames 1000]`: how long page 1 takes to draw at 160x40 from a
// prepared model (1000 s of traffic at every interval, a full 1000-entry log with duplicates), in
// the real app (OrtopApp on a fake terminal, FakeTor in memory): the pure selection alone, the
// page's draw plus blessed's render, and the whole app frame; unchanged frames and frames after
// one more second of traffic and ten log lines. Median and p95 per frame. Measures only.
import { parseArgs } from 'node:util';
import { selectGraphLines, type GraphPanelInput } from '../panels/graph/index.js';
import { selectLogLines, type LogPanelInput } from '../panels/log/index.js';
import type { Page } from '../src/app/pages/page.js';
import { DEFAULT_SETTINGS } from '../src/config/index.js';
import type { GraphModel } from '../src/relay/bandwidth/index.js';
import { condenseEventTypes, type LogBuffer } from '../src/relay/log/index.js';
import type { ProcFs } from '../src/system/index.js';
import { startApp } from '../test/helpers/app-harness.js';
import { FakeTor, settle } from '../test/helpers/fake-tor.js';
import { describeMachine, formatNumber, formatTable, median } from './lib/index.js';

const { values: flags } = parseArgs({ options: { frames: { type: 'string', default: '1000' } } });
const FRAMES = Number(flags.frames);
const COLS = 160;
const ROWS = 40;

const procFs: ProcFs = {
  readText: async () => {
    throw Object.assign(new Error('no /proc in the benchmark'), { code: 'ENOENT' });
  },
  listDir: async () => [],
};

const tor = new FakeTor({
  info: { 'traffic/read': '81234567890', 'traffic/written': '61234567890', uptime: '86400', 'bw-event-cache': '', fingerprint: 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2' },
  conf: { Nickname: 'benchrelay', SocksPort: '0', BandwidthRate: '5242880', BandwidthBurst: '10485760', RelayBandwidthRate: '0', RelayBandwidthBurst: '0', MaxAdvertisedBandwidth: '1073741824' },
});
// The app as the tests mount it (FakeTor in memory, ManualClock, fake terminal).
const { app, clock, controller, term } = await startApp({
  tor,
  cols: COLS,
  rows: ROWS,
  startAtMs: Date.UTC(2026, 10, 27, 12, 0, 0),
  settings: { ...DEFAULT_SETTINGS, prepopulateLog: false },
  procFs,
  hostInfo: { hostname: 'bench-host', osName: 'Linux', osRelease: '6.1.0' },
});
const page = app.currentPage as unknown as Page & { models: { graph: GraphModel; log: LogBuffer; selection: readonly string[] } };
const flush = async () => {
  for (let i = 0; i < 5; i++) await settle();
};
await flush();

const MESSAGES = [
  (i: number) => `Heartbeat: Tor's uptime is ${i} hours, with ${3000 + (i % 50)} circuits open. I've sent ${i} GB and received ${i + 3} GB.`,
  (i: number) => `Your Guard relay${i % 7} ($A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2) is failing more circuits than usual. Most likely this means the Tor network is overloaded.`,
  (i: number) => `Rate limiting NEWNYM request: delaying by ${i % 10} second(s)`,
  (i: number) => `Unique notice ${i.toString(36)}x${(i * 2654435761).toString(36)}: something happened at ${i}`,
];
let n = 0;
const oneSecond = async (logLines: number) => {
  clock.advance(1000);
  tor.emitEvent(`BW ${Math.round(2e6 + 1e6 * Math.sin(n / 9))} ${Math.round(1.5e6 + 5e5 * Math.cos(n / 5))}`);
  for (let i = 0; i < logLines; i++, n++) tor.emitEvent(`${['NOTICE', 'NOTICE', 'WARN', 'ERR'][n % 4]} ${MESSAGES[n % MESSAGES.length]!(n)}`);
  await flush();
};
for (let s = 0; s < 1000; s++) await oneSecond(s < 150 ? 10 : 0);
const { graph, log } = page.models;
process.stderr.write(`prepared: ${graph.bandwidth.samples} s of traffic, ${log.length} log entries; ${describeMachine()}\n`);

// Where the app puts the page, so the page frames below do not move its boxes (a moved box is
// cleared and redrawn whole, which the app's own frames never do).
const bodyTop = app.layout?.headerRows ?? 7;
const area = { top: bodyTop, width: COLS, height: app.layout?.bodyRows ?? ROWS - bodyTop - 1 };
const inputs = (): { g: GraphPanelInput; l: LogPanelInput } => ({
  g: { model: graph, view: { stat: 'bandwidth', interval: 'each second', bound: 'local_max', barRows: 7 }, nowMs: clock.nowMs(), bits: false, unicode: true, showAccounting: true },
  l: { buffer: log, view: { dedup: true, anchor: undefined }, filter: undefined, types: condenseEventTypes(page.models.selection), nowMs: clock.nowMs(), maxLineWrap: 8, unicode: true },
});

async function measure(name: string, frame: () => void, between?: () => Promise<void>): Promise<[string, number[]]> {
  const times: number[] = [];
  for (let i = 0; i < FRAMES + 100; i++) {
    if (between !== undefined) await between();
    const t0 = performance.now();
    frame();
    const dt = performance.now() - t0;
    if (i >= 100) times.push(dt);
    if (i % 50 === 0) await flush();
  }
  return [name, times];
}

const select = () => {
  const { g, l } = inputs();
  selectGraphLines(g, COLS, 12);
  selectLogLines(l, COLS, area.height - 12);
};
const pageFrame = () => {
  page.draw(area, clock.nowMs());
  term.screen.render();
  term.screen.program.flush();
};
const appFrame = () => {
  app.renderNow();
  term.screen.program.flush();
};
const change = () => oneSecond(10);

const results = [
  await measure('select only (graph + log lines), unchanged model', select),
  await measure('page draw + blessed render, unchanged', pageFrame),
  await measure('whole app frame (header, page, status), unchanged', appFrame),
  await measure('select only, after 1 s of traffic + 10 log lines', select, change),
  await measure('page draw + blessed render, after 1 s + 10 lines', pageFrame, change),
  await measure('whole app frame, after 1 s + 10 lines', appFrame, change),
];

app.stop();
controller.close();
await term.destroy();

const p95 = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length * 0.95)]!;
const table = formatTable(
  ['frame', 'median ms', 'p95 ms', 'frames'],
  results.map(([name, times]) => [name, formatNumber(median(times), 3), formatNumber(p95(times), 3), String(times.length)]),
);
const pageChanged = median(results[4]![1]);
process.stdout.write(
  [
    '',
    `Page 1 redraw at ${COLS}x${ROWS} from a prepared model (1000 s of traffic at all intervals, ${log.length}-entry log with duplicates), median per frame:`,
    '',
    table,
    '',
    'Goal: page draw under 2 ms per frame.',
    `machine: ${describeMachine()}`,
    `page_draw_median_ms=${formatNumber(pageChanged, 3)} app_frame_median_ms=${formatNumber(median(results[5]![1]), 3)} select_median_ms=${formatNumber(median(results[3]![1]), 3)}`,
    '',
  ].join('\n'),
);
