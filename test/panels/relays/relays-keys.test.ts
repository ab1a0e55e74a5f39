import { describe, expect, it } from 'vitest';
import { keyHintsOf, keyLabel, selectKeyHintLine } from '../../../panels/key-table.js';
import { selectHelpLines } from '../../../panels/popups/help-popup.js';
import { RELAYS_KEY_TABLE, reduceRelaysKey, visibleRelays, type RelaysView } from '../../../panels/relays/index.js';
import { summarizeRelay, type RelaySummary } from '../../../src/relay/fleet/index.js';
import { mixedFleet, NOW_MS } from '../../relay/fleet/fleet-fixtures.js';
import { view } from './render-relays.js';

const ROWS: RelaySummary[] = mixedFleet().map((r) => summarizeRelay(r, NOW_MS));
const names = (v: RelaysView) => visibleRelays(ROWS, v).map((i) => ROWS[i]!.name);
const press = (v: RelaysView, ...keys: string[]) => keys.reduce((acc, k) => reduceRelaysKey(acc, k, k.length === 1 ? k : undefined, ROWS, 4).view, v);
const helpText = (v: RelaysView) => selectHelpLines({ title: 'Relays', pageKeys: keyHintsOf(RELAYS_KEY_TABLE(v)), globalKeys: [] }, 200).map((l) => l.map((s) => s.text).join('')).join('\n');

describe('the Relays key table', () => {
  const views: RelaysView[] = [view(), view({ filter: 'de', sort: 'rate', reverse: true })];

  it('every bound key appears in the help generated from it, under its own row', () => {
    for (const v of views) {
      const help = helpText(v);
      for (const row of RELAYS_KEY_TABLE(v)) {
        expect(help).toContain(`${row.keys}: ${row.description}`);
        for (const key of row.bound) expect(row.keys === keyLabel(key) || row.keys.split('/').includes(keyLabel(key))).toBe(true);
      }
    }
  });

  it('fits every row into a column of the help popup at 80 columns', () => {
    const help = selectHelpLines({ title: 'Relays', pageKeys: keyHintsOf(RELAYS_KEY_TABLE(view({ sort: 'weight', filter: 'de' }))), globalKeys: [] }, 78);
    expect(help.map((l) => l.map((s) => s.text).join('')).join('\n')).not.toContain('…');
  });

  it('every row that binds keys has an action, and no key is bound twice', () => {
    const table = RELAYS_KEY_TABLE(view());
    const bound = table.flatMap((r) => r.bound);
    expect(new Set(bound).size).toBe(bound.length);
    for (const row of table) if (row.bound.length > 0) expect(row.action).toBeDefined();
  });

  it('keys the table does not bind do nothing in list mode', () => {
    const v = view({ selected: 2 });
    for (const key of ['x', 'q', 'a', 'r', '1', 'tab', 'C-c', 'left', 'return', 'space']) {
      const out = reduceRelaysKey(v, key, key.length === 1 ? key : undefined, ROWS);
      expect(out).toEqual({ view: v, handled: false });
    }
  });

  it('the status hint is generated from the same rows', () => {
    const line = selectKeyHintLine(RELAYS_KEY_TABLE(view({ sort: 'rate' })), 100).map((s) => s.text).join('');
    expect(line).toBe("Enter: open the relay's pages  s: cycle the sort (rate)  /: filter (names, state, flags)");
    expect(selectKeyHintLine(RELAYS_KEY_TABLE(view({ sort: 'rate' })), 60).map((s) => s.text).join('')).toBe("Enter: open the relay's pages  s: cycle the sort (rate)");
  });
});

