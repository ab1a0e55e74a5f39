// The whole connections page as lines for a width x height area: title with counts per category,
// a plain notice when the socket table is unavailable or partial (and what that hides), the detail
// box, the visible window of the list with the selection, and the search or confirmation prompt.
// Pure: only the visible rows are formatted.
import { CATEGORIES, type SocketState } from '../../src/relay/connections/index.js';
import type { RelayDetails } from '../../src/relay/connections/index.js';
import { seg, truncateLine, type Line } from '../../src/terminal/theme.js';
import { selectTextInputLine } from '../popups/text-input.js';
import { displayWidth, truncateToWidth } from '../../src/terminal/width.js';
import type { ConnectionList, ListLine } from './connection-list.js';
import { selectDetailBox } from './detail-box.js';
import { CATEGORY_LABELS } from './entry-format.js';
import { formatListLine, selectLine, type LineContext } from './entry-lines.js';
import type { ConnectionsView } from './view.js';

export interface ConnectionsFrame {
  readonly lines: readonly Line[];
  /** The selection after following its entry (the page stores these back into the view). */
  readonly selectedKey: string | undefined;
  readonly selectedIndex: number;
  readonly scrollTop: number;
  /** Rows the list had (PgUp/PgDn move by this). */
  readonly listRows: number;
  readonly selectedLine: ListLine | undefined;
  /** The row the list starts on (mouse clicks). */
  readonly listTop?: number;
}

/** Where the selection is now: its key's line, or the nearest line to where it was. */
export function resolveSelection(list: ConnectionList, view: ConnectionsView): { index: number; line: ListLine | undefined } {
  const count = list.lineCount;
  if (count === 0) return { index: 0, line: undefined };
  let index = view.selectedKey === undefined ? -1 : list.indexOf(view.selectedKey);
  if (index < 0) index = Math.max(0, Math.min(view.selectedIndex, count - 1));
  return { index, line: list.lineAt(index) };
}

export function selectTitle(list: ConnectionList, view: ConnectionsView): string {
  const counts = list.counts();
  const parts = CATEGORIES.filter((c) => (counts.get(c) ?? 0) > 0).map((c) => `${counts.get(c)} ${CATEGORY_LABELS[c].toLowerCase()}`);
  const title = parts.length === 0 ? 'Connections:' : `Connections (${parts.join(', ')}):`;
  return view.filter === '' ? title : `${title}  matching "${view.filter}": ${list.entryCount}`;
}

/** A tor elsewhere (remote, the demo, a replay): said once, quietly; nothing is missing that could be had. */
export function socketNoteElsewhere(state: SocketState): string | undefined {
  if (state.kind !== 'unavailable' || state.elsewhere !== true) return undefined;
  return 'Listed from what tor reports (OR connections, circuits, streams): tor is not a process on this machine, so no socket table here.';
}

/** What the socket table could not give (and why), or undefined when it gave everything. */
export function socketNotice(state: SocketState): string | undefined {
  if (state.kind === 'unavailable' && state.elsewhere === true) return undefined;
  if (state.kind === 'unavailable') {
    return `Socket table unavailable: exit connections, SOCKS and control clients, DirPort requests and local addresses are not shown (OR connections, circuits and streams come from tor and are complete). Why: ${state.reason}.`;
  }
  if (state.kind === 'sockets' && state.owner === 'uid') {
    return `Socket table partial: exit connections and outbound directory requests are not shown. Why: ${state.limitation ?? "tor's file descriptors are not readable"}.`;
  }
  return undefined;
}

/** Word-wraps text into at most `rows` lines of `width` cells (the last one cut with an ellipsis). */
export function wrapText(text: string, width: number, rows: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line === '') line = word;
    else if (displayWidth(line) + 1 + displayWidth(word) <= width) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line !== '') out.push(line);
  if (out.length <= rows) return out.map((l) => truncateToWidth(l, width));
  const kept = out.slice(0, rows);
  kept[rows - 1] = truncateToWidth(`${kept[rows - 1]} ${out.slice(rows).join(' ')}`, width);
  return kept.map((l) => truncateToWidth(l, width));
}

export interface ConnectionsInput {
  readonly list: ConnectionList;
  readonly ctx: LineContext;
  readonly view: ConnectionsView;
  readonly details: RelayDetails | undefined;
  /** Things that went wrong reading from tor, said plainly above the list. */
  readonly problems?: readonly string[];
  readonly width: number;
  readonly height: number;
}

export function selectConnections(input: ConnectionsInput): ConnectionsFrame {
  const { list, ctx, view } = input;
  const width = Math.max(0, Math.floor(input.width));
  const height = Math.max(0, Math.floor(input.height));
  const { index, line: selected } = resolveSelection(list, view);
  const out: Line[] = [];
  if (height === 0 || width === 0) {
    return { lines: [], selectedKey: selected?.key, selectedIndex: index, scrollTop: view.scrollTop, listRows: 0, selectedLine: selected };
  }
  out.push(truncateLine([seg(selectTitle(list, view), { bold: true })], width));
  for (const problem of input.problems ?? []) if (height >= 4) out.push(truncateLine([seg(problem, { fg: 'red' })], width));
  const notice = socketNotice(ctx.store.sockets);
  const quiet = socketNoteElsewhere(ctx.store.sockets);
  if (quiet !== undefined && height >= 12) out.push([seg(wrapText(quiet, width, 1)[0] ?? '', { fg: 'gray' })]);
  if (notice !== undefined && height >= 4) {
    for (const text of wrapText(notice, width, height >= 12 ? 3 : 1)) out.push([seg(text, { fg: 'yellow' })]);
  }
  if (view.detailOpen && height >= 8) out.push(...selectDetailBox(selected, ctx, input.details, width).slice(0, Math.max(0, height - out.length - 2)));
  const prompt = selectPrompt(view, width);
  const listRows = Math.max(0, height - out.length - (prompt === undefined ? 0 : 1));
  const listTop = out.length;
  const count = list.lineCount;
  let scrollTop = Math.max(0, Math.min(view.scrollTop, count - listRows));
  if (index < scrollTop) scrollTop = index;
  if (index >= scrollTop + listRows) scrollTop = index - listRows + 1;
  scrollTop = Math.max(0, scrollTop);
  if (count === 0 && listRows > 0) {
    out.push([seg(view.filter === '' ? 'No connections.' : 'Nothing matches the search (Esc clears it).', { fg: 'gray' })]);
  }
  for (let i = scrollTop; i < Math.min(count, scrollTop + listRows); i++) {
    const line = list.lineAt(i)!;
    const formatted = formatListLine(line, ctx, width);
    out.push(i === index ? selectLine(formatted, width) : formatted);
  }
  while (prompt !== undefined && out.length < height - 1) out.push([]);
  if (prompt !== undefined) out.push(prompt);
  return { lines: out.slice(0, height), selectedKey: selected?.key, selectedIndex: index, scrollTop, listRows, selectedLine: selected, listTop };
}

function selectPrompt(view: ConnectionsView, width: number): Line | undefined {
  if (view.editingFilter !== undefined) return selectTextInputLine(view.editingFilter, 'Search: ', width);
  if (view.popup.kind === 'confirm-close') return truncateLine([seg(view.popup.question, { bold: true }), seg(' (y/n)')], width);
  return undefined;
}
