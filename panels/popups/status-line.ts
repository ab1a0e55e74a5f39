// The one-line status bar under the header: a pending confirmation, the menu hint, a transient
// message ("Requesting a new identity"), "Paused", or the page and key summary — in that order of
// precedence. Pure select, plus drawing any single Line onto a blessed box. Owns no timers:
// messages carry their expiry and the caller passes the time.
import type blessed from 'blessed';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { renderLine, seg, truncateLine, type Line, type Style, type Theme } from '../../src/terminal/theme.js';
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

export interface StatusLineInput {
  /** 1-based. */
  readonly page: number;
  readonly pageCount: number;
  readonly paused: boolean;
  readonly menuOpen?: boolean;
  readonly message?: StatusMessage | undefined;
  readonly prompt?: ConfirmPrompt | undefined;
}

export const MENU_HINT = 'Press m or esc to close the menu.';

/** "page 1 / 5 - m: menu, p: pause, h: page help, q: quit", or what is more urgent. */
export function selectStatusLine(input: StatusLineInput, nowMs: number, width: number): Line {
  const w = Math.max(0, Math.floor(width));
  if (input.prompt !== undefined) return selectConfirmLine(input.prompt, w);
  if (input.menuOpen === true) return truncateLine([seg(MENU_HINT)], w);
  const message = input.message;
  if (message !== undefined && !isMessageExpired(message, nowMs)) {
    return truncateLine([seg(sanitizeLine(message.text), message.style)], w);
  }
  if (input.paused) return truncateLine([seg('Paused', { inverse: true })], w);
  return truncateLine([seg(`page ${input.page} / ${input.pageCount} - m: menu, p: pause, h: page help, q: quit`)], w);
}

/** Puts one line on a one-row box (status line, prompt): tags on, no wrapping. */
export function drawLine(box: blessed.Widgets.BoxElement, line: Line, theme: Theme): void {
  (box as blessed.Widgets.BoxElement & { parseTags: boolean }).parseTags = true;
  box.options.wrap = false;
  box.setContent(renderLine(line, theme));
}
