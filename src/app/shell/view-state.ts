// The app's view state and the pure reducer for global keys: page switching, pause, popups,
// confirmations. Keys in, a new view plus actions for the app to run out. No I/O, no timers.
import type { KeyHint } from '../../../panels/panel.js';
import { createConfirmPrompt, reduceConfirm, type ConfirmPrompt } from '../../../panels/popups/confirm-prompt.js';
import { openMenu, reduceMenu, type MenuState } from '../../../panels/popups/menu-model.js';
import { buildMenus } from './app-menu.js';

export type Popup =
  | { readonly kind: 'none' }
  | { readonly kind: 'help' }
  | { readonly kind: 'menu'; readonly state: MenuState }
  | { readonly kind: 'confirm'; readonly prompt: ConfirmPrompt };

export interface ViewState {
  readonly page: number;
  readonly pageCount: number;
  readonly paused: boolean;
  readonly popup: Popup;
  /** Page titles, for the View menu. */
  readonly pageTitles: readonly string[];
  /** How many relays ortop watches (relay keys are bound only above one). */
  readonly relayCount: number;
  /** The Relays overview (page 0) is shown instead of the relay's page. */
  readonly overview: boolean;
}

export type AppAction =
  | { readonly kind: 'quit' }
  | { readonly kind: 'newnym' }
  | { readonly kind: 'reconnect' }
  | { readonly kind: 'reload' }
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'about' }
  /** Show the next (+1) or previous (-1) relay; only bound when ortop watches more than one. */
  | { readonly kind: 'switch-relay'; readonly step: 1 | -1 }
  | { readonly kind: 'page-key'; readonly key: string };

export interface KeyResult {
  readonly view: ViewState;
  readonly actions: readonly AppAction[];
}

export const GLOBAL_KEY_HINTS: readonly KeyHint[] = [
  { keys: 'Left/Right', description: 'previous / next page' },
  { keys: '1-5', description: 'go to page' },
  { keys: 'p', description: 'pause (sampling continues)' },
  { keys: 'h', description: 'this help' },
  { keys: 'm', description: 'menu' },
  { keys: 'n', description: 'new identity (NEWNYM)' },
  { keys: 'r', description: 'reconnect to tor now' },
  { keys: 'x', description: 'reload tor (SIGHUP)' },
  { keys: 'q', description: 'quit' },
  { keys: 'Ctrl-Z', description: 'suspend to the shell (fg returns)' },
];

/** Keys that switch relays; bound (and listed in help) only when ortop watches more than one. */
export const RELAY_KEY_HINTS: readonly KeyHint[] = [
  { keys: '[ / ], Tab / S-Tab', description: 'previous / next relay (history is kept for each)' },
  { keys: '0', description: 'Relays: every relay in one table' },
];
const RELAY_KEYS: Readonly<Record<string, 1 | -1>> = { ']': 1, tab: 1, '[': -1, 'S-tab': -1 };

export const NO_POPUP: Popup = { kind: 'none' };

export function initialView(pageTitles: readonly string[], page = 0, relayCount = 1): ViewState {
  const pageCount = Math.max(1, pageTitles.length);
  return { page: Math.min(Math.max(0, page), pageCount - 1), pageCount, paused: false, popup: NO_POPUP, pageTitles, relayCount, overview: false };
}

/** What a menu choice does: the same as the key it stands for. */
function chooseFromMenu(view: ViewState, id: string, confirmQuit: boolean): KeyResult {
  const closed = { ...view, popup: NO_POPUP };
  if (id.startsWith('page:')) return { view: { ...closed, page: Number(id.slice(5)) }, actions: [] };
  switch (id) {
    case 'newnym':
      return reduceGlobalKey(closed, 'n', confirmQuit);
    case 'reload':
      return reduceGlobalKey(closed, 'x', confirmQuit);
    case 'reconnect':
      return reduceGlobalKey(closed, 'r', confirmQuit);
    case 'pause':
      return reduceGlobalKey(closed, 'p', confirmQuit);
    case 'quit':
      return reduceGlobalKey(closed, 'q', confirmQuit);
    case 'help':
      return reduceGlobalKey(closed, 'h', confirmQuit);
    case 'about':
      return { view: closed, actions: [{ kind: 'about' }] };
    default:
      return { view: closed, actions: [] };
  }
}

