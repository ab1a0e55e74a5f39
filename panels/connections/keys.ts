// Keys of the connections page → a new view and, sometimes, a command for the page to run
// (CLOSECIRCUIT after confirmation, a status message). Pure: the list is reached only through
// the small KeyContext the page passes. Keys are blessed key names (key.full).
import type { KeyHint } from '../panel.js';
import { actionOf, keyHintsOf, type KeyTable } from '../key-table.js';
import { createTextInput, INPUT_LIMITS, reduceTextInput, type TextInput } from '../popups/text-input.js';
import type { ListLine } from './connection-list.js';
import { MAX_SORT_KEYS, SORT_KEYS } from './sort-keys.js';
import type { ChartKind, ConnectionsView } from './view.js';

export type ConnectionsCommand =
  | { readonly kind: 'close-circuit'; readonly circuitId: string }
  | { readonly kind: 'message'; readonly text: string };

export interface KeyContext {
  readonly lineCount: number;
  readonly listRows: number;
  readonly selectedLine: ListLine | undefined;
  readonly lineKeyAt: (index: number) => string | undefined;
  /** The next (+1) or previous (-1) line after `from` whose entry is a relay, for the descriptor popup. */
  readonly stepRelay: (from: number, direction: 1 | -1) => number | undefined;
  /** The relay the selected line is about (for d). */
  readonly selectedRelay: string | undefined;
  /** Charts that make sense for this tor (client countries for guards/bridges, ports for exits). */
  readonly charts: readonly ChartKind[];
}

export interface KeyOutcome {
  readonly view: ConnectionsView;
  readonly command?: ConnectionsCommand;
  readonly handled: boolean;
}

export type ConnectionsAction = 'move' | 'details' | 'descriptor' | 'sort' | 'search' | 'clear-search' | 'close-circuit' | 'addresses' | 'chart';

/** Page 2's keys in list mode: help, the status-line hint, the Connections menu and dispatch read these rows. */
export const CONNECTIONS_KEY_TABLE = (view: ConnectionsView): KeyTable<ConnectionsAction> => [
  { keys: 'Up/Down/PgUp/PgDn/Home/End', bound: ['up', 'down', 'pageup', 'pagedown', 'home', 'end'], description: 'select a connection', action: 'move', menu: false },
  { keys: 'Enter/Space', bound: ['enter', 'linefeed', 'space'], description: 'details of the selection', current: view.detailOpen ? 'open' : 'closed', action: 'details', hint: true },
  { keys: 'd', bound: ['d'], description: 'consensus entry and descriptor (Left/Right: other connections)', action: 'descriptor' },
  { keys: 's', bound: ['s'], description: 'sort by up to three keys', current: view.sort.join(', '), action: 'sort', hint: true },
  { keys: '/', bound: ['/'], description: 'search', ...(view.filter === '' ? {} : { current: view.filter }), action: 'search', hint: true },
  { keys: 'Esc', bound: ['escape'], description: 'clear the search', action: 'clear-search' },
  { keys: 'c', bound: ['c'], description: 'close the selected circuit (CLOSECIRCUIT)', action: 'close-circuit' },
  { keys: 'a', bound: ['a'], description: 'show client and exit addresses', current: view.scrub ? 'scrubbed' : 'shown', action: 'addresses' },
  { keys: 'b', bound: ['b'], description: 'bar chart: client countries / exit ports', action: 'chart' },
  { keys: '>12.3m', bound: [], description: 'age since ortop first saw it (tor did not say when it opened)' },
  { keys: 'RELAY', bound: [], description: 'OR connection open before ortop attached; nobody told us its direction' },
];

/** The rows as help shows them. */
export const CONNECTIONS_KEY_HINTS = (view: ConnectionsView): KeyHint[] => keyHintsOf(CONNECTIONS_KEY_TABLE(view));

// blessed reports Enter (\r) twice, as 'enter' and then 'return': only 'enter' counts.
const isEnter = (key: string) => key === 'enter' || key === 'linefeed';
const isClose = (key: string) => key === 'escape' || key === 'q';

function moveTo(view: ConnectionsView, index: number, k: KeyContext): ConnectionsView {
  if (k.lineCount === 0) return view;
  const i = Math.max(0, Math.min(index, k.lineCount - 1));
  return { ...view, selectedIndex: i, selectedKey: k.lineKeyAt(i) };
}

function currentIndex(view: ConnectionsView, k: KeyContext): number {
  return Math.max(0, Math.min(view.selectedIndex, Math.max(0, k.lineCount - 1)));
}

function navigate(view: ConnectionsView, key: string, k: KeyContext): ConnectionsView | undefined {
  const at = currentIndex(view, k);
  const page = Math.max(1, k.listRows - 1);
  switch (key) {
    case 'up':
      return moveTo(view, at - 1, k);
    case 'down':
      return moveTo(view, at + 1, k);
    case 'pageup':
      return moveTo(view, at - page, k);
    case 'pagedown':
      return moveTo(view, at + page, k);
    case 'home':
      return moveTo(view, 0, k);
    case 'end':
      return moveTo(view, k.lineCount - 1, k);
    default:
      return undefined;
  }
}

function circuitOf(line: ListLine | undefined): string | undefined {
  const item = line?.entry.item;
  if (item?.kind === 'circuit') return item.circuit.id;
  return undefined;
}

