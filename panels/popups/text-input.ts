// A reusable single-line text input: the pure model (value, cursor, history walk, censoring) and
// the one Line that shows it with a visible cursor, scrolled so the cursor stays in view. Keys are
// blessed key names (key.full). Must not draw onto widgets, run commands or keep history on disk.
//
// Note: blessed reports one Enter ('\r') twice, as 'enter' then 'return'; only 'enter' (and
// 'linefeed' for a bare '\n') submits, 'return' is swallowed so it cannot submit the next prompt.
import { seg, type Line, type Style } from '../../src/terminal/theme.js';
import { displayWidth } from '../../src/terminal/width.js';

export interface TextInput {
  readonly text: string;
  /** Cursor position as an index into text (UTF-16 units, never inside a surrogate pair). */
  readonly cursor: number;
  /** Show '*' for every character (passwords). */
  readonly censor: boolean;
  /** Earlier entries, oldest first, walked with Up/Down. */
  readonly history: readonly string[];
  /** Which history entry is shown; undefined = the user's own text (the draft). */
  readonly historyIndex: number | undefined;
  /** The unsent text kept while walking the history. */
  readonly draft: string;
}

export interface TextInputOptions {
  readonly value?: string;
  readonly censor?: boolean;
  readonly history?: readonly string[];
}

export function createTextInput(options: TextInputOptions = {}): TextInput {
  const text = options.value ?? '';
  return { text, cursor: text.length, censor: options.censor ?? false, history: options.history ?? [], historyIndex: undefined, draft: '' };
}

export type TextInputResult =
  | { readonly kind: 'edit'; readonly input: TextInput }
  | { readonly kind: 'submit'; readonly value: string; readonly input: TextInput }
  | { readonly kind: 'cancel' }
  /** A key the input does not use (Tab, PageUp…): the caller may handle it. */
  | { readonly kind: 'ignored'; readonly input: TextInput };

/** Replaces the text and puts the cursor at its end (completion, programmatic edits). */
export function setTextInputValue(input: TextInput, text: string): TextInput {
  return { ...input, text, cursor: text.length, historyIndex: undefined };
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function stepLeft(text: string, i: number): number {
  if (i <= 0) return 0;
  return i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2)) ? i - 2 : i - 1;
}

function stepRight(text: string, i: number): number {
  if (i >= text.length) return text.length;
  return isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? i + 2 : i + 1;
}

function edited(input: TextInput, text: string, cursor: number): TextInputResult {
  return { kind: 'edit', input: { ...input, text, cursor, historyIndex: undefined } };
}

function walkHistory(input: TextInput, direction: -1 | 1): TextInputResult {
  const n = input.history.length;
  if (n === 0) return { kind: 'edit', input };
  if (direction === -1) {
    const index = input.historyIndex === undefined ? n - 1 : Math.max(0, input.historyIndex - 1);
    const draft = input.historyIndex === undefined ? input.text : input.draft;
    const text = input.history[index]!;
    return { kind: 'edit', input: { ...input, text, cursor: text.length, historyIndex: index, draft } };
  }
  if (input.historyIndex === undefined) return { kind: 'edit', input };
  if (input.historyIndex >= n - 1) return { kind: 'edit', input: { ...input, text: input.draft, cursor: input.draft.length, historyIndex: undefined } };
  const index = input.historyIndex + 1;
  const text = input.history[index]!;
  return { kind: 'edit', input: { ...input, text, cursor: text.length, historyIndex: index } };
}

/** A printable character typed (not a control, not an escape sequence). */
function printable(ch: string | undefined): string | undefined {
  if (ch === undefined || ch === '') return undefined;
  // eslint-disable-next-line no-control-regex
  return /^[^\u0000-\u001f\u007f-\u009f]+$/.test(ch) ? ch : undefined;
}

