// Runs the monitor on the real terminal: one screen on stdin/stdout, the app, and every way out
// (q, SIGINT, SIGTERM, an uncaught error) restoring the terminal before anything is printed.
import type { Controller } from '../controller/index.js';
import { realClock, type Clock } from '../controller/index.js';
import type { Settings } from '../config/index.js';
import { realProcFs, type ProcFs } from '../system/index.js';
import { createScreen, type Theme } from '../terminal/index.js';
import { OrtopApp } from './app.js';
import type { DebugLog } from './debug-log.js';

export interface TuiOptions {
  readonly controller: Controller;
  readonly target: string;
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
}

/** Resolves with the exit code once the user quits (or a signal/uncaught error ends the run). */
export function runTui(options: TuiOptions): Promise<number> {
  const screen = createScreen({ input: (options.input ?? process.stdin) as never, output: (options.output ?? process.stdout) as never, unicode: options.unicode, onWarning: (m) => options.debug.write(`blessed: ${m}`) });
  options.onScreen?.(screen);
  return new Promise<number>((resolve) => {
    let finished = false;
    const finish = (code: number, error?: unknown) => {
      if (finished) return;
      finished = true;
      app.stop();
      options.controller.close();
      screen.destroy();
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
      if (error !== undefined) {
        process.stderr.write(`ortop: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        options.debug.write(`fatal: ${String(error)}`);
      }
      resolve(code);
    };
    const onInt = () => finish(130);
    const onTerm = () => finish(143);
    const onError = (error: unknown) => finish(1, error);
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);

    const app = new OrtopApp({
      screen,
      controller: options.controller,
      clock: options.clock ?? realClock,
      settings: options.settings,
      theme: options.theme,
      procFs: options.procFs ?? realProcFs,
      target: options.target,
      unicode: options.unicode,
      onQuit: () => finish(0),
      onNotice: (m) => options.debug.write(m),
    });
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
