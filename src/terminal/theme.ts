// Styled text for blessed's tagged content: segments of {text, style} become one tag string, with
// untrusted text sanitised and tag-escaped on the way. With colours off only bold/underline/inverse
// remain (NO_COLOR, color_interface false). Pure.
import { safeTagText } from './sanitize.js';
import { displayWidth, truncateToWidth } from './width.js';

export type Color = 'black' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'white' | 'gray';

export interface Style {
  readonly fg?: Color;
  readonly bg?: Color;
  readonly bold?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
}

export interface Segment {
  readonly text: string;
  readonly style?: Style;
}

export type Line = readonly Segment[];

export interface Theme {
  readonly colors: boolean;
}

export const seg = (text: string, style?: Style): Segment => (style === undefined ? { text } : { text, style });

function open(style: Style, theme: Theme): [string, string] {
  let before = '';
  let after = '';
  const wrap = (tag: string) => {
    before += `{${tag}}`;
    after = `{/${tag}}${after}`;
  };
  if (theme.colors && style.fg !== undefined) wrap(`${style.fg}-fg`);
  if (theme.colors && style.bg !== undefined) wrap(`${style.bg}-bg`);
  if (style.bold) wrap('bold');
  if (style.underline) wrap('underline');
  if (style.inverse) wrap('inverse');
  return [before, after];
}

/** One line of segments → blessed tag markup, every segment's text sanitised and escaped. */
export function renderLine(line: Line, theme: Theme): string {
  let out = '';
  for (const s of line) {
    const text = safeTagText(s.text);
    if (s.style === undefined) {
      out += text;
      continue;
    }
    const [before, after] = open(s.style, theme);
    out += before + text + after;
  }
  return out;
}

export function lineWidth(line: Line): number {
  let w = 0;
  for (const s of line) w += displayWidth(s.text);
  return w;
}

/** Cuts a line of segments to `width` cells (ellipsis on the last kept segment when cut). */
export function truncateLine(line: Line, width: number): Line {
  if (lineWidth(line) <= width) return line;
  const out: Segment[] = [];
  let left = width;
  for (const s of line) {
    if (left <= 0) break;
    const w = displayWidth(s.text);
    if (w <= left) {
      out.push(s);
      left -= w;
    } else {
      out.push({ ...s, text: truncateToWidth(s.text, left) });
      left = 0;
    }
  }
  return out;
}
