// What `ortop` does from flags to exit code: read options and the config file, attach to tor (or
// the demo relay, offered when no tor is found on a terminal), then run the TUI or one snapshot.
// Every failure ends in one line saying why and what to try, and a non-zero exit code.
import { loadConfig, defaultConfigPath, type PageName, type Settings } from '../../config/index.js';
import { realClock } from '../../controller/index.js';
import { openRecordFile, openReplayController, Recorder } from '../../record/index.js';
import { describeTarget, findTorInstances, NoControlPortError } from '../../transport/index.js';
import { NOT_LOCAL_PROC_FS } from '../../system/index.js';
import { colorsAllowed, localeIsUtf8, terminalHasColors, type Screen, type Theme } from '../../terminal/index.js';
import { VERSION } from '../../version.js';
import { haveTerminal, printMessage, printPrompt, writeFrame } from './console-output.js';
import { targetsFor } from '../session/connect-tor.js';
import { attachAll, attachDemos, attachTarget, type AttachedRelay, type NamedTarget } from './attach-relays.js';
import { defaultHistoryPath, InterpreterHistoryStore } from '../session/interpreter-history-store.js';
import { RelaySession } from '../session/relay-session.js';
import { NO_DEBUG_LOG, openDebugLog, type DebugLog } from './debug-log.js';
import { OptionError, parseInterface, parseLogEvents, parseSize } from './options.js';
import { controlPasswordProvider } from './password-prompt.js';
import { runTui } from './run-tui.js';
import { renderSnapshot, type SnapshotFormat } from './snapshot.js';

interface RawOptions {
  /** Repeatable: one string, or a list when given more than once. */
  readonly interface?: string | readonly string[];
  readonly socket?: string | readonly string[];
  readonly config?: string;
  readonly log?: string;
  readonly debug?: string;
  /** --demo, or --demo N for N simulated relays. */
  readonly demo?: boolean | string;
  readonly snapshot?: SnapshotFormat;
  readonly size: string;
  readonly page: PageName | 'relays';
  readonly wait: string;
  readonly record?: string;
  readonly replay?: string;
  readonly speed: string;
}

const listOf = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);

/** --demo (one), --demo N (1 to 50 simulated relays), absent (none). */
export function parseDemoCount(value: boolean | string | undefined): number {
  if (value === undefined || value === false) return 0;
  if (value === true) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new OptionError(`--demo ${value}: expected a number of relays from 1 to 50`);
  return n;
}

function fail(message: string, code = 1): number {
  printMessage(message);
  return code;
}

