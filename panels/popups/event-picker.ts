// The log's event-selection popup: every type tor lists (runlevels first), ortop's own levels,
// each with a checkbox, laid out in columns, and below them what the focused type reports (the
// log's table of event descriptions, as Nyx shows). A pure key reducer (arrows move, space toggles,
// enter applies, escape cancels) and the popup model. The page re-subscribes with the result.
import { describeEventType } from '../../src/relay/log/event-descriptions.js';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { wrapText } from '../config/wrap-text.js';
import { seg, type Line, type Segment } from '../../src/terminal/theme.js';
import { fitPopup, type PopupArea, type PopupModel } from './popup-frame.js';

export interface EventPicker {
  readonly names: readonly string[];
  readonly checked: ReadonlySet<string>;
  readonly cursor: number;
  /** Columns of the last layout (left/right move by a whole row of them). */
  readonly columns: number;
}

export type EventPickerResult =
  | { readonly kind: 'open'; readonly picker: EventPicker }
  | { readonly kind: 'apply'; readonly selected: readonly string[] }
  | { readonly kind: 'cancel' };

export const EVENT_PICKER_TITLE = 'Event types to log (space: toggle, enter: apply, esc: cancel)';
const CELL_WIDTH = 24;
const MAX_WIDTH = 100;

export function createEventPicker(names: readonly string[], selected: Iterable<string>): EventPicker {
  const checked = new Set(selected);
  const all = [...names, ...[...checked].filter((n) => !names.includes(n))];
  return { names: all, checked, cursor: 0, columns: 1 };
}

export function reduceEventPicker(picker: EventPicker, key: string): EventPickerResult {
  const n = picker.names.length;
  const move = (cursor: number): EventPickerResult => ({ kind: 'open', picker: { ...picker, cursor: Math.max(0, Math.min(n - 1, cursor)) } });
  switch (key) {
    case 'up':
      return move(picker.cursor - picker.columns);
    case 'down':
      return move(picker.cursor + picker.columns);
    case 'left':
      return move(picker.cursor - 1);
    case 'right':
      return move(picker.cursor + 1);
    case 'home':
      return move(0);
    case 'end':
      return move(n - 1);
    case 'space':
    case 'x': {
      const name = picker.names[picker.cursor];
      if (name === undefined) return { kind: 'open', picker };
      const checked = new Set(picker.checked);
      if (checked.has(name)) checked.delete(name);
      else checked.add(name);
      return { kind: 'open', picker: { ...picker, checked } };
    }
    case 'enter':
      return { kind: 'apply', selected: picker.names.filter((name) => picker.checked.has(name)) };
    case 'escape':
    case 'q':
      return { kind: 'cancel' };
    default:
      return { kind: 'open', picker };
  }
}

/** How many columns fit the area (the page stores it so up/down move by rows). */
export function eventPickerColumns(area: PopupArea): number {
  const inner = Math.min(MAX_WIDTH, Math.floor(area.width)) - 2;
  return Math.max(1, Math.floor(inner / CELL_WIDTH));
}

/** Up to two rows: "CIRC: a circuit changed status: …" for the focused type. */
function descriptionRows(name: string | undefined, width: number): Line[] {
  if (name === undefined) return [];
  const text = `${sanitizeLine(name)}: ${describeEventType(name) ?? 'no description (a type this tor offers that ortop has no words for)'}`;
  const rows = wrapText(text, width, 0, 2);
  const kept = rows.length > 2 ? [rows[0]!, `${rows[1]!.slice(0, Math.max(0, width - 1))}…`] : rows;
  return kept.map((t): Line => [seg(t, { fg: 'gray' })]);
}

/**
 *   ┌ Event types to log (space: toggle, enter: apply, esc: cancel) ┐
 *   │[X] NOTICE              [ ] CIRC                    [X] BW     │
 *   │CIRC: a circuit changed status: launched, built, extended, …   │
 *   └────────────────────────────────────────────────────────────────┘
 */
export function selectEventPickerPopup(picker: EventPicker, area: PopupArea): PopupModel | undefined {
  const columns = picker.columns;
  const inner = Math.max(1, Math.min(MAX_WIDTH - 2, Math.floor(area.width) - 2, columns * CELL_WIDTH));
  const cell = Math.max(1, Math.floor(inner / columns));
  const rows: Line[] = [];
  for (let start = 0; start < picker.names.length; start += columns) {
    const line: Segment[] = [];
    picker.names.slice(start, start + columns).forEach((name, i) => {
      const index = start + i;
      const text = `[${picker.checked.has(name) ? 'X' : ' '}] ${sanitizeLine(name)}`.slice(0, cell - 1).padEnd(cell);
      line.push(seg(text, index === picker.cursor ? { inverse: true } : picker.checked.has(name) ? { bold: true } : undefined));
    });
    rows.push(line);
  }
  // The description only when at least two rows of names still fit beside it.
  const description = Math.floor(area.height) - 2 >= 4 ? descriptionRows(picker.names[picker.cursor], inner) : [];
  const visible = Math.max(1, Math.floor(area.height) - 2 - description.length);
  const cursorRow = Math.floor(picker.cursor / columns);
  const first = Math.max(0, Math.min(cursorRow - visible + 1, rows.length - visible));
  return fitPopup(area, EVENT_PICKER_TITLE, [...rows.slice(first, first + visible), ...description], inner + 2, description.length);
}
