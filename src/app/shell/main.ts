// What `ortop` does from flags to exit code: read options and the config file, attach to tor (or
// the demo relay, offered when no tor is found on a terminal), then run the TUI or one snapshot.
// Every failure ends in one line saying why and what to try, and a non-zero exit code.
import { loadConfig, defaultConfigPath, type PageName, type Settings } from '../../config/index.js';
import { realClock, type Controller } from '../../controller/index.js';
import { openRecordFile, openReplayController, Recorder } from '../../record/index.js';
import { describeTarget, NoControlPortError, type TransportEndpoint, type TransportFactory } from '../../transport/index.js';
import { decideTorLocality, NOT_LOCAL_PROC_FS, realProcFs, type ProcFs, type TorLocality } from '../../system/index.js';
import { parseListeners } from '../../relay/header-info.js';
import { colorsAllowed, localeIsUtf8, terminalHasColors, type Screen, type Theme } from '../../terminal/index.js';
import { VERSION } from '../../version.js';
import { haveTerminal, printMessage, printPrompt, writeFrame } from './console-output.js';
import { connectToTor, targetsFor } from '../session/connect-tor.js';
import { NO_DEBUG_LOG, openDebugLog, type DebugLog } from './debug-log.js';
import { openDemoController } from '../session/demo-controller.js';
import { OptionError, parseInterface, parseLogEvents, parseSize } from './options.js';
import { controlPasswordProvider } from './password-prompt.js';
import { runTui } from './run-tui.js';
import { renderSnapshot, type SnapshotFormat } from './snapshot.js';

interface RawOptions {
  readonly interface?: string;
  readonly socket?: string;
  readonly config?: string;
  readonly log?: string;
  readonly debug?: string;
  readonly demo?: boolean;
  readonly snapshot?: SnapshotFormat;
  readonly size: string;
  readonly page: PageName;
  readonly wait: string;
  readonly record?: string;
  readonly replay?: string;
  readonly speed: string;
}

function fail(message: string, code = 1): number {
  printMessage(message);
  return code;
}

export async function runMain(raw: Record<string, unknown>): Promise<number> {
  const opts = raw as unknown as RawOptions;
  let tcp: { host: string; port: number } | undefined;
  let size = { cols: 120, rows: 40 };
  let waitMs = 2000;
  let loggedEvents: string[] | undefined;
  try {
    if (opts.interface !== undefined) tcp = parseInterface(opts.interface);
    if (opts.log !== undefined) loggedEvents = parseLogEvents(opts.log);
    size = parseSize(opts.size);
    const wait = Number(opts.wait);
    if (!Number.isFinite(wait) || wait < 0 || wait > 3600) throw new OptionError(`--wait ${opts.wait}: expected seconds from 0 to 3600`);
    waitMs = wait * 1000;
    if (opts.replay !== undefined && (opts.demo === true || opts.record !== undefined)) throw new OptionError('--replay cannot be combined with --demo or --record');
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

  let controller: Controller;
  let target: string;
  // /proc describes tor only when tor runs here: not for the demo, a replay or a remote control port.
  let torIsLocal = false;
  if (opts.replay !== undefined) {
    try {
      ({ controller, target } = await openReplayController(opts.replay, { speed: Number(opts.speed) }));
    } catch (e) {
      return fail((e as Error).message);
    }
  } else if (opts.demo === true) {
    ({ controller, target } = await openDemoController());
  } else {
    try {
      const targets = targetsFor({ ...(opts.socket === undefined ? {} : { socket: opts.socket }), ...(tcp === undefined ? {} : { tcp }) });
      // --record: the same connection, with each control session written to the file (secrets removed).
      const recorder =
        opts.record === undefined
          ? undefined
          : new Recorder({ sink: openRecordFile(opts.record, { onError: (m) => report(m) }), clock: realClock, ortopVersion: VERSION, target: targets.map(describeTarget).join(', ') });
      // The ends of the control connection, for deciding from evidence whether tor runs here.
      let endpoint: TransportEndpoint | undefined;
      const capture = (open: TransportFactory): TransportFactory => async () => {
        const transport = await open();
        endpoint = transport.endpoint;
        return transport;
      };
      const tor = await connectToTor(targets, password, { wrapTransport: (open) => (recorder === undefined ? capture(open) : recorder.wrap(capture(open))) });
      controller = tor.controller;
      target = tor.description;
      const locality = await decideLocality(controller, endpoint);
      torIsLocal = locality.local;
      debug.write(locality.local ? `tor is on this machine: ${locality.evidence}` : `tor is treated as remote: ${locality.reason}`);
    } catch (e) {
      if (e instanceof NoControlPortError && !headless && haveTerminal()) {
        printMessage(e.message);
        if (!(await askYesNo('Start the built-in demo relay instead? [Y/n] '))) return 1;
        ({ controller, target } = await openDemoController());
      } else {
        const message = (e as Error).message;
        return fail(e instanceof NoControlPortError ? noTorLine(e) : message.replace(/\s*\n\s*/g, ' '));
      }
    }
  }
  const procFs: ProcFs = torIsLocal ? realProcFs : NOT_LOCAL_PROC_FS;
  debug.write(`attached to ${target} (${controller.authMethod ?? 'demo'}), tor ${controller.torVersion ?? 'unknown'}`);
  controller.onState((s) => debug.write(`controller: ${s.kind}${'reason' in s ? ` (${s.reason.message})` : ''}`));

  if (headless) {
    try {
      const frame = await renderSnapshot({ controller, target, settings, theme, unicode, format: opts.snapshot!, cols: size.cols, rows: size.rows, page: opts.page, waitMs, procFs });
      // A reader that went away (`| head -c 10`) is not a failure: silence and 0, as when it read everything.
      const written = await writeFrame(frame);
      return written.kind === 'failed' ? fail(written.message) : 0;
    } catch (e) {
      return fail(e instanceof OptionError ? e.message : `snapshot failed: ${(e as Error).message}`);
    } finally {
      controller.close();
    }
  }
  // A terminal whose terminfo entry has no colours (TERM=xterm-mono, vt100) gets the monochrome UI.
  const screenTheme: Theme = { colors: theme.colors && (await terminalHasColors(process.env)) };
  return runTui({
    controller,
    target,
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
    procFs,
  });
}

/**
 * Whether the tor on this controller runs on this machine, from evidence (src/system/tor-locality.ts):
 * the pid it reports is a tor here and holds the socket ortop is connected to. A loopback address
 * alone proves nothing (a container, a port forward).
 */
async function decideLocality(controller: Controller, endpoint: TransportEndpoint | undefined): Promise<TorLocality> {
  const info = await controller.getInfo(['process/pid', 'process/uid', 'net/listeners/control']).catch(() => new Map<string, string>());
  const number = (key: string) => {
    const n = Number(info.get(key));
    return info.has(key) && Number.isInteger(n) ? n : undefined;
  };
  const listeners = info.get('net/listeners/control');
  return decideTorLocality({ pid: number('process/pid'), uid: number('process/uid'), controlListeners: listeners === undefined ? undefined : parseListeners(listeners), endpoint });
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
