// Reads a process's resource figures from /proc through an injectable file reader, so tests run
// on fixtures and a missing or unreadable /proc becomes a typed "unavailable" value, never a throw.
import { readFile, readdir } from 'node:fs/promises';
import { parseMemTotal, parseProcStat, parseProcStatus, type ProcStat } from './proc-parse.js';

export interface ProcFs {
  readText(path: string): Promise<string>;
  listDir(path: string): Promise<string[]>;
}

export const realProcFs: ProcFs = {
  readText: (path) => readFile(path, 'utf8'),
  listDir: (path) => readdir(path),
};

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

export async function sampleProcess(fs: ProcFs, pid: number, atMs: number): Promise<ProcessSample | ProcessUnavailable> {
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
    fs.readText('/proc/meminfo').then(parseMemTotal, () => undefined),
    fs.listDir(`/proc/${pid}/fd`).then((names) => names.length, () => undefined),
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
