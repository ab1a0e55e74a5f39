// The one single-line text input every prompt uses (interpreter, searches, filters, option values,
// paths, the password): the pure model (value, cursor, history walk, censoring, a length cap) and the
// one Line that shows it with a visible cursor, scrolled so the cursor stays in view. Each key costs
// O(1) at the end of the text and drawing costs O(width), so a 10,000-character paste stays linear.
// Keys are blessed key names (key.full). Must not draw onto widgets, run commands or keep history on disk.
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
  /** Longest text typing may make (UTF-16 units); a longer prefill is kept but cannot grow. */
  readonly maxLength: number;
  /** Characters refused because of maxLength since the input opened (shown as a note). */
  readonly cut: number;
}

/**
 * How long each kind of field may get. tor takes command lines up to 1 MiB, but a line typed or pasted
 * into ortop is a command, a value, a search or a path, never a document: these hold any real one.
 */
export const INPUT_LIMITS = {
  /** An interpreter command line (the longest real ones, SETCONF with an exit policy, fit easily). */
  command: 4096,
  /** An option value on the config page. */
  value: 4096,
  /** A search or a filter (plain text or a regular expression, matched against every row). */
  search: 256,
  /** A file path (PATH_MAX). */
  path: 4096,
  /** The control password. */
  password: 1024,
} as const;

export interface TextInputOptions {
  readonly value?: string;
  readonly censor?: boolean;
  readonly history?: readonly string[];
  /** Default INPUT_LIMITS.search: a field that needs more says so. */
  readonly maxLength?: number;
}

export function createTextInput(options: TextInputOptions = {}): TextInput {
  const text = options.value ?? '';
  return {
    text,
    cursor: text.length,
    censor: options.censor ?? false,
    history: options.history ?? [],
    historyIndex: undefined,
    draft: '',
    maxLength: options.maxLength ?? INPUT_LIMITS.search,
    cut: 0,
  };
}

export type TextInputResult =
  | { readonly kind: 'edit'; readonly input: TextInput }
  | { readonly kind: 'submit'; readonly value: string; readonly input: TextInput }
  | { readonly kind: 'cancel' }
  /** A key the input does not use (Tab, PageUp…): the caller may handle it. */
  | { readonly kind: 'ignored'; readonly input: TextInput };

/** Replaces the text and puts the cursor at its end (completion, programmatic edits); capped like typing. */
export function setTextInputValue(input: TextInput, text: string): TextInput {
  const kept = text.length > input.maxLength && text.length > input.text.length ? cutAt(text, Math.max(input.maxLength, input.text.length)) : text;
  return { ...input, text: kept, cursor: kept.length, historyIndex: undefined, cut: input.cut + (text.length - kept.length) };
}

/** text cut to at most n UTF-16 units, never inside a surrogate pair. */
function cutAt(text: string, n: number): string {
  if (text.length <= n) return text;
  return n > 0 && isHigh(text.charCodeAt(n - 1)) ? text.slice(0, n - 1) : text.slice(0, n);
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

/** Inserts at the cursor what fits under maxLength; the rest is counted in `cut`. O(1) at the end of the text. */
function insert(input: TextInput, typed: string): TextInputResult {
  const { text, cursor } = input;
  const room = Math.max(0, input.maxLength - text.length);
  const fits = cutAt(typed, room);
  if (fits.length < typed.length) input = { ...input, cut: input.cut + (typed.length - fits.length) };
  if (fits === '') return { kind: 'edit', input };
  // Appending (typing, pasting) concatenates without copying; only edits inside the text copy it.
  const next = cursor === text.length ? text + fits : text.slice(0, cursor) + fits + text.slice(cursor);
  return edited(input, next, cursor + fits.length);
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
      return insert(input, typed);
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
 * too small for both. Once typing hit the length cap, "[max 256] " follows the prompt. Costs
 * O(width), not O(text): only the characters that can be on screen are measured.
 */
export function selectTextInputLine(input: TextInput, prompt: string, width: number, options: TextInputLineOptions = {}): Line {
  const w = Math.max(0, Math.floor(width));
  if (w === 0) return [];
  const text = shownText(input);
  const cursor = shownCursor(input);
  const promptRoom = Math.min(displayWidth(prompt), Math.max(0, w - 8));
  const promptText = cutToWidth(prompt, promptRoom);
  const note = input.cut > 0 ? `[max ${input.maxLength}] ` : '';
  const noteText = note !== '' && displayWidth(note) <= w - displayWidth(promptText) - 8 ? note : '';
  const room = w - displayWidth(promptText) - displayWidth(noteText);
  const atCursor = cursor < text.length ? text.slice(cursor, stepRight(text, cursor)) : ' ';
  const cursorWidth = Math.max(1, displayWidth(atCursor));
  // Keep the cursor cell visible: walk left from the cursor while the characters still fit.
  let start = cursor;
  let used = 0;
  while (start > 0) {
    const previous = stepLeft(text, start);
    const cw = displayWidth(text.slice(previous, start));
    if (used + cw + cursorWidth > room) break;
    used += cw;
    start = previous;
  }
  const visibleBefore = text.slice(start, cursor);
  const left = room - used - cursorWidth;
  const line: Array<ReturnType<typeof seg>> = [];
  if (promptText !== '') line.push(seg(promptText, options.promptStyle ?? { bold: true }));
  if (noteText !== '') line.push(seg(noteText, { fg: 'yellow', bold: true }));
  if (visibleBefore !== '') line.push(seg(visibleBefore, options.textStyle));
  if (left >= 0) {
    line.push(seg(atCursor, { ...options.textStyle, inverse: true }));
    const tail = cursor < text.length ? cutToWidth(text.slice(stepRight(text, cursor)), left) : '';
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
