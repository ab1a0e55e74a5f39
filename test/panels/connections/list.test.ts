import { describe, expect, it } from 'vitest';
import {
  ConnectionList,
  reduceConnectionsKey,
  resolveSelection,
  type ConnectionsView,
  type KeyContext,
} from '../../../panels/connections/index.js';
import {
  applyConnectionEvent,
  parseCircuitStatus,
  parseOrConnStatus,
  parseStreamStatus,
  reconcileCircuitStatus,
  reconcileOrConnStatus,
  reconcileStreamStatus,
  RelayDirectory,
  type ConnectionStore,
} from '../../../src/relay/connections/index.js';
import { seededRandom } from '../../helpers/seeded-random.js';
import { ev } from '../../relay/connections/events.js';
import { clientFixture, CONSENSUS, FP, relayFixture, type Fixture } from './fixtures.js';
import { parseRouterStatusEntries } from '../../../src/protocol/documents/index.js';
import { baseView } from './render-connections.js';

function keysOf(list: ConnectionList): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.lineCount; i++) out.push(list.lineAt(i)!.key);
  return out;
}

const fps = [FP.guardian, FP.bigexit, FP.moria, FP.middle, FP.oldfriend];

function randomEvent(rand: () => number, store: ConnectionStore): string {
  const r = rand();
  const id = 100 + Math.floor(rand() * 60);
  const fp = fps[Math.floor(rand() * fps.length)]!;
  if (r < 0.3) return `650 ORCONN $${fp}~n${id} ${['LAUNCHED', 'CONNECTED', 'CLOSED'][Math.floor(rand() * 3)]} ID=${id}`;
  if (r < 0.4) return `650 ORCONN 10.9.${id}.1:${1000 + id} ${['NEW', 'CONNECTED', 'CLOSED'][Math.floor(rand() * 3)]} ID=${id}`;
  if (r < 0.7) {
    const hops = fps.slice(0, 1 + Math.floor(rand() * 3)).map((f) => `$${f}~x`).join(',');
    return `650 CIRC ${id} ${['LAUNCHED', 'EXTENDED', 'BUILT', 'CLOSED'][Math.floor(rand() * 4)]} ${hops} PURPOSE=${rand() < 0.2 ? 'HS_CLIENT_REND' : 'GENERAL'} TIME_CREATED=2026-11-27T11:${String(10 + Math.floor(rand() * 40))}:00.000000`;
  }
  const circuits = [...store.circuits.keys()];
  const circ = circuits.length === 0 || rand() < 0.2 ? '0' : circuits[Math.floor(rand() * circuits.length)]!;
  return `650 STREAM ${id} ${['NEW', 'SENTCONNECT', 'SUCCEEDED', 'CLOSED', 'DETACHED'][Math.floor(rand() * 5)]} ${circ} host${id}.example:${[80, 443, 22][id % 3]}`;
}

/** A status resync that has lost every third circuit, stream and OR connection (they closed meanwhile). */
function resyncDroppingSome(store: ConnectionStore, seed: number): void {
  const keep = <T>(xs: T[]) => xs.filter((_, i) => (i + seed) % 3 !== 0);
  const circuits = keep([...store.circuits.values()]).map((c) => `${c.id} ${c.status}${c.path.length > 0 ? ` ${c.path.map((h) => `$${h.fingerprint}~${h.nickname ?? 'x'}`).join(',')}` : ''} PURPOSE=${c.purpose ?? 'GENERAL'}`);
  reconcileCircuitStatus(store, parseCircuitStatus(circuits.join('\n')).circuits, 5);
  const streams = keep([...store.streams.values()]).map((s) => `${s.id} ${s.status} ${s.circuitId ?? 0} ${s.target}`);
  reconcileStreamStatus(store, parseStreamStatus(streams.join('\n')).streams, 5);
  const conns = keep([...store.orConns.values()]).map((c) => `${c.fingerprint === undefined ? `${c.peerAddress}:${c.peerPort}` : `$${c.fingerprint}~${c.nickname ?? 'x'}`} ${c.status}`);
  reconcileOrConnStatus(store, parseOrConnStatus(conns.join('\n')).lines, 5);
}

