// Benchmark: the connections page with 20,000 OR connections, 5,000 circuits (3 hops) and 10,000
// streams over a 7,000-relay consensus. Times (1) applying a burst of 1,000 ORCONN/CIRC/STREAM
// events to the model (goal < 10 ms), (2) redrawing the page at 160x40 — incremental list update,
// selecting the visible window, blessed content and render — right after a burst and when nothing
// changed (goal < 5 ms), and reports peak RSS. Not a test: prints a table.
// Run: npm run bench:connections
import { performance } from 'node:perf_hooks';
import { ConnectionList, createConnectionsWidgets, drawConnections, initialConnectionsView, selectConnections, type LineContext } from '../panels/connections/index.js';
import { parseRouterStatusEntries } from '../src/protocol/documents/index.js';
import { parseEvent, type TorEvent } from '../src/protocol/events/index.js';
import { Framer } from '../src/protocol/framer.js';
import { applyConnectionEvent, applySocketTable, CountryCache, createConnectionStore, parseTorListeners, RelayDirectory } from '../src/relay/connections/index.js';
import { createFakeTerminal } from '../src/terminal/index.js';
import { formatNumber, formatTable, max, median } from './lib/stats.js';

const OR_CONNS = 20_000;
const CIRCUITS = 5_000;
const STREAMS = 10_000;
const RELAYS = 7_000;
const BURST = 1_000;
const ROUNDS = Number(process.env.ROUNDS ?? 60);

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const hex40 = (i: number) => (i.toString(16).padStart(8, '0') + 'ABCDEF0123456789ABCDEF0123456789').slice(0, 40).toUpperCase();
const ip = () => `${1 + Math.floor(rand() * 220)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`;

function parseLines(lines: readonly string[]): TorEvent[] {
  const framer = new Framer();
  const events: TorEvent[] = [];
  for (const out of framer.push(Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'latin1'))) {
    if (out.kind !== 'reply') throw new Error(out.error.message);
    const event = parseEvent(out.reply);
    if (event.kind === 'malformed' || event.kind === 'unknown') throw new Error(`bench line did not parse: ${JSON.stringify(event)}`);
    events.push(event);
  }
  return events;
}