export async function runMain(raw: Record<string, unknown>): Promise<number> {
  const opts = raw as unknown as RawOptions;
  const named: NamedTarget[] = [];
  let demoCount = 0;
  let size = { cols: 120, rows: 40 };
  let waitMs = 2000;
  let loggedEvents: string[] | undefined;
  try {
    for (const path of listOf(opts.socket)) named.push({ name: path, targets: [{ kind: 'unix', path }] });
    for (const address of listOf(opts.interface)) {
      const tcp = parseInterface(address);
      const target = { kind: 'tcp' as const, host: tcp.host, port: tcp.port };
      named.push({ name: describeTarget(target), targets: [target] });
    }
    demoCount = parseDemoCount(opts.demo);
    if (named.length > 1 && opts.record !== undefined) throw new OptionError('--record records one relay: name one -i or -s with it');
    if (opts.log !== undefined) loggedEvents = parseLogEvents(opts.log);
    size = parseSize(opts.size);
    const wait = Number(opts.wait);
    if (!Number.isFinite(wait) || wait < 0 || wait > 3600) throw new OptionError(`--wait ${opts.wait}: expected seconds from 0 to 3600`);
    waitMs = wait * 1000;
    if (opts.replay !== undefined && (demoCount > 0 || opts.record !== undefined)) throw new OptionError('--replay cannot be combined with --demo or --record');
    if (!(Number(opts.speed) >= 0.001 && Number(opts.speed) <= 1000)) throw new OptionError(`--speed ${opts.speed}: expected a number from 0.001 (a thousand times slower) to 1000`);
  } catch (e) {
    if (e instanceof OptionError) return fail(`${e.message} (see ortop --help)`, 2);
    throw e;
  }
  // The full-screen monitor needs a terminal that can show it; without one it would draw into a file forever.
  if (opts.snapshot === undefined) {
    if (!haveTerminal()) return fail('the monitor needs a terminal, and stdin or stdout is not one. Use --snapshot to print one frame instead, e.g. ortop --snapshot > frame.txt', 2);
    if (process.env.TERM === 'dumb') return fail('TERM=dumb cannot show the full-screen monitor. Use --snapshot to print one frame instead, or set TERM (e.g. TERM=xterm)', 2);
  }

  let debug: DebugLog = NO_DEBUG_LOG;
  if (opts.debug !== undefined) {
    try {
      debug = openDebugLog(opts.debug);
    } catch (e) {
      return fail((e as Error).message, 2);
    }
  }
  debug.write(`ortop ${VERSION}, node ${process.version}, ${process.platform} ${process.arch}`);

  const configPath = opts.config ?? defaultConfigPath();
  const config = await loadConfig(configPath, opts.config !== undefined);
  const notices = config.warnings.map((w) => `config ${configPath}: ${w.message}`);
  notices.forEach((n) => debug.write(n));
  const settings: Settings = loggedEvents === undefined ? config.settings : { ...config.settings, loggedEvents };
  const unicode = localeIsUtf8(process.env);
  const theme: Theme = { colors: settings.colorInterface && colorsAllowed(process.env) };
  const headless = opts.snapshot !== undefined;
  if (headless) notices.forEach((n) => printMessage(n));
  // Problems found while running (a --record write failing): to stderr until the app is up, then on screen.
  let report = (message: string): void => {
    debug.write(message);
    if (headless) printMessage(message);
    else notices.push(message);
  };

  // Password: ORTOP_PASSWORD or a no-echo prompt on the terminal; once the screen is up, on the screen.
  let screen: Screen | undefined;
  const password = controlPasswordProvider({ env: process.env, input: process.stdin, screen: () => screen });

  // Debian's tor-instances join discovery when no control port is named (ORTOP_TOR_INSTANCES points elsewhere).
  const instances = named.length === 0 && demoCount === 0 && opts.replay === undefined ? findTorInstances() : [];
  let relays: AttachedRelay[];
  if (opts.replay !== undefined) {
    try {
      const { controller, target } = await openReplayController(opts.replay, { speed: Number(opts.speed) });
      relays = [{ name: target, controller, target, procFs: NOT_LOCAL_PROC_FS, locality: 'a replay is not a tor on this machine' }];
    } catch (e) {
      return fail((e as Error).message);
    }
  } else if (demoCount > 0) {
    relays = await attachDemos(demoCount);
  } else if (named.length > 1 || (named.length === 0 && instances.length > 0)) {
    // Several relays: each attached on its own; one that cannot be reached is said and left out.
    const targets: NamedTarget[] = named.length > 0 ? named : [...defaultRelay(), ...instances.map((i) => ({ name: i.name, targets: [i.target] }))];
    const { relays: attached, failures } = await attachAll(targets, password);
    for (const f of failures) report(`not attached: ${f}`);
    if (attached.length === 0) return fail(`no relay could be attached: ${failures.join('; ')}`);
    relays = attached;
  } else {
    try {
      const targets = named.length === 1 ? named[0]!.targets : targetsFor({});
      // --record: the same connection, with each control session written to the file (secrets removed).
      const recorder =
        opts.record === undefined
          ? undefined
          : new Recorder({ sink: openRecordFile(opts.record, { onError: (m) => report(m) }), clock: realClock, ortopVersion: VERSION, target: targets.map(describeTarget).join(', ') });
      relays = [await attachTarget({ name: '', targets }, password, recorder === undefined ? undefined : (open) => recorder.wrap(open))];
    } catch (e) {
      if (e instanceof NoControlPortError && !headless && haveTerminal()) {
        printMessage(e.message);
        if (!(await askYesNo('Start the built-in demo relay instead? [Y/n] '))) return 1;
        relays = await attachDemos(1);
      } else {
        const message = (e as Error).message;
        return fail(e instanceof NoControlPortError ? noTorLine(e) : message.replace(/\s*\n\s*/g, ' '));
      }
    }
  }
  for (const r of relays) {
    debug.write(`attached to ${r.target} (${r.controller.authMethod ?? 'demo'}), tor ${r.controller.torVersion ?? 'unknown'}; ${r.locality}`);
    r.controller.onState((s) => debug.write(`${r.name}: controller: ${s.kind}${'reason' in s ? ` (${s.reason.message})` : ''}`));
  }
  // One history file for every relay's interpreter.
  const history = new InterpreterHistoryStore(defaultHistoryPath());
  const sessions = relays.map(
    (r) => new RelaySession({ name: r.name, controller: r.controller, target: r.target, clock: realClock, settings, procFs: r.procFs, deps: { history }, onNotice: (m) => debug.write(m) }),
  );
  const closeAll = () => sessions.forEach((s) => s.controller.close());

  if (headless) {
    try {
      const frame = await renderSnapshot({ sessions, settings, theme, unicode, format: opts.snapshot!, cols: size.cols, rows: size.rows, page: opts.page, waitMs });
      // A reader that went away (`| head -c 10`) is not a failure: silence and 0, as when it read everything.
      const written = await writeFrame(frame);
      return written.kind === 'failed' ? fail(written.message) : 0;
    } catch (e) {
      return fail(e instanceof OptionError ? e.message : `snapshot failed: ${(e as Error).message}`);
    } finally {
      closeAll();
    }
  }
  // A terminal whose terminfo entry has no colours (TERM=xterm-mono, vt100) gets the monochrome UI.
  const screenTheme: Theme = { colors: theme.colors && (await terminalHasColors(process.env)) };
  return runTui({
    sessions,
    settings,
    theme: screenTheme,
    unicode,
    debug,
    startupNotices: notices,
    onScreen: (s) => (screen = s),
    onApp: (app) => {
      report = (m) => {
        debug.write(m);
        app.notify(m);
        app.logOwn('ERR', m);
      };
    },
  });
}

