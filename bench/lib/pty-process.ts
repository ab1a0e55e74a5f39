// Runs a command on a pseudo-terminal through bench/pty-run.py and exposes its output as timestamped
// chunks, its child pid and a stop that leaves nothing behind. Benchmark plumbing only: it signals only
// the child it started (by pid, while the helper has not reaped it) and the helper itself.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SYSTEM_PYTHON = '/usr/bin/python3';
const HELPER = fileURLToPath(new URL('../pty-run.py', import.meta.url));

export interface PtyChunk {
  /** Milliseconds since the helper forked the child (the child's process start). */
  readonly atMs: number;
  readonly bytes: Buffer;
}

export interface PtyExit {
  readonly atMs: number;
  /** Exit code, or minus the signal number. */
  readonly code: number;
}

export interface PtyStopResult {
  /** 'SIGTERM' when the child left within the grace period, 'SIGKILL' when it had to be killed. */
  readonly stoppedBy: 'already-exited' | 'SIGTERM' | 'SIGKILL';
  readonly exit: PtyExit | undefined;
}

export interface SpawnInPtyOptions {
  readonly cols: number;
  readonly rows: number;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export interface PtyProcess {
  /** The command's own pid (not the helper's). */
  readonly childPid: Promise<number>;
  readonly exited: Promise<PtyExit | undefined>;
  readonly outputBytes: number;
  /** CLOCK_MONOTONIC at the fork, in ns (comparable with V8 profile timestamps, which are in µs). */
  readonly forkMonotonicNs: bigint | undefined;
  onChunk(listener: (chunk: PtyChunk) => void): void;
  /** Types keys on the pty (e.g. '\x1b[C' for Right), as a user at the terminal would. */
  write(keys: string): void;
  /** SIGTERM, SIGKILL after graceMs, then waits for the helper; throws if anything is left. */
  stop(graceMs?: number): Promise<PtyStopResult>;
}

export function spawnInPty(command: string, args: readonly string[], options: SpawnInPtyOptions): PtyProcess {
  if (!existsSync(SYSTEM_PYTHON)) throw new Error(`${SYSTEM_PYTHON} is needed for the pty helper`);
  const helper = spawn(SYSTEM_PYTHON, [HELPER, String(options.cols), String(options.rows), command, ...args], {
    env: options.env,
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const listeners: Array<(chunk: PtyChunk) => void> = [];
  let stderr = '';
  let pending: Buffer = Buffer.alloc(0);
  let outputBytes = 0;
  let exitRecord: PtyExit | undefined;
  let forkMonotonicNs: bigint | undefined;
  let helperExited = false;
  let resolvePid!: (pid: number) => void;
  let rejectPid!: (e: Error) => void;
  const childPid = new Promise<number>((resolve, reject) => {
    resolvePid = resolve;
    rejectPid = reject;
  });
  childPid.catch(() => undefined);

  const helperDone = new Promise<void>((resolve) => {
    helper.once('close', () => {
      helperExited = true;
      rejectPid(new Error(`pty helper exited before starting ${command}: ${stderr.trim()}`));
      resolve();
    });
  });
  const exited = helperDone.then(() => exitRecord);

  helper.stderr.setEncoding('utf8');
  helper.stderr.on('data', (s: string) => {
    stderr = (stderr + s).slice(-4096);
  });
  helper.stdout.on('data', (data: Buffer) => {
    pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
    for (;;) {
      const nl = pending.indexOf(0x0a);
      if (nl < 0) return;
      const header = pending.subarray(0, nl).toString('ascii').split(' ');
      const kind = header[0];
      if (kind === 'D') {
        const length = Number(header[2]);
        if (pending.length < nl + 1 + length) return;
        const bytes = Buffer.from(pending.subarray(nl + 1, nl + 1 + length));
        pending = pending.subarray(nl + 1 + length);
        outputBytes += length;
        const chunk = { atMs: Number(header[1]) / 1e6, bytes };
        for (const listener of listeners) listener(chunk);
        continue;
      }
      pending = pending.subarray(nl + 1);
      if (kind === 'S') {
        forkMonotonicNs = BigInt(header[2] ?? '0');
        resolvePid(Number(header[1]));
      }
      else if (kind === 'X') exitRecord = { atMs: Number(header[1]) / 1e6, code: Number(header[2]) };
      else throw new Error(`pty helper sent an unknown record: ${header.join(' ')}`);
    }
  });

  const stop = async (graceMs = 2_000): Promise<PtyStopResult> => {
    const pid = await childPid.catch(() => undefined);
    let stoppedBy: PtyStopResult['stoppedBy'] = 'already-exited';
    if (pid !== undefined && exitRecord === undefined && !helperExited) {
      signalIfAlive(pid, 'SIGTERM');
      stoppedBy = 'SIGTERM';
      if (!(await settlesWithin(helperDone, graceMs)) && exitRecord === undefined) {
        signalIfAlive(pid, 'SIGKILL');
        stoppedBy = 'SIGKILL';
      }
    }
    if (!(await settlesWithin(helperDone, 5_000))) {
      helper.kill('SIGKILL');
      await helperDone;
    }
    if (pid !== undefined && existsSync(`/proc/${pid}`) && exitRecord === undefined) {
      throw new Error(`${command} (pid ${pid}) is still running after SIGKILL`);
    }
    return { stoppedBy, exit: exitRecord };
  };

  return {
    childPid,
    exited,
    get outputBytes() {
      return outputBytes;
    },
    get forkMonotonicNs() {
      return forkMonotonicNs;
    },
    onChunk: (listener) => {
      listeners.push(listener);
    },
    write: (keys) => {
      helper.stdin.write(keys);
    },
    stop,
  };
}

function signalIfAlive(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
