// Starts real tor daemons for integration tests: private temp DataDirectory, loopback-only control
// listeners, every auth variant, kill/restart on the same port. Must never touch a tor it did not start
// (it only signals its own ChildProcess handles) and never binds anything but 127.0.0.1 / a unix socket.
//
// API
//   const tor = await startTor({ auth: 'cookie' });   // 'cookie' (default) | 'password' | 'cookie+password' | 'none'
//   tor.controlPort        127.0.0.1 port, chosen by tor itself (ControlPort auto + ControlPortWriteToFile), so no race
//   tor.controlSocket      unix socket path when started with { controlSocket: true }
//   tor.cookiePath         <dataDir>/control_auth_cookie (exists only with cookie auth)
//   tor.password           the plain password for the password variants (its hash is in the torrc)
//   tor.dataDir / torrcPath / logPath / pid / running
//   await tor.kill('SIGKILL')   send a signal and wait for tor to exit (SIGKILL after 5 s); dataDir is kept
//   tor.signal('SIGHUP')        send a signal, do not wait
//   await tor.waitForExit()     resolves with { code, signal } once tor exits (e.g. after SIGNAL HALT)
//   await tor.restart()         stop if running, start again: same DataDirectory, SAME control port/socket
//   await tor.restart({ password: 'new' })   …with a new HashedControlPassword (password variants)
//   await tor.restart({ control: 'socket' }) …listening on the unix socket <dataDir>/control only
//                               (ControlPort 0); 'port' = the TCP port only, 'both' = both
//   (tor writes a new control_auth_cookie on every start: a restart always changes the cookie)
//   await tor.stop()            SIGTERM, SIGKILL after 5 s, wait, delete dataDir. Idempotent.
//   tor.logTail(40)             last lines of notice.log (for assertion messages)
//   await stopAllTor()          safety net; describeWithTor (tor-required.ts) registers it in afterAll.
// Other options: controlSocket, relay (ORPort 127.0.0.1:auto, AssumeReachable, PublishServerDescriptor 0,
// Nickname), disableNetwork (default true), socksPort (default 0), torrc (extra lines), readyTimeoutMs.
// tor also gets `__OwningControllerProcess <our pid>` so it exits by itself if the test process dies hard.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export type TorAuth = 'cookie' | 'password' | 'cookie+password' | 'none';

export interface StartTorOptions {
  /** Control-port authentication. Default 'cookie' (tor then offers COOKIE and SAFECOOKIE). */
  readonly auth?: TorAuth;
  /** Plain password for 'password' / 'cookie+password'. Default: a random one. */
  readonly password?: string;
  /** Also listen on a unix socket `<dataDir>/control`. Default false. */
  readonly controlSocket?: boolean;
  /** Run as a (non-publishing) relay. Default false. */
  readonly relay?: boolean | { readonly nickname?: string };
  /** `DisableNetwork 1`. Default true: tests must not reach the Tor network. */
  readonly disableNetwork?: boolean;
  /** SocksPort value. Default 0 (off). */
  readonly socksPort?: number | string;
  /** Extra torrc lines, appended verbatim. */
  readonly torrc?: readonly string[];
  /** How long to wait for the control port. Default 20 s. */
  readonly readyTimeoutMs?: number;
  /** tor binary. Default: findTor(). */
  readonly torPath?: string;
  /** Add `__OwningControllerProcess <process.pid>`. Default true. */
  readonly owningProcess?: boolean;
}

export interface RestartOptions {
  /** Restart with this control password (its hash replaces HashedControlPassword). */
  readonly password?: string;
  /** Which control listeners the restarted tor opens. Default: as before. */
  readonly control?: 'port' | 'socket' | 'both';
}

