// Draws a panel's lines into a blessed box as cells, row by row, without blessed's content pipeline:
// a row is turned into cells only when its text or styles changed, and the box's render copies the
// cells into the screen buffer (blessed still diffs that buffer against the terminal). A frame where
// one number changed then costs one row, not a re-parse of every tag of every line (issue 15).
// Gives the same cells as setContent(renderLine(...)) on a box with tags on, no wrapping, no border,
// no padding and no scrolling: attributes come from blessed's own tag and SGR parsing, wide
// characters get blessed's placeholder cell, combining marks join the cell before. Only such boxes.
//   drawCellRows(box, [[seg('Download: '), seg('12 KB/s', { fg: 'cyan' })]], theme)
import type blessed from 'blessed';
import { blessedUnicode } from './blessed-lite.js';
import { sanitizeLine } from './sanitize.js';
import type { Line, Style, Theme } from './theme.js';

/** One screen cell as blessed keeps it: [attribute code, character(s)]. */
type Cell = [number, string];

/** A row's cells as two parallel arrays (no array per cell: a changed graph row is hundreds of cells). */
interface Row {
  readonly key: string;
  readonly attrs: readonly number[];
  readonly chars: readonly string[];
}

interface CellRowsState {
  rows: Row[];
  /** Style → attribute code; cleared when the box's default attribute changes. */
  readonly attrs: Map<string, number>;
  dattr: number;
  colors: boolean;
  /**
   * Per box row, what renderCells last copied and where: a row whose cells, screen line and columns
   * are the same and whose screen line nobody touched since blessed last drew it (not dirty) is
   * already on the screen buffer as it should be.
   */
  copied: Array<{ row: Row; line: unknown; xi: number; xl: number } | undefined>;
  /** The screen's render count when renderCells last ran (blessed counts renders after each). */
  renderedAt: number;
  /** The lines and width last drawn: the same array again (a kept select answer) changes nothing. */
  lastLines?: readonly Line[];
  lastWidth?: number;
}

/** The blessed internals used here (all present in blessed 0.1.81's Element and Screen). */
interface BoxInternals {
  screen: { renders: number; fullUnicode: boolean; lines: Array<Cell[] & { dirty?: boolean }>; height: number; width: number; attrCode(code: string, cur: number, def: number): number };
  style: unknown;
  lpos?: unknown;
  children: Array<{ render(): void }>;
  sattr(style: unknown): number;
  _parseTags(text: string): string;
  _getCoords(get: boolean): { xi: number; xl: number; yi: number; yl: number } | undefined;
  _emit(type: string, args?: unknown[]): void;
  render(): unknown;
}

