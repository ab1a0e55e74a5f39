// The one factory for blessed screens, used by the app and by every test (tests swap only the
// streams). It handles blessed's known hazards once: explicit terminal type (tmux/screen TERMs map to
// xterm-256color, so no terminfo errors spill), explicit unicode, no warning boxes, NO_COLOR.
import type blessed from 'blessed';
import blessedLite from './blessed-lite.js';
import { installBlessedWidths } from './blessed-unicode.js';
import { installLeanDraw } from './lean-draw.js';
import type { Readable, Writable } from 'node:stream';

export interface TerminalEnv {
  readonly TERM?: string | undefined;
  readonly LANG?: string | undefined;
  readonly LC_ALL?: string | undefined;
  readonly LC_CTYPE?: string | undefined;
  readonly NO_COLOR?: string | undefined;
}

export interface ScreenOptions {
  readonly input: Readable;
  readonly output: Writable;
  /** Draw with unicode glyphs (braille graphs, box drawing); false = ASCII only. */
  readonly unicode: boolean;
  readonly title?: string;
  /** Receives blessed's warnings instead of letting them draw into the frame. */
  readonly onWarning?: (message: string) => void;
}

export type Screen = blessed.Widgets.Screen;

/**
 * All terminals are driven through blessed's bundled xterm-256color description: tmux, screen,
 * rxvt, linux and modern emulators understand it, and it avoids blessed's terminfo parser, which
 * cannot read ncurses ≥ 6.1 entries and spills errors to stderr for screen-256color.
 */
export const TERMINAL = 'xterm-256color';

/** True when the locale says UTF-8 (LC_ALL, then LC_CTYPE, then LANG, as libc decides). */
export function localeIsUtf8(env: TerminalEnv): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}

/** NO_COLOR (any non-empty value, https://no-color.org) and TERM=dumb turn colours off. */
export function colorsAllowed(env: TerminalEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

export function createScreen(options: ScreenOptions): Screen {
  // Emoji and CJK drawn as the two cells terminals give them (blessed-unicode.ts, width.ts).
  installBlessedWidths();
  const screen = blessedLite.screen({
    input: options.input as never,
    output: options.output as never,
    terminal: TERMINAL,
    forceUnicode: options.unicode,
    fullUnicode: options.unicode,
    smartCSR: true,
    warnings: false,
    autoPadding: true,
    dockBorders: true,
    title: options.title ?? 'ortop',
    // No cursor shape or colour: blessed would set them on enter and, on leave, "reset" them with
    // OSC 12;white, forcing the user's cursor white after ortop exits. ortop hides the cursor anyway.
    cursor: { artificial: false, shape: null as never, blink: false, color: null as never },
  });
  // Draw box-drawing glyphs as UTF-8 (or their ASCII stand-ins without unicode) instead of the DEC
  // alternate character set, which tmux, screen and many ssh setups show as "lqqqk" garbage.
  (screen.program as unknown as { tput: { brokenACS: boolean } }).tput.brokenACS = true;
  screen.on('warning', (text: string) => options.onWarning?.(String(text)));
  // Rows that moved are scrolled, not rewritten; no cursor move is sent twice (lean-draw.ts).
  installLeanDraw(screen);
  return screen;
}
