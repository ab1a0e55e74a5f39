// Which sockets a process owns: the inodes behind /proc/PID/fd/* links ("socket:[12345]"). Parsing
// is pure; reading goes through an injectable SocketFs so tests run on fixtures. A directory that
// cannot be read (tor's DisableDebuggerAttachment, another user) is a typed answer, never a throw.
import { readlink } from 'node:fs/promises';
import { realProcFs, type ProcFs } from '../proc-reader.js';

/** ProcFs plus readlink, which the fd map needs. */
export interface SocketFs extends ProcFs {
  readLink(path: string): Promise<string>;
}

/** /proc's files and directories as realProcFs reads them (synchronously); links in batches, async. */
export const realSocketFs: SocketFs = {
  readText: realProcFs.readText,
  listDir: realProcFs.listDir,
  readLink: (path) => readlink(path),
};

/** A ProcFs that can also read links (tests' fakes may add readLink), or undefined when it cannot. */
export function socketFsOf(fs: ProcFs, real: ProcFs): SocketFs | undefined {
  if (typeof (fs as Partial<SocketFs>).readLink === 'function') return fs as SocketFs;
  return fs === real ? realSocketFs : undefined;
}

/** "socket:[12345]" → 12345; anything else (files, pipes, anon inodes) → -1. */
export function socketInodeOf(link: string): number {
  if (!link.startsWith('socket:[') || link.charCodeAt(link.length - 1) !== 0x5d) return -1;
  let v = 0;
  for (let i = 8; i < link.length - 1; i++) {
    const d = link.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return link.length > 9 ? v : -1;
}

/** The socket inodes among fd link targets. */
export function parseSocketInodes(links: Iterable<string>): Set<number> {
  const inodes = new Set<number>();
  for (const link of links) {
    const inode = socketInodeOf(link);
    if (inode >= 0) inodes.add(inode);
  }
  return inodes;
}

export type FdInodes =
  | { readonly kind: 'inodes'; readonly inodes: ReadonlySet<number>; readonly fds: number }
  | { readonly kind: 'unreadable'; readonly code: string; readonly message: string };

/** Links read at once; a busy relay has tens of thousands of fds and libuv has a small thread pool. */
const BATCH = 512;

/** Reads /proc/PID/fd and the target of every link in it (links that vanish meanwhile are skipped). */
export async function readFdInodes(fs: SocketFs, pid: number): Promise<FdInodes> {
  const dir = `/proc/${pid}/fd`;
  let names: string[];
  try {
    names = await fs.listDir(dir);
  } catch (e) {
    return unreadable(e, dir);
  }
  const links: string[] = [];
  let firstError: unknown;
  for (let i = 0; i < names.length; i += BATCH) {
    const batch = names.slice(i, i + BATCH).map((n) =>
      fs.readLink(`${dir}/${n}`).catch((e: unknown) => {
        firstError ??= e;
        return '';
      }),
    );
    links.push(...(await Promise.all(batch)));
  }
  const code = (firstError as { code?: string } | undefined)?.code;
  if (names.length > 0 && links.every((l) => l === '') && firstError !== undefined && code !== 'ENOENT') {
    return unreadable(firstError, dir);
  }
  return { kind: 'inodes', inodes: parseSocketInodes(links), fds: names.length };
}

function unreadable(e: unknown, path: string): FdInodes {
  const code = (e as { code?: string }).code ?? 'EIO';
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'no such directory' : (e as Error).message;
  return { kind: 'unreadable', code, message: `${path}: ${why}` };
}
