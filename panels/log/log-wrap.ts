// One log entry as display lines: "HH:MM:SS [TYPE] message [N duplicates hidden]" wrapped at
// spaces (a word cut only when wider than the panel) with a continuation indent, at most
// max_line_wrap lines (the last one ends with "…" when cut), coloured by type. Pure; cached line
// counts live in select-log.ts.
import type { LogEntry } from '../../src/relay/log/index.js';
import { charWidth, displayWidth } from '../../src/terminal/width.js';
import { seg, type Color, type Line, type Segment, type Style } from '../../src/terminal/theme.js';

export const CONTINUATION_INDENT = 2;

const TYPE_COLORS: Record<string, Color> = {
  DEBUG: 'magenta',
  INFO: 'blue',
  NOTICE: 'green',
  WARN: 'yellow',
  ERR: 'red',
  BW: 'cyan',
  CIRC: 'yellow',
  CIRC_MINOR: 'yellow',
  NS: 'blue',
  NEWCONSENSUS: 'blue',
  GUARD: 'yellow',
  STATUS_GENERAL: 'cyan',
  STATUS_CLIENT: 'cyan',
  STATUS_SERVER: 'cyan',
};

export function typeStyle(type: string): Style | undefined {
  const level = type.startsWith('ORTOP_') ? type.slice(6) : type;
  const fg = TYPE_COLORS[level];
  if (fg === undefined) return undefined;
  return level === 'ERR' ? { fg, bold: true } : { fg };
}

const DUPLICATES_STYLE: Style = { fg: 'green', bold: true };

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

export function formatTime(atMs: number): string {
  const d = new Date(atMs);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export function duplicatesSuffix(duplicates: number): string {
  return duplicates > 0 ? ` [${duplicates} duplicate${duplicates === 1 ? '' : 's'} hidden]` : '';
}

/** The entry's full text and where the duplicates suffix starts. */
export function entryText(entry: LogEntry, duplicates: number): { text: string; suffixAt: number } {
  const main = `${formatTime(entry.atMs)} [${entry.type}] ${entry.message}`;
  return { text: main + duplicatesSuffix(duplicates), suffixAt: main.length };
}

const ASCII = /^[\x20-\x7e]*$/;

/**
 * [start, end) ranges of `text` per display line: the first line `firstWidth` cells, the
 * others `restWidth`, breaking at spaces; a word is cut only when it alone is wider than a line.
 */
function isHighSurrogateAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
}

export function wrapRanges(text: string, firstWidth: number, restWidth: number, maxLines: number): { ranges: Array<[number, number]>; cut: boolean } {
  const ascii = ASCII.test(text);
  const ranges: Array<[number, number]> = [];
  let pos = 0;
  while (pos < text.length && ranges.length < maxLines) {
    const width = Math.max(1, ranges.length === 0 ? firstWidth : restWidth);
    let end = pos;
    if (ascii) end = Math.min(text.length, pos + width);
    else {
      let w = 0;
      while (end < text.length) {
        // A surrogate pair (an emoji) is taken whole: a line never ends between its halves.
        const units = isHighSurrogateAt(text, end) ? 2 : 1;
        const cw = units === 2 ? charWidth(text.charCodeAt(end)) + charWidth(text.charCodeAt(end + 1)) : charWidth(text.charCodeAt(end));
        if (w + cw > width) break;
        w += cw;
        end += units;
      }
      if (end === pos) end = pos + (isHighSurrogateAt(text, pos) ? 2 : 1);
    }
    if (end < text.length) {
      // Break at the last space, unless the word it would push down is wider than a whole line
      // anyway: then fill this line and cut the word (fingerprints and URLs stay whole otherwise).
      const space = text.lastIndexOf(' ', end);
      if (space > pos) {
        const next = text.indexOf(' ', space + 1);
        const word = text.slice(space + 1, next < 0 ? text.length : next);
        if ((ascii ? word.length : displayWidth(word)) <= Math.max(1, restWidth)) end = space;
      }
    }
    ranges.push([pos, end]);
    pos = end;
    while (text.charCodeAt(pos) === 32) pos++;
  }
  return { ranges, cut: pos < text.length };
}

/** How many lines the entry takes (what wrapEntry would return, without building it). */
export function countEntryLines(entry: LogEntry, duplicates: number, width: number, maxLines: number): number {
  const { text } = entryText(entry, duplicates);
  if (text.length <= width && ASCII.test(text)) return 1;
  return wrapRanges(text, width, width - CONTINUATION_INDENT, maxLines).ranges.length;
}

export function wrapEntry(entry: LogEntry, duplicates: number, width: number, maxLines: number): Line[] {
  const { text, suffixAt } = entryText(entry, duplicates);
  const { ranges, cut } = wrapRanges(text, width, width - CONTINUATION_INDENT, maxLines);
  const style = typeStyle(entry.type);
  const indent = ' '.repeat(CONTINUATION_INDENT);
  return ranges.map(([start, end], i) => {
    const last = i === ranges.length - 1;
    const stop = last && cut ? Math.max(start, end - 1) : end;
    const out: Segment[] = i === 0 ? [] : [seg(indent)];
    if (start < suffixAt) out.push(seg(text.slice(start, Math.min(stop, suffixAt)), style));
    if (stop > suffixAt) out.push(seg(text.slice(Math.max(start, suffixAt), stop), DUPLICATES_STYLE));
    if (last && cut) out.push(seg('…', style));
    return out;
  });
}