function reduceSort(view: ConnectionsView, popup: Extract<ConnectionsView['popup'], { kind: 'sort' }>, key: string): KeyOutcome {
  const options = SORT_KEYS.length + 1;
  const closed = { ...view, popup: { kind: 'none' as const } };
  if (isClose(key) || key === 's') return { view: closed, handled: true };
  if (key === 'up' || key === 'down') {
    const cursor = (popup.cursor + (key === 'up' ? -1 : 1) + options) % options;
    return { view: { ...view, popup: { ...popup, cursor } }, handled: true };
  }
  if (key === 'backspace') return { view: { ...view, popup: { ...popup, chosen: popup.chosen.slice(0, -1) } }, handled: true };
  if (!isEnter(key) && key !== 'space') return { view, handled: true };
  if (popup.cursor === SORT_KEYS.length) {
    return { view: popup.chosen.length === 0 ? closed : { ...closed, sort: popup.chosen }, handled: true };
  }
  const pick = SORT_KEYS[popup.cursor]!;
  if (popup.chosen.includes(pick)) return { view, handled: true };
  const chosen = [...popup.chosen, pick];
  if (chosen.length >= MAX_SORT_KEYS) return { view: { ...closed, sort: chosen }, handled: true };
  return { view: { ...view, popup: { ...popup, chosen } }, handled: true };
}

function reduceFilterEdit(view: ConnectionsView, input: TextInput, key: string, ch: string | undefined): KeyOutcome {
  const r = reduceTextInput(input, key, ch);
  if (r.kind === 'cancel') return { view: { ...view, editingFilter: undefined }, handled: true };
  if (r.kind === 'submit') return { view: { ...view, editingFilter: undefined, filter: r.value.trim(), selectedKey: undefined, selectedIndex: 0, scrollTop: 0 }, handled: true };
  return { view: { ...view, editingFilter: r.input }, handled: true };
}

export function reduceConnectionsKey(view: ConnectionsView, key: string, ch: string | undefined, k: KeyContext): KeyOutcome {
  const popup = view.popup;
  if (view.editingFilter !== undefined) return reduceFilterEdit(view, view.editingFilter, key, ch);
  switch (popup.kind) {
    case 'sort':
      return reduceSort(view, popup, key);
    case 'chart': {
      const next = k.charts[(k.charts.indexOf(popup.chart) + 1) % Math.max(1, k.charts.length)];
      if (key === 'b' && next !== undefined && next !== popup.chart) return { view: { ...view, popup: { kind: 'chart', chart: next } }, handled: true };
      return { view: { ...view, popup: { kind: 'none' } }, handled: true };
    }
    case 'confirm-close': {
      const closed = { ...view, popup: { kind: 'none' as const } };
      return key === 'y' || key === 'c' ? { view: closed, command: { kind: 'close-circuit', circuitId: popup.circuitId }, handled: true } : { view: closed, handled: true };
    }
    case 'descriptor': {
      if (isClose(key) || key === 'd' || isEnter(key)) return { view: { ...view, popup: { kind: 'none' } }, handled: true };
      if (key === 'left' || key === 'right') {
        const to = k.stepRelay(currentIndex(view, k), key === 'left' ? -1 : 1);
        return to === undefined ? { view, handled: true } : { view: { ...moveTo(view, to, k), popup: { kind: 'descriptor', scroll: 0 } }, handled: true };
      }
      const step = key === 'up' ? -1 : key === 'down' ? 1 : key === 'pageup' ? -10 : key === 'pagedown' ? 10 : key === 'home' ? -1e9 : key === 'end' ? 1e9 : 0;
      return { view: { ...view, popup: { kind: 'descriptor', scroll: Math.max(0, popup.scroll + step) } }, handled: true };
    }
    case 'none':
      break;
  }
  switch (actionOf(CONNECTIONS_KEY_TABLE(view), key)) {
    case 'move':
      return { view: navigate(view, key, k) ?? view, handled: true };
    case 'details':
      return { view: { ...view, detailOpen: !view.detailOpen }, handled: true };
    case 'descriptor':
      if (k.selectedRelay === undefined) return { view, command: { kind: 'message', text: 'The selection is not a relay: no descriptor to show' }, handled: true };
      return { view: { ...view, popup: { kind: 'descriptor', scroll: 0 } }, handled: true };
    case 'sort':
      return { view: { ...view, popup: { kind: 'sort', chosen: [], cursor: 0 } }, handled: true };
    case 'search':
      return { view: { ...view, editingFilter: createTextInput({ value: view.filter, maxLength: INPUT_LIMITS.search }) }, handled: true };
    case 'clear-search':
      return view.filter === '' ? { view, handled: false } : { view: { ...view, filter: '' }, handled: true };
    case 'addresses':
      return { view: { ...view, scrub: !view.scrub }, command: { kind: 'message', text: view.scrub ? 'Showing client and exit addresses' : 'Client and exit addresses scrubbed' }, handled: true };
    case 'chart': {
      const chart = k.charts[0];
      if (chart === undefined) return { view, command: { kind: 'message', text: 'Bar charts need a guard or bridge (client countries) or an exit (ports)' }, handled: true };
      return { view: { ...view, popup: { kind: 'chart', chart } }, handled: true };
    }
    case 'close-circuit': {
      const id = circuitOf(k.selectedLine);
      if (id === undefined) return { view, command: { kind: 'message', text: 'Select a circuit (or one of its hops or streams) to close it' }, handled: true };
      const c = k.selectedLine?.entry.item.kind === 'circuit' ? k.selectedLine.entry.item.circuit : undefined;
      const question = `Close circuit ${id}${c === undefined ? '' : ` (${c.purpose ?? 'GENERAL'}, ${c.path.length} hop${c.path.length === 1 ? '' : 's'}, ${c.streamIds.size} stream${c.streamIds.size === 1 ? '' : 's'})`}?`;
      return { view: { ...view, popup: { kind: 'confirm-close', circuitId: id, question } }, handled: true };
    }
    case undefined:
      return { view, handled: false };
  }
}