export interface TorExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface TorProcess {
  /** PID of the current tor process (changes on restart). */
  readonly pid: number;
  readonly controlPort: number;
  readonly controlSocket: string | undefined;
  readonly cookiePath: string;
  readonly dataDir: string;
  readonly torrcPath: string;
  readonly logPath: string;
  readonly password: string | undefined;
  readonly running: boolean;
  stop(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<TorExit>;
  signal(signal: NodeJS.Signals): void;
  waitForExit(timeoutMs?: number): Promise<TorExit>;
  restart(options?: RestartOptions): Promise<void>;
  logTail(lines?: number): string;
}

const KILL_GRACE_MS = 5_000;
const POLL_MS = 20;
const OUTPUT_TAIL_BYTES = 16 * 1024;
const UNIX_PATH_MAX = 107;

/** The tor binary: $ORTOP_TOR if set, else /usr/sbin/tor, /usr/bin/tor, then $PATH. undefined if none. */
export function findTor(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env.ORTOP_TOR;
  if (override !== undefined && override !== '') return isExecutable(override) ? override : undefined;
  const candidates = ['/usr/sbin/tor', '/usr/bin/tor', ...(env.PATH ?? '').split(delimiter).filter((d) => d !== '').map((d) => join(d, 'tor'))];
  return candidates.find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const passwordHashes = new Map<string, Promise<string>>();

/** `tor --hash-password`, run once per password per test file (module instance) and cached. */
export function hashTorPassword(password: string, torPath = requireTor()): Promise<string> {
  let hash = passwordHashes.get(password);
  if (hash === undefined) {
    hash = new Promise<string>((resolve, reject) => {
      execFile(torPath, ['--quiet', '--hash-password', password], { timeout: 10_000 }, (err, stdout, stderr) => {
        const line = stdout.split('\n').map((l) => l.trim()).find((l) => /^16:[0-9A-F]{58}$/.test(l));
        if (err !== null || line === undefined) reject(new Error(`tor --hash-password failed: ${err?.message ?? ''} ${stdout} ${stderr}`.trim()));
        else resolve(line);
      });
    });
    passwordHashes.set(password, hash);
  }
  return hash;
}

function requireTor(): string {
  const path = findTor();
  if (path === undefined) throw new Error('tor not installed (apt-get install tor)');
  return path;
}

const live = new Set<TorHandle>();
let exitHookInstalled = false;

/** Number of tor processes started by this module that have not exited yet. */
export function liveTorCount(): number {
  return [...live].filter((t) => t.running).length;
}

/** Stops every tor this module started (afterAll safety net). */
export async function stopAllTor(): Promise<void> {
  await Promise.all([...live].map((t) => t.stop()));
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const t of live) t.killNow();
  });
}

export async function startTor(options: StartTorOptions = {}): Promise<TorProcess> {
  const torPath = options.torPath ?? requireTor();
  const auth = options.auth ?? 'cookie';
  const usesPassword = auth === 'password' || auth === 'cookie+password';
  const password = usesPassword ? (options.password ?? `ortop-${Math.random().toString(36).slice(2)}`) : undefined;
  const hashed = password === undefined ? undefined : await hashTorPassword(password, torPath);
  const dataDir = await mkdtemp(join(tmpdir(), 'ortop-tor-'));
  const controlSocket = options.controlSocket === true ? join(dataDir, 'control') : undefined;
  if (controlSocket !== undefined && Buffer.byteLength(controlSocket) > UNIX_PATH_MAX) {
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(`control socket path too long for a unix socket (${controlSocket}); set TMPDIR to a shorter directory`);
  }
  const lines = torrcLines(options, { dataDir, auth });
  const handle = new TorHandle(torPath, dataDir, lines, {
    controlSocket,
    password,
    hashedPassword: hashed,
    cookie: auth === 'cookie' || auth === 'cookie+password',
    readyTimeoutMs: options.readyTimeoutMs ?? 20_000,
  });
  installExitHook();
  live.add(handle);
  try {
    await handle.start('auto');
  } catch (e) {
    await handle.stop();
    throw e;
  }
  return handle;
}

/**
 * A tor with its network on must never reach the Tor network: no public authority or fallback, only
 * one authority on loopback where nothing listens. Added to every tor started with disableNetwork
 * false unless the test names its own DirAuthority lines (the private network's).
 */
export const LOOPBACK_ONLY_DIRECTORY: readonly string[] = [
  'UseDefaultFallbackDirs 0',
  'DirAuthority deadauth orport=1 no-v2 v3ident=0000000000000000000000000000000000000001 127.0.0.1:9 0000000000000000000000000000000000000002',
];

