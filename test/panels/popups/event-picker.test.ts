import { afterEach, describe, expect, it } from 'vitest';
import { createEventPicker, eventPickerColumns, reduceEventPicker, selectEventPickerPopup, type EventPicker } from '../../../panels/popups/event-picker.js';
import { createPopupBox, drawPopup } from '../../../panels/popups/index.js';
import { TOR_0_4_9_EVENT_NAMES } from '../../../src/demo/tor-names.js';
import { DESCRIBED_EVENT_TYPES, describeEventType, ORTOP_RUNLEVELS, TOR_RUNLEVELS } from '../../../src/relay/log/index.js';
import { formatStyleRuns, gridText, type FakeTerminal } from '../../../src/terminal/index.js';
import { expectXtermAgrees } from '../../helpers/xterm.js';
import { renderOnBackground } from './popup-fixtures.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

const NAMES = ['DEBUG', 'INFO', 'NOTICE', 'WARN', 'ERR', 'ORTOP_NOTICE', 'CIRC', 'BW'];

function keys(picker: EventPicker, ...sequence: string[]) {
  let p = picker;
  for (const key of sequence) {
    const r = reduceEventPicker(p, key);
    if (r.kind !== 'open') return r;
    p = r.picker;
  }
  return { kind: 'open' as const, picker: p };
}

describe('event picker', () => {
  it('moves through a grid, toggles with space, applies in the offered order', () => {
    const picker = { ...createEventPicker(NAMES, ['NOTICE', 'WARN', 'ERR']), columns: 3 };
    const r = keys(picker, 'down', 'right', 'right', 'space', 'left', 'space', 'up', 'left', 'left', 'x', 'enter');
    expect(r).toEqual({ kind: 'apply', selected: ['DEBUG', 'NOTICE', 'WARN', 'ORTOP_NOTICE'] });
  });

  it('cancels with escape and keeps names tor does not list (so they can be unticked)', () => {
    expect(keys(createEventPicker(NAMES, []), 'space', 'escape')).toEqual({ kind: 'cancel' });
    expect(createEventPicker(NAMES, ['FOO']).names.at(-1)).toBe('FOO');
  });

  it('lays out in columns that fit and keeps the cursor row in view', () => {
    const area = { top: 0, left: 0, width: 80, height: 6 };
    const columns = eventPickerColumns(area);
    expect(columns).toBe(3);
    const picker = { ...createEventPicker([...NAMES, ...NAMES.map((n) => `X_${n}`)], ['BW']), columns, cursor: 15 };
    const popup = selectEventPickerPopup(picker, area)!;
    expect(popup.height).toBe(6);
    const rows = popup.lines.map((l) => l.map((s) => s.text).join(''));
    expect(rows.some((r) => r.includes('X_BW'))).toBe(true);
    expect(rows.every((r) => r.length <= popup.width - 2)).toBe(true);
    expect(selectEventPickerPopup(picker, { top: 0, left: 0, width: 2, height: 2 })).toBeUndefined();
  });
});

const rowsOf = (picker: EventPicker, area = { top: 0, left: 0, width: 80, height: 12 }) => selectEventPickerPopup(picker, area)!.lines.map((l) => l.map((x) => x.text).join(''));

describe('event picker descriptions', () => {
  it('describes the focused type and follows the cursor', () => {
    const picker = { ...createEventPicker(NAMES, ['NOTICE']), columns: 3 };
    expect(rowsOf(picker).slice(-2).join(' ')).toMatch(/^DEBUG: tor's log at debug level/);
    const moved = keys(picker, 'down', 'down');
    expect(moved.kind === 'open' && rowsOf(moved.picker).slice(-2).join(' ')).toMatch(/^CIRC: a circuit changed status/);
    const unknown = { ...createEventPicker(['FOO_BAR'], []), columns: 1 };
    expect(rowsOf(unknown).slice(-2).join(' ')).toMatch(/^FOO_BAR: no description/);
  });

  it('has words for every event type tor 0.4.9 offers and every runlevel', () => {
    for (const type of [...TOR_0_4_9_EVENT_NAMES, ...TOR_RUNLEVELS, ...ORTOP_RUNLEVELS]) expect(describeEventType(type), type).toBeDefined();
    expect(describeEventType('circ')).toBe(describeEventType('CIRC'));
    expect(describeEventType('toString')).toBeUndefined();
    expect(DESCRIBED_EVENT_TYPES.length).toBeGreaterThan(30);
  });

  it('keeps at most two description rows, every row inside the box; drops them when the area is short', () => {
    for (const width of [20, 33, 80]) {
      const area = { top: 0, left: 0, width, height: 10 };
      const picker = { ...createEventPicker([...TOR_0_4_9_EVENT_NAMES], []), columns: eventPickerColumns(area), cursor: TOR_0_4_9_EVENT_NAMES.indexOf('CELL_STATS') };
      const popup = selectEventPickerPopup(picker, area)!;
      expect(popup.lines.filter((l) => l[0]?.style?.fg === 'gray').length).toBeLessThanOrEqual(2);
      for (const l of popup.lines) expect(l.map((x) => x.text).join('').length).toBeLessThanOrEqual(popup.width - 2);
    }
    const short = selectEventPickerPopup({ ...createEventPicker(NAMES, []), columns: 3 }, { top: 0, left: 0, width: 80, height: 5 })!;
    expect(short.lines.every((l) => l[0]?.style?.fg !== 'gray')).toBe(true);
  });
});

describe('event picker snapshots', () => {
  for (const [cols, rows] of [
    [80, 25],
    [160, 40],
  ] as const) {
    it(`at ${cols}x${rows}, CIRC focused`, async () => {
      const area = { top: 2, left: 0, width: cols, height: rows - 2 };
      const picker = { ...createEventPicker([...TOR_0_4_9_EVENT_NAMES], ['NOTICE', 'WARN', 'ERR', 'BW', 'CIRC']), columns: eventPickerColumns(area), cursor: 0 };
      const r = await renderOnBackground(cols, rows, (screen) => drawPopup(createPopupBox(screen), selectEventPickerPopup(picker, area), { colors: true }));
      term = r.term;
      await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/event-picker.${cols}x${rows}.txt`);
      await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/event-picker.${cols}x${rows}.styles.txt`);
      await expectXtermAgrees(r.term, r.grid);
    });
  }
});
