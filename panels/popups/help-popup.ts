// The help popup, generated from the key hints of the current page and the global keys: two
// columns of "key: description (current value)", then "Press any key to close.". Pure select;
// drawn with drawPopup. Must not know which keys exist: the app passes the hints.
import type { KeyHint } from '../panel.js';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { lineWidth, seg, truncateLine, type Line, type Segment } from '../../src/terminal/theme.js';
import { fitPopup, type PopupArea, type PopupModel } from './popup-frame.js';

export interface HelpInput {
  /** Shown in the border, e.g. "Page 1 Commands". */
  readonly title: string;
  readonly pageKeys: readonly KeyHint[];
  readonly globalKeys: readonly KeyHint[];
}

const HELP_MAX_WIDTH = 80;
/** Below this inner width the entries stack in one column. */
const TWO_COLUMN_MIN_INNER = 50;
export const HELP_CLOSE_TEXT = 'Press any key to close.';

/** "p: pause (on)": key bold, current value cyan. */
export function formatKeyHint(hint: KeyHint): Line {
  const out: Segment[] = [seg(sanitizeLine(hint.keys), { bold: true }), seg(`: ${sanitizeLine(hint.description)}`)];
  if (hint.current !== undefined) out.push(seg(' ('), seg(sanitizeLine(hint.current), { fg: 'cyan' }), seg(')'));
  return out;
}

function columns(hints: readonly KeyHint[], inner: number): Line[] {
  const entries = hints.map(formatKeyHint);
  if (inner < TWO_COLUMN_MIN_INNER) return entries.map((e) => truncateLine(e, inner));
  const colWidth = Math.floor((inner - 1) / 2);
  const rows: Line[] = [];
  for (let i = 0; i < entries.length; i += 2) {
    const left = truncateLine(entries[i]!, colWidth - 1);
    const right = entries[i + 1];
    if (right === undefined) rows.push(left);
    else {
      rows.push([...left, seg(' '.repeat(colWidth + 1 - lineWidth(left))), ...truncateLine(right, inner - colWidth - 1)]);
    }
  }
  return rows;
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
  const width = Math.min(area.width, HELP_MAX_WIDTH);
  return fitPopup(area, input.title, selectHelpLines(input, width - 2), width, 1);
}