/** Without -i/-s, the tor at the usual single places joins Debian's instances when it answers there. */
function defaultRelay(): NamedTarget[] {
  return [{ name: '', targets: targetsFor({}), optional: true }];
}

/** Why no tor was found, in one line: the single attempt's own message, or the list of places tried. */
export function noTorLine(error: NoControlPortError): string {
  const attempts = error.attempts;
  if (attempts.length === 1) return `${attempts[0]!.error.message} Try ortop --demo to see the monitor without a tor.`;
  const tried = attempts.map((a) => `${describeTarget(a.target)} (${(a.error as { code?: string }).code ?? a.error.message})`).join(', ');
  return `no tor control port found; tried ${tried}. Start tor with a ControlPort or ControlSocket, name it with -i/-s, or try ortop --demo.`;
}

/**
 * One line from the terminal, read in cooked mode without readline: readline would leave its
 * keypress decoder on stdin, and blessed would then see every key twice.
 */
function askYesNo(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    printPrompt(question);
    const onData = (chunk: Buffer) => {
      process.stdin.off('data', onData);
      process.stdin.pause();
      const answer = chunk.toString('utf8').trim().toLowerCase();
      resolve(answer === '' || answer === 'y' || answer === 'yes');
    };
    process.stdin.on('data', onData);
    process.stdin.resume();
  });
}
