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
    // An astral character (a surrogate pair: emoji, CJK extensions) is two cells, as displayWidth counts it.
    const cw = ch.length > 1 ? displayWidth(ch) : charWidth(ch.charCodeAt(0));
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

/**
 * Like wrapText, but runs of spaces inside a line stay as they are (tor's raw replies, aligned
 * columns, torrc lines); the spaces where a line breaks are dropped. Words wider than a line are cut.
 *   wrapKeepingSpaces('  RELOAD    rereads the torrc', 20, 4) → ['  RELOAD    rereads', '    the torrc']
 */
export function wrapKeepingSpaces(text: string, width: number, restIndent = 0): string[] {
  const w = Math.max(1, Math.floor(width));
  const indent = ' '.repeat(Math.max(0, Math.min(restIndent, w - 1)));
  const out: string[] = [];
  let line = '';
  let used = 0;
  let fresh = true;
  let spaces = '';
  const newLine = () => {
    out.push(line.trimEnd());
    line = indent;
    used = indent.length;
    fresh = true;
  };
  for (const part of text.split(/( +)/)) {
    if (part === '') continue;
    if (part.startsWith(' ')) {
      spaces += part;
      continue;
    }
    const gap = fresh && out.length > 0 ? '' : spaces;
    spaces = '';
    const ww = displayWidth(part);
    if (used + gap.length + ww <= w) {
      line += gap + part;
      used += gap.length + ww;
      fresh = false;
      continue;
    }
    if (!fresh) newLine();
    let rest = part;
    while (rest !== '') {
      if (!fresh) newLine();
      let [piece = rest] = displayWidth(rest) <= w - used ? [rest] : hardBreak(rest, w - used);
      if (displayWidth(piece) > w - used && used > 0) {
        // A wide character that does not fit beside the indent: the line goes without it.
        line = '';
        used = 0;
        [piece = rest] = hardBreak(rest, w);
      }
      line += piece;
      used += displayWidth(piece);
      fresh = false;
      rest = rest.slice(piece.length);
    }
  }
  if (!fresh || out.length === 0) out.push(line.trimEnd());
  return out;
}