function main(): void {
  const relays = Array.from({ length: RELAYS }, (_, i) => ({ fp: hex40(i), nick: `relay${i}`, address: ip() }));
  const directory = new RelayDirectory();
  directory.replaceAll(
    parseRouterStatusEntries(
      relays.map((r) => `r ${r.nick} ${Buffer.from(r.fp, 'hex').toString('base64').replace(/=+$/, '')} AAAAAAAAAAAAAAAAAAAAAAAAAAA 2026-11-27 09:00:00 ${r.address} 9001 0\ns Fast Running Valid`).join('\n'),
    ),
  );
  const countries = new CountryCache();
  for (const r of relays) countries.record(r.address, pick(['de', 'us', 'nl', 'fr', 'se']));
  const store = createConnectionStore();
  store.our = { ...store.our, listeners: parseTorListeners(new Map([['net/listeners/or', '"198.51.100.7:9001"'], ['net/listeners/control', '"127.0.0.1:9051"']])) };
  const setup: string[] = [];
  for (let i = 0; i < OR_CONNS; i++) {
    if (i % 3 === 0) setup.push(`650 ORCONN ${ip()}:${1024 + (i % 60000)} NEW ID=${i}`);
    else {
      const r = pick(relays);
      setup.push(`650 ORCONN $${r.fp}~${r.nick} ${i % 3 === 1 ? 'LAUNCHED' : 'NEW'} ID=${i}`, `650 ORCONN $${r.fp}~${r.nick} CONNECTED ID=${i}`);
    }
  }
  for (let c = 0; c < CIRCUITS; c++) {
    const path = [pick(relays), pick(relays), pick(relays)].map((r) => `$${r.fp}~${r.nick}`).join(',');
    setup.push(`650 CIRC ${c + 1} BUILT ${path} BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T11:${String(10 + (c % 50)).padStart(2, '0')}:00.000000`);
  }
  for (let s = 0; s < STREAMS; s++) setup.push(`650 STREAM ${s + 1} SUCCEEDED ${1 + (s % CIRCUITS)} host${s}.example.com:443 SOURCE_ADDR=127.0.0.1:${10000 + (s % 50000)} PURPOSE=USER`);
  const t0 = performance.now();
  for (const e of parseLines(setup)) applyConnectionEvent(store, e, 0);
  const setupMs = performance.now() - t0;
  applySocketTable(store, { kind: 'sockets', source: 'proc', owner: 'fd', limitation: undefined, sockets: [] }, directory, 0);

  // Bursts: a realistic mix of new, changed and closed connections, circuits and streams.
  let nextOr = OR_CONNS;
  let nextCirc = CIRCUITS + 1;
  let nextStream = STREAMS + 1;
  const burst = (): string[] => {
    const lines: string[] = [];
    while (lines.length < BURST) {
      const r = pick(relays);
      switch (Math.floor(rand() * 6)) {
        case 0:
          lines.push(`650 ORCONN ${ip()}:${1024 + Math.floor(rand() * 60000)} NEW ID=${nextOr++}`);
          break;
        case 1:
          lines.push(`650 ORCONN $${r.fp}~${r.nick} CLOSED REASON=DONE ID=${Math.floor(rand() * nextOr)}`);
          break;
        case 2:
          lines.push(`650 CIRC ${nextCirc++} EXTENDED $${r.fp}~${r.nick} BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T11:59:00.000000`);
          break;
        case 3:
          lines.push(`650 CIRC ${1 + Math.floor(rand() * nextCirc)} CLOSED REASON=FINISHED`);
          break;
        case 4:
          lines.push(`650 STREAM ${nextStream++} SUCCEEDED ${1 + Math.floor(rand() * CIRCUITS)} new${nextStream}.example:80 SOURCE_ADDR=127.0.0.1:${1024 + Math.floor(rand() * 60000)}`);
          break;
        default:
          lines.push(`650 STREAM ${1 + Math.floor(rand() * nextStream)} CLOSED ${1 + Math.floor(rand() * CIRCUITS)} x.example:80 REASON=DONE`);
      }
    }
    return lines;
  };

  const term = createFakeTerminal({ cols: 160, rows: 40 });
  const widgets = createConnectionsWidgets(term.screen);
  const list = new ConnectionList();
  let view = initialConnectionsView({ scrub: true, showAddresses: true });
  const bySource = new Map();
  const ctx: LineContext = { store, directory, countries, nowMs: Date.UTC(2026, 10, 27, 12), unicode: true, scrub: true, hideAllAddresses: false, streamFrom: (a) => bySource.get(a) };
  const syncMs: number[] = [];
  const draw = (): number => {
    const start = performance.now();
    list.sync({ store, directory, countries }, view);
    syncMs.push(performance.now() - start);
    const frame = selectConnections({ list, ctx, view, details: undefined, width: 160, height: 40 });
    view = { ...view, selectedKey: frame.selectedKey, selectedIndex: frame.selectedIndex, scrollTop: frame.scrollTop };
    drawConnections(widgets, { top: 0, width: 160, height: 40 }, frame.lines, undefined, { colors: true });
    term.screen.render();
    return performance.now() - start;
  };
  const firstDraw = draw();
  view = { ...view, selectedIndex: Math.floor(list.lineCount / 2), selectedKey: undefined };
  draw();

  const apply: number[] = [];
  const parseApply: number[] = [];
  const afterBurst: number[] = [];
  const afterBurstSync: number[] = [];
  const steady: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const lines = burst();
    const tp = performance.now();
    const events = parseLines(lines);
    const parsedAt = performance.now();
    for (const e of events) applyConnectionEvent(store, e, r);
    const done = performance.now();
    apply.push(done - parsedAt);
    parseApply.push(done - tp);
    afterBurst.push(draw());
    afterBurstSync.push(syncMs.at(-1)!);
    steady.push(draw());
  }
  void term.destroy();
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`model: ${store.orConns.size} OR connections, ${store.circuits.size} circuits, ${store.streams.size} streams, ${directory.size} relays; list: ${list.lineCount} lines`);
  console.log(`setup (parse + apply ${setup.length} events): ${setupMs.toFixed(0)} ms; first full draw (sort of every entry): ${firstDraw.toFixed(1)} ms`);
  console.log(
    formatTable(
      ['step', 'median ms', 'max ms', 'goal'],
      [
        [`apply a burst of ${BURST} ORCONN/CIRC/STREAM events`, formatNumber(median(apply), 2), formatNumber(max(apply), 2), '< 10'],
        ['  parse + apply the same burst', formatNumber(median(parseApply), 2), formatNumber(max(parseApply), 2), ''],
        ['redraw 160x40 after a burst (incremental sort)', formatNumber(median(afterBurst), 2), formatNumber(max(afterBurst), 2), '< 5'],
        ['  of which the list update (resort of changed entries)', formatNumber(median(afterBurstSync), 2), formatNumber(max(afterBurstSync), 2), ''],
        ['redraw 160x40, nothing changed', formatNumber(median(steady), 2), formatNumber(max(steady), 2), '< 5'],
      ],
    ),
  );
  console.log(`peak RSS: ${rssMb.toFixed(0)} MB`);
}

main();
