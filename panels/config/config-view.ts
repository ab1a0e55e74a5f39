// The config page's view state and its key reducer: selection, all/important toggle, search,
// sort picking, the edit prompt, the save flow and tor's refusals. Pure: keys in, a new view and
// commands for the page out (the page talks to tor and reports back with the note* functions).
import { createTextInput, INPUT_LIMITS, reduceTextInput, type TextInput } from '../popups/text-input.js';
import {
  CONFIG_SORT_KEYS,
  DEFAULT_CONFIG_SORT,
  MAX_SORT_KEYS,
  editPrefill,
  editRefusal,
  isCredentialOption,
  judgeOptionChanges,
  optionNameIndex,
  planConfigEdit,
  type ConfigEditPlan,
  type ConfigOption,
  type ConfigSortKey,
} from '../../src/relay/config/index.js';

export type SaveStage = 'loading' | 'confirm' | 'saving' | 'force';

export type ConfigMode =
  | { readonly kind: 'list' }
  | { readonly kind: 'edit'; readonly name: string; readonly input: TextInput; readonly pending: boolean }
  /** The change needs a yes first (change-policy.ts, as the interpreter asks for the same change). */
  | { readonly kind: 'confirm-edit'; readonly name: string; readonly input: TextInput; readonly plan: ConfigEditPlan & { kind: 'set' | 'reset' }; readonly reason: string }
  | { readonly kind: 'search'; readonly input: TextInput }
  | { readonly kind: 'sort'; readonly cursor: number; readonly picked: readonly ConfigSortKey[] }
  | {
      readonly kind: 'save';
      readonly stage: SaveStage;
      readonly text: string;
      readonly file: string;
      readonly scroll: number;
      /** tor's refusal when it asked for FORCE. */
      readonly reason?: string;
      /** %include lines found in the torrc (saving flattens them into one file). */
      readonly includes?: readonly string[];
    }
  /** tor refused (or the edit cannot be made): shown until a key is pressed. */
  | { readonly kind: 'error'; readonly title: string; readonly text: string };

export interface ConfigView {
  readonly showAll: boolean;
  /** Selected option by name (stays on it when the list changes). */
  readonly selected: string | undefined;
  /** First list row shown (select keeps the selection visible and reports the value it used). */
  readonly scroll: number;
  readonly sort: readonly ConfigSortKey[];
  readonly search: string;
  readonly mode: ConfigMode;
  /** Rows a page-up/down moves, as last drawn. */
  readonly pageRows: number;
}

export type ConfigCommand =
  | { readonly kind: 'apply'; readonly plan: ConfigEditPlan & { kind: 'set' | 'reset' } }
  | { readonly kind: 'load-save-preview' }
  | { readonly kind: 'save'; readonly force: boolean };

export interface ConfigKeyResult {
  readonly view: ConfigView;
  readonly commands: readonly ConfigCommand[];
  /** False when the key means nothing here (the app may use it). */
  readonly used: boolean;
  /** A short message for the status line. */
  readonly message?: string;
}

export function initialConfigView(): ConfigView {
  return { showAll: false, selected: undefined, scroll: 0, sort: DEFAULT_CONFIG_SORT, search: '', mode: { kind: 'list' }, pageRows: 10 };
}

const LIST: ConfigMode = { kind: 'list' };
const done = (view: ConfigView, extra: Partial<ConfigKeyResult> = {}): ConfigKeyResult => ({ view, commands: [], used: true, ...extra });

function move(view: ConfigView, rows: readonly ConfigOption[], delta: number | 'home' | 'end'): ConfigView {
  if (rows.length === 0) return view;
  const current = Math.max(0, rows.findIndex((r) => r.name === view.selected));
  const target = delta === 'home' ? 0 : delta === 'end' ? rows.length - 1 : Math.min(rows.length - 1, Math.max(0, current + delta));
  return { ...view, selected: rows[target]!.name };
}

/** The selected option among the rows shown (the first row when the selection is not shown). */
export function selectedOption(view: ConfigView, rows: readonly ConfigOption[]): ConfigOption | undefined {
  return rows.find((r) => r.name === view.selected) ?? rows[0];
}

