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

interface Row {
  readonly key: string;
  readonly cells: readonly Cell[];
}

interface CellRowsState {
  rows: Row[];
  /** Style → attribute code; cleared when the box's default attribute changes. */
  readonly attrs: Map<string, number>;
  dattr: number;
  colors: boolean;
}

/** The blessed internals used here (all present in blessed 0.1.81's Element and Screen). */
interface BoxInternals {
  screen: { fullUnicode: boolean; lines: Array<Cell[] & { dirty?: boolean }>; height: number; width: number; attrCode(code: string, cur: number, def: number): number };
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
function lineCells(box: BoxInternals, state: CellRowsState, line: Line, width: number): Cell[] {
  const unicode = blessedUnicode();
  const full = box.screen.fullUnicode;
  const cells: Cell[] = [];
  for (const s of line) {
    const attr = attrOf(box, state, s.style);
    for (const ch of sanitizeLine(s.text)) {
      const point = ch.codePointAt(0)!;
      if (unicode.combining[point]) {
        const before = cells[cells.length - 1];
        if (full && before !== undefined) before[1] += ch;
        continue;
      }
      const wide = point >= 0x1100 && unicode.charWidth(point) === 2;
      if (!full && (wide || point > 0xffff)) {
        for (const c of wide ? '??' : '?') if (cells.length < width) cells.push([attr, c]);
        continue;
      }
      if (cells.length >= width) return cells;
      cells.push([attr, ch]);
      if (wide && cells.length < width) cells.push([attr, '\x03']);
    }
  }
  return cells;
}

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
  for (let y = coords.yi; y < coords.yl; y++) {
    const line = lines[y];
    if (line === undefined) {
      if (y >= this.screen.height) break;
      continue;
    }
    const cells = state.rows[y - coords.yi]?.cells;
    for (let x = coords.xi; x < coords.xl; x++) {
      const cell = line[x];
      if (cell === undefined) break;
      const want = cells?.[x - coords.xi];
      const attr = want === undefined ? dattr : want[0];
      const ch = want === undefined ? ' ' : want[1];
      if (cell[0] !== attr || cell[1] !== ch) {
        cell[0] = attr;
        cell[1] = ch;
        line.dirty = true;
      }
    }
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
    state = { rows: [], attrs: new Map(), dattr, colors: theme.colors };
    states.set(box, state);
    internals.render = renderCells;
  }
  if (state.dattr !== dattr || state.colors !== theme.colors) {
    state.attrs.clear();
    state.rows = [];
    state.dattr = dattr;
    state.colors = theme.colors;
  }
  const rows = state.rows;
  for (let i = 0; i < lines.length; i++) {
    const key = `${width}\u0002${lineKey(lines[i]!, state.colors)}`;
    if (rows[i]?.key !== key) rows[i] = { key, cells: lineCells(internals, state, lines[i]!, width) };
  }
  rows.length = lines.length;
}
