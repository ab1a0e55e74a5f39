// One key table per page: each row names the keys as help shows them, the blessed key names bound
// to it and the action they trigger. Help, the status-line hint and dispatch are all read from the
// same rows, so they cannot drift apart. Pure; must not know any page's actions.
import type { KeyHint } from './panel.js';
import { sanitizeLine } from '../src/terminal/sanitize.js';
import { seg, truncateLine, type Line, type Segment } from '../src/terminal/theme.js';
import { displayWidth } from '../src/terminal/width.js';

export interface KeyTableRow<A extends string = string> extends KeyHint {
  /** blessed key names (key.full) that trigger `action`; empty for rows that only explain (legend). */
  readonly bound: readonly string[];
  readonly action?: A;
  /** Also shown in the status-line hint. */
  readonly hint?: boolean;
  /**
   * False for navigation rows (the key itself says where: Up, PgDn, 1-5): they get no menu entry.
   * Every other row with an action is a menu entry that dispatches its first bound key.
   */
  readonly menu?: false;
}

export type KeyTable<A extends string = string> = readonly KeyTableRow<A>[];

/** The action a key triggers, or undefined when the table does not bind it. */
export function actionOf<A extends string>(table: KeyTable<A>, key: string): A | undefined {
  for (const row of table) if (row.action !== undefined && row.bound.includes(key)) return row.action;
  return undefined;
}

/** Every blessed key name the table binds to an action. */
export function boundKeysOf(table: KeyTable): string[] {
  return table.flatMap((row) => (row.action === undefined ? [] : row.bound));
}

export interface KeyMenuEntry {
  /** The key the entry presses (the row's first bound key): choosing it dispatches that row's action. */
  readonly key: string;
  /** "Graph bounds (local max)": the description, capitalised, with the current value. */
  readonly label: string;
}

/** One menu entry per row with an action (navigation rows excepted), in table order. */
export function menuEntriesOf(table: KeyTable): KeyMenuEntry[] {
  const out: KeyMenuEntry[] = [];
  for (const row of table) {
    const key = row.bound[0];
    if (row.action === undefined || row.menu === false || key === undefined) continue;
    const text = row.description.charAt(0).toUpperCase() + row.description.slice(1);
    out.push({ key, label: sanitizeLine(row.current === undefined ? text : `${text} (${row.current})`) });
  }
  return out;
}

/** The rows as the help popup takes them. */
export function keyHintsOf(table: KeyTable): KeyHint[] {
  return table.map((r) => (r.current === undefined ? { keys: r.keys, description: r.description } : { keys: r.keys, description: r.description, current: r.current }));
}

const LABELS: Readonly<Record<string, string>> = {
  up: 'Up',
  down: 'Down',
  left: 'Left',
  right: 'Right',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  linefeed: 'Enter',
  escape: 'Esc',
  space: 'Space',
  tab: 'Tab',
  backspace: 'Backspace',
  delete: 'Delete',
};

/** How help spells a blessed key name: 'pageup' → 'PgUp', 'S-s' → 'S', 'C-l' → 'Ctrl-L', 's' → 's'. */
export function keyLabel(name: string): string {
  if (Object.hasOwn(LABELS, name)) return LABELS[name]!;
  if (name.startsWith('S-') && name.length === 3) return name.slice(2).toUpperCase();
  if (name.startsWith('C-')) return `Ctrl-${keyLabel(name.slice(2)).toUpperCase()}`;
  return name;
}

/** "s: sort (rate)  /: filter  Enter: open" from the rows marked `hint`, as many as fit. */
export function selectKeyHintLine(table: KeyTable, width: number): Line {
  const out: Segment[] = [];
  let used = 0;
  for (const row of table) {
    if (row.hint !== true) continue;
    const keys = sanitizeLine(row.keys);
    const text = sanitizeLine(`${row.keys}: ${row.description}${row.current === undefined ? '' : ` (${row.current})`}`);
    const gap = out.length === 0 ? 0 : 2;
    if (used + gap + displayWidth(text) > width) break;
    if (gap > 0) out.push(seg('  '));
    out.push(seg(keys, { bold: true }), seg(text.slice(keys.length)));
    used += gap + displayWidth(text);
  }
  return truncateLine(out, width);
}