/** One key. Printable characters are inserted at the cursor; Enter submits, Esc cancels. */
export function reduceTextInput(input: TextInput, key: string, ch?: string): TextInputResult {
  const { text, cursor } = input;
  switch (key) {
    case 'enter':
    case 'linefeed':
      return { kind: 'submit', value: text, input };
    case 'return':
      return { kind: 'edit', input };
    case 'escape':
      return { kind: 'cancel' };
    case 'left':
    case 'C-b':
      return { kind: 'edit', input: { ...input, cursor: stepLeft(text, cursor) } };
    case 'right':
    case 'C-f':
      return { kind: 'edit', input: { ...input, cursor: stepRight(text, cursor) } };
    case 'home':
    case 'C-a':
      return { kind: 'edit', input: { ...input, cursor: 0 } };
    case 'end':
    case 'C-e':
      return { kind: 'edit', input: { ...input, cursor: text.length } };
    case 'backspace':
    case 'C-h': {
      if (cursor === 0) return { kind: 'edit', input };
      const from = stepLeft(text, cursor);
      return edited(input, text.slice(0, from) + text.slice(cursor), from);
    }
    case 'delete':
    case 'C-d': {
      if (cursor >= text.length) return { kind: 'edit', input };
      return edited(input, text.slice(0, cursor) + text.slice(stepRight(text, cursor)), cursor);
    }
    case 'C-u':
      return edited(input, text.slice(cursor), 0);
    case 'C-k':
      return edited(input, text.slice(0, cursor), cursor);
    case 'C-w': {
      let from = cursor;
      while (from > 0 && text[from - 1] === ' ') from--;
      while (from > 0 && text[from - 1] !== ' ') from--;
      return edited(input, text.slice(0, from) + text.slice(cursor), from);
    }
    case 'up':
      return walkHistory(input, -1);
    case 'down':
      return walkHistory(input, 1);
    default: {
      const typed = key === 'space' ? ' ' : printable(ch);
      if (typed === undefined) return { kind: 'ignored', input };
      return edited(input, text.slice(0, cursor) + typed + text.slice(cursor), cursor + typed.length);
    }
  }
}

export interface TextInputLineOptions {
  readonly promptStyle?: Style;
  readonly textStyle?: Style;
}

/** The characters to show: '*' per character when censored. */
function shownText(input: TextInput): string {
  if (!input.censor) return input.text;
  let stars = '';
  for (let i = 0; i < input.text.length; i = stepRight(input.text, i)) stars += '*';
  return stars;
}

function shownCursor(input: TextInput): number {
  if (!input.censor) return input.cursor;
  let n = 0;
  for (let i = 0; i < input.cursor; i = stepRight(input.text, i)) n++;
  return n;
}

/**
 * "Nickname Value (esc to cancel): snowfa█l" — the prompt, then the text scrolled so the cursor
 * (an inverse cell) is visible. At most `width` cells; the prompt is cut first when the width is
 * too small for both.
 */
export function selectTextInputLine(input: TextInput, prompt: string, width: number, options: TextInputLineOptions = {}): Line {
  const w = Math.max(0, Math.floor(width));
  if (w === 0) return [];
  const text = shownText(input);
  const cursor = shownCursor(input);
  const promptRoom = Math.min(displayWidth(prompt), Math.max(0, w - 8));
  const promptText = cutToWidth(prompt, promptRoom);
  const room = w - displayWidth(promptText);
  const before = text.slice(0, cursor);
  const atCursor = cursor < text.length ? text.slice(cursor, stepRight(text, cursor)) : ' ';
  const after = cursor < text.length ? text.slice(stepRight(text, cursor)) : '';
  // Keep the cursor cell visible: drop characters from the left of `before` while too wide.
  let start = 0;
  const cursorWidth = Math.max(1, displayWidth(atCursor));
  while (start < before.length && displayWidth(before.slice(start)) + cursorWidth > room) start = stepRight(before, start);
  const visibleBefore = before.slice(start);
  const left = room - displayWidth(visibleBefore) - cursorWidth;
  const line: Array<ReturnType<typeof seg>> = [];
  if (promptText !== '') line.push(seg(promptText, options.promptStyle ?? { bold: true }));
  if (visibleBefore !== '') line.push(seg(visibleBefore, options.textStyle));
  if (left >= 0) {
    line.push(seg(atCursor, { ...options.textStyle, inverse: true }));
    const tail = cutToWidth(after, left);
    if (tail !== '') line.push(seg(tail, options.textStyle));
  }
  return line;
}

function cutToWidth(text: string, width: number): string {
  let w = 0;
  let i = 0;
  while (i < text.length) {
    const next = stepRight(text, i);
    const cw = displayWidth(text.slice(i, next));
    if (w + cw > width) break;
    w += cw;
    i = next;
  }
  return text.slice(0, i);
}
