// The interpreter page as lines: title, the transcript (commands, tor's raw replies coloured by
// status, interpreter output) wrapped with a two-space hanging indent, the completion list, and
// the input line or the y/n question at the bottom. Pure.
import type { OutputStyle, Transcript, TranscriptEntry } from '../../src/relay/interpreter/transcript.js';
import { visibleText } from '../../src/relay/torrc/visible-text.js';
import { seg, truncateLine, type Line, type Style } from '../../src/terminal/theme.js';
import { displayWidth, padToWidth } from '../../src/terminal/width.js';
import { wrapKeepingSpaces, wrapText } from '../config/wrap-text.js';
import { selectTextInputLine } from '../popups/text-input.js';
import type { InterpreterView } from './interpreter-view.js';

const PROMPT = '>>> ';
const PROMPT_STYLE: Style = { fg: 'green', bold: true };
const OUTPUT_STYLES: Readonly<Record<OutputStyle, Style | undefined>> = {
  heading: { fg: 'magenta', bold: true },
  text: undefined,
  key: { bold: true },
  note: { fg: 'gray' },
  error: { fg: 'red', bold: true },
  data: { fg: 'cyan' },
};
const MAX_COMPLETION_ROWS = 6;

/** Text from tor shown with its control characters made visible (never passed on), then wrapped. */
function wrapStyled(text: string, style: Style | undefined, width: number, hang = 2): Line[] {
  return wrapKeepingSpaces(visibleText(text), width, Math.min(hang, Math.floor(width / 2))).map((t) => [seg(t, style)]);
}

function commandLines(text: string, width: number): Line[] {
  const keyword = text.split(' ')[0] ?? '';
  const wrapped = wrapKeepingSpaces(`${PROMPT}${visibleText(text)}`, width, 2);
  return wrapped.map((row, i): Line => {
    if (i > 0) return [seg(row, { fg: 'cyan', bold: true })];
    const head = `${PROMPT}${keyword}`;
    if (row.length <= head.length) return [seg(row, PROMPT_STYLE)];
    return [seg(PROMPT, PROMPT_STYLE), seg(keyword, { fg: keyword.startsWith('/') ? 'magenta' : 'green', bold: true }), seg(row.slice(head.length), { fg: 'cyan', bold: true })];
  });
}

function replyStyle(code: number, isData: boolean): Style | undefined {
  if (isData) return undefined;
  if (code >= 200 && code < 300) return { fg: 'green' };
  if (code === 650) return { fg: 'blue' };
  return { fg: 'red', bold: true };
}

function entryLines(entry: TranscriptEntry, width: number): Line[] {
  switch (entry.kind) {
    case 'command':
      return commandLines(entry.text, width);
    case 'reply':
      return entry.lines.flatMap((l) => wrapStyled(l.text, replyStyle(l.code, l.isData), width));
    case 'output':
      return entry.lines.flatMap((l) => wrapStyled(l.text, OUTPUT_STYLES[l.style], width, l.hang));
  }
}

/** Candidates in columns, at most a few rows ("… and 40 more"). */
function completionLines(candidates: readonly string[], width: number): Line[] {
  if (candidates.length === 0) return [];
  const cell = Math.min(width, Math.max(...candidates.map((c) => displayWidth(c))) + 2);
  const columns = Math.max(1, Math.floor(width / Math.max(1, cell)));
  const rows: Line[] = [];
  const capacity = columns * MAX_COMPLETION_ROWS;
  const shown = candidates.length > capacity ? candidates.slice(0, capacity - 1) : candidates;
  for (let i = 0; i < shown.length; i += columns) {
    rows.push([seg(shown.slice(i, i + columns).map((c) => padToWidth(c, cell)).join('').trimEnd(), { fg: 'yellow' })]);
  }
  if (shown.length < candidates.length) rows.push([seg(`… and ${candidates.length - shown.length} more (type more letters)`, { fg: 'gray' })]);
  return rows.slice(0, MAX_COMPLETION_ROWS + 1);
}

function bottomLines(view: InterpreterView, width: number): Line[] {
  const mode = view.mode;
  if (mode.kind === 'idle') return [[seg(PROMPT, PROMPT_STYLE), seg('press enter to type a command', { fg: 'gray' })]];
  if (mode.kind === 'confirm') {
    return [...wrapText(mode.reason, width).map((t): Line => [seg(t, { fg: 'yellow', bold: true })]), [seg('y: send, any other key: cancel', { fg: 'gray' })]];
  }
  return [selectTextInputLine(mode.input, PROMPT, width, { promptStyle: PROMPT_STYLE })];
}

export interface InterpreterSelection {
  readonly lines: Line[];
  readonly scrollBack: number;
  readonly pageRows: number;
}

export function selectInterpreterPage(transcript: Transcript, view: InterpreterView, width: number, height: number): InterpreterSelection {
  const w = Math.max(0, Math.floor(width));
  const h = Math.max(0, Math.floor(height));
  if (w === 0 || h === 0) return { lines: [], scrollBack: 0, pageRows: 0 };
  const hint = view.mode.kind === 'idle' ? ' (enter: type a command, /help for usage)' : ' (/help for usage, Tab completes, Esc or a blank line stops)';
  const title: Line = truncateLine([seg('Control interpreter', { bold: true }), seg(hint, { fg: 'gray' })], w);
  const bottom = bottomLines(view, w).slice(-Math.max(1, h - 1));
  const completions = completionLines(view.completions, w);
  const room = Math.max(0, h - 1 - bottom.length - completions.length);
  const all = transcript.entries.flatMap((e) => entryLines(e, w));
  const scrollBack = Math.min(view.scrollBack, Math.max(0, all.length - room));
  const end = all.length - scrollBack;
  const shown = all.slice(Math.max(0, end - room), end);
  const filler: Line[] = Array.from({ length: Math.max(0, room - shown.length) }, () => []);
  const lines = [title, ...shown, ...filler, ...completions, ...bottom].map((l) => truncateLine(l, w));
  if (scrollBack > 0 && room > 0) lines[1 + room - 1] = truncateLine([seg(`-- ${scrollBack} more lines below (PgDn) --`, { fg: 'gray', inverse: true })], w);
  return { lines: lines.slice(0, h), scrollBack, pageRows: room };
}
