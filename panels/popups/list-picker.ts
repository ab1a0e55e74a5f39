// A popup list to pick one item from (graphed stat, interval, filter history): the cursor as data,
// a pure key reducer, and the popup model (selected item marked, current one flagged). Keys are
// blessed key names: up/down/home/end move, enter picks ('return' ignored), escape cancels.
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { seg, type Line } from '../../src/terminal/theme.js';
import { fitPopup, type PopupArea, type PopupModel } from './popup-frame.js';

export interface ListPicker {
  readonly title: string;
  readonly items: readonly string[];
  readonly cursor: number;
  /** Index of the item in effect now (marked with "(current)"). */
  readonly current: number | undefined;
}

export type ListPickerResult =
  | { readonly kind: 'open'; readonly picker: ListPicker }
  | { readonly kind: 'picked'; readonly index: number; readonly item: string }
  | { readonly kind: 'cancel' };

export function createListPicker(title: string, items: readonly string[], current?: number): ListPicker {
  const cursor = current !== undefined && current >= 0 && current < items.length ? current : 0;
  return { title, items, cursor, current };
}

export function reduceListPicker(picker: ListPicker, key: string): ListPickerResult {
  const n = picker.items.length;
  const move = (cursor: number): ListPickerResult => ({ kind: 'open', picker: { ...picker, cursor: n === 0 ? 0 : ((cursor % n) + n) % n } });
  switch (key) {
    case 'up':
    case 'k':
      return move(picker.cursor - 1);
    case 'down':
    case 'j':
      return move(picker.cursor + 1);
    case 'home':
      return move(0);
    case 'end':
      return move(n - 1);
    case 'enter':
    case 'space':
      return n === 0 ? { kind: 'cancel' } : { kind: 'picked', index: picker.cursor, item: picker.items[picker.cursor]! };
    case 'escape':
    case 'q':
      return { kind: 'cancel' };
    default:
      return { kind: 'open', picker };
  }
}

const LIST_MAX_WIDTH = 60;

/** The popup: one item per row, the cursor row in inverse, scrolled so the cursor shows. */
export function selectListPickerPopup(picker: ListPicker, area: PopupArea): PopupModel | undefined {
  const rows = picker.items.map((item, i) => `${i === picker.cursor ? '>' : ' '} ${sanitizeLine(item)}${i === picker.current ? ' (current)' : ''}`);
  // The title sits in the top border: "┌─ title ─┐" needs four cells more than the title.
  const inner = Math.min(LIST_MAX_WIDTH - 2, Math.max(picker.title.length + 4, ...rows.map((r) => r.length + 1)));
  const visible = Math.max(1, Math.floor(area.height) - 2);
  const start = Math.max(0, Math.min(picker.cursor - visible + 1, rows.length - visible));
  const lines: Line[] = rows.slice(start, start + visible).map((text, i) => {
    const padded = text.padEnd(inner);
    return start + i === picker.cursor ? [seg(padded, { inverse: true })] : [seg(padded)];
  });
  return fitPopup(area, picker.title, lines, inner + 2);
}
