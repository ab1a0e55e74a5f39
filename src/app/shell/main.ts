// What `ortop` does from flags to exit code: read options and the config file, attach to tor (or
// the demo relay, offered when no tor is found on a terminal), then run the TUI or one snapshot.
// Every failure ends in one line saying why and what to try, and a non-zero exit code.
import { loadConfig, defaultConfigPath, type PageName, type Settings } from '../../config/index.js';
import { realClock } from '../../controller/index.js';
import { openRecordFile, openReplayController, Recorder } from '../../record/index.js';
import { describeTarget, findTorInstances, instanceDirs, NoControlPortError, type TransportFactory } from '../../transport/index.js';
import { NOT_LOCAL_PROC_FS } from '../../system/index.js';
import { colorsAllowed, localeIsUtf8, terminalHasColors, type Screen, type Theme } from '../../terminal/index.js';
import { VERSION } from '../../version.js';
import { haveTerminal, printMessage, printPrompt, writeFrame } from './console-output.js';
import { targetsFor } from '../session/connect-tor.js';
import { attachAll, attachDemos, attachTarget, describeNamed, type AttachedRelay, type AttachOptions, type NamedTarget } from './attach-relays.js';
import { defaultHistoryPath, InterpreterHistoryStore } from '../session/interpreter-history-store.js';
import { RelaySession } from '../session/relay-session.js';
import { SharedManuals } from '../session/shared-manuals.js';
import { NO_DEBUG_LOG, openDebugLog, type DebugLog } from './debug-log.js';
import { OptionError, parseInterface, parseLogEvents, parseSize } from './options.js';
import { controlPasswordProvider } from './password-prompt.js';
import { passwordFileProvider } from './password-file.js';
import { configRelayTarget } from './config-relays.js';
import { recordPathsFor } from './record-paths.js';
import { SshFleet } from './attach-ssh.js';
import { parseSshTarget, SshTargetError, type SshTarget } from '../../transport/index.js';
import { runTui } from './run-tui.js';
// The exporter (and prom-client with it) is loaded only when metrics are asked for.
import { metricsOptionsOf, type MetricsListen } from './metrics-listen.js';
import { renderSnapshot, type SnapshotFormat } from './snapshot.js';

