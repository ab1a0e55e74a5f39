// The app's view state, its key table (globalKeyTable: help, the status line and dispatch read it)
// and the pure reducer for global keys: page switching, pause, popups, the menu, confirmations.
// Keys in, a new view plus actions for the app to run out. No I/O, no timers.
import { actionOf, type KeyTable, type KeyTableRow } from '../../../panels/key-table.js';
import { createConfirmPrompt, reduceConfirm, type ConfirmPrompt } from '../../../panels/popups/confirm-prompt.js';
import { openMenu, reduceMenu, type MenuState } from '../../../panels/popups/menu-model.js';
import { buildMenus, PAGE_KEY_PREFIX } from './app-menu.js';

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
  | { readonly kind: 'page-key'; readonly key: string }
  /** Ctrl-Z (the app takes it before any page; here for completeness). */
  | { readonly kind: 'suspend' }
  /** Colours on/off at run time (View menu). */
  | { readonly kind: 'toggle-colors' };

export interface KeyResult {
  readonly view: ViewState;
  readonly actions: readonly AppAction[];
}

export type GlobalAction =
  | 'step-page'
  | 'goto-page'
  | 'pause'
  | 'help'
  | 'menu'
  | 'newnym'
  | 'reconnect'
  | 'reload'
  | 'quit'
  | 'quit-now'
  | 'suspend'
  | 'switch-relay'
  | 'overview';

const digits = (count: number): string[] => Array.from({ length: Math.min(9, Math.max(1, count)) }, (_, i) => String(i + 1));

/**
 * The app's own keys: help, the status-line hint, the menu and reduceGlobalKey all read these rows.
 * The relay rows are there only when ortop watches more than one relay. Ctrl-Z is taken by the app
 * before any page (it works in every mode); Ctrl-C quits from anywhere.
 */
export function globalKeyTable(view: Pick<ViewState, 'pageCount' | 'relayCount' | 'paused'>): KeyTable<GlobalAction> {
  const pages = digits(view.pageCount);
  const rows: KeyTableRow<GlobalAction>[] = [
    { keys: 'Left/Right', bound: ['left', 'right'], description: 'previous / next page', action: 'step-page', menu: false },
    { keys: pages.length === 1 ? '1' : `1-${pages.at(-1)!}`, bound: pages, description: 'go to page', action: 'goto-page', menu: false },
    { keys: 'm', bound: ['m'], description: 'menu', action: 'menu', hint: true },
    { keys: 'p', bound: ['p'], description: 'pause (sampling continues)', ...(view.paused ? { current: 'paused' } : {}), action: 'pause', hint: true },
    { keys: 'h', bound: ['h'], description: 'this help', action: 'help', hint: true },
    { keys: 'n', bound: ['n'], description: 'new identity (NEWNYM)', action: 'newnym' },
    { keys: 'r', bound: ['r'], description: 'reconnect to tor now', action: 'reconnect' },
    { keys: 'x', bound: ['x'], description: 'reload tor (SIGHUP)', action: 'reload' },
    { keys: 'q', bound: ['q'], description: 'quit', action: 'quit', hint: true },
    { keys: 'Ctrl-C', bound: ['C-c'], description: 'quit at once (no question)', action: 'quit-now' },
    { keys: 'Ctrl-Z', bound: ['C-z'], description: 'suspend to the shell (fg returns)', action: 'suspend' },
  ];
  if (view.relayCount > 1) {
    rows.push(
      { keys: '[ / ], Tab / S-Tab', bound: [']', 'tab', '[', 'S-tab'], description: 'previous / next relay (history is kept for each)', action: 'switch-relay', menu: false },
      { keys: '0', bound: ['0'], description: 'Relays: every relay in one table', action: 'overview' },
    );
  }
  return rows;
}

/** The status line's words for the global keys marked `hint` ("m: menu, p: pause, h: page help, q: quit"). */
export const GLOBAL_HINT_WORDS: Readonly<Partial<Record<GlobalAction, string>>> = { menu: 'menu', pause: 'pause', help: 'page help', quit: 'quit' };

export const NO_POPUP: Popup = { kind: 'none' };

export function initialView(pageTitles: readonly string[], page = 0, relayCount = 1): ViewState {
  const pageCount = Math.max(1, pageTitles.length);
  return { page: Math.min(Math.max(0, page), pageCount - 1), pageCount, paused: false, popup: NO_POPUP, pageTitles, relayCount, overview: false };
}