function torrcLines(options: StartTorOptions, ctx: { dataDir: string; auth: TorAuth }): string[] {
  const ownAuthorities = (options.torrc ?? []).some((l) => /^\s*(DirAuthority|AlternateDirAuthority)\b/i.test(l));
  const lines = [
    `DataDirectory ${ctx.dataDir}`,
    `DisableNetwork ${options.disableNetwork === false ? 0 : 1}`,
    ...(options.disableNetwork === false && !ownAuthorities ? LOOPBACK_ONLY_DIRECTORY : []),
    `SocksPort ${options.socksPort ?? 0}`,
    `ControlPortWriteToFile ${join(ctx.dataDir, 'control-port')}`,
    `Log notice file ${join(ctx.dataDir, 'notice.log')}`,
    `CookieAuthentication ${ctx.auth === 'cookie' || ctx.auth === 'cookie+password' ? 1 : 0}`,
  ];
  if (options.relay !== undefined && options.relay !== false) {
    const nickname = options.relay === true ? 'ortopTest' : (options.relay.nickname ?? 'ortopTest');
    lines.push('ORPort 127.0.0.1:auto', 'AssumeReachable 1', 'PublishServerDescriptor 0', `Nickname ${nickname}`);
  }
  if (options.owningProcess !== false) lines.push(`__OwningControllerProcess ${process.pid}`);
  lines.push(...(options.torrc ?? []));
  return lines;
}

interface HandleConfig {
  controlSocket: string | undefined;
  password: string | undefined;
  hashedPassword: string | undefined;
  /** false after restart({ control: 'socket' }): no ControlPort. */
  tcp?: boolean;
  readonly cookie: boolean;
  readonly readyTimeoutMs: number;
}

class TorHandle implements TorProcess {
  readonly torrcPath: string;
  readonly logPath: string;
  readonly cookiePath: string;
  private child: ChildProcess | null = null;
  private alive = false;
  private exitPromise: Promise<TorExit> = Promise.resolve({ code: null, signal: null });
  private port = 0;
  private output = '';
  private stopped = false;

  constructor(
    private readonly torPath: string,
    readonly dataDir: string,
    private readonly baseLines: readonly string[],
    private readonly config: HandleConfig,
  ) {
    this.torrcPath = join(dataDir, 'torrc');
    this.logPath = join(dataDir, 'notice.log');
    this.cookiePath = join(dataDir, 'control_auth_cookie');
  }

  get pid(): number {
    return this.child?.pid ?? -1;
  }
  get controlPort(): number {
    return this.port;
  }
  get controlSocket(): string | undefined {
    return this.config.controlSocket;
  }
  get password(): string | undefined {
    return this.config.password;
  }
  get running(): boolean {
    return this.alive;
  }

