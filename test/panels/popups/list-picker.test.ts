import { describe, expect, it } from 'vitest';
import { createListPicker, reduceListPicker, selectListPickerPopup } from '../../../panels/popups/list-picker.js';

describe('list picker', () => {
  it('starts on the current item, wraps around, picks with enter and ignores return', () => {
    let p = createListPicker('Graph interval', ['each second', '5 seconds', 'daily'], 2);
    expect(p.cursor).toBe(2);
    let r = reduceListPicker(p, 'down');
    expect(r.kind === 'open' && r.picker.cursor).toBe(0);
    p = r.kind === 'open' ? r.picker : p;
    r = reduceListPicker(p, 'return');
    expect(r.kind).toBe('open');
    expect(reduceListPicker(p, 'enter')).toEqual({ kind: 'picked', index: 0, item: 'each second' });
    expect(reduceListPicker(p, 'escape')).toEqual({ kind: 'cancel' });
  });

  it('marks the cursor and the current item and scrolls long lists', () => {
    const items = Array.from({ length: 20 }, (_, i) => `item ${i}`);
    const popup = selectListPickerPopup({ ...createListPicker('Pick', items, 3), cursor: 15 }, { top: 0, left: 0, width: 40, height: 7 })!;
    const rows = popup.lines.map((l) => l.map((s) => s.text).join('').trimEnd());
    expect(rows).toHaveLength(5);
    expect(rows.at(-1)).toBe('> item 15');
    expect(popup.lines.at(-1)![0]!.style).toEqual({ inverse: true });
    const titled = selectListPickerPopup(createListPicker('Log filter (regular expression)', ['None', 'New…']), { top: 0, left: 0, width: 80, height: 10 })!;
    expect(titled.width).toBeGreaterThanOrEqual('Log filter (regular expression)'.length + 6);
    expect(titled.title).toBe('Log filter (regular expression)');
    const top = selectListPickerPopup(createListPicker('Pick', items, 3), { top: 0, left: 0, width: 40, height: 30 })!;
    expect(top.lines[3]!.map((s) => s.text).join('').trimEnd()).toBe('> item 3 (current)');
  });
});
