// One ssh process per relay: `ssh -N -L <private socket>:<tor's control there> HOST`, started when a
// connection is wanted and not running (first attach, or a reconnect after the link dropped), ended
// by stop(). Readiness is the local socket appearing; a failure is ssh's own last stderr line. ssh
// runs in its own session (setsid): no terminal to prompt on, and no Ctrl-C / Ctrl-Z from ortop's tty.
import { spawn, type ChildProcess } from 'node:child_process';
import { lstatSync, unlinkSync } from 'node:fs';
import { buildTunnelArgs, formatCommandLine, sshFailureReason, type SshCommandOptions, type SshForward } from './ssh-argv.js';
import { SshTunnelError } from './ssh-errors.js';
import { describeSshHost, describeSshTarget, type SshTarget } from './ssh-target.js';

export interface SshTunnelOptions {
  readonly target: SshTarget;
  readonly forwards: readonly SshForward[];
  /** The multiplexing socket (the cookie's `cat` rides the same connection). */
  readonly controlPath: string;
  readonly command?: SshCommandOptions;
  /** The ssh binary; default "ssh" from PATH. */
  readonly sshPath?: string;
  /** Give up when the forward is not listening after this long. Default 20 s (ssh's ConnectTimeout is 10). */
  readonly readyTimeoutMs?: number;
  /** Each command line run, each exit: for the -d log. */
  readonly onLog?: (line: string) => void;
}

/** stderr kept per ssh run; enough for a few lines of reasons, bounded whatever the host sends. */
const STDERR_CAP = 4096;
const POLL_MS = 20;

export class SshTunnel {
  readonly target: SshTarget;
  readonly host: string;
  private child: ChildProcess | undefined;
  private starting: Promise<void> | undefined;
  private stderr = '';
  private exitListeners = new Set<(reason: string) => void>();
  private stopped = false;
  private lastExitReason: string | undefined;

  constructor(private readonly options: SshTunnelOptions) {
    this.target = options.target;
    this.host = describeSshHost(options.target);
  }

  get forwards(): readonly SshForward[] {
    return this.options.forwards;
  }

  get controlPath(): string {
    return this.options.controlPath;
  }

  get command(): SshCommandOptions {
    return this.options.command ?? {};
  }

  get sshPath(): string {
    return this.options.sshPath ?? 'ssh';
  }

  /** The ssh process's pid while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Why the last ssh run ended (ssh's words). */
  get exitReason(): string | undefined {
    return this.lastExitReason;
  }

  /** What ssh printed on stderr in this run (bounded), e.g. a forward's "open failed" line. */
  get stderrText(): string {
    return this.stderr;
  }

  /** Called when a running ssh ends (not when stop() ends it). */
  onExit(listener: (reason: string) => void): () => void {
    this.exitListeners.add(listener);
    return () => void this.exitListeners.delete(listener);
  }

  /** Resolves once ssh runs and every forward listens; starts ssh when it is not running. */
  ensure(): Promise<void> {
    if (this.stopped) return Promise.reject(new SshTunnelError('ssh-failed', this.host, describeSshTarget(this.target), 'ortop is closing this relay'));
    if (this.alive && this.starting === undefined) return Promise.resolve();
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Ends ssh (SIGTERM) and removes the local sockets; synchronous, so it can run in an 'exit' handler. */
  stop(): void {
    this.stopped = true;
    const child = this.child;
    this.child = undefined;
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGTERM');
      } catch {
        // Already gone.
      }
    }
    this.removeSockets();
  }

  private removeSockets(): void {
    for (const path of [...this.options.forwards.map((f) => f.localSocket), this.options.controlPath]) {
      try {
        unlinkSync(path);
      } catch {
        // Not there.
      }
    }
  }

  private start(): Promise<void> {
    this.removeSockets();
    const args = buildTunnelArgs(this.options.target, this.options.forwards, this.options.controlPath, this.options.command);
    this.options.onLog?.(`ssh: running ${formatCommandLine(this.sshPath, args)}`);
    this.stderr = '';
    const child = spawn(this.sshPath, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    this.child = child;
    // ortop's exit is not held up by ssh: its 'exit' handler ends ssh (SshFleet), quit or not.
    child.unref();
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_CAP);
    });
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const deadline = Date.now() + (this.options.readyTimeoutMs ?? 20_000);
      let poll: NodeJS.Timeout | undefined;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        if (poll !== undefined) clearTimeout(poll);
        if (error === undefined) resolve();
        else reject(error);
      };
      child.once('error', (e: NodeJS.ErrnoException) => {
        const reason = e.code === 'ENOENT' ? `${this.sshPath} is not installed (apt-get install openssh-client)` : e.message;
        this.lastExitReason = reason;
        if (this.child === child) this.child = undefined;
        settle(new SshTunnelError('ssh-failed', this.host, describeSshTarget(this.target), reason));
      });
      // 'close' (not 'exit'): stderr has been read to its end, so the reason is complete.
      child.once('close', (code, signal) => {
        const reason = sshFailureReason(this.stderr, { code, signal });
        this.lastExitReason = reason;
        this.options.onLog?.(`ssh to ${this.host} ended (${signal ?? `status ${code}`}): ${reason}`);
        if (this.child === child) this.child = undefined;
        if (!settled) settle(new SshTunnelError('ssh-failed', this.host, describeSshTarget(this.target), reason));
        else if (!this.stopped) for (const l of [...this.exitListeners]) l(reason);
      });
      const check = () => {
        poll = undefined;
        if (settled) return;
        if (this.options.forwards.every((f) => isSocket(f.localSocket))) return settle();
        if (Date.now() > deadline) {
          child.kill('SIGTERM');
          return settle(new SshTunnelError('ssh-failed', this.host, describeSshTarget(this.target), `the forward was not listening after ${Math.round((this.options.readyTimeoutMs ?? 20_000) / 1000)} s`));
        }
        poll = setTimeout(check, POLL_MS);
      };
      poll = setTimeout(check, POLL_MS);
    });
  }
}

function isSocket(path: string): boolean {
  try {
    return lstatSync(path).isSocket();
  } catch {
    return false;
  }
}