const states = new WeakMap<blessed.Widgets.BoxElement, CellRowsState>();
const SGR = /\x1b\[[\d;]*m/g;

function styleKey(style: Style | undefined, colors: boolean): string {
  if (style === undefined) return '';
  return `${colors ? (style.fg ?? '') : ''}/${colors ? (style.bg ?? '') : ''}/${style.bold ? 'b' : ''}${style.underline ? 'u' : ''}${style.inverse ? 'i' : ''}`;
}

/** The tags theme.ts's renderLine opens for a style, in its order. */
function openTags(style: Style, colors: boolean): string {
  let tags = '';
  if (colors && style.fg !== undefined) tags += `{${style.fg}-fg}`;
  if (colors && style.bg !== undefined) tags += `{${style.bg}-bg}`;
  if (style.bold) tags += '{bold}';
  if (style.underline) tags += '{underline}';
  if (style.inverse) tags += '{inverse}';
  return tags;
}

function attrOf(box: BoxInternals, state: CellRowsState, style: Style | undefined): number {
  const key = styleKey(style, state.colors);
  let attr = state.attrs.get(key);
  if (attr === undefined) {
    attr = state.dattr;
    if (style !== undefined) for (const m of box._parseTags(openTags(style, state.colors)).matchAll(SGR)) attr = box.screen.attrCode(m[0], attr, state.dattr);
    state.attrs.set(key, attr);
  }
  return attr;
}

/** A line's identity for the row cache: its texts and style keys. */
function lineKey(line: Line, colors: boolean): string {
  let key = '';
  for (const s of line) key += `${styleKey(s.style, colors)}\u0000${s.text}\u0001`;
  return key;
}

/**
 * As blessed's parseContent + render: with fullUnicode a wide character is followed by a placeholder
 * cell ('\x03') and a combining mark joins the cell before; without it a wide character is '??', a
 * combining mark is dropped and any other astral character is '?'.
 */
function lineCells(box: BoxInternals, state: CellRowsState, line: Line, width: number, key: string): Row {
  const unicode = blessedUnicode();
  const full = box.screen.fullUnicode;
  const attrs: number[] = [];
  const chars: string[] = [];
  const row: Row = { key, attrs, chars };
  for (const s of line) {
    const attr = attrOf(box, state, s.style);
    const text = sanitizeLine(s.text);
    for (let i = 0; i < text.length; i++) {
      let point = text.charCodeAt(i);
      let ch: string;
      const low = point >= 0xd800 && point <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        point = (point - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        ch = text.slice(i, i + 2);
        i++;
      } else ch = text[i]!;
      if (point >= 0x300 && unicode.combining[point]) {
        if (full && chars.length > 0) chars[chars.length - 1] += ch;
        continue;
      }
      const wide = point >= 0x1100 && unicode.charWidth(point) === 2;
      if (!full && (wide || point > 0xffff)) {
        for (const c of wide ? '??' : '?') {
          if (chars.length < width) {
            attrs.push(attr);
            chars.push(c);
          }
        }
        continue;
      }
      if (chars.length >= width) return row;
      attrs.push(attr);
      chars.push(ch);
      if (wide && chars.length < width) {
        attrs.push(attr);
        chars.push('\x03');
      }
    }
  }
  return row;
}

/** A row below the box's lines: blank (the box's default attribute). */
const BLANK_ROW: Row = { key: '', attrs: [], chars: [] };

/** blessed's Element.render for a box drawn by drawCellRows: copies the cached cells, blank beyond. */
function renderCells(this: BoxInternals): unknown {
  this._emit('prerender');
  const coords = this._getCoords(true);
  if (coords === undefined) {
    delete this.lpos;
    return undefined;
  }
  if (coords.xl - coords.xi <= 0 || coords.yl - coords.yi <= 0) return undefined;
  this.lpos = coords;
  const state = states.get(this as unknown as blessed.Widgets.BoxElement)!;
  const dattr = state.dattr;
  const lines = this.screen.lines;
  // Only when this box was also rendered by the screen's previous render: while it was hidden, its
  // area may have been cleared and drawn (no longer dirty) without it.
  const consecutive = state.renderedAt === this.screen.renders - 1;
  state.renderedAt = this.screen.renders;
  for (let y = coords.yi; y < coords.yl; y++) {
    const line = lines[y];
    if (line === undefined) {
      if (y >= this.screen.height) break;
      continue;
    }
    const row = state.rows[y - coords.yi] ?? BLANK_ROW;
    const was = state.copied[y - coords.yi];
    if (consecutive && line.dirty !== true && was !== undefined && was.row === row && was.line === line && was.xi === coords.xi && was.xl === coords.xl) continue;
    const n = row.chars.length;
    for (let x = coords.xi; x < coords.xl; x++) {
      const cell = line[x];
      if (cell === undefined) break;
      const i = x - coords.xi;
      const attr = i < n ? row.attrs[i]! : dattr;
      const ch = i < n ? row.chars[i]! : ' ';
      if (cell[0] !== attr || cell[1] !== ch) {
        cell[0] = attr;
        cell[1] = ch;
        line.dirty = true;
      }
    }
    state.copied[y - coords.yi] = { row, line, xi: coords.xi, xl: coords.xl };
  }
  for (const child of this.children) child.render();
  this._emit('render', [coords]);
  return coords;
}

/**
 * Sets the box's lines (already cut to the box's width by the panel's select). Rows whose text and
 * styles did not change keep their cells; the box renders from the cells from now on (the box must
 * not also get setContent).
 */
export function drawCellRows(box: blessed.Widgets.BoxElement, lines: readonly Line[], theme: Theme, width: number): void {
  const internals = box as unknown as BoxInternals;
  let state = states.get(box);
  const dattr = internals.sattr(internals.style);
  if (state === undefined) {
    state = { rows: [], attrs: new Map(), dattr, colors: theme.colors, copied: [], renderedAt: -2 };
    states.set(box, state);
    internals.render = renderCells;
  }
  if (state.dattr !== dattr || state.colors !== theme.colors) {
    state.attrs.clear();
    state.rows = [];
    state.copied = [];
    state.lastLines = undefined;
    state.dattr = dattr;
    state.colors = theme.colors;
  }
  if (state.lastLines === lines && state.lastWidth === width) return;
  state.lastLines = lines;
  state.lastWidth = width;
  const rows = state.rows;
  for (let i = 0; i < lines.length; i++) {
    const key = `${width}\u0002${lineKey(lines[i]!, state.colors)}`;
    if (rows[i]?.key !== key) rows[i] = lineCells(internals, state, lines[i]!, width, key);
  }
  rows.length = lines.length;
}
