// Syntax colours for one torrc line (Nyx's scheme): option keyword green bold, its value cyan,
// comments gray, %include magenta. Pure; the text is made visible (visibleText) before colouring.
//   colorTorrcLine(line) → [seg('ORPort', green bold), seg(' 9001', cyan), seg(' # main', gray)]
import type { TorrcLine } from '../../src/relay/torrc/parse-torrc.js';
import { visibleText } from '../../src/relay/torrc/visible-text.js';
import { seg, type Line, type Segment, type Style } from '../../src/terminal/theme.js';

export const TORRC_STYLES = {
  keyword: { fg: 'green', bold: true },
  include: { fg: 'magenta', bold: true },
  value: { fg: 'cyan' },
  comment: { fg: 'gray' },
} as const satisfies Record<string, Style>;

export function colorTorrcLine(line: TorrcLine): Line {
  const text = line.text;
  const parts: Segment[] = [];
  let column = 0;
  const push = (from: number, to: number, style: Style | undefined) => {
    if (to <= from) return;
    const shown = visibleText(text.slice(from, to), 8, column);
    column += shown.length;
    parts.push(seg(shown, style));
  };
  const commentAt = line.commentAt ?? text.length;
  if (line.kind === 'comment') {
    push(0, text.length, TORRC_STYLES.comment);
    return parts;
  }
  if ((line.kind === 'option' || line.kind === 'include') && line.keyword !== undefined) {
    push(0, line.keyword.start, undefined);
    push(line.keyword.start, line.keyword.end, line.kind === 'include' ? TORRC_STYLES.include : TORRC_STYLES.keyword);
    push(line.keyword.end, commentAt, TORRC_STYLES.value);
  } else push(0, commentAt, line.kind === 'continuation' ? TORRC_STYLES.value : undefined);
  push(commentAt, text.length, TORRC_STYLES.comment);
  return parts;
}
