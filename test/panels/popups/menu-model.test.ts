import { describe, expect, it } from 'vitest';
import { currentMenuItem, openMenu, reduceMenu, type MenuState } from '../../../panels/popups/index.js';
import { MENUS } from './popup-fixtures.js';

function press(state: MenuState, ...keys: string[]): MenuState {
  let s = state;
  for (const key of keys) {
    const next = reduceMenu(s, key).state;
    if (next === undefined) throw new Error(`menu closed on ${key}`);
    s = next;
  }
  return s;
}

const open = () => openMenu(MENUS)!;
const label = (s: MenuState) => currentMenuItem(s)?.label;

describe('menu navigation', () => {
  it('opens on the first item of the first menu; no menus, no menu', () => {
    expect(open().path).toEqual([0, 0]);
    expect(openMenu(MENUS, 2)!.path).toEqual([2, 0]);
    expect(openMenu([])).toBeUndefined();
    expect(openMenu([{ label: 'Bare', items: [] }])!.path).toEqual([0]);
  });

  it('moves up and down within a list, wrapping', () => {
    expect(label(press(open(), 'down', 'down'))).toBe('Reset Tor');
    expect(label(press(open(), 'up'))).toBe('Exit');
    expect(label(press(open(), 'up', 'down'))).toBe('Close Menu');
  });

  it('moves between top-level menus with Left/Right, wrapping', () => {
    expect(press(open(), 'right').path).toEqual([1, 0]);
    expect(press(open(), 'left').path).toEqual([3, 0]);
    expect(press(open(), 'down', 'right', 'right', 'right', 'right').path).toEqual([0, 0]);
  });

  it('enters a submenu with Right or Enter and leaves it with Left', () => {
    const onColor = press(open(), 'right', 'up');
    expect(label(onColor)).toBe('Color');
    const inColor = press(onColor, 'right');
    expect(inColor.path).toEqual([1, 3, 0]);
    expect(label(press(inColor, 'down'))).toBe('Red');
    expect(press(onColor, 'enter').path).toEqual([1, 3, 0]);
    expect(press(inColor, 'left').path).toEqual([1, 3]);
    expect(press(inColor, 'down', 'down', 'left', 'left').path).toEqual([0, 0]);
    expect(press(inColor, 'right').path).toEqual([2, 0]);
  });

  it('does not enter an empty submenu', () => {
    const onEmpty = press(openMenu(MENUS, 2)!, 'up');
    expect(label(onEmpty)).toBe('Empty');
    expect(press(onEmpty, 'enter')).toEqual(onEmpty);
    expect(press(onEmpty, 'right').path).toEqual([3, 0]);
  });

  it('chooses actions and radio items with Enter (or space), closing the menu', () => {
    expect(reduceMenu(press(open(), 'down'), 'enter')).toEqual({ state: undefined, chosen: { kind: 'action', id: 'newnym', label: 'New Identity' } });
    const red = reduceMenu(press(open(), 'right', 'up', 'right', 'down'), 'return');
    expect(red).toEqual({ state: undefined, chosen: { kind: 'radio', id: 'color-red', label: 'Red', selected: false } });
    expect(reduceMenu(open(), 'space').chosen?.id).toBe('close');
  });

  it('closes on Esc or m and ignores other keys', () => {
    expect(reduceMenu(press(open(), 'right', 'up', 'right'), 'escape')).toEqual({ state: undefined });
    expect(reduceMenu(open(), 'm')).toEqual({ state: undefined });
    const s = press(open(), 'down');
    expect(reduceMenu(s, 'z')).toEqual({ state: s });
  });

  it('leaves a top-level menu without items alone on Up/Down/Enter', () => {
    const bare = openMenu([{ label: 'Bare', items: [] }, MENUS[0]!])!;
    expect(reduceMenu(bare, 'down').state).toEqual(bare);
    expect(reduceMenu(bare, 'enter')).toEqual({ state: bare });
    expect(reduceMenu(bare, 'right').state!.path).toEqual([1, 0]);
  });
});
