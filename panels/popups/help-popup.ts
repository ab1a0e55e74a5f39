// The help popup, generated from the key hints of the current page and the global keys: two
// columns of "key: description (current value)" as wide as the terminal allows (an entry that does
// not fit its column gets the whole row, one that does not fit the row wraps: never cut), then
// "Press any key to close.". Pure select;
// drawn with drawPopup. Must not know which keys exist: the app passes the hints.
import type { KeyHint } from '../panel.js';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { lineWidth, seg, type Line, type Segment } from '../../src/terminal/theme.js';
import { displayWidth } from '../../src/terminal/width.js';
import { fitPopup, type PopupArea, type PopupModel } from './popup-frame.js';

export interface HelpInput {
  /** Shown in the border, e.g. "Page 1 Commands". */
  readonly title: string;
  readonly pageKeys: readonly KeyHint[];
  readonly globalKeys: readonly KeyHint[];
}

/** The popup is at least this wide when the area allows (as Nyx's), wider when entries need it. */
const HELP_MIN_WIDTH = 80;
/** Below this inner width the entries stack in one column. */
const TWO_COLUMN_MIN_INNER = 50;
export const HELP_CLOSE_TEXT = 'Press any key to close.';

/** "p: pause (on)": key bold, current value cyan. */
export function formatKeyHint(hint: KeyHint): Line {
  const out: Segment[] = [seg(sanitizeLine(hint.keys), { bold: true }), seg(`: ${sanitizeLine(hint.description)}`)];
  if (hint.current !== undefined) out.push(seg(' ('), seg(sanitizeLine(hint.current), { fg: 'cyan' }), seg(')'));
  return out;
}

/** Cuts a line into rows of at most `width` cells; rows after the first are indented by two. */
export function wrapLine(line: Line, width: number): Line[] {
  if (width <= 0) return [];
  if (lineWidth(line) <= width) return [line];
  const rows: Line[] = [];
  let current: Segment[] = [];
  let used = 0;
  const indent = width > 4 ? 2 : 0;
  for (const s of line) {
    for (const char of s.text) {
      const w = displayWidth(char);
      if (used + w > width) {
        rows.push(current);
        current = indent > 0 ? [seg(' '.repeat(indent))] : [];
        used = indent;
        if (char === ' ') continue;
      }
      const last = current.at(-1);
      if (last !== undefined && last.style === s.style) current[current.length - 1] = { ...last, text: last.text + char };
      else current.push(s.style === undefined ? seg(char) : seg(char, s.style));
      used += w;
    }
  }
  if (current.length > 0) rows.push(current);
  return rows;
}

/**
 * Entries two to a row, left to right, when the inside is wide enough: a pair shares a row only
 * when both fit their columns whole; an entry too long for a column gets a row of its own, and one
 * too long for the row wraps. Nothing is ever cut.
 */
function columns(hints: readonly KeyHint[], inner: number): Line[] {
  const entries = hints.map(formatKeyHint);
  if (inner < TWO_COLUMN_MIN_INNER) return entries.flatMap((e) => wrapLine(e, inner));
  // The right column starts at colWidth + 1; a left entry leaves it at least two blanks.
  const colWidth = Math.floor((inner - 1) / 2);
  const rows: Line[] = [];
  for (let i = 0; i < entries.length; i++) {
    const left = entries[i]!;
    const right = entries[i + 1];
    if (lineWidth(left) <= colWidth - 1 && right !== undefined && lineWidth(right) <= inner - colWidth - 1) {
      rows.push([...left, seg(' '.repeat(colWidth + 1 - lineWidth(left))), ...right]);
      i++;
    } else rows.push(...wrapLine(left, inner));
  }
  return rows;
}

/**
 * The popup width for these hints: HELP_MIN_WIDTH (or the area, when narrower), widened only as far
 * as needed to pair every entry whole, when the area has room.
 */
export function helpWidth(input: HelpInput, areaWidth: number): number {
  const area = Math.max(0, Math.floor(areaWidth));
  const longest = Math.max(0, ...[...input.pageKeys, ...input.globalKeys].map((h) => lineWidth(formatKeyHint(h))));
  const widest = Math.min(area, Math.max(HELP_MIN_WIDTH, 2 * longest + 3 + 2));
  const rows = selectHelpLines(input, widest - 2).length;
  // Wider never needs more rows: the narrowest width with as few rows as the widest, by bisection.
  let low = Math.min(area, HELP_MIN_WIDTH);
  let high = widest;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (selectHelpLines(input, mid - 2).length <= rows) high = mid;
    else low = mid + 1;
  }
  return high;
}

export function selectHelpLines(input: HelpInput, innerWidth: number): Line[] {
  const lines: Line[] = columns(input.pageKeys, innerWidth);
  if (input.pageKeys.length === 0) lines.push([seg('This page has no keys of its own.')]);
  if (input.globalKeys.length > 0) {
    lines.push([], [seg('Global commands:', { bold: true })], ...columns(input.globalKeys, innerWidth));
  }
  lines.push([], [seg(HELP_CLOSE_TEXT, { fg: 'cyan' })]);
  return lines;
}

export function selectHelpPopup(input: HelpInput, area: PopupArea): PopupModel | undefined {
  const width = helpWidth(input, area.width);
  return fitPopup(area, input.title, selectHelpLines(input, width - 2), width, 1);
}
