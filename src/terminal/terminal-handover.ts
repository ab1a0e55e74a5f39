// Handing the terminal back to the shell and taking it again, for job control (Ctrl-Z, SIGTSTP,
// then fg): leave the alternate screen, show the cursor, stop bracketed paste and raw mode; on the
// way back re-enter all of them (mouse reporting too, when it was on) and forget what is on screen so the next frame repaints every cell.
// Must not stop the process or draw the app: the caller does both.
import type { Screen } from './screen.js';
import { BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON } from './key-bursts.js';
import { MOUSE_OFF, MOUSE_ON } from './mouse.js';

interface TtyIn {
  setRawMode?: (raw: boolean) => unknown;
  pause?: () => unknown;
  resume?: () => unknown;
}

interface ProgramWrite {
  _write(text: string): unknown;
  flush(): void;
  /** blessed's one way to the terminal (Program.prototype._owrite); shadowed while the terminal is away. */
  _owrite?: (text: string) => unknown;
}

const program = (screen: Screen) => screen.program as unknown as ProgramWrite;
const modes = (screen: Screen) => screen as unknown as { enter(): void; leave(): void };

/** Turns bracketed paste on (the app tells pasted keys from typed ones by it). */
export function startBracketedPaste(screen: Screen): void {
  program(screen)._write(BRACKETED_PASTE_ON);
}

/** Before the screen is destroyed: the shell after ortop must not get bracketed pastes. */
export function stopBracketedPaste(screen: Screen): void {
  program(screen)._write(BRACKETED_PASTE_OFF);
  program(screen).flush();
}

/** Screens whose terminal reports the mouse (the `mouse` setting): released and reclaimed with it. */
const mouseScreens = new WeakSet<Screen>();

/** Asks the terminal for clicks and wheel steps (src/terminal/mouse.ts). */
export function startMouseReporting(screen: Screen): void {
  mouseScreens.add(screen);
  program(screen)._write(MOUSE_ON);
}

/** Stops mouse reports (at quit: the shell after ortop must not get them). */
export function stopMouseReporting(screen: Screen): void {
  if (!mouseScreens.has(screen)) return;
  mouseScreens.delete(screen);
  program(screen)._write(MOUSE_OFF);
  program(screen).flush();
}

/** Puts the terminal back as the shell had it: normal screen, cursor shown, line mode with echo. */
export function releaseTerminal(screen: Screen): void {
  if (mouseScreens.has(screen)) program(screen)._write(MOUSE_OFF);
  stopBracketedPaste(screen);
  modes(screen).leave();
  program(screen).flush();
  // Nothing more reaches the terminal until it is reclaimed: a timer that fires between SIGCONT and
  // its handler would otherwise draw a frame over the shell's screen.
  program(screen)._owrite = () => true;
  const input = screen.program.input as unknown as TtyIn;
  input.setRawMode?.(false);
  input.pause?.();
}

/** Takes the terminal again (after SIGCONT): raw mode, alternate screen, hidden cursor; every cell repainted by the next render. */
export function reclaimTerminal(screen: Screen): void {
  delete program(screen)._owrite;
  const input = screen.program.input as unknown as TtyIn;
  input.setRawMode?.(true);
  input.resume?.();
  // The window may have changed size while ortop was stopped; the shell got that SIGWINCH, not us.
  (screen.program.output as unknown as { _refreshSize?: () => void })._refreshSize?.();
  // enter() also clears the screen and forgets what was drawn: the next render writes every cell.
  modes(screen).enter();
  startBracketedPaste(screen);
  if (mouseScreens.has(screen)) program(screen)._write(MOUSE_ON);
}

/** After a stop ortop did not ask for (SIGSTOP, then SIGCONT): clear and forget, so the next render repaints everything. */
export function forgetScreen(screen: Screen): void {
  screen.alloc();
}