describe('ConnectionList', () => {
  it('kept incrementally, agrees with a fresh sort after every burst, for every sort order', () => {
    for (const sort of [['category', 'address', 'age'], ['age'], ['nickname', 'port'], ['country', 'fingerprint']] as const) {
      const f: Fixture = relayFixture();
      const view = baseView({ sort: [...sort] });
      const rand = seededRandom(sort.length * 7 + 1);
      const live = new ConnectionList();
      live.sync(f, view);
      for (let burst = 0; burst < 40; burst++) {
        const n = 1 + Math.floor(rand() * 30);
        for (let i = 0; i < n; i++) applyConnectionEvent(f.store, ev(randomEvent(rand, f.store)), 1_000_000 + burst * 100 + i);
        if (burst % 7 === 6) resyncDroppingSome(f.store, burst);
        live.sync(f, view);
        f.store.allTouched = true;
        const fresh = new ConnectionList();
        fresh.sync(f, view);
        expect(keysOf(live)).toEqual(keysOf(fresh));
        expect([...live.counts()].sort()).toEqual([...fresh.counts()].sort());
      }
    }
  });

  it('keeps the selection on the same entry as others come and go, and near it when it goes', () => {
    const f = relayFixture();
    const list = new ConnectionList();
    let view: ConnectionsView = baseView({ selectedKey: 'o:3', selectedIndex: 0 });
    list.sync(f, view);
    const before = resolveSelection(list, view);
    expect(before.line?.key).toBe('o:3');
    applyConnectionEvent(f.store, ev('650 ORCONN 1.1.1.1:1 NEW ID=900'), 0);
    applyConnectionEvent(f.store, ev('650 ORCONN 1.1.1.2:1 NEW ID=901'), 0);
    list.sync(f, view);
    const after = resolveSelection(list, view);
    expect(after.line?.key).toBe('o:3');
    expect(after.index).toBe(before.index + 2);
    view = { ...view, selectedIndex: after.index };
    applyConnectionEvent(f.store, ev(`650 ORCONN $${FP.bigexit}~bigexit CLOSED ID=3`), 0);
    list.sync(f, view);
    expect(resolveSelection(list, view).index).toBe(after.index);
  });

  it('re-sorts for a new consensus at most every 30 s, except the first one (it decides scrubbing)', () => {
    const full = relayFixture();
    const f = { ...full, directory: new RelayDirectory() };
    const list = new ConnectionList();
    list.sync(f, { ...baseView(), nowMs: 1_000 });
    const guardian = () => list.entryByKey('o:1')!;
    expect(guardian().isPrivate).toBe(true);
    f.directory.replaceAll(parseRouterStatusEntries(CONSENSUS));
    list.sync(f, { ...baseView(), nowMs: 2_000 });
    expect(guardian().isPrivate).toBe(false);
    f.directory.replaceAll([]);
    list.sync(f, { ...baseView(), nowMs: 3_000 });
    expect(guardian().isPrivate).toBe(false);
    list.sync(f, { ...baseView(), nowMs: 32_001 });
    expect(guardian().isPrivate).toBe(true);
  });

  it('filters by what lines show, never by scrubbed addresses', () => {
    const f = relayFixture();
    const list = new ConnectionList();
    list.sync(f, baseView({ filter: 'https' }));
    expect(list.entryCount).toBe(1);
    list.sync(f, baseView({ filter: '93.184' }));
    expect(list.entryCount).toBe(0);
    list.sync(f, baseView({ filter: '93.184', scrub: false }));
    expect(list.entryCount).toBe(1);
    list.sync(f, baseView({ filter: 'MIDDLEMAN' }));
    expect(keysOf(list)).toEqual(['c:9', 'c:9/h1', 'c:9/h2', 'c:9/h3', expect.stringMatching(/^o:status:/)]);
  });
});

