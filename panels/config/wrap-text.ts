// Word wrapping by display width (never .length) for descriptions, replies and long torrc lines:
// breaks at spaces, cuts words longer than a line, indents continuation lines. Pure.
//   wrapText('If set, Tor will accept connections', 16) → ['If set, Tor will', 'accept', 'connections']
import { charWidth, displayWidth } from '../../src/terminal/width.js';

/** Cuts `text` into pieces of at most `width` cells (a hard break, for words and code). */
export function hardBreak(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  const out: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of text) {
    const cw = ch.length > 1 ? 1 : charWidth(ch.charCodeAt(0));
    if (used + cw > w && line !== '') {
      out.push(line);
      line = '';
      used = 0;
    }
    line += ch;
    used += cw;
  }
  if (line !== '' || out.length === 0) out.push(line);
  return out;
}

/**
 * Wraps at spaces to `width` cells. The first line gets `firstIndent` spaces, the following ones
 * `restIndent` (e.g. 0 and 2 for a hanging indent). Always returns at least one line.
 */
export function wrapText(text: string, width: number, firstIndent = 0, restIndent = firstIndent): string[] {
  const w = Math.max(1, Math.floor(width));
  const out: string[] = [];
  let indent = Math.min(firstIndent, w - 1);
  let line = ' '.repeat(indent);
  let used = indent;
  let empty = true;
  const newLine = () => {
    out.push(line.trimEnd());
    indent = Math.min(restIndent, w - 1);
    line = ' '.repeat(indent);
    used = indent;
    empty = true;
  };
  for (const word of text.split(/ +/)) {
    if (word === '') continue;
    const ww = displayWidth(word);
    if (!empty && used + 1 + ww > w) newLine();
    if (ww > w - used) {
      for (const piece of hardBreak(word, w - used)) {
        if (!empty) newLine();
        line += piece;
        used += displayWidth(piece);
        empty = false;
      }
      continue;
    }
    line += (empty ? '' : ' ') + word;
    used += (empty ? 0 : 1) + ww;
    empty = false;
  }
  if (!empty || out.length === 0) out.push(line.trimEnd());
  return out;
}