describe('reduceRelaysKey', () => {
  it('moves the selection with Up/Down/PgUp/PgDn/Home/End over the shown order, clamped', () => {
    expect(press(view(), 'down', 'down').selected).toBe(2);
    expect(press(view(), 'up').selected).toBe(0);
    expect(press(view(), 'end').selected).toBe(6);
    expect(press(view(), 'end', 'down').selected).toBe(6);
    expect(press(view(), 'end', 'home').selected).toBe(0);
    expect(press(view(), 'pagedown').selected).toBe(3);
    expect(press(view(), 'end', 'pageup').selected).toBe(3);
  });

  it('s cycles the sort key; S reverses; the selection stays on the same relay', () => {
    let v = press(view(), 'down');
    expect(ROWS[v.selected!]!.name).toBe('exit-de');
    v = press(v, 's');
    expect(v.sort).toBe('name');
    expect(names(v)).toEqual(['exit-de', 'gone', 'guard-1', 'hung', 'locked', 'middle-fr', 'new-one']);
    expect(ROWS[v.selected!]!.name).toBe('exit-de');
    v = press(v, 's');
    expect(v.sort).toBe('state');
    expect(names(v)).toEqual(['gone', 'locked', 'hung', 'new-one', 'middle-fr', 'guard-1', 'exit-de']);
    v = press(v, 's');
    expect(v.sort).toBe('health');
    // worst health first (overload, then warnings, then ok); relays not evaluated last
    expect(names(v).slice(0, 3)).toEqual(['exit-de', 'middle-fr', 'guard-1']);
    v = press(v, 's');
    expect(v.sort).toBe('rate');
    expect(names(v).slice(0, 3)).toEqual(['exit-de', 'guard-1', 'middle-fr']);
    expect(press(v, 'S-s').reverse).toBe(true);
    // relays without a rate stay last either way
    expect(names(press(v, 'S-s')).slice(0, 3)).toEqual(['middle-fr', 'guard-1', 'exit-de']);
    for (const sort of ['connections', 'warnings', 'uptime', 'weight'] as const) expect(names(view({ sort }))).toHaveLength(7);
    expect(names(view({ sort: 'connections' }))[0]).toBe('exit-de');
    expect(names(view({ sort: 'warnings' })).slice(0, 2)).toEqual(['exit-de', 'guard-1']);
    expect(names(view({ sort: 'weight' })).slice(0, 3)).toEqual(['exit-de', 'guard-1', 'middle-fr']);
    let cycled = view();
    for (let i = 0; i < 9; i++) cycled = press(cycled, 's');
    expect(cycled.sort).toBe('listed');
  });

  it('/ opens a filter input that takes every key; Enter applies it, Esc clears it', () => {
    let v = press(view(), '/');
    expect(v.editingFilter).toBeDefined();
    v = press(v, 'q', 's', 'x');
    expect(v.editingFilter?.text).toBe('qsx');
    expect(v.sort).toBe('listed');
    v = press(v, 'backspace', 'backspace', 'backspace', 'X', 'i', 't', '-', 'D');
    v = press(v, 'enter');
    expect(v.editingFilter).toBeUndefined();
    expect(v.filter).toBe('Xit-D');
    expect(names(v)).toEqual(['exit-de']);
    expect(reduceRelaysKey(v, 'escape', undefined, ROWS)).toEqual({ view: { ...v, filter: '' }, handled: true });
    expect(reduceRelaysKey(view(), 'escape', undefined, ROWS).handled).toBe(false);
    expect(press(press(view(), '/', 'a'), 'escape').filter).toBe('');
  });

  it('caps the filter at the search limit', () => {
    let v = press(view(), '/');
    v = reduceRelaysKey(v, 'x', 'y'.repeat(1000), ROWS).view;
    expect(v.editingFilter?.text.length).toBe(256);
  });

  it('filters by nickname, fingerprint, state, version and flag', () => {
    expect(names(view({ filter: 'ortopHUNG' }))).toEqual(['hung']);
    expect(names(view({ filter: 'BBBBBBBB' }))).toEqual(['exit-de']);
    expect(names(view({ filter: 'password' }))).toEqual(['locked']);
    expect(names(view({ filter: '0.4.7' }))).toEqual(['exit-de']);
    expect(names(view({ filter: 'guard' }))).toEqual(['guard-1', 'hung', 'gone']);
  });

  it('Enter opens the selected relay by its session index, whatever the sort and filter', () => {
    expect(reduceRelaysKey(view(), 'enter', undefined, ROWS).command).toEqual({ kind: 'open-relay', index: 0 });
    const sorted = view({ sort: 'state' });
    expect(reduceRelaysKey(sorted, 'enter', undefined, ROWS).command).toEqual({ kind: 'open-relay', index: 5 });
    const down = press(sorted, 'down');
    expect(reduceRelaysKey(down, 'linefeed', undefined, ROWS).command).toEqual({ kind: 'open-relay', index: 4 });
    const filtered = view({ filter: 'exit', selected: 0 });
    expect(reduceRelaysKey(filtered, 'enter', undefined, ROWS).command).toEqual({ kind: 'open-relay', index: 1 });
    const none = reduceRelaysKey(view({ filter: 'nothing' }), 'enter', undefined, ROWS);
    expect(none.command).toEqual({ kind: 'message', text: 'No relay matches "nothing"' });
  });
});
