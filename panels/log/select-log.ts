// The log panel as lines: a title naming the selected types and the filter, then entries newest
// first (duplicates hidden or not, filtered), entries of earlier days under a date divider, and a
// scrollbar on the left when they do not fit. Only the visible entries are wrapped; the others
// contribute cached line counts. Also the pure scrolling step the page's keys use.
import { matchesFilter, type LogBuffer, type LogEntry, type LogFilter } from '../../src/relay/log/index.js';
import { localDay } from '../../src/relay/log/log-entry.js';
import { seg, truncateLine, type Line, type Style } from '../../src/terminal/theme.js';
import { countEntryLines, wrapEntry } from './log-wrap.js';

/** The entry at the top of the view and the line of its block shown first; undefined = newest. */
export interface LogAnchor {
  readonly seq: number;
  readonly line: number;
}

export interface LogView {
  readonly dedup: boolean;
  readonly anchor: LogAnchor | undefined;
}

export interface LogPanelInput {
  readonly buffer: LogBuffer;
  readonly view: LogView;
  readonly filter: LogFilter | undefined;
  /** The condensed selection, e.g. "TOR/ORTOP NOTICE-ERR, CIRC". */
  readonly types: string;
  readonly nowMs: number;
  readonly maxLineWrap: number;
  readonly unicode: boolean;
}