function reduceList(view: ConfigView, key: string, rows: readonly ConfigOption[]): ConfigKeyResult {
  switch (key) {
    case 'up':
    case 'k':
      return done(move(view, rows, -1));
    case 'down':
    case 'j':
      return done(move(view, rows, 1));
    case 'pageup':
      return done(move(view, rows, -Math.max(1, view.pageRows - 1)));
    case 'pagedown':
    case 'space':
      return done(move(view, rows, Math.max(1, view.pageRows - 1)));
    case 'home':
      return done(move(view, rows, 'home'));
    case 'end':
      return done(move(view, rows, 'end'));
    case 'a':
      return done({ ...view, showAll: !view.showAll, scroll: 0 }, { message: view.showAll ? 'Showing the important options' : 'Showing all options' });
    case 's':
      return done({ ...view, mode: { kind: 'sort', cursor: 0, picked: [] } });
    case '/':
      return done({ ...view, mode: { kind: 'search', input: createTextInput({ value: view.search, maxLength: INPUT_LIMITS.search }) } });
    case 'escape':
      return view.search === '' ? { view, commands: [], used: false } : done({ ...view, search: '', scroll: 0 });
    case 'w':
      return { view: { ...view, mode: { kind: 'save', stage: 'loading', text: '', file: '', scroll: 0 } }, commands: [{ kind: 'load-save-preview' }], used: true };
    case 'enter':
    case 'linefeed': {
      const option = selectedOption(view, rows);
      if (option === undefined) return done(view);
      const refusal = editRefusal(option);
      if (refusal !== undefined) return done({ ...view, selected: option.name, mode: { kind: 'error', title: `${option.name} cannot be edited here`, text: refusal } });
      return done({ ...view, selected: option.name, mode: { kind: 'edit', name: option.name, input: createTextInput({ value: editPrefill(option), maxLength: INPUT_LIMITS.value, censor: isCredentialOption(option.name) }), pending: false } });
    }
    case 'return':
      return done(view);
    default:
      return { view, commands: [], used: false };
  }
}

function reduceSort(view: ConfigView, mode: Extract<ConfigMode, { kind: 'sort' }>, key: string): ConfigKeyResult {
  const n = CONFIG_SORT_KEYS.length;
  const finish = (picked: readonly ConfigSortKey[]) => done({ ...view, sort: picked.length > 0 ? picked : view.sort, mode: LIST, scroll: 0 });
  switch (key) {
    case 'up':
      return done({ ...view, mode: { ...mode, cursor: (mode.cursor + n - 1) % n } });
    case 'down':
      return done({ ...view, mode: { ...mode, cursor: (mode.cursor + 1) % n } });
    case 'escape':
      return mode.picked.length > 0 ? finish(mode.picked) : done({ ...view, mode: LIST });
    case 'enter':
    case 'linefeed':
    case 'space': {
      const choice = CONFIG_SORT_KEYS[mode.cursor]!;
      if (mode.picked.includes(choice)) return done(view);
      const picked = [...mode.picked, choice];
      return picked.length >= MAX_SORT_KEYS ? finish(picked) : done({ ...view, mode: { ...mode, picked } });
    }
    default:
      return done(view);
  }
}

function reduceSave(view: ConfigView, mode: Extract<ConfigMode, { kind: 'save' }>, key: string): ConfigKeyResult {
  const k = key.startsWith('S-') ? key.slice(2) : key;
  if (k === 'up' || k === 'down' || k === 'pageup' || k === 'pagedown') {
    const step = k === 'up' ? -1 : k === 'down' ? 1 : k === 'pageup' ? -10 : 10;
    return done({ ...view, mode: { ...mode, scroll: Math.max(0, mode.scroll + step) } });
  }
  if (mode.stage === 'loading' || mode.stage === 'saving') return k === 'escape' ? done({ ...view, mode: LIST }) : done(view);
  if (k === 'y' || (k === 'w' && mode.stage === 'confirm')) {
    return { view: { ...view, mode: { ...mode, stage: 'saving' } }, commands: [{ kind: 'save', force: mode.stage === 'force' }], used: true };
  }
  if (k === 'return' || k === 'enter') return done(view);
  return done({ ...view, mode: LIST }, { message: 'Not saved' });
}

