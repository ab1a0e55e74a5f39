// Page 1's view state and its keys: graph stat/interval/bounds/height, the log's scrolling,
// de-duplication, filter (with history), event selection, snapshot and clear. A pure reducer:
// (state, key) → state + commands the page runs (re-subscribe, save, clear, messages).
import { nextBound, resizeBars, BOUND_LABELS, GRAPH_STAT_CHOICES, STAT_LABELS, isIntervalName, type GraphView } from '../../../panels/graph/index.js';
import { actionOf, type KeyTable } from '../../../panels/key-table.js';
import type { LogView, ScrollStep } from '../../../panels/log/index.js';
import { createConfirmPrompt, reduceConfirm, type ConfirmPrompt } from '../../../panels/popups/confirm-prompt.js';
import { createEventPicker, reduceEventPicker, type EventPicker } from '../../../panels/popups/event-picker.js';
import { createListPicker, reduceListPicker, type ListPicker } from '../../../panels/popups/list-picker.js';
import { createTextInput, INPUT_LIMITS, reduceTextInput, type TextInput } from '../../../panels/popups/text-input.js';
import { INTERVAL_NAMES } from '../../relay/bandwidth/index.js';
import { compileLogFilter, rememberFilter, type LogFilter } from '../../relay/log/index.js';

export type GraphLogModal =
  | { readonly kind: 'none' }
  | { readonly kind: 'resize' }
  | { readonly kind: 'pick'; readonly purpose: 'stat' | 'interval' | 'filter'; readonly picker: ListPicker }
  | { readonly kind: 'events'; readonly picker: EventPicker }
  | { readonly kind: 'input'; readonly purpose: 'filter' | 'snapshot'; readonly prompt: string; readonly input: TextInput }
  /** `path`: the file a 'replace-file' confirmation is about. */
  | { readonly kind: 'confirm'; readonly prompt: ConfirmPrompt; readonly path?: string };

export interface GraphLogState {
  readonly graph: GraphView;
  readonly log: LogView;
  readonly filter: LogFilter | undefined;
  /** Newest first, at most five. */
  readonly filterHistory: readonly string[];
  readonly modal: GraphLogModal;
}

export type GraphLogCommand =
  | { readonly kind: 'scroll'; readonly step: ScrollStep }
  | { readonly kind: 'set-events'; readonly events: readonly string[] }
  /** `replace`: the user confirmed replacing the existing regular file at path. */
  | { readonly kind: 'save-snapshot'; readonly path: string; readonly replace?: boolean }
  | { readonly kind: 'clear-log' }
  | { readonly kind: 'message'; readonly text: string };

export interface GraphLogKeyContext {
  /** Every type the event picker offers, in order. */
  readonly eventNames: readonly string[];
  /** The types logged now. */
  readonly selection: readonly string[];
  /** Columns the event picker lays out at the current size. */
  readonly pickerColumns: number;
}

export interface GraphLogKeyResult {
  readonly state: GraphLogState;
  readonly commands: readonly GraphLogCommand[];
  /** False when the key meant nothing here (the app may use it). */
  readonly used: boolean;
}

export const NO_MODAL: GraphLogModal = { kind: 'none' };
export const FILTER_NONE = 'None';
export const FILTER_NEW = 'New…';
export const SNAPSHOT_PROMPT = 'Path to save log snapshot (esc to cancel): ';
export const FILTER_PROMPT = 'Regular expression (esc to cancel): ';
export const RESIZE_HINT = 'Graph height: Up shrinks, Down grows, Enter when done';

const SCROLL_KEYS: Record<string, ScrollStep> = { up: -1, down: 1, pageup: 'page-up', pagedown: 'page-down', home: 'home', end: 'end' };

/** As Nyx: logging_filter entries only fill the history (newest first); no filter is on at start. */
export function initialGraphLogState(graph: GraphView, dedup: boolean, filterHistory: readonly string[]): GraphLogState {
  return { graph, log: { dedup, anchor: undefined }, filter: undefined, filterHistory: filterHistory.slice(0, 5), modal: NO_MODAL };
}

/** True while the page wants every key (popups, prompts, resizing). */
export function isModal(state: GraphLogState): boolean {
  return state.modal.kind !== 'none';
}

const result = (state: GraphLogState, commands: GraphLogCommand[] = [], used = true): GraphLogKeyResult => ({ state, commands, used });
const close = (state: GraphLogState): GraphLogState => ({ ...state, modal: NO_MODAL });

