// The whole OrtopApp on a fake terminal for tests: startApp runs it against FakeTor on a
// ManualClock; mountApp puts it on any controller and clock (real tor, replays). Call stopApps()
// in afterEach. It must not wait on wall time: flush only lets queued work run and moves the ManualClock.
import { OrtopApp, type AppOptions } from '../../src/app/shell/app.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/config/index.js';
import { Controller, ManualClock, type AuthOptions, type Clock, type ControllerOptions } from '../../src/controller/index.js';
import type { ProcFs } from '../../src/system/index.js';
import { createFakeTerminal, gridText, readGrid, type FakeTerminal } from '../../src/terminal/index.js';
import { FakeTor, settle } from './fake-tor.js';

/** 2026-11-27 12:00:00 UTC, where the app tests' ManualClock starts. */
export const TEST_START_MS = Date.UTC(2026, 10, 27, 12, 0, 0);

/** No /proc at all: every file is missing. */
export const NO_PROC_FS: ProcFs = {
  readText: async () => {
    throw Object.assign(new Error('no'), { code: 'ENOENT' });
  },
  listDir: async () => [],
};

export const TEST_HOST = { hostname: 'h', osName: 'Linux', osRelease: '6' } as const;

const cleanups: Array<() => unknown> = [];

/** Runs fn in stopApps(), before what was registered earlier (a scratch dir outlives the app using it). */
export function onCleanup(fn: () => unknown): void {
  cleanups.push(fn);
}

/**
 * Stops every app, controller and fake terminal the harness started, and runs onCleanup's, last
 * registered first; then fails if any of them did (e.g. an app drew a frame that threw).
 */
export async function stopApps(): Promise<void> {
  const problems: unknown[] = [];
  for (const c of cleanups.splice(0).reverse()) {
    try {
      await c();
    } catch (error) {
      problems.push(error);
    }
  }
  if (problems.length > 0) throw problems[0];
}

export interface MountOptions {
  readonly controller: Controller;
  readonly clock: Clock;
  readonly cols?: number;
  readonly rows?: number;
  /** A terminal made beforehand (e.g. for a password prompt on its screen); default: a new one of cols x rows. */
  readonly term?: FakeTerminal;
  readonly settings?: Settings;
  readonly procFs?: ProcFs;
  readonly target?: string;
  readonly hostInfo?: AppOptions['hostInfo'];
  readonly colors?: boolean;
  readonly startPage?: number;
  readonly onQuit?: () => void;
}

export interface MountedApp {
  readonly app: OrtopApp;
  readonly term: FakeTerminal;
  /** The screen's text as the fake terminal holds it now. */
  readonly text: () => string;
  /** Draws a frame now and returns the screen's text. */
  readonly frame: () => Promise<string>;
  /** Stops the app and closes its controller now (stopApps() would otherwise). */
  readonly stop: () => void;
}

/** Starts an OrtopApp on the given controller; stopApps() stops it, closes the controller and destroys the terminal. */
export function mountApp(options: MountOptions): MountedApp {
  const term = options.term ?? createFakeTerminal({ cols: options.cols ?? 120, rows: options.rows ?? 40 });
  const app = new OrtopApp({
    screen: term.screen,
    controller: options.controller,
    clock: options.clock,
    settings: options.settings ?? DEFAULT_SETTINGS,
    theme: { colors: options.colors ?? true },
    procFs: options.procFs ?? NO_PROC_FS,
    target: options.target ?? '127.0.0.1:9051',
    unicode: true,
    onQuit: options.onQuit ?? (() => {}),
    ...(options.startPage === undefined ? {} : { startPage: options.startPage }),
    ...(options.hostInfo === undefined ? {} : { hostInfo: options.hostInfo }),
  });
  app.start();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    app.stop();
    options.controller.close();
  };
  onCleanup(async () => {
    stop();
    await term.destroy();
    // The app survives a frame that throws (it logs and redraws); a test must not.
    if (app.renderFailures > 0) throw new Error(`the app drew ${app.renderFailures} frame(s) that threw: ${app.renderErrors.join('; ')}`);
  });
  const text = () => gridText(readGrid(term.screen));
  const frame = async () => {
    app.renderNow();
    await term.settle();
    return text();
  };
  return { app, term, text, frame, stop };
}

export interface AppHarnessOptions extends Omit<MountOptions, 'controller' | 'clock'> {
  /** Default: a FakeTor with nothing configured. */
  readonly tor?: FakeTor;
  readonly startAtMs?: number;
  /** Default false: the controller stays closed when tor goes away. */
  readonly reconnect?: ControllerOptions['reconnect'];
  /** Authentication for the controller; gets the terminal so a password can be asked on its screen. */
  readonly auth?: (term: FakeTerminal) => AuthOptions;
}

export interface AppHarness extends MountedApp {
  readonly tor: FakeTor;
  readonly clock: ManualClock;
  readonly controller: Controller;
  /** Lets queued replies and events run, moves the clock by advanceMs, lets what that fired run, and draws a frame. */
  readonly flush: (advanceMs?: number) => Promise<void>;
  /** Types raw terminal input (keys, escape sequences), then flushes. */
  readonly type: (input: string) => Promise<void>;
  /** Runs keys through app.handleKey by name, then flushes. */
  readonly keys: (...names: string[]) => Promise<void>;
  /** Flushes until the screen shows what (at most 300 times). */
  readonly until: (what: string | RegExp) => Promise<void>;
}

const SETTLES_PER_STEP = 20;

/**
 * Starts the app against FakeTor on a ManualClock and returns once the first frame is drawn (which
 * starts the pages) and the pages' first answers have arrived.
 */
export async function startApp(options: AppHarnessOptions = {}): Promise<AppHarness> {
  const tor = options.tor ?? new FakeTor();
  const clock = new ManualClock(options.startAtMs ?? TEST_START_MS);
  const term = options.term ?? createFakeTerminal({ cols: options.cols ?? 120, rows: options.rows ?? 40 });
  const controller = new Controller({
    openTransport: tor.openTransport,
    clock,
    reconnect: options.reconnect ?? false,
    ...(options.auth === undefined ? {} : { auth: options.auth(term) }),
  });
  await controller.open();
  const mounted = mountApp({ ...options, controller, clock, term, hostInfo: options.hostInfo ?? TEST_HOST });
  const flush = async (advanceMs = 50) => {
    for (let i = 0; i < SETTLES_PER_STEP; i++) await settle();
    clock.advance(advanceMs);
    for (let i = 0; i < SETTLES_PER_STEP; i++) await settle();
    mounted.app.renderNow();
    await term.settle();
  };
  const type = async (input: string) => {
    term.type(input);
    await flush();
  };
  const keys = async (...names: string[]) => {
    for (const k of names) mounted.app.handleKey(k, k.length === 1 ? k : undefined);
    await flush();
  };
  const until = async (what: string | RegExp) => {
    const shown = () => (typeof what === 'string' ? mounted.text().includes(what) : what.test(mounted.text()));
    for (let i = 0; i < 300 && !shown(); i++) await flush();
  };
  await flush(); // draws the first frame, which starts the pages
  await flush(); // the pages' first answers
  return { ...mounted, tor, clock, controller, flush, type, keys, until };
}
