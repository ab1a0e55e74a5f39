// Runs the monitor on the real terminal: one screen on stdin/stdout, the app, and every way out
// (q, SIGINT, SIGTERM, an uncaught error) restoring the terminal before anything is printed. Job
// control as htop does it: Ctrl-Z or SIGTSTP hands the terminal back and stops; SIGCONT takes it
// again and repaints. An error inside blessed's deferred drawing is logged and redrawn, not fatal.
import type { Controller } from '../../controller/index.js';
import { realClock, type Clock } from '../../controller/index.js';
import type { Settings } from '../../config/index.js';
import { realProcFs, type ProcFs } from '../../system/index.js';
import { createScreen, type Theme } from '../../terminal/index.js';
import { isBlessedInternalError } from '../../terminal/blessed-errors.js';
import { forgetScreen, reclaimTerminal, releaseTerminal, startBracketedPaste, startMouseReporting, stopBracketedPaste, stopMouseReporting } from '../../terminal/terminal-handover.js';
import type { RelaySession } from '../session/relay-session.js';
import { OrtopApp } from './app.js';
import { printText, screenOutput } from './console-output.js';
import type { DebugLog } from './debug-log.js';

export interface TuiOptions {
  /** The relays to show (each owns its controller); or one made from controller + target + procFs. */
  readonly sessions?: readonly RelaySession[];
  readonly controller?: Controller;
  readonly target?: string;
  readonly settings: Settings;
  readonly theme: Theme;
  readonly unicode: boolean;
  readonly debug: DebugLog;
  readonly clock?: Clock;
  /** Messages to show once the screen is up (config warnings…). */
  readonly startupNotices?: readonly string[];
  /** Called with the screen once it exists (to route password prompts onto it). */
  readonly onScreen?: (screen: ReturnType<typeof createScreen>) => void;
  /** Called once the app exists (for reporting problems found later). */
  readonly onApp?: (app: OrtopApp) => void;
  /** Terminal streams; default the process's own. */
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
  /** /proc reader; default the real one. */
  readonly procFs?: ProcFs;
  /** Stops this process once the terminal is handed back (default SIGSTOP to itself; tests replace it). */
  readonly stopProcess?: () => void;
}

/** blessed errors tolerated per run before one is treated as fatal after all (a redraw loop would hide a real bug). */
const MAX_BLESSED_ERRORS = 100;

/** Resolves with the exit code once the user quits (or a signal/uncaught error ends the run). */
export function runTui(options: TuiOptions): Promise<number> {
  const screen = createScreen({ input: (options.input ?? process.stdin) as never, output: (options.output ?? screenOutput()) as never, unicode: options.unicode, onWarning: (m) => options.debug.write(`blessed: ${m}`) });
  options.onScreen?.(screen);
  return new Promise<number>((resolve) => {
    let finished = false;
    let suspended = false;
    let blessedErrors = 0;
    const finish = (code: number, error?: unknown) => {
      if (finished) return;
      finished = true;
      app.stop();
      for (const session of app.sessions) session.controller.close();
      if (suspended) reclaimTerminal(screen);
      stopMouseReporting(screen);
      stopBracketedPaste(screen);
      screen.destroy();
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.off('SIGTSTP', suspend);
      process.off('SIGCONT', onContinue);
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
      if (error !== undefined) {
        printText(`ortop: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        options.debug.write(`fatal: ${String(error)}`);
      }
      resolve(code);
    };
    const onInt = () => finish(130);
    const onTerm = () => finish(143);
    const onError = (error: unknown) => {
      if (!finished && isBlessedInternalError(error) && blessedErrors < MAX_BLESSED_ERRORS) {
        blessedErrors++;
        app.frameFailed(error);
        return;
      }
      finish(1, error);
    };
    // SIGSTOP, not SIGTSTP: it cannot be caught (no loop through our own handler) and it stops a
    // process in an orphaned process group too, where the kernel discards a SIGTSTP.
    const stopProcess = options.stopProcess ?? (() => process.kill(process.pid, 'SIGSTOP'));
    const suspend = () => {
      if (finished || suspended) return;
      suspended = true;
      releaseTerminal(screen);
      options.debug.write('suspended: terminal handed back');
      stopProcess();
    };
    const onContinue = () => {
      if (finished) return;
      if (suspended) {
        suspended = false;
        reclaimTerminal(screen);
        options.debug.write('continued: terminal taken again');
      } else forgetScreen(screen);
      app.renderNow();
    };
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    process.on('SIGTSTP', suspend);
    process.on('SIGCONT', onContinue);
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);

    const app = new OrtopApp({
      screen,
      ...(options.sessions === undefined ? { controller: options.controller!, procFs: options.procFs ?? realProcFs, target: options.target ?? 'tor' } : { sessions: options.sessions }),
      clock: options.clock ?? realClock,
      settings: options.settings,
      theme: options.theme,
      unicode: options.unicode,
      onQuit: () => finish(0),
      onNotice: (m) => options.debug.write(m),
      onSuspend: suspend,
    });
    startBracketedPaste(screen);
    if (options.settings.mouse) startMouseReporting(screen);
    options.onApp?.(app);
    try {
      app.start();
      for (const notice of options.startupNotices ?? []) {
        app.notify(notice);
        app.logOwn('WARN', notice);
      }
    } catch (error) {
      finish(1, error);
    }
  });
}
