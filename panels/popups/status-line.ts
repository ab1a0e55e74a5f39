// The one-line status bar under the header: a pending confirmation, the menu hint, a transient
// message ("Requesting a new identity"), "Paused", or the page and key summary — in that order of
// precedence. Pure select, plus drawing any single Line onto a blessed box. Owns no timers:
// messages carry their expiry and the caller passes the time.
import type blessed from 'blessed';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { drawCellRows } from '../../src/terminal/cell-rows.js';
import { lineWidth, seg, truncateLine, type Line, type Segment, type Style, type Theme } from '../../src/terminal/theme.js';
import { displayWidth } from '../../src/terminal/width.js';
import { selectKeyHintLine, type KeyTable } from '../key-table.js';
import { selectConfirmLine, type ConfirmPrompt } from './confirm-prompt.js';

export interface StatusMessage {
  readonly text: string;
  readonly style?: Style;
  /** Shown until this instant; undefined = until replaced. */
  readonly untilMs: number | undefined;
}

export const DEFAULT_MESSAGE_MS = 3_000;

export interface StatusMessageOptions {
  /** How long to show it; DEFAULT_MESSAGE_MS unless given. */
  readonly durationMs?: number;
  /** Show it until another message replaces it. */
  readonly sticky?: boolean;
  readonly style?: Style;
}

export function createStatusMessage(text: string, nowMs: number, options: StatusMessageOptions = {}): StatusMessage {
  const untilMs = options.sticky === true ? undefined : nowMs + (options.durationMs ?? DEFAULT_MESSAGE_MS);
  return options.style === undefined ? { text, untilMs } : { text, style: options.style, untilMs };
}

export const isMessageExpired = (message: StatusMessage, nowMs: number): boolean => message.untilMs !== undefined && nowMs >= message.untilMs;

/** One global key as the status line names it: "m: menu". */
export interface StatusHint {
  /** The blessed key name it stands for (a click on it presses that key). */
  readonly bound: string;
  readonly keys: string;
  readonly words: string;
}

export const DEFAULT_STATUS_HINTS: readonly StatusHint[] = [
  { bound: 'm', keys: 'm', words: 'menu' },
  { bound: 'p', keys: 'p', words: 'pause' },
  { bound: 'h', keys: 'h', words: 'page help' },
  { bound: 'q', keys: 'q', words: 'quit' },
];

export interface StatusLineInput {
  /** 1-based. */
  readonly page: number;
  readonly pageCount: number;
  readonly paused: boolean;
  readonly menuOpen?: boolean;
  readonly message?: StatusMessage | undefined;
  readonly prompt?: ConfirmPrompt | undefined;
  /** The global keys named after the page number (from the global key table); default m, p, h, q. */
  readonly globalHints?: readonly StatusHint[];
  /** The shown page's key table: its rows marked `hint` follow when there is room. */
  readonly pageKeys?: KeyTable | undefined;
}

export const MENU_HINT = 'Press m or esc to close the menu.';

/** A stretch of the status line a click presses a key on: columns [from, to). */
export interface StatusTarget {
  readonly from: number;
  readonly to: number;
  /** A blessed key name ('m', 'right' for the page number). */
  readonly key: string;
}

export interface StatusLayout {
  readonly line: Line;
  readonly targets: readonly StatusTarget[];
}

/**
 * "page 1 / 5 - m: menu, p: pause, h: page help, q: quit  s: graphed stat (bandwidth)  e: events…",
 * or what is more urgent; with the stretches a click acts on ("page 1 / 5" = Right, "m: menu" = m).
 */
export function selectStatusLayout(input: StatusLineInput, nowMs: number, width: number): StatusLayout {
  const w = Math.max(0, Math.floor(width));
  if (input.prompt !== undefined) return { line: selectConfirmLine(input.prompt, w), targets: [] };
  if (input.menuOpen === true) return { line: truncateLine([seg(MENU_HINT)], w), targets: [] };
  const message = input.message;
  if (message !== undefined && !isMessageExpired(message, nowMs)) {
    return { line: truncateLine([seg(sanitizeLine(message.text), message.style)], w), targets: [] };
  }
  if (input.paused) return { line: truncateLine([seg('Paused', { inverse: true })], w), targets: [{ from: 0, to: Math.min(w, 6), key: 'p' }] };
  const targets: StatusTarget[] = [];
  let text = `page ${input.page} / ${input.pageCount}`;
  targets.push({ from: 0, to: text.length, key: 'right' });
  (input.globalHints ?? DEFAULT_STATUS_HINTS).forEach((hint, i) => {
    text += i === 0 ? ' - ' : ', ';
    const part = sanitizeLine(`${hint.keys}: ${hint.words}`);
    targets.push({ from: displayWidth(text), to: displayWidth(text) + displayWidth(part), key: hint.bound });
    text += part;
  });
  const out: Segment[] = [seg(text)];
  let used = displayWidth(text);
  if (input.pageKeys !== undefined && used + 2 < w) {
    const pageLine = selectKeyHintLine(input.pageKeys, w - used - 2);
    let x = used + 2;
    for (const row of input.pageKeys) {
      if (row.hint !== true) continue;
      const entry = displayWidth(sanitizeLine(`${row.keys}: ${row.description}${row.current === undefined ? '' : ` (${row.current})`}`));
      if (x + entry > used + 2 + lineWidth(pageLine)) break;
      if (row.bound[0] !== undefined) targets.push({ from: x, to: x + entry, key: row.bound[0] });
      x += entry + 2;
    }
    if (pageLine.length > 0) {
      out.push(seg('  '), ...pageLine);
      used += 2 + lineWidth(pageLine);
    }
  }
  return { line: truncateLine(out, w), targets: targets.filter((t) => t.from < w).map((t) => ({ ...t, to: Math.min(t.to, w) })) };
}

/** The status line alone (see selectStatusLayout). */
export function selectStatusLine(input: StatusLineInput, nowMs: number, width: number): Line {
  return selectStatusLayout(input, nowMs, width).line;
}

/** The key a click at column `x` presses, if any. */
export function statusKeyAt(layout: StatusLayout, x: number): string | undefined {
  return layout.targets.find((t) => x >= t.from && x < t.to)?.key;
}

/**
 * Puts one line on a one-row box (the status line) as cell rows (src/terminal/cell-rows.ts): a frame
 * where it did not change costs no tag parsing.
 */
export function drawLine(box: blessed.Widgets.BoxElement, line: Line, theme: Theme): void {
  (box as blessed.Widgets.BoxElement & { parseTags: boolean }).parseTags = true;
  box.options.wrap = false;
  drawCellRows(box, [line], theme, typeof box.width === 'number' ? box.width : Number(box.width));
}
