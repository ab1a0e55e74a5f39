// The Relays page's key table and the reducer that dispatches from it: in list mode a key does
// something only when a row of RELAYS_KEY_TABLE binds it (help and the status hint come from the
// same rows); while a filter is typed the text input takes every key. Pure: keys in, a new view and
// sometimes a command (open a relay's pages) out. Keys are blessed key names (key.full).
import type { RelaySummary } from '../../src/relay/fleet/index.js';
import { actionOf, type KeyTable } from '../key-table.js';
import { createTextInput, INPUT_LIMITS, reduceTextInput, type TextInput } from '../popups/text-input.js';
import { FLAG_LEGEND } from './relay-format.js';
import { RELAYS_SORT_KEYS, RELAYS_SORT_LABELS, selectedPosition, visibleRelays, type RelaysView } from './relays-view.js';

export type RelaysAction = 'move' | 'open' | 'sort' | 'reverse' | 'filter' | 'clear-filter';

export type RelaysCommand =
  /** Show this relay's pages 1-5; index into the session list. */
  | { readonly kind: 'open-relay'; readonly index: number }
  | { readonly kind: 'message'; readonly text: string };

export interface RelaysKeyOutcome {
  readonly view: RelaysView;
  readonly command?: RelaysCommand;
  /** False when the key means nothing here (the app may use it). */
  readonly handled: boolean;
}

/** Help, the status-line hint and dispatch all come from these rows (descriptions fit a help column). */
export const RELAYS_KEY_TABLE = (view: RelaysView): KeyTable<RelaysAction> => [
  { keys: 'Up/Down/PgUp/PgDn/Home/End', bound: ['up', 'down', 'pageup', 'pagedown', 'home', 'end'], description: 'select', action: 'move', menu: false },
  { keys: 'Enter', bound: ['enter', 'linefeed'], description: "open the relay's pages", action: 'open', hint: true },
  { keys: 's', bound: ['s'], description: 'cycle the sort', current: RELAYS_SORT_LABELS[view.sort], action: 'sort', hint: true },
  { keys: 'S', bound: ['S-s'], description: 'reverse the order', current: view.reverse ? 'reversed' : 'natural', action: 'reverse' },
  { keys: '/', bound: ['/'], description: 'filter (names, state, flags)', ...(view.filter === '' ? {} : { current: view.filter }), action: 'filter', hint: true },
  { keys: 'Esc', bound: ['escape'], description: 'clear the filter', action: 'clear-filter' },
  { keys: 'W/E', bound: [], description: "tor's WARN/ERR since it started" },
  ...FLAG_LEGEND.map((description) => ({ keys: 'Flags', bound: [], description })),
];

const done = (view: RelaysView, command?: RelaysCommand): RelaysKeyOutcome => (command === undefined ? { view, handled: true } : { view, command, handled: true });

function move(view: RelaysView, key: string, order: readonly number[], listRows: number): RelaysView {
  if (order.length === 0) return view;
  const at = selectedPosition(order, view);
  const page = Math.max(1, listRows - 1);
  const to = key === 'up' ? at - 1 : key === 'down' ? at + 1 : key === 'pageup' ? at - page : key === 'pagedown' ? at + page : key === 'home' ? 0 : order.length - 1;
  return { ...view, selected: order[Math.max(0, Math.min(order.length - 1, to))] };
}

function reduceFilterEdit(view: RelaysView, input: TextInput, key: string, ch: string | undefined): RelaysKeyOutcome {
  const r = reduceTextInput(input, key, ch);
  if (r.kind === 'cancel') return done({ ...view, editingFilter: undefined });
  if (r.kind === 'submit') return done({ ...view, editingFilter: undefined, filter: r.value.trim(), scroll: 0 });
  return done({ ...view, editingFilter: r.input });
}

/**
 * One key. `rows` are the summaries in session order (as given to selectRelaysPage); `listRows` the
 * relay rows on screen as last drawn (selectRelaysPage's listRows), for PgUp/PgDn.
 */
export function reduceRelaysKey(view: RelaysView, key: string, ch: string | undefined, rows: readonly RelaySummary[], listRows = 10): RelaysKeyOutcome {
  if (view.editingFilter !== undefined) return reduceFilterEdit(view, view.editingFilter, key, ch);
  const action = actionOf(RELAYS_KEY_TABLE(view), key);
  if (action === undefined) return { view, handled: false };
  const order = visibleRelays(rows, view);
  switch (action) {
    case 'move':
      return done(move(view, key, order, listRows));
    case 'open': {
      const index = order[selectedPosition(order, view)];
      if (index === undefined) return done(view, { kind: 'message', text: view.filter === '' ? 'No relay to open' : `No relay matches "${view.filter}"` });
      return done({ ...view, selected: index }, { kind: 'open-relay', index });
    }
    case 'sort': {
      const next = RELAYS_SORT_KEYS[(RELAYS_SORT_KEYS.indexOf(view.sort) + 1) % RELAYS_SORT_KEYS.length]!;
      return done({ ...view, sort: next, reverse: false }, { kind: 'message', text: `Relays sorted by ${RELAYS_SORT_LABELS[next]}` });
    }
    case 'reverse':
      return done({ ...view, reverse: !view.reverse });
    case 'filter':
      return done({ ...view, editingFilter: createTextInput({ value: view.filter, maxLength: INPUT_LIMITS.search }) });
    case 'clear-filter':
      return view.filter === '' ? { view, handled: false } : done({ ...view, filter: '', scroll: 0 });
  }
}