/**
 * A key (blessed's key.full: 'q', 'left', 'C-c', 'escape', …) with the view as it is.
 * Popups take keys first; otherwise global keys; anything else goes to the page.
 */
export function reduceGlobalKey(view: ViewState, key: string, confirmQuit: boolean): KeyResult {
  if (key === 'C-c') return { view, actions: [{ kind: 'quit' }] };
  const popup = view.popup;
  if (popup.kind === 'help') return { view: { ...view, popup: NO_POPUP }, actions: [] };
  if (popup.kind === 'confirm') {
    const closed = { ...view, popup: NO_POPUP };
    if (!reduceConfirm(popup.prompt, key).confirmed) return { view: closed, actions: [] };
    const action = popup.prompt.action;
    return { view: closed, actions: [action === 'quit' ? { kind: 'quit' } : action === 'reload' ? { kind: 'reload' } : { kind: 'page-key', key }] };
  }
  if (popup.kind === 'menu') {
    const result = reduceMenu(popup.state, key);
    if (result.chosen !== undefined) return chooseFromMenu(view, result.chosen.id, confirmQuit);
    return { view: { ...view, popup: result.state === undefined ? NO_POPUP : { kind: 'menu', state: result.state } }, actions: [] };
  }

  const relayStep = view.relayCount > 1 ? RELAY_KEYS[key] : undefined;
  if (relayStep !== undefined) return { view, actions: [{ kind: 'switch-relay', step: relayStep }] };
  switch (key) {
    // With several relays the Relays overview is page 0, before page 1 (Left from page 1, or 0).
    case 'left':
      if (view.relayCount > 1 && !view.overview && view.page === 0) return { view: { ...view, overview: true }, actions: [] };
      if (view.overview) return { view: { ...view, overview: false, page: view.pageCount - 1 }, actions: [] };
      return { view: { ...view, page: (view.page + view.pageCount - 1) % view.pageCount }, actions: [] };
    case 'right':
      if (view.overview) return { view: { ...view, overview: false, page: 0 }, actions: [] };
      if (view.relayCount > 1 && view.page === view.pageCount - 1) return { view: { ...view, overview: true }, actions: [] };
      return { view: { ...view, page: (view.page + 1) % view.pageCount }, actions: [] };
    case '0':
      return view.relayCount > 1 ? { view: { ...view, overview: true }, actions: [] } : { view, actions: [{ kind: 'page-key', key }] };
    case 'p':
      return { view: { ...view, paused: !view.paused }, actions: [] };
    case 'h':
      return { view: { ...view, popup: { kind: 'help' } }, actions: [] };
    case 'm': {
      const state = openMenu(buildMenus({ pageTitles: view.pageTitles, page: view.page, paused: view.paused }));
      return { view: { ...view, popup: state === undefined ? NO_POPUP : { kind: 'menu', state } }, actions: [] };
    }
    case 'q':
      return confirmQuit ? { view: { ...view, popup: { kind: 'confirm', prompt: createConfirmPrompt('quit') } }, actions: [] } : { view, actions: [{ kind: 'quit' }] };
    case 'x':
      return { view: { ...view, popup: { kind: 'confirm', prompt: createConfirmPrompt('reload') } }, actions: [] };
    case 'n':
      return { view, actions: [{ kind: 'newnym' }] };
    case 'r':
      return { view, actions: [{ kind: 'reconnect' }] };
    default:
      if (/^[1-9]$/.test(key)) {
        const page = Number(key) - 1;
        return page < view.pageCount ? { view: { ...view, page, overview: false }, actions: [] } : { view, actions: [] };
      }
      return { view, actions: [{ kind: 'page-key', key }] };
  }
}