function applyFilter(state: GraphLogState, source: string): GraphLogKeyResult {
  const compiled = compileLogFilter(source);
  if (compiled.kind === 'error') return result(close(state), [{ kind: 'message', text: `Filter not changed: ${compiled.message}` }]);
  return result({ ...close(state), filter: compiled.filter, filterHistory: rememberFilter(state.filterHistory, source), log: { ...state.log, anchor: undefined } });
}

function picked(state: GraphLogState, purpose: 'stat' | 'interval' | 'filter', index: number, item: string): GraphLogKeyResult {
  switch (purpose) {
    case 'stat':
      return result({ ...close(state), graph: { ...state.graph, stat: GRAPH_STAT_CHOICES[index] ?? state.graph.stat } });
    case 'interval':
      return result({ ...close(state), graph: isIntervalName(item) ? { ...state.graph, interval: item } : state.graph });
    case 'filter':
      if (item === FILTER_NONE) return result({ ...close(state), filter: undefined, log: { ...state.log, anchor: undefined } });
      if (item === FILTER_NEW) {
        const input = createTextInput({ history: [...state.filterHistory].reverse(), maxLength: INPUT_LIMITS.search });
        return result({ ...state, modal: { kind: 'input', purpose: 'filter', prompt: FILTER_PROMPT, input } });
      }
      return applyFilter(state, item);
  }
}

function reduceModal(state: GraphLogState, key: string, ch: string | undefined, ctx: GraphLogKeyContext): GraphLogKeyResult {
  const modal = state.modal;
  switch (modal.kind) {
    case 'resize':
      if (key === 'up') return result({ ...state, graph: resizeBars(state.graph, -1) });
      if (key === 'down') return result({ ...state, graph: resizeBars(state.graph, 1) });
      if (key === 'enter' || key === 'space' || key === 'escape' || key === 'g') return result(close(state));
      return result(state);
    case 'pick': {
      const r = reduceListPicker(modal.picker, key);
      if (r.kind === 'open') return result({ ...state, modal: { ...modal, picker: r.picker } });
      if (r.kind === 'cancel') return result(close(state));
      return picked(state, modal.purpose, r.index, r.item);
    }
    case 'events': {
      const r = reduceEventPicker({ ...modal.picker, columns: ctx.pickerColumns }, key);
      if (r.kind === 'open') return result({ ...state, modal: { kind: 'events', picker: r.picker } });
      if (r.kind === 'cancel') return result(close(state));
      if (r.selected.length === 0) return result(close(state), [{ kind: 'message', text: 'Nothing selected: the event selection is unchanged' }]);
      return result(close(state), [{ kind: 'set-events', events: r.selected }]);
    }
    case 'input': {
      const r = reduceTextInput(modal.input, key, ch);
      if (r.kind === 'cancel') return result(close(state));
      if (r.kind === 'edit' || r.kind === 'ignored') return result({ ...state, modal: { ...modal, input: r.input } });
      const value = r.value.trim();
      if (value === '') return result(close(state));
      if (modal.purpose === 'filter') return applyFilter(state, r.value);
      return result(close(state), [{ kind: 'save-snapshot', path: value }]);
    }
    case 'confirm': {
      if (key === 'return') return result(state);
      const confirmed = reduceConfirm(modal.prompt, key).confirmed;
      if (modal.prompt.action === 'replace-file') {
        const path = modal.path ?? '';
        return result(close(state), confirmed ? [{ kind: 'save-snapshot', path, replace: true }] : [{ kind: 'message', text: `Not saved: ${path} was left as it was` }]);
      }
      return result(close(state), confirmed ? [{ kind: 'clear-log' }] : [{ kind: 'message', text: 'The log was not cleared' }]);
    }
    case 'none':
      return result(state, [], false);
  }
}

/**
 * The save found a regular file at `path`: ask before replacing it (the page calls this with what
 * the save reported). Another prompt already open wins; the caller then tells the user instead.
 */
export function askReplaceFile(state: GraphLogState, path: string, size: number): GraphLogState | undefined {
  if (state.modal.kind !== 'none') return undefined;
  const prompt = createConfirmPrompt('replace-file', `${path} exists (${size} bytes). Replace it?`);
  return { ...state, modal: { kind: 'confirm', prompt, path } };
}

