import { describe, expect, it } from 'vitest';
import { createEventPicker, eventPickerColumns, reduceEventPicker, selectEventPickerPopup, type EventPicker } from '../../../panels/popups/event-picker.js';

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
