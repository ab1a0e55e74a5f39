// Bounded reads of tor's files (its log for the backlog, its state file for the graph's long
// history) and file-error wording fit for the log panel. Reads at most maxBytes from the end and
// only regular files; never follows a FIFO or device. The one place these paths are opened.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** Reads at most `maxBytes` from the end of a regular file, as UTF-8 (bad bytes → U+FFFD). */
export type ReadTail = (path: string, maxBytes: number) => Promise<string>;

export const readFileTail: ReadTail = async (path, maxBytes) => {
  // Non-blocking open: a FIFO at this path must not hang a libuv thread until a writer appears.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOTFILE' });
    const start = Math.max(0, info.size - Math.max(0, maxBytes));
    const buffer = Buffer.alloc(info.size - start);
    let done = 0;
    while (done < buffer.length) {
      const { bytesRead } = await handle.read(buffer, done, buffer.length - done, start + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return buffer.subarray(0, done).toString('utf8');
  } finally {
    await handle.close();
  }
};

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