/** What the menu needs besides the view: the shown page's key table and the colour setting. */
export interface MenuExtras {
  readonly pageTitle?: string;
  readonly pageKeys?: KeyTable;
  readonly colors?: boolean;
}

/** What a menu choice does: the same as the key it stands for. */
function chooseFromMenu(view: ViewState, id: string, confirmQuit: boolean): KeyResult {
  const closed = { ...view, popup: NO_POPUP };
  if (id.startsWith('page:')) return { view: { ...closed, page: Number(id.slice(5)), overview: false }, actions: [] };
  if (id.startsWith(PAGE_KEY_PREFIX)) return { view: closed, actions: [{ kind: 'page-key', key: id.slice(PAGE_KEY_PREFIX.length) }] };
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
    case 'overview':
      return reduceGlobalKey(closed, '0', confirmQuit);
    case 'colors':
      return { view: closed, actions: [{ kind: 'toggle-colors' }] };
    case 'about':
      return { view: closed, actions: [{ kind: 'about' }] };
    default:
      return { view: closed, actions: [] };
  }
}

const PAGE_STEP = (view: ViewState, key: string): ViewState => {
  if (key === 'left') {
    // With several relays the Relays overview is page 0, before page 1 (Left from page 1, or 0).
    if (view.relayCount > 1 && !view.overview && view.page === 0) return { ...view, overview: true };
    if (view.overview) return { ...view, overview: false, page: view.pageCount - 1 };
    return { ...view, page: (view.page + view.pageCount - 1) % view.pageCount };
  }
  if (view.overview) return { ...view, overview: false, page: 0 };
  if (view.relayCount > 1 && view.page === view.pageCount - 1) return { ...view, overview: true };
  return { ...view, page: (view.page + 1) % view.pageCount };
};

/** Opens the menu bar: Actions, View, the shown page's own menu (from its key table), Help. */
export function openAppMenu(view: ViewState, extras: MenuExtras = {}): ViewState {
  const state = openMenu(
    buildMenus({
      pageTitles: view.pageTitles,
      page: view.page,
      paused: view.paused,
      overview: view.overview,
      relayCount: view.relayCount,
      ...(extras.colors === undefined ? {} : { colors: extras.colors }),
      ...(extras.pageKeys === undefined ? {} : { pageMenu: { title: extras.pageTitle ?? 'Page', keys: extras.pageKeys } }),
    }),
  );
  return { ...view, popup: state === undefined ? NO_POPUP : { kind: 'menu', state } };
}

/**
 * A key (blessed's key.full: 'q', 'left', 'C-c', 'escape', …) with the view as it is.
 * Popups take keys first; otherwise the keys of globalKeyTable; anything else goes to the page.
 */
export function reduceGlobalKey(view: ViewState, key: string, confirmQuit: boolean, extras: MenuExtras = {}): KeyResult {
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

  const action = actionOf(globalKeyTable(view), key);
  switch (action) {
    case undefined:
      return { view, actions: [{ kind: 'page-key', key }] };
    case 'step-page':
      return { view: PAGE_STEP(view, key), actions: [] };
    case 'goto-page':
      return { view: { ...view, page: Number(key) - 1, overview: false }, actions: [] };
    case 'overview':
      return { view: { ...view, overview: true }, actions: [] };
    case 'switch-relay':
      return { view, actions: [{ kind: 'switch-relay', step: key === ']' || key === 'tab' ? 1 : -1 }] };
    case 'pause':
      return { view: { ...view, paused: !view.paused }, actions: [] };
    case 'help':
      return { view: { ...view, popup: { kind: 'help' } }, actions: [] };
    case 'menu':
      return { view: openAppMenu(view, extras), actions: [] };
    case 'quit':
      return confirmQuit ? { view: { ...view, popup: { kind: 'confirm', prompt: createConfirmPrompt('quit') } }, actions: [] } : { view, actions: [{ kind: 'quit' }] };
    case 'quit-now':
      return { view, actions: [{ kind: 'quit' }] };
    case 'reload':
      return { view: { ...view, popup: { kind: 'confirm', prompt: createConfirmPrompt('reload') } }, actions: [] };
    case 'newnym':
      return { view, actions: [{ kind: 'newnym' }] };
    case 'reconnect':
      return { view, actions: [{ kind: 'reconnect' }] };
    case 'suspend':
      return { view, actions: [{ kind: 'suspend' }] };
  }
}
