// The status line from the key tables: the page number, the global keys marked `hint` and, when
// there is room, the page's own hint rows; and where a click lands (the page number = Right, a key
// name = that key). The menu's hit test for clicks: titles, items (scrolled lists too), outside.
import { describe, expect, it } from 'vitest';
import type { KeyTable } from '../../../panels/key-table.js';
import { menuHitAt, openMenu, selectMenuView, selectStatusLayout, statusKeyAt, type StatusLineInput } from '../../../panels/popups/index.js';
import { lineWidth } from '../../../src/terminal/theme.js';
import { MENUS } from './popup-fixtures.js';

const text = (line: readonly { text: string }[]) => line.map((s) => s.text).join('');
const PAGE_KEYS: KeyTable = [
  { keys: 'Up/Down', bound: ['up', 'down'], description: 'scroll', action: 'scroll' },
  { keys: 's', bound: ['s'], description: 'sort', current: 'rate', action: 'sort', hint: true },
  { keys: '/', bound: ['/'], description: 'search', action: 'search', hint: true },
];
const base: StatusLineInput = { page: 2, pageCount: 6, paused: false, pageKeys: PAGE_KEYS };

describe('status line layout', () => {
  it('names the global keys, then the page hint rows that fit', () => {
    const wide = selectStatusLayout(base, 0, 120);
    expect(text(wide.line)).toBe('page 2 / 6 - m: menu, p: pause, h: page help, q: quit  s: sort (rate)  /: search');
    expect(text(selectStatusLayout(base, 0, 75).line)).toBe('page 2 / 6 - m: menu, p: pause, h: page help, q: quit  s: sort (rate)');
    expect(text(selectStatusLayout(base, 0, 56).line)).toBe('page 2 / 6 - m: menu, p: pause, h: page help, q: quit');
    for (const w of [0, 1, 10, 56, 70, 200]) expect(lineWidth(selectStatusLayout(base, 0, w).line)).toBeLessThanOrEqual(w);
  });

  it('a click on the page number is Right, on a key name that key, elsewhere nothing', () => {
    const layout = selectStatusLayout(base, 0, 120);
    const line = text(layout.line);
    expect(statusKeyAt(layout, 0)).toBe('right');
    expect(statusKeyAt(layout, line.indexOf('m: menu') + 3)).toBe('m');
    expect(statusKeyAt(layout, line.indexOf('h: page help') + 8)).toBe('h');
    expect(statusKeyAt(layout, line.indexOf('q: quit'))).toBe('q');
    expect(statusKeyAt(layout, line.indexOf('s: sort'))).toBe('s');
    expect(statusKeyAt(layout, line.indexOf('/: search') + 4)).toBe('/');
    expect(statusKeyAt(layout, line.indexOf(' - '))).toBeUndefined();
    expect(statusKeyAt(layout, 119)).toBeUndefined();
    // Cut short, a key name past the edge is not clickable.
    expect(statusKeyAt(selectStatusLayout(base, 0, 20), 30)).toBeUndefined();
  });

  it('Paused is a click on p; a message or a question has no targets', () => {
    expect(statusKeyAt(selectStatusLayout({ ...base, paused: true }, 0, 80), 2)).toBe('p');
    expect(selectStatusLayout({ ...base, menuOpen: true }, 0, 80).targets).toEqual([]);
    expect(selectStatusLayout({ ...base, message: { text: 'hello', untilMs: 10 } }, 0, 80).targets).toEqual([]);
  });
});

describe('menu hit test', () => {
  it('finds titles on the bar, items in open lists, and nothing elsewhere', () => {
    const state = openMenu(MENUS, 1)!;
    const view = selectMenuView(state, 80, 25);
    expect(menuHitAt(view, view.titles[0]!.from, 0)).toEqual({ kind: 'title', index: 0 });
    expect(menuHitAt(view, view.titles[3]!.to - 1, 0)).toEqual({ kind: 'title', index: 3 });
    expect(menuHitAt(view, 79, 0)).toEqual({ kind: 'outside' });
    const box = view.boxes[0]!;
    expect(menuHitAt(view, box.left, box.top + 2)).toEqual({ kind: 'item', level: 0, index: 2 });
    expect(menuHitAt(view, box.left + box.width, box.top)).toEqual({ kind: 'outside' });
    expect(menuHitAt(view, box.left, box.top + box.height)).toEqual({ kind: 'outside' });
  });

  it('counts from the first item shown when a list scrolls', () => {
    // The Graph menu's Interval submenu on a screen too short for it: the cursor on the last item.
    const state = { menus: MENUS, path: [2, 2, 7] };
    const view = selectMenuView(state, 80, 6);
    const sub = view.boxes[1]!;
    expect(sub.firstItem).toBeGreaterThan(0);
    expect(menuHitAt(view, sub.left, sub.top)).toEqual({ kind: 'item', level: 1, index: sub.firstItem });
  });
});
