import { afterEach, describe, expect, it } from 'vitest';
import { createMenuWidgets, drawMenu, openMenu, reduceMenu, selectMenuView, type Menu, type MenuState } from '../../../panels/popups/index.js';
import { formatStyleRuns, gridText, type FakeTerminal } from '../../../src/terminal/index.js';
import { lineWidth } from '../../../src/terminal/theme.js';
import { expectXtermAgrees } from '../../helpers/xterm.js';
import { MENUS, renderOnBackground } from './popup-fixtures.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

function press(state: MenuState, ...keys: string[]): MenuState {
  return keys.reduce((s, key) => reduceMenu(s, key).state!, state);
}

const text = (line: readonly { text: string }[]) => line.map((s) => s.text).join('');
const colorSubmenu = () => press(openMenu(MENUS)!, 'right', 'up', 'right', 'down');
const intervalSubmenu = () => press(openMenu(MENUS, 2)!, 'down', 'down', 'right', 'up');

async function renderMenu(state: MenuState | undefined, cols: number, rows: number) {
  const r = await renderOnBackground(cols, rows, (screen) => {
    const widgets = createMenuWidgets(screen);
    drawMenu(widgets, state === undefined ? undefined : selectMenuView(state, cols, rows), { colors: true });
  });
  term = r.term;
  return r;
}

describe('menu layout', () => {
  it('puts the bar on row 0 and each open list beside its parent item', () => {
    const view = selectMenuView(colorSubmenu(), 80, 25);
    expect(text(view.bar)).toBe(` Actions  View  Graph  Help ${' '.repeat(52)}`);
    expect(view.bar.find((s) => s.text === ' View ')?.style).toEqual({ inverse: true, bold: true, underline: true });
    expect(view.boxes.map((b) => [b.left, b.top, b.width, b.height])).toEqual([
      [9, 1, 19, 4],
      [28, 4, 11, 4],
    ]);
    expect(view.boxes[0]!.lines.map(text)).toEqual([' [X] Graph / Log ', ' [ ] Connections ', ' [ ] Configuration ', ' Color           > '].map((l) => l.padEnd(19)));
    expect(view.boxes[0]!.lines[3]![0]!.style).toEqual({ bold: true });
    expect(view.boxes[1]!.lines.map(text)).toEqual([' [X] All   ', ' [ ] Red   ', ' [ ] Green ', ' [ ] Cyan  ']);
    expect(view.boxes[1]!.lines[1]![0]!.style).toEqual({ bold: true });
    expect(view.boxes[1]!.lines[0]![0]!.style).toEqual({ inverse: true });
  });

  it('keeps boxes on screen: shifts them left and scrolls a tall list to its cursor', () => {
    const view = selectMenuView(intervalSubmenu(), 40, 8);
    const sub = view.boxes[1]!;
    expect(sub.left + sub.width).toBeLessThanOrEqual(40);
    expect(sub.top + sub.height).toBeLessThanOrEqual(8);
    expect(sub.lines.map(text).some((l) => l.includes('daily'))).toBe(true);
    for (const box of view.boxes) for (const line of box.lines) expect(lineWidth(line)).toBe(box.width);
    expect(lineWidth(view.bar)).toBe(40);
  });

  it('sanitises labels', () => {
    const hostile: Menu[] = [{ label: 'Filter\x1b[2J', items: [{ kind: 'action', id: 'x', label: '{bold}re\x1b]0;t\x07gex' }] }];
    const view = selectMenuView(openMenu(hostile)!, 40, 5);
    expect(text(view.bar).trimEnd()).toBe(' Filter');
    expect(text(view.boxes[0]!.lines[0]!)).toBe(' {bold}regex ');
  });
});

describe('menu snapshots', () => {
  const cases: Array<[string, () => MenuState]> = [
    ['menu-actions', () => openMenu(MENUS)!],
    ['menu-view-color', colorSubmenu],
    ['menu-graph-interval', intervalSubmenu],
  ];
  for (const [name, make] of cases) {
    for (const [cols, rows] of [
      [80, 25],
      [160, 40],
    ] as const) {
      it(`${name} at ${cols}x${rows}`, async () => {
        const r = await renderMenu(make(), cols, rows);
        await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/${name}.${cols}x${rows}.txt`);
        await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/${name}.${cols}x${rows}.styles.txt`);
        await expectXtermAgrees(r.term, r.grid);
      });
    }
  }

  it('hides everything once closed', async () => {
    const r = await renderOnBackground(20, 5, (screen) => {
      const widgets = createMenuWidgets(screen);
      drawMenu(widgets, selectMenuView(colorSubmenu(), 20, 5), { colors: true });
      drawMenu(widgets, undefined, { colors: true });
    });
    term = r.term;
    expect(r.grid.text).toEqual(Array.from({ length: 5 }, () => '.'.repeat(20)));
  });

  it.each([
    [1, 1],
    [2, 2],
    [10, 3],
  ])('renders at %ix%i without throwing', async (cols, rows) => {
    for (const state of [openMenu(MENUS)!, colorSubmenu(), intervalSubmenu()]) {
      const r = await renderMenu(state, cols, rows);
      expect(r.grid.text).toHaveLength(rows);
      for (const row of r.grid.text) expect(row.length).toBeLessThanOrEqual(cols);
      await r.term.destroy();
      term = undefined;
    }
  });
});