export const SCROLLBAR_COLS = 2;
const TITLE: Style = { bold: true };
const NOTE: Style = { fg: 'gray' };
const DIVIDER: Style = { fg: 'yellow' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Block {
  readonly entry: LogEntry;
  readonly duplicates: number;
  readonly divider: boolean;
  /** Divider (if any) + entry lines. */
  readonly rows: number;
}

const matchCache = new WeakMap<LogEntry, { filter: LogFilter; match: boolean }>();
const countCache = new WeakMap<LogEntry, { key: string; rows: number }>();

function matches(entry: LogEntry, filter: LogFilter | undefined): boolean {
  if (filter === undefined) return true;
  const hit = matchCache.get(entry);
  if (hit !== undefined && hit.filter === filter) return hit.match;
  const match = matchesFilter(entry, filter);
  matchCache.set(entry, { filter, match });
  return match;
}

function entryRows(entry: LogEntry, duplicates: number, width: number, maxWrap: number): number {
  const key = `${width}/${duplicates}/${maxWrap}`;
  const hit = countCache.get(entry);
  if (hit !== undefined && hit.key === key) return hit.rows;
  const rows = countEntryLines(entry, duplicates, width, maxWrap);
  countCache.set(entry, { key, rows });
  return rows;
}

/** Every shown entry as a block, newest first. */
function blocks(input: LogPanelInput, width: number): Block[] {
  const out: Block[] = [];
  const today = localDay(input.nowMs);
  const { buffer, view, filter } = input;
  let prevDay: number | undefined;
  for (let age = 0; age < buffer.length; age++) {
    const entry = buffer.at(age)!;
    if (view.dedup && buffer.isHiddenDuplicate(entry)) continue;
    if (!matches(entry, filter)) continue;
    const duplicates = view.dedup ? buffer.duplicatesOf(entry) : 0;
    const divider = entry.day < today && entry.day !== prevDay;
    prevDay = entry.day;
    out.push({ entry, duplicates, divider, rows: (divider ? 1 : 0) + entryRows(entry, duplicates, width, input.maxLineWrap) });
  }
  return out;
}

/** Row offset of the anchor within the blocks (0 when following the newest). */
function anchorOffset(list: readonly Block[], anchor: LogAnchor | undefined): number {
  if (anchor === undefined) return 0;
  let row = 0;
  for (const b of list) {
    if (b.entry.seq <= anchor.seq) return row + (b.entry.seq === anchor.seq ? Math.min(anchor.line, b.rows - 1) : 0);
    row += b.rows;
  }
  return row;
}

function anchorAt(list: readonly Block[], offset: number): LogAnchor | undefined {
  if (offset <= 0) return undefined;
  let row = 0;
  for (const b of list) {
    if (offset < row + b.rows) return { seq: b.entry.seq, line: offset - row };
    row += b.rows;
  }
  return undefined;
}

export function formatDay(atMs: number): string {
  const d = new Date(atMs);
  return `${DAYS[d.getDay()]}, ${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}`;
}

function dividerLine(entry: LogEntry, width: number, unicode: boolean): Line {
  const dash = unicode ? '─' : '-';
  const label = ` ${formatDay(entry.atMs)} `;
  const text = dash.repeat(2) + label;
  return truncateLine([seg(text + dash.repeat(Math.max(0, width - text.length)), DIVIDER)], width);
}

function blockLines(b: Block, input: LogPanelInput, width: number): Line[] {
  const lines = wrapEntry(b.entry, b.duplicates, width, input.maxLineWrap);
  return b.divider ? [dividerLine(b.entry, width, input.unicode), ...lines] : lines;
}

function titleLine(input: LogPanelInput, scrolled: boolean, width: number): Line {
  const filter = input.filter === undefined ? '' : `, filter: ${input.filter.source}`;
  const left = `Events (${input.types}${filter}):`;
  const right = scrolled ? 'scrolled - Home shows the newest' : input.view.dedup ? '' : 'showing duplicates';
  if (right !== '' && left.length + 2 + right.length <= width) return [seg(left, TITLE), seg(' '.repeat(width - left.length - right.length)), seg(right, NOTE)];
  return truncateLine([seg(left, TITLE)], width);
}

function scrollbar(offset: number, total: number, rows: number, unicode: boolean): Line[] {
  const thumb = Math.max(1, Math.round((rows * rows) / total));
  const top = Math.min(rows - thumb, Math.round((offset / total) * rows));
  const track = unicode ? '│' : '|';
  const out: Line[] = [];
  for (let r = 0; r < rows; r++) out.push(r >= top && r < top + thumb ? [seg(' ', { inverse: true }), seg(' ')] : [seg(track, NOTE), seg(' ')]);
  return out;
}

/** The panel's rows (at most `height`): title, then the entries from the anchor down. */
export function selectLogLines(input: LogPanelInput, width: number, height: number): Line[] {
  const w = Math.max(0, Math.floor(width));
  const h = Math.max(0, Math.floor(height));
  if (w === 0 || h === 0) return [];
  const rows = h - 1;
  let contentWidth = Math.max(1, w - SCROLLBAR_COLS);
  let list = blocks(input, contentWidth);
  let total = list.reduce((n, b) => n + b.rows, 0);
  const needsBar = total > rows && w > SCROLLBAR_COLS;
  if (!needsBar) {
    contentWidth = w;
    list = blocks(input, contentWidth);
    total = list.reduce((n, b) => n + b.rows, 0);
  }
  const offset = Math.max(0, Math.min(anchorOffset(list, input.view.anchor), total - rows));
  const out: Line[] = [titleLine(input, offset > 0, w)];
  if (rows === 0) return out;
  if (list.length === 0) {
    const why = input.buffer.length === 0 ? '(no events yet)' : input.filter !== undefined ? `(nothing matches the filter ${input.filter.source})` : '(every entry is hidden)';
    out.push(truncateLine([seg(why, NOTE)], w));
    return out;
  }
  const content: Line[] = [];
  let row = 0;
  for (const b of list) {
    if (row + b.rows <= offset) {
      row += b.rows;
      continue;
    }
    const lines = blockLines(b, input, contentWidth);
    const from = Math.max(0, offset - row);
    for (let i = from; i < lines.length && content.length < rows; i++) content.push(lines[i]!);
    row += b.rows;
    if (content.length >= rows) break;
  }
  if (!needsBar) return [...out, ...content];
  const bar = scrollbar(offset, total, rows, input.unicode);
  for (let r = 0; r < rows; r++) out.push([...bar[r]!, ...(content[r] ?? [])]);
  return out;
}

export type ScrollStep = number | 'page-up' | 'page-down' | 'home' | 'end';

/** The view after a scroll key, for a panel of this size (same geometry as selectLogLines). */
export function scrollLog(input: LogPanelInput, width: number, height: number, step: ScrollStep): LogView {
  const rows = Math.max(1, Math.floor(height) - 1);
  const w = Math.max(1, Math.floor(width));
  let list = blocks(input, Math.max(1, w - SCROLLBAR_COLS));
  let total = list.reduce((n, b) => n + b.rows, 0);
  if (total <= rows || w <= SCROLLBAR_COLS) {
    list = blocks(input, w);
    total = list.reduce((n, b) => n + b.rows, 0);
  }
  const maxOffset = Math.max(0, total - rows);
  const offset = Math.min(anchorOffset(list, input.view.anchor), maxOffset);
  const delta = step === 'page-up' ? -rows : step === 'page-down' ? rows : step === 'home' ? -Infinity : step === 'end' ? Infinity : step;
  const next = Math.max(0, Math.min(maxOffset, offset + delta));
  return { ...input.view, anchor: anchorAt(list, next) };
}

/** The entries the panel shows (filter and de-duplication applied), newest first. */
export function listShownEntries(buffer: LogBuffer, dedup: boolean, filter: LogFilter | undefined): Array<{ entry: LogEntry; duplicates: number }> {
  const out: Array<{ entry: LogEntry; duplicates: number }> = [];
  for (let age = 0; age < buffer.length; age++) {
    const entry = buffer.at(age)!;
    if (dedup && buffer.isHiddenDuplicate(entry)) continue;
    if (!matches(entry, filter)) continue;
    out.push({ entry, duplicates: dedup ? buffer.duplicatesOf(entry) : 0 });
  }
  return out;
}