describe('connections keys', () => {
  function context(list: ConnectionList, view: ConnectionsView): KeyContext {
    const sel = resolveSelection(list, view);
    return {
      lineCount: list.lineCount,
      listRows: 5,
      selectedLine: sel.line,
      lineKeyAt: (i) => list.lineAt(i)?.key,
      stepRelay: (from, d) => {
        for (let i = from + d; i >= 0 && i < list.lineCount; i += d) if (list.lineAt(i)?.entry.item.kind === 'or' && list.lineAt(i)?.kind === 'entry') return i;
        return undefined;
      },
      selectedRelay: sel.line?.entry.item.kind === 'or' ? sel.line.entry.item.conn.fingerprint : undefined,
      charts: ['countries', 'ports'],
    };
  }

  function press(list: ConnectionList, view: ConnectionsView, ...keys: Array<string | [string, string]>) {
    let v = view;
    const commands = [];
    for (const k of keys) {
      const [key, ch] = typeof k === 'string' ? [k, k.length === 1 ? k : undefined] : k;
      const out = reduceConnectionsKey(v, key, ch, context(list, v));
      v = out.view;
      if (out.command !== undefined) commands.push(out.command);
    }
    return { view: v, commands };
  }

  const setup = () => {
    const f = clientFixture();
    const list = new ConnectionList();
    const view = baseView();
    list.sync(f, view);
    return { f, list, view };
  };

  it('moves by line, page and to the ends, keeping the key of the line', () => {
    const { list, view } = setup();
    expect(press(list, view, 'down', 'down').view).toMatchObject({ selectedIndex: 2, selectedKey: list.lineAt(2)!.key });
    expect(press(list, view, 'pagedown').view.selectedIndex).toBe(4);
    expect(press(list, view, 'end').view.selectedIndex).toBe(list.lineCount - 1);
    expect(press(list, view, 'end', 'down').view.selectedIndex).toBe(list.lineCount - 1);
    expect(press(list, view, 'up', 'home').view.selectedIndex).toBe(0);
    expect(press(list, view, 'enter').view.detailOpen).toBe(true);
    expect(press(list, view, 'enter', 'space').view.detailOpen).toBe(false);
  });

  it('sorts by up to three keys picked in order; Apply takes fewer; Esc cancels', () => {
    const { list, view } = setup();
    expect(press(list, view, 's', 'down', 'enter', 'enter', 'down', 'enter', 'down', 'enter').view).toMatchObject({ sort: ['age', 'address', 'port'], popup: { kind: 'none' } });
    expect(press(list, view, 's', 'down', 'down', 'down', 'down', 'down', 'enter', 'down', 'down', 'enter').view.sort).toEqual(['nickname']);
    expect(press(list, view, 's', 'enter', 'escape').view.sort).toEqual(view.sort);
    expect(press(list, view, 's', 'enter', 'backspace').view.popup).toEqual({ kind: 'sort', chosen: [], cursor: 0 });
  });

  it('searches with / (typed text, backspace, Enter applies, Esc clears)', () => {
    const { list, view } = setup();
    const typed = press(list, view, '/', ['g', 'g'], ['u', 'u'], ['x', 'x'], 'backspace', ['S-a', 'A'], 'enter');
    expect(typed.view).toMatchObject({ filter: 'guA', editingFilter: undefined });
    expect(press(list, typed.view, 'escape').view.filter).toBe('');
    expect(press(list, view, '/', ['q', 'q'], 'escape').view).toMatchObject({ filter: '', editingFilter: undefined });
  });

  it('closes a circuit only after confirmation, and refuses lines that are not circuits', () => {
    const { list, view } = setup();
    const circuitLine = [...Array(list.lineCount).keys()].find((i) => list.lineAt(i)!.key === 'c:12')!;
    const at = { ...view, selectedIndex: circuitLine, selectedKey: 'c:12' };
    const asked = press(list, at, 'c');
    expect(asked.view.popup).toEqual({ kind: 'confirm-close', circuitId: '12', question: 'Close circuit 12 (GENERAL, 3 hops, 3 streams)?' });
    expect(press(list, asked.view, 'y').commands).toEqual([{ kind: 'close-circuit', circuitId: '12' }]);
    expect(press(list, asked.view, 'n').commands).toEqual([]);
    const onHop = { ...view, selectedIndex: circuitLine + 2, selectedKey: 'c:12/h2' };
    expect(press(list, onHop, 'c').view.popup.kind).toBe('confirm-close');
    expect(press(list, { ...view, selectedIndex: 0, selectedKey: list.lineAt(0)!.key }, 'c').commands[0]).toMatchObject({ kind: 'message' });
  });

  it('opens the descriptor only for relays, scrolls it and steps through connections with Left/Right', () => {
    const f = relayFixture();
    const list = new ConnectionList();
    const view = baseView();
    list.sync(f, view);
    const opened = press(list, view, 'd');
    expect(opened.view.popup).toEqual({ kind: 'descriptor', scroll: 0 });
    expect(press(list, opened.view, 'down', 'down', 'up').view.popup).toEqual({ kind: 'descriptor', scroll: 1 });
    const right = press(list, opened.view, 'right');
    expect(right.view.selectedIndex).toBeGreaterThan(0);
    expect(press(list, right.view, 'left').view.selectedIndex).toBe(0);
    expect(press(list, opened.view, 'escape').view.popup.kind).toBe('none');
    const control = [...Array(list.lineCount).keys()].find((i) => list.lineAt(i)!.entry.category === 'control')!;
    expect(press(list, { ...view, selectedIndex: control, selectedKey: list.lineAt(control)!.key }, 'd').commands[0]).toMatchObject({ kind: 'message' });
    expect(press(list, view, 'b').view.popup).toEqual({ kind: 'chart', chart: 'countries' });
    expect(press(list, view, 'b', 'b').view.popup).toEqual({ kind: 'chart', chart: 'ports' });
    expect(press(list, view, 'b', 'x').view.popup.kind).toBe('none');
    expect(press(list, view, 'a').view.scrub).toBe(false);
  });
});