/** One key. `rows` are the options as listed now (filtered and sorted). */
export function reduceConfigKey(view: ConfigView, key: string, ch: string | undefined, rows: readonly ConfigOption[]): ConfigKeyResult {
  const mode = view.mode;
  switch (mode.kind) {
    case 'list':
      return reduceList(view, key, rows);
    case 'error':
      return key === 'return' ? done(view) : done({ ...view, mode: LIST });
    case 'sort':
      return reduceSort(view, mode, key);
    case 'save':
      return reduceSave(view, mode, key);
    case 'confirm-edit': {
      const k = key.startsWith('S-') ? key.slice(2) : key;
      if (k === 'y') return { view: { ...view, mode: { kind: 'edit', name: mode.name, input: mode.input, pending: true } }, commands: [{ kind: 'apply', plan: mode.plan }], used: true };
      return done({ ...view, mode: LIST }, { message: `${mode.name} not changed` });
    }
    case 'search': {
      const r = reduceTextInput(mode.input, key, ch);
      if (r.kind === 'cancel') return done({ ...view, mode: LIST });
      if (r.kind === 'submit') return done({ ...view, search: r.value.trim(), mode: LIST, scroll: 0 });
      return done({ ...view, search: r.input.text, mode: { kind: 'search', input: r.input }, scroll: 0 });
    }
    case 'edit': {
      if (mode.pending) return done(view);
      const r = reduceTextInput(mode.input, key, ch);
      if (r.kind === 'cancel') return done({ ...view, mode: LIST });
      if (r.kind !== 'submit') return done({ ...view, mode: { ...mode, input: r.input } });
      const option = rows.find((o) => o.name === mode.name);
      if (option === undefined) return done({ ...view, mode: LIST }, { message: `${mode.name} is no longer listed` });
      const plan = planConfigEdit(option, r.value);
      if (plan.kind === 'unchanged') return done({ ...view, mode: LIST }, { message: `${plan.name} unchanged` });
      if (plan.kind === 'refused') return done({ ...view, mode: { kind: 'error', title: `${plan.name} cannot be edited here`, text: plan.reason } });
      const change = plan.kind === 'reset' ? { name: plan.name, kind: 'reset' as const } : { name: plan.name, kind: 'set' as const, values: plan.values };
      const verdict = judgeOptionChanges([change], optionNameIndex([plan.name]));
      if (verdict.kind === 'confirm') return done({ ...view, mode: { kind: 'confirm-edit', name: plan.name, input: r.input, plan, reason: verdict.reason } });
      return { view: { ...view, mode: { ...mode, input: r.input, pending: true } }, commands: [{ kind: 'apply', plan }], used: true };
    }
  }
}

/** tor answered an edit: success returns to the list, a refusal is shown verbatim. */
export function noteEditResult(view: ConfigView, name: string, error: string | undefined): ConfigView {
  if (view.mode.kind !== 'edit' || view.mode.name !== name) return view;
  if (error === undefined) return { ...view, mode: LIST };
  return { ...view, mode: { kind: 'error', title: `tor refused the new value of ${name}; nothing was changed`, text: error } };
}

/** The would-be torrc arrived (or could not be fetched). */
export function noteSavePreview(view: ConfigView, preview: { text: string; file: string; includes: readonly string[] } | { error: string }): ConfigView {
  if (view.mode.kind !== 'save' || view.mode.stage !== 'loading') return view;
  if ('error' in preview) return { ...view, mode: { kind: 'error', title: 'Could not read the configuration to save', text: preview.error } };
  return { ...view, mode: { kind: 'save', stage: 'confirm', text: preview.text, file: preview.file, scroll: 0, includes: preview.includes } };
}

/** SAVECONF answered: done, needs FORCE (torrc uses %include), or failed. */
export function noteSaveResult(view: ConfigView, result: { kind: 'saved' } | { kind: 'needs-force'; reason: string } | { kind: 'failed'; error: string }): ConfigView {
  if (view.mode.kind !== 'save') return view;
  if (result.kind === 'saved') return { ...view, mode: LIST };
  if (result.kind === 'needs-force') return { ...view, mode: { ...view.mode, stage: 'force', reason: result.reason, scroll: 0 } };
  return { ...view, mode: { kind: 'error', title: 'tor did not save its configuration', text: result.error } };
}