export type GraphLogAction = 'stat' | 'interval' | 'bounds' | 'height' | 'scroll' | 'dedup' | 'filter' | 'events' | 'save' | 'clear';

/** What the table shows as current values besides the state: the events logged now ("NOTICE-ERR"). */
export interface GraphLogTableInput {
  readonly events?: string;
}

/** Page 1's keys: help, the status-line hint, the Graph / Log menu and dispatch all read these rows. */
export function graphLogKeyTable(state: GraphLogState, input: GraphLogTableInput = {}): KeyTable<GraphLogAction> {
  const { graph, log, filter } = state;
  return [
    { keys: 's', bound: ['s'], description: 'graphed stat', current: STAT_LABELS[graph.stat], action: 'stat', hint: true },
    { keys: 'i', bound: ['i'], description: 'graph interval', current: graph.interval, action: 'interval', hint: true },
    { keys: 'b', bound: ['b'], description: 'graph bounds', current: BOUND_LABELS[graph.bound], action: 'bounds' },
    { keys: 'g', bound: ['g'], description: 'graph height', current: `${graph.barRows} rows`, action: 'height' },
    { keys: 'Up/Down/PgUp/PgDn', bound: ['up', 'down', 'pageup', 'pagedown'], description: 'scroll the log', action: 'scroll', menu: false },
    { keys: 'Home/End', bound: ['home', 'end'], description: 'newest / oldest entries', action: 'scroll', menu: false },
    { keys: 'u', bound: ['u'], description: 'hide duplicates', current: log.dedup ? 'on' : 'off', action: 'dedup' },
    { keys: 'f', bound: ['f'], description: 'filter the log (regex)', current: filter?.source ?? 'none', action: 'filter', hint: true },
    { keys: 'e', bound: ['e'], description: 'events to log', ...(input.events === undefined ? {} : { current: input.events }), action: 'events', hint: true },
    { keys: 'a', bound: ['a'], description: 'save the shown entries to a file', action: 'save' },
    { keys: 'c', bound: ['c'], description: 'clear the log', action: 'clear' },
  ];
}

export function reduceGraphLogKey(state: GraphLogState, key: string, ch: string | undefined, ctx: GraphLogKeyContext): GraphLogKeyResult {
  if (state.modal.kind !== 'none') return reduceModal(state, key, ch, ctx);
  switch (actionOf(graphLogKeyTable(state), key)) {
    case 'scroll':
      return result(state, [{ kind: 'scroll', step: SCROLL_KEYS[key]! }]);
    case 'stat': {
      const current = GRAPH_STAT_CHOICES.indexOf(state.graph.stat);
      const picker = createListPicker('Graphed stat', GRAPH_STAT_CHOICES.map((s) => STAT_LABELS[s]), current);
      return result({ ...state, modal: { kind: 'pick', purpose: 'stat', picker } });
    }
    case 'interval': {
      const picker = createListPicker('Graph interval', INTERVAL_NAMES, INTERVAL_NAMES.indexOf(state.graph.interval));
      return result({ ...state, modal: { kind: 'pick', purpose: 'interval', picker } });
    }
    case 'bounds':
      return result({ ...state, graph: { ...state.graph, bound: nextBound(state.graph.bound) } });
    case 'height':
      return result({ ...state, modal: { kind: 'resize' } });
    case 'dedup':
      return result({ ...state, log: { dedup: !state.log.dedup, anchor: undefined } });
    case 'filter': {
      const items = [FILTER_NONE, ...state.filterHistory, FILTER_NEW];
      const current = state.filter === undefined ? 0 : items.indexOf(state.filter.source);
      return result({ ...state, modal: { kind: 'pick', purpose: 'filter', picker: createListPicker('Log filter (regular expression)', items, current < 0 ? undefined : current) } });
    }
    case 'events':
      return result({ ...state, modal: { kind: 'events', picker: { ...createEventPicker(ctx.eventNames, ctx.selection), columns: ctx.pickerColumns } } });
    case 'save':
      return result({ ...state, modal: { kind: 'input', purpose: 'snapshot', prompt: SNAPSHOT_PROMPT, input: createTextInput({ maxLength: INPUT_LIMITS.path }) } });
    case 'clear':
      return result({ ...state, modal: { kind: 'confirm', prompt: createConfirmPrompt('clear-log') } });
    case undefined:
      return result(state, [], false);
  }
}
