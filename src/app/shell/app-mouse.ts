// What a click or a wheel step means, read against the last frame's layout: the menu bar and its
// items, the status line's page number and key names (a click presses that key), list rows (the
// page decides), the wheel as Up/Down. A question on screen is answered only by keys, never clicks.
// The keyboard stays complete: every click stands for a key or a menu choice.
import { selectMenuView, menuHitAt } from '../../../panels/popups/menu-view.js';
import { statusKeyAt } from '../../../panels/popups/status-line.js';
import { openMenu, type MenuState } from '../../../panels/popups/menu-model.js';
import type { MouseEvent } from '../../terminal/mouse.js';
import type { View } from '../pages/page.js';
import type { FrameLayout } from './app.js';
import { NO_POPUP, type ViewState } from './view-state.js';

/** Rows one wheel step moves (as a terminal scrolls its own history). */
export const WHEEL_ROWS = 3;

export interface MouseTarget {
  readonly view: ViewState;
  readonly layout: FrameLayout | undefined;
  readonly page: View;
  /** A yes/no question is on screen (clicks never answer it). */
  asking(): boolean;
  /** Presses a key as if typed on its own (through the app's one door). */
  pressKey(key: string): void;
  setView(view: ViewState): void;
}

function clickMenu(t: MouseTarget, state: MenuState, layout: FrameLayout, x: number, y: number): void {
  const hit = menuHitAt(selectMenuView(state, layout.width, layout.height), x, y);
  if (hit.kind === 'outside') {
    t.setView({ ...t.view, popup: NO_POPUP });
    return;
  }
  if (hit.kind === 'title') {
    const opened = openMenu(state.menus, hit.index);
    t.setView({ ...t.view, popup: opened === undefined ? NO_POPUP : { kind: 'menu', state: opened } });
    return;
  }
  // Put the cursor on the item clicked, then choose it as Enter does.
  t.setView({ ...t.view, popup: { kind: 'menu', state: { ...state, path: [...state.path.slice(0, hit.level + 1), hit.index] } } });
  t.pressKey('enter');
}

/** Returns true when the event changed something worth a frame. */
export function takeMouse(t: MouseTarget, event: MouseEvent): boolean {
  const layout = t.layout;
  if (layout === undefined || event.kind === 'release') return false;
  if (event.kind === 'press' && event.button !== 'left') return false;
  const popup = t.view.popup;
  if (popup.kind === 'confirm' || (popup.kind === 'none' && t.asking())) return false;
  if (popup.kind === 'menu') {
    if (event.kind === 'press') clickMenu(t, popup.state, layout, event.x, event.y);
    return event.kind === 'press';
  }
  if (popup.kind === 'help') {
    if (event.kind === 'press') t.pressKey('escape');
    return event.kind === 'press';
  }
  const bodyRow = event.y - layout.headerRows;
  const inBody = bodyRow >= 0 && bodyRow < layout.bodyRows;
  if (event.kind === 'wheel') {
    if (inBody && t.page.handleMouse?.({ kind: 'wheel', row: bodyRow, col: event.x, step: event.step ?? 1 }) === true) return true;
    const key = (event.step ?? 1) < 0 ? 'up' : 'down';
    // Only where Up/Down mean "move" on the page as it is now (not in a text input or a question).
    if (t.page.keyTable?.()?.some((row) => row.action !== undefined && row.bound.includes(key)) !== true) return false;
    for (let i = 0; i < WHEEL_ROWS; i++) t.pressKey(key);
    return true;
  }
  if (layout.status !== undefined && event.y === layout.height - 1) {
    const key = statusKeyAt(layout.status, event.x);
    if (key === undefined) return false;
    t.pressKey(key);
    return true;
  }
  if (inBody) return t.page.handleMouse?.({ kind: 'click', row: bodyRow, col: event.x }) === true;
  return false;
}
