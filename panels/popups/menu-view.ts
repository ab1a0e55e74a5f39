// Lays out and draws the open menu: the menu bar on row 0 and one drop-down box per open list,
// submenus beside their parent item. selectMenuView is pure; drawMenu only positions blessed boxes.
//    Actions  View  Help                 <- bar (inverse), open title bold+underlined
//   | New Identity   |
//   | Color        > || [X] All   |      <- cursor rows are not inverse
import type blessed from 'blessed';
import blessedLite from '../../src/terminal/blessed-lite.js';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { lineWidth, renderLine, seg, truncateLine, type Line, type Style, type Theme } from '../../src/terminal/theme.js';
import { displayWidth } from '../../src/terminal/width.js';
import { openLists, type MenuItem, type MenuState } from './menu-model.js';

export interface MenuBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** Exactly `height` rows, each exactly `width` cells. */
  readonly lines: readonly Line[];
  /** Index of the item on the box's first row (the list scrolls when it is taller than the screen). */
  readonly firstItem: number;
}

export interface MenuView {
  /** Row 0, exactly the screen width. */
  readonly bar: Line;
  /** Columns [from, to) of each top-level title on the bar, in menu order (for clicks). */
  readonly titles: readonly { readonly from: number; readonly to: number }[];
  readonly boxes: readonly MenuBox[];
}

const BAR: Style = { inverse: true };
const BAR_OPEN: Style = { inverse: true, bold: true, underline: true };
const ITEM: Style = { inverse: true };
const ITEM_CURSOR: Style = { bold: true };

function itemParts(item: MenuItem): [string, string] {
  const label = sanitizeLine(item.label);
  if (item.kind === 'radio') return [`${item.selected ? '[X]' : '[ ]'} ${label}`, ''];
  return [label, item.kind === 'submenu' ? ' >' : ''];
}

function fill(text: string, width: number, style: Style): Line {
  return truncateLine([seg(text + ' '.repeat(Math.max(0, width - displayWidth(text))), style)], width);
}

function selectBar(state: MenuState, cols: number): { bar: Line; titleX: number; titles: { from: number; to: number }[] } {
  const out: Line[number][] = [];
  const titles: { from: number; to: number }[] = [];
  let x = 0;
  let titleX = 0;
  state.menus.forEach((menu, i) => {
    const text = ` ${sanitizeLine(menu.label)} `;
    if (i === state.path[0]) titleX = x;
    out.push(seg(text, i === state.path[0] ? BAR_OPEN : BAR));
    titles.push({ from: Math.min(x, cols), to: Math.min(x + displayWidth(text), cols) });
    x += displayWidth(text);
  });
  out.push(seg(' '.repeat(Math.max(0, cols - x)), BAR));
  return { bar: truncateLine(out, cols), titleX: Math.min(titleX, Math.max(0, cols - 1)), titles };
}

/** First item shown when only `height` of `count` items fit and the cursor must be visible. */
const scrollOffset = (cursor: number, height: number, count: number): number => Math.max(0, Math.min(cursor - height + 1, count - height));

function selectBox(items: readonly MenuItem[], cursor: number, left: number, top: number, cols: number, rows: number): MenuBox | undefined {
  const parts = items.map(itemParts);
  const inner = Math.max(...parts.map(([main, suffix]) => displayWidth(main) + displayWidth(suffix)));
  const width = Math.min(inner + 2, cols);
  const height = Math.min(items.length, rows - top);
  if (width < 1 || height < 1) return undefined;
  const offset = scrollOffset(cursor, height, items.length);
  const lines = parts.slice(offset, offset + height).map(([main, suffix], i) => {
    const gap = ' '.repeat(Math.max(0, inner - displayWidth(main) - displayWidth(suffix)));
    return fill(` ${main}${gap}${suffix} `, width, offset + i === cursor ? ITEM_CURSOR : ITEM);
  });
  return { left: Math.max(0, Math.min(left, cols - width)), top, width, height, lines, firstItem: offset };
}

/** The bar and the open drop-downs for a cols x rows screen; boxes that do not fit are left out. */
export function selectMenuView(state: MenuState, cols: number, rows: number): MenuView {
  const c = Math.max(0, Math.floor(cols));
  const r = Math.max(0, Math.floor(rows));
  const { bar, titleX, titles } = selectBar(state, c);
  const boxes: MenuBox[] = [];
  let left = titleX;
  let top = 1;
  openLists(state).forEach((items, level) => {
    const cursor = state.path[level + 1]!;
    if (items.length === 0 || (level > 0 && boxes.length < level)) return;
    const box = selectBox(items, cursor, left, top, c, r);
    if (box === undefined) return;
    boxes.push(box);
    left = box.left + box.width;
    top = box.top + cursor - scrollOffset(cursor, box.height, items.length);
  });
  return { bar, titles, boxes };
}

/** What a click at (x, y) hits: a top-level title, an item of the open list at `level`, or nothing. */
export type MenuHit = { readonly kind: 'title'; readonly index: number } | { readonly kind: 'item'; readonly level: number; readonly index: number } | { readonly kind: 'outside' };

export function menuHitAt(view: MenuView, x: number, y: number): MenuHit {
  if (y === 0) {
    const index = view.titles.findIndex((t) => x >= t.from && x < t.to);
    return index < 0 ? { kind: 'outside' } : { kind: 'title', index };
  }
  for (let level = view.boxes.length - 1; level >= 0; level--) {
    const box = view.boxes[level]!;
    if (x >= box.left && x < box.left + box.width && y >= box.top && y < box.top + box.height) return { kind: 'item', level, index: box.firstItem + y - box.top };
  }
  return { kind: 'outside' };
}

export interface MenuWidgets {
  readonly parent: blessed.Widgets.Node;
  readonly bar: blessed.Widgets.BoxElement;
  readonly boxes: blessed.Widgets.BoxElement[];
}

const plainBox = (parent: blessed.Widgets.Node, height: number) =>
  blessedLite.box({ parent, hidden: true, top: 0, left: 0, width: 1, height, tags: true, wrap: false });

export function createMenuWidgets(parent: blessed.Widgets.Node): MenuWidgets {
  return { parent, bar: plainBox(parent, 1), boxes: [] };
}

function place(box: blessed.Widgets.BoxElement, at: { left: number; top: number; width: number; height: number }, lines: readonly Line[], theme: Theme): void {
  box.left = at.left;
  box.top = at.top;
  box.width = at.width;
  box.height = at.height;
  box.setContent(lines.map((line) => renderLine(line, theme)).join('\n'));
  box.show();
  box.setFront();
}

/** Shows the view (or hides everything when the menu is closed or the screen has no room). */
export function drawMenu(widgets: MenuWidgets, view: MenuView | undefined, theme: Theme): void {
  const width = view === undefined ? 0 : lineWidth(view.bar);
  if (view === undefined || width < 1) widgets.bar.hide();
  else place(widgets.bar, { left: 0, top: 0, width, height: 1 }, [view.bar], theme);
  const boxes = view?.boxes ?? [];
  while (widgets.boxes.length < boxes.length) widgets.boxes.push(plainBox(widgets.parent, 1));
  widgets.boxes.forEach((box, i) => {
    const model = boxes[i];
    if (model === undefined) box.hide();
    else place(box, model, model.lines, theme);
  });
}
