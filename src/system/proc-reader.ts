// Reads a process's resource figures from /proc through an injectable file reader, so tests run
// on fixtures and a missing or unreadable /proc becomes a typed "unavailable" value, never a throw.
import { readdirSync, readFileSync } from 'node:fs';
import { parseMemTotal, parseProcStat, parseProcStatus, type ProcStat } from './proc-parse.js';

export interface ProcFs {
  readText(path: string): Promise<string>;
  listDir(path: string): Promise<string[]>;
}

/**
 * /proc's files are made by the kernel as they are read and never wait on a disk, so they are read
 * synchronously: the async API sends each open, stat, read and close through libuv's thread pool,
 * and those hand-offs and wake-ups were a fifth of ortop's CPU on an idle relay (issue 15).
 */
export const realProcFs: ProcFs = {
  readText: (path) => settled(() => readFileSync(path, 'utf8')),
  listDir: (path) => settled(() => readdirSync(path)),
};

function settled<T>(read: () => T): Promise<T> {
  try {
    return Promise.resolve(read());
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * For a tor that is not a process on this machine (the demo relay, a replay, a control port on
 * another host): every read fails, so nothing of an unrelated local process is shown as tor's.
 */
export const NOT_LOCAL_PROC_FS: ProcFs = {
  readText: async (path) => {
    throw Object.assign(new Error(`${path}: tor is not a process on this machine`), { code: 'ENOTLOCAL' });
  },
  listDir: async (path) => {
    throw Object.assign(new Error(`${path}: tor is not a process on this machine`), { code: 'ENOTLOCAL' });
  },
};

export interface ProcessSample {
  readonly kind: 'sample';
  readonly pid: number;
  readonly atMs: number;
  readonly stat: ProcStat;
  readonly rssBytes: number | undefined;
  readonly memTotalBytes: number | undefined;
  /** Open file descriptors, or undefined when /proc/PID/fd is not readable (other user). */
  readonly openFds: number | undefined;
}

export interface ProcessUnavailable {
  readonly kind: 'unavailable';
  readonly pid: number;
  readonly reason: string;
}

/** Figures the caller still has from a recent sample: they are not read again (a read each second of a relay's 10,000 fds, or of meminfo's unchanging total, is waste). */
export interface KnownFigures {
  readonly memTotalBytes?: number | undefined;
  readonly openFds?: number | undefined;
}

export async function sampleProcess(fs: ProcFs, pid: number, atMs: number, known: KnownFigures = {}): Promise<ProcessSample | ProcessUnavailable> {
  let statText: string;
  try {
    statText = await fs.readText(`/proc/${pid}/stat`);
  } catch (e) {
    return { kind: 'unavailable', pid, reason: describeFsError(e, `/proc/${pid}/stat`) };
  }
  const stat = parseProcStat(statText);
  if (stat === undefined) return { kind: 'unavailable', pid, reason: `could not parse /proc/${pid}/stat` };
  const [status, meminfo, fds] = await Promise.all([
    fs.readText(`/proc/${pid}/status`).then(parseProcStatus, () => undefined),
    known.memTotalBytes ?? fs.readText('/proc/meminfo').then(parseMemTotal, () => undefined),
    known.openFds ?? fs.listDir(`/proc/${pid}/fd`).then((names) => names.length, () => undefined),
  ]);
  return { kind: 'sample', pid, atMs, stat, rssBytes: status?.rssBytes, memTotalBytes: meminfo, openFds: fds };
}

function describeFsError(e: unknown, path: string): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return `${path} does not exist (process gone, or no /proc here)`;
  if (code === 'EACCES' || code === 'EPERM') return `${path} is not readable (permission denied)`;
  if (code === 'ENOTLOCAL') return 'tor is not a process on this machine';
  return `${path}: ${(e as Error).message}`;
}