  /** Writes the torrc for `port` ('auto' the first time, the fixed port afterwards), spawns tor, waits. */
  async start(port: 'auto' | number): Promise<void> {
    const portFile = join(this.dataDir, 'control-port');
    await unlink(portFile).catch(() => undefined);
    if (this.config.controlSocket !== undefined) await unlink(this.config.controlSocket).catch(() => undefined);
    const tcp = this.config.tcp !== false;
    const control = [
      tcp ? `ControlPort 127.0.0.1:${port}` : 'ControlPort 0',
      ...(this.config.controlSocket === undefined ? [] : [`ControlSocket ${this.config.controlSocket}`]),
      ...(this.config.hashedPassword === undefined ? [] : [`HashedControlPassword ${this.config.hashedPassword}`]),
    ];
    await writeFile(this.torrcPath, [...control, ...this.baseLines, ''].join('\n'), { mode: 0o600 });
    const defaults = join(this.dataDir, 'torrc-defaults');
    await writeFile(defaults, '', { mode: 0o600 });
    this.output = '';
    const child = spawn(this.torPath, ['-f', this.torrcPath, '--defaults-torrc', defaults], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.alive = true;
    this.exitPromise = new Promise<TorExit>((resolve) => {
      child.once('exit', (code, signal) => {
        this.alive = false;
        resolve({ code, signal });
      });
      child.once('error', (err) => {
        this.alive = false;
        this.appendOutput(`spawn error: ${err.message}\n`);
        resolve({ code: null, signal: null });
      });
    });
    // Unreferenced: a forgotten tor must not keep the test process alive (the 'exit' hook kills it).
    child.unref();
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (s: string) => this.appendOutput(s));
      (stream as unknown as { unref?: () => void } | null)?.unref?.();
    }
    const ready = await this.waitReady(portFile, Date.now() + this.config.readyTimeoutMs);
    if (tcp) this.port = ready;
  }

  async restart(options: RestartOptions = {}): Promise<void> {
    if (this.stopped) throw new Error('restart() after stop(): the DataDirectory is gone');
    if (options.password !== undefined) {
      if (this.config.hashedPassword === undefined) throw new Error("restart({ password }) needs a tor started with auth 'password' or 'cookie+password'");
      this.config.hashedPassword = await hashTorPassword(options.password, this.torPath);
      this.config.password = options.password;
    }
    if (options.control !== undefined) {
      this.config.tcp = options.control !== 'socket';
      this.config.controlSocket = options.control === 'port' ? undefined : join(this.dataDir, 'control');
      if (this.config.controlSocket !== undefined && Buffer.byteLength(this.config.controlSocket) > UNIX_PATH_MAX) {
        throw new Error(`control socket path too long for a unix socket (${this.config.controlSocket}); set TMPDIR to a shorter directory`);
      }
    }
    if (this.running) await this.kill('SIGTERM');
    const deadline = Date.now() + this.config.readyTimeoutMs;
    // The port may be held briefly (e.g. an outgoing socket that got it as its ephemeral port); tor
    // sets SO_REUSEADDR on listeners, so TIME_WAIT leftovers of the old process do not block it.
    for (;;) {
      try {
        await this.start(this.port);
        return;
      } catch (e) {
        const busy = /Address already in use/.test(this.output + this.logTail(10));
        if (!busy || Date.now() > deadline) throw e;
        await this.exitPromise;
        await sleep(100);
      }
    }
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child?.kill(signal);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<TorExit> {
    const child = this.child;
    if (child === null || !this.running) return this.exitPromise;
    child.kill(signal);
    const timer = setTimeout(() => {
      if (this.running) child.kill('SIGKILL');
    }, KILL_GRACE_MS);
    try {
      return await this.exitPromise;
    } finally {
      clearTimeout(timer);
    }
  }

  async waitForExit(timeoutMs = 10_000): Promise<TorExit> {
    if (!this.running) return this.exitPromise;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`tor (pid ${this.pid}) did not exit within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exitPromise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    await this.kill('SIGTERM');
    live.delete(this);
    if (!this.stopped) {
      this.stopped = true;
      await rm(this.dataDir, { recursive: true, force: true });
    }
  }

  /** Synchronous last resort for process 'exit': SIGKILL our own child only, drop its directory. */
  killNow(): void {
    if (this.running) this.child?.kill('SIGKILL');
    try {
      rmSync(this.dataDir, { recursive: true, force: true });
    } catch {
      // best effort while the process is exiting
    }
  }

  logTail(lines = 40): string {
    try {
      return readFileSync(this.logPath, 'utf8').split('\n').slice(-lines - 1).join('\n');
    } catch {
      return '(no notice.log)';
    }
  }

  private appendOutput(s: string): void {
    this.output = (this.output + s).slice(-OUTPUT_TAIL_BYTES);
  }

  private async waitReady(portFile: string, deadline: number): Promise<number> {
    for (;;) {
      if (!this.running) {
        const exit = await this.exitPromise;
        throw this.failure(`tor exited (code ${exit.code}, signal ${exit.signal}) before its control port was ready`);
      }
      const tcp = this.config.tcp !== false;
      const port = tcp ? await readPortFile(portFile) : this.port;
      if (
        port !== undefined &&
        (!this.config.cookie || (await fileSize(this.cookiePath)) === 32) &&
        (!tcp || (await canConnect({ host: '127.0.0.1', port }))) &&
        (this.config.controlSocket === undefined || (await canConnect({ path: this.config.controlSocket })))
      ) {
        return port;
      }
      if (Date.now() > deadline) throw this.failure(`tor's control port was not ready within ${this.config.readyTimeoutMs} ms`);
      await sleep(POLL_MS);
    }
  }

  private failure(message: string): Error {
    const output = this.output.trim().split('\n').slice(-15).join('\n');
    return new Error(`${message}\n--- notice.log (tail) ---\n${this.logTail(25)}\n--- stdout/stderr (tail) ---\n${output}`);
  }
}

/** Parses ControlPortWriteToFile output ("PORT=127.0.0.1:NNNN" lines). */
async function readPortFile(path: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  const m = /^PORT=127\.0\.0\.1:(\d+)$/m.exec(text);
  return m === null ? undefined : Number(m[1]);
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return -1;
  }
}

function canConnect(target: { host: string; port: number } | { path: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = 'path' in target ? connect(target.path) : connect(target.port, target.host);
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
