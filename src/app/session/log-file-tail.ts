// Bounded reads of tor's files (its log for the backlog, its state file for the graph's long
// history) and file-error wording fit for the log panel. Reads at most maxBytes from the end, and
// only a file that is plausibly tor's (system/tor-file.ts: regular, not under /proc, /sys or /dev,
// owned by tor's user or root and readable by it); never opens a FIFO or device.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Controller } from '../../controller/index.js';
import { TOR_DATA_RULE, type TorOwner } from '../../system/tor-file-check.js';
import { readTorFileTail, type TorFileRefusedError } from '../../system/tor-file.js';
import { readTorOwner } from '../../system/tor-owner.js';
import type { ProcFs } from '../../system/index.js';

/** Reads at most `maxBytes` from the end of a regular file, as UTF-8 (bad bytes → U+FFFD). */
export type ReadTail = (path: string, maxBytes: number) => Promise<string>;

/** Who the tor on this controller runs as: its reported pid, looked up in /proc (GETINFO process/pid is cached per connection). */
export async function learnTorOwner(controller: Controller, procFs: ProcFs): Promise<TorOwner> {
  const pid = Number(await controller.getInfoOne('process/pid').catch(() => ''));
  return readTorOwner(procFs, Number.isInteger(pid) && pid > 0 ? pid : undefined);
}

/** The tail reader for files of the tor that `owner` describes (asked at each read: tor may have restarted). */
export function torFileTail(owner: () => Promise<TorOwner>): ReadTail {
  return async (path, maxBytes) => readTorFileTail(path, await owner(), TOR_DATA_RULE, maxBytes);
}

/** For a tor that is not on this machine: its paths mean nothing here, so nothing is opened. */
export const notLocalReadTail: ReadTail = async (path) => {
  throw Object.assign(new Error(`${path}: tor is not on this machine`), { code: 'ENOTLOCAL' });
};

/** Why a file could not be read, in words for the log ("permission denied", "does not exist"). */
export function describeFileError(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (tor runs as another user; run ortop as that user or add yourself to its group)';
    case 'ENOENT':
      return 'it does not exist (or tor runs in another container or chroot)';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTFILE':
      return 'it is not a regular file';
    case 'ENOTLOCAL':
      return 'tor is not on this machine (demo relay, replay or a remote control port)';
    case 'ETORFILE':
      return `not shown: ${(error as TorFileRefusedError).reason}`;
    default:
      return (error as Error).message ?? String(error);
  }
}

/**
 * A path tor gave us, made absolute: relative paths are relative to tor's working directory
 * (/proc/<pid>/cwd when we know the pid); "~/" is our own home, as the user typed it.
 */
export function resolveTorPath(path: string, torPid: number | undefined): string | undefined {
  if (isAbsolute(path)) return path;
  if (torPid === undefined) return undefined;
  return join(`/proc/${torPid}/cwd`, path);
}

/** A path the user typed: "~/x" → our home + x. */
export function expandUserPath(path: string): string {
  const p = path.trim();
  if (p === '~') return homedir();
  if (p.startsWith('~/')) return join(homedir(), p.slice(2));
  return p;
}
