// The interpreter page's view state and key reducer: idle until Enter, then an input line with
// history and Tab completion (a list when several candidates fit), a y/n question for dangerous
// commands, and transcript scrolling. Pure: submitted lines go to the page as commands.
import { completeInput, type CompletionVocabulary } from '../../src/relay/interpreter/completion.js';
import { createTextInput, INPUT_LIMITS, reduceTextInput, setTextInputValue, type TextInput } from '../popups/text-input.js';

export type InterpreterMode =
  | { readonly kind: 'idle' }
  | { readonly kind: 'input'; readonly input: TextInput }
  | { readonly kind: 'confirm'; readonly line: string; readonly reason: string; readonly input: TextInput };

export interface InterpreterView {
  readonly mode: InterpreterMode;
  /** Lines scrolled up from the bottom (0 = follow the newest output). */
  readonly scrollBack: number;
  /** Candidates of the last Tab, shown under the transcript until the next key. */
  readonly completions: readonly string[];
  /** Transcript rows on screen, as last drawn. */
  readonly pageRows: number;
}

export type InterpreterCommand =
  | { readonly kind: 'submit'; readonly text: string }
  | { readonly kind: 'confirmed'; readonly line: string }
  | { readonly kind: 'declined'; readonly line: string };

export interface InterpreterKeyResult {
  readonly view: InterpreterView;
  readonly commands: readonly InterpreterCommand[];
  readonly used: boolean;
}

/** An empty command line: history to walk, capped at INPUT_LIMITS.command. */
export const commandInput = (history: readonly string[]): TextInput => createTextInput({ history, maxLength: INPUT_LIMITS.command });

export const initialInterpreterView = (): InterpreterView => ({ mode: { kind: 'idle' }, scrollBack: 0, completions: [], pageRows: 10 });

/** A fresh input line over the given history (after each command). */
export function openInput(view: InterpreterView, history: readonly string[]): InterpreterView {
  return { ...view, mode: { kind: 'input', input: commandInput(history) }, completions: [] };
}

/** The page found a command dangerous: ask before sending. */
export function askConfirmation(view: InterpreterView, line: string, reason: string): InterpreterView {
  const input = view.mode.kind === 'input' ? view.mode.input : commandInput([]);
  return { ...view, mode: { kind: 'confirm', line, reason, input } };
}

function scroll(view: InterpreterView, key: string): InterpreterView | undefined {
  const page = Math.max(1, view.pageRows - 1);
  if (key === 'pageup') return { ...view, scrollBack: view.scrollBack + page };
  if (key === 'pagedown') return { ...view, scrollBack: Math.max(0, view.scrollBack - page) };
  return undefined;
}

export function reduceInterpreterKey(
  view: InterpreterView,
  key: string,
  ch: string | undefined,
  history: readonly string[],
  vocabulary: CompletionVocabulary,
): InterpreterKeyResult {
  const mode = view.mode;
  const done = (next: InterpreterView, commands: readonly InterpreterCommand[] = []): InterpreterKeyResult => ({ view: next, commands, used: true });
  const scrolled = scroll(view, key);
  if (mode.kind === 'idle') {
    if (key === 'enter' || key === 'linefeed') return done({ ...openInput(view, history), scrollBack: 0 });
    if (scrolled !== undefined) return done(scrolled);
    if (key === 'up') return done({ ...view, scrollBack: view.scrollBack + 1 });
    if (key === 'down') return done({ ...view, scrollBack: Math.max(0, view.scrollBack - 1) });
    return { view, commands: [], used: false };
  }
  if (mode.kind === 'confirm') {
    if (key === 'return') return done(view);
    const k = key.startsWith('S-') ? key.slice(2) : key;
    const next: InterpreterView = { ...view, mode: { kind: 'input', input: commandInput(history) } };
    return k === 'y' ? done(next, [{ kind: 'confirmed', line: mode.line }]) : done(next, [{ kind: 'declined', line: mode.line }]);
  }
  if (scrolled !== undefined) return done(scrolled);
  if (key === 'tab') {
    const completion = completeInput(mode.input.text, vocabulary);
    const input = completion.text === mode.input.text ? mode.input : setTextInputValue(mode.input, completion.text);
    return done({ ...view, mode: { kind: 'input', input }, completions: completion.candidates.length > 1 ? completion.candidates : [] });
  }
  const r = reduceTextInput(mode.input, key, ch);
  if (r.kind === 'cancel') return done({ ...view, mode: { kind: 'idle' }, completions: [] });
  if (r.kind === 'submit') {
    if (r.value.trim() === '') return done({ ...view, mode: { kind: 'idle' }, completions: [] });
    return done({ ...view, mode: { kind: 'input', input: commandInput(history) }, completions: [], scrollBack: 0 }, [{ kind: 'submit', text: r.value }]);
  }
  return done({ ...view, mode: { kind: 'input', input: r.input }, completions: r.kind === 'ignored' ? view.completions : [] });
}