interface RawOptions {
  /** Repeatable: one string, or a list when given more than once. */
  readonly interface?: string | readonly string[];
  readonly socket?: string | readonly string[];
  /** --ssh [USER@]HOST[:CONTROL], repeatable. */
  readonly ssh?: string | readonly string[];
  /** --remote: nothing about tor is read from this machine. */
  readonly remote?: boolean;
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
  /** Repeatable: one recording per relay. */
  readonly replay?: string | readonly string[];
  /** --instances: attach every Debian tor instance found. */
  readonly instances?: boolean;
  readonly speed: string;
  readonly headless?: boolean;
  readonly metricsListen?: string;
  readonly metricsAllowRemote?: boolean;
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

/** --ssh's value, or a usage error saying what is wrong with it. */
function sshOption(text: string): SshTarget {
  try {
    return parseSshTarget(text);
  } catch (e) {
    if (e instanceof SshTargetError) throw new OptionError(`--ssh: ${e.message}`);
    throw e;
  }
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
  let metricsListen: MetricsListen | undefined;
  let noInstances: string | undefined;
  try {
    for (const path of listOf(opts.socket)) named.push({ name: path, targets: [{ kind: 'unix', path }] });
    for (const address of listOf(opts.interface)) {
      const tcp = parseInterface(address);
      const target = { kind: 'tcp' as const, host: tcp.host, port: tcp.port };
      named.push({ name: describeTarget(target), targets: [target] });
    }
    for (const text of listOf(opts.ssh)) named.push({ name: text, targets: [], ssh: sshOption(text) });
    // --instances: every Debian tor instance (tor-instance-create NAME), besides any named above.
    if (opts.instances === true) {
      const found = findTorInstances();
      if (found.length === 0) noInstances = `--instances: no tor instance found (looked for NAME/control sockets in ${instanceDirs().join(' and ')})`;
      for (const i of found) named.push({ name: i.name, targets: [i.target] });
    }
    demoCount = parseDemoCount(opts.demo);
    if (demoCount > 0 && named.length > 0) throw new OptionError('--demo runs simulated relays instead of a real tor: leave out -i and -s, or --demo');
    if (opts.log !== undefined) loggedEvents = parseLogEvents(opts.log);
    size = parseSize(opts.size);
    const wait = Number(opts.wait);
    if (!Number.isFinite(wait) || wait < 0 || wait > 3600) throw new OptionError(`--wait ${opts.wait}: expected seconds from 0 to 3600`);
    waitMs = wait * 1000;
    if (opts.replay !== undefined && (demoCount > 0 || opts.record !== undefined)) throw new OptionError('--replay cannot be combined with --demo or --record');
    if (!(Number(opts.speed) >= 0.001 && Number(opts.speed) <= 1000)) throw new OptionError(`--speed ${opts.speed}: expected a number from 0.001 (a thousand times slower) to 1000`);
    metricsListen = metricsOptionsOf(opts);
  } catch (e) {
    if (e instanceof OptionError) return fail(`${e.message} (see ortop --help)`, 2);
    throw e;
  }
  if (noInstances !== undefined) return fail(noInstances);
  // The full-screen monitor needs a terminal that can show it; without one it would draw into a file forever.
  if (opts.snapshot === undefined && opts.headless !== true) {
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
  // No screen: one snapshot, or --headless (its notices and problems go to stderr too).
  const headless = opts.snapshot !== undefined || opts.headless === true;
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

  // The config file's relays when none is named on the command line; else Debian's tor-instances join
  // discovery (ORTOP_TOR_INSTANCES points elsewhere).
  const discover = named.length === 0 && demoCount === 0 && opts.replay === undefined;
  const configured: NamedTarget[] = [];
  if (discover) {
    for (const relay of settings.relays) {
      const t = configRelayTarget(relay);
      if (t.kind === 'target') configured.push(t.target);
      else report(`config ${configPath}: ${t.problem}`);
    }
    if (settings.relays.length > 0 && configured.length === 0) return fail(`config ${configPath}: none of its relay lines can be used`);
  } else if (settings.relays.length > 0) debug.write(`the config file's ${settings.relays.length} relay line(s) are not used: relays were named on the command line`);
  const instances = discover && configured.length === 0 ? findTorInstances() : [];
  // With several relays each has its own prompt (naming it) or password file.
  const passwordFor = (t: NamedTarget) => {
    const own = controlPasswordProvider({ env: process.env, input: process.stdin, screen: () => screen, relay: t.name === '' ? describeTarget(t.targets[0]!) : t.name });
    return t.passwordFile === undefined ? own : passwordFileProvider(t.passwordFile, own, (m) => report(`${t.name}: ${m}`));
  };
  // Relays over ssh: ortop's own ssh processes, ended on quit, SIGTERM, SIGHUP and any exit (attach-ssh.ts).
  const sshFleet = [...named, ...configured].some((t) => t.ssh !== undefined) ? new SshFleet((line) => debug.write(line)) : undefined;
  const attachOptions: AttachOptions = { forceRemote: opts.remote === true, log: (line) => debug.write(line), ...(sshFleet === undefined ? {} : { sshFleet }) };
  let relays: AttachedRelay[];
  if (opts.replay !== undefined) {
    // One relay per recording (--record with several relays wrote one file each).
    relays = [];
    for (const file of listOf(opts.replay)) {
      try {
        const { controller, target } = await openReplayController(file, { speed: Number(opts.speed) });
        relays.push({ name: listOf(opts.replay).length > 1 ? file : target, controller, target, procFs: NOT_LOCAL_PROC_FS, locality: 'a replay is not a tor on this machine' });
      } catch (e) {
        relays.forEach((r) => r.controller.close());
        return fail((e as Error).message);
      }
    }
  } else if (demoCount > 0) {
    relays = await attachDemos(demoCount);
  } else if (named.length > 1 || configured.length > 0 || (named.length === 0 && instances.length > 0)) {
    // Several relays: each attached on its own; one that cannot be reached yet keeps trying.
    const targets: NamedTarget[] = named.length > 0 ? named : configured.length > 0 ? configured : [...defaultRelay(), ...instances.map((i) => ({ name: i.name, targets: [i.target] }))];
    // --record: one file per relay beside the one named (session.jsonl → session.exit1.jsonl).
    const recorders = new Map<NamedTarget, (open: TransportFactory) => TransportFactory>();
    if (opts.record !== undefined) {
      const paths = recordPathsFor(opts.record, targets.map((t) => (t.name === '' ? describeNamed(t) : t.name)));
      try {
        targets.forEach((t, i) => {
          const recorder = new Recorder({ sink: openRecordFile(paths[i]!, { onError: (m) => report(m) }), clock: realClock, ortopVersion: VERSION, target: describeNamed(t) });
          recorders.set(t, (open) => recorder.wrap(open));
          debug.write(`recording ${t.name === '' ? describeNamed(t) : t.name} to ${paths[i]}`);
        });
      } catch (e) {
        return fail((e as Error).message);
      }
    }
    const { relays: attached, unreachable } = await attachAll(targets, passwordFor, { ...attachOptions, wrapFor: (t) => recorders.get(t) });
    if (attached.length === 0) return fail(`no relay could be attached: ${unreachable.join('; ')}`);
    for (const u of unreachable) report(`not attached yet, retrying: ${u}`);
    relays = attached;
  } else {
    try {
      const targets = named.length === 1 ? named[0]!.targets : targetsFor({});
      // --record: the same connection, with each control session written to the file (secrets removed).
      const recorder =
        opts.record === undefined
          ? undefined
          : new Recorder({ sink: openRecordFile(opts.record, { onError: (m) => report(m) }), clock: realClock, ortopVersion: VERSION, target: named.length === 1 ? describeNamed(named[0]!) : targets.map(describeTarget).join(', ') });
      const only: NamedTarget = named.length === 1 && named[0]!.ssh !== undefined ? named[0]! : { name: '', targets };
      relays = [await attachTarget(only, password, recorder === undefined ? undefined : (open) => recorder.wrap(open), attachOptions)];
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
  const manuals = new SharedManuals();
  const sessions = relays.map(
    (r) => new RelaySession({ name: r.name, controller: r.controller, target: r.target, clock: realClock, settings, procFs: r.procFs, ...(r.host === undefined ? {} : { host: r.host }), deps: { history, manuals }, onNotice: (m) => debug.write(m), nameLogLines: relays.length > 1 }),
  );
  const closeAll = () => {
    sessions.forEach((s) => s.controller.close());
    sshFleet?.close();
  };

  // --headless: no terminal, metrics served until SIGTERM (src/app/shell/run-headless.ts).
  if (opts.headless === true && metricsListen !== undefined) return (await import('./run-headless.js')).runHeadless({ sessions, listen: metricsListen, clock: realClock });
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
  const metrics = metricsListen === undefined ? undefined : await import('./metrics-server.js');
  const metricsServer = metrics === undefined || metricsListen === undefined ? undefined : await metrics.startTuiMetrics(sessions, metricsListen, () => realClock.nowMs(), (m) => report(m));
  const running = runTui({
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
  try {
    return await running;
  } finally {
    await metricsServer?.close();
  }
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
