// Every file ortop writes for the user (--record, -d, write_logs_to, page 1's save-log) is opened
// here: a new file is created 0600 with O_CREAT|O_EXCL|O_NOFOLLOW, so a symlink is never followed
// and nothing existing is truncated. Appending goes only into an existing regular file, never
// through a link; replacing one happens only after the caller asked the user. Says in words why not.
import { closeSync, constants, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync, readlinkSync, unlinkSync, writeSync } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

export const PRIVATE_FILE_MODE = 0o600;

/** What is at a path, without following a symlink there. */
export type FileTarget =
  | { readonly kind: 'missing' }
  | { readonly kind: 'file'; readonly size: number; readonly mode: number }
  | { readonly kind: 'symlink'; readonly to: string }
  | { readonly kind: 'other'; readonly what: string };

/** Refused because of what is at the path (or appeared there); `target` says what. */
export class FileTargetError extends Error {
  override readonly name = 'FileTargetError';
  constructor(
    readonly path: string,
    readonly target: FileTarget,
  ) {
    super(`${path} ${describeFileTarget(target)}`);
  }
}

interface StatLike {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  readonly size: number;
  readonly mode: number;
}

function targetOf(info: StatLike, linkTo: () => string): FileTarget {
  if (info.isSymbolicLink()) return { kind: 'symlink', to: linkTo() };
  if (info.isFile()) return { kind: 'file', size: info.size, mode: info.mode & 0o7777 };
  const what = info.isDirectory() ? 'a directory' : info.isFIFO() ? 'a FIFO' : info.isSocket() ? 'a socket' : 'a device';
  return { kind: 'other', what };
}

/** "exists (a file of 120 bytes)", "is a symbolic link (to /etc/passwd); …", "is a directory". */
export function describeFileTarget(target: FileTarget): string {
  switch (target.kind) {
    case 'missing':
      return 'does not exist';
    case 'file':
      return `exists (a file of ${target.size} bytes)`;
    case 'symlink':
      return `is a symbolic link (to ${target.to}); ortop writes no file through a link`;
    case 'other':
      return `is ${target.what}`;
  }
}

export function inspectFileTargetSync(path: string): FileTarget {
  try {
    return targetOf(lstatSync(path), () => safeReadlink(() => readlinkSync(path)));
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
}

export async function inspectFileTarget(path: string): Promise<FileTarget> {
  try {
    const info = await lstat(path);
    const to = info.isSymbolicLink() ? await readlink(path).catch(() => '?') : '';
    return targetOf(info, () => to);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
}

function safeReadlink(read: () => string): string {
  try {
    return read();
  } catch {
    return '?';
  }
}

export interface PrivateFileOptions {
  /** Create missing parent directories (mode 0700). Default false. */
  readonly createDirs?: boolean;
}

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
// O_NONBLOCK: opening a FIFO for writing must not wait for a reader (it is refused just after).
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

function prepareDirs(path: string, options: PrivateFileOptions): void {
  if (options.createDirs === true) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
}

/** A file ortop makes: created 0600 (whatever the umask), or FileTargetError if anything is at `path`. Returns the fd. */
export function createPrivateFileSync(path: string, options: PrivateFileOptions = {}): number {
  prepareDirs(path, options);
  let fd: number;
  try {
    fd = openSync(path, CREATE_FLAGS, PRIVATE_FILE_MODE);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EEXIST' || code === 'ELOOP') throw new FileTargetError(path, inspectFileTargetSync(path));
    throw error;
  }
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

/**
 * A log ortop appends to: created 0600 when missing; an existing regular file is appended to as it
 * is (its mode is the user's); a symlink, directory, FIFO or device is a FileTargetError. Returns the fd.
 */
export function openPrivateAppendSync(path: string, options: PrivateFileOptions = {}): number {
  prepareDirs(path, options);
  const existed = inspectFileTargetSync(path);
  if (existed.kind === 'symlink' || existed.kind === 'other') throw new FileTargetError(path, existed);
  let fd: number;
  try {
    fd = openSync(path, APPEND_FLAGS, PRIVATE_FILE_MODE);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ELOOP' || code === 'ENXIO' || code === 'EISDIR') throw new FileTargetError(path, inspectFileTargetSync(path));
    throw error;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new FileTargetError(path, targetOf(info, () => '?'));
    if (existed.kind === 'missing' && info.size === 0) fchmodSync(fd, PRIVATE_FILE_MODE);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

/**
 * Writes a whole file the user named. Creates it (0600, exclusive) when nothing is there; with
 * `replace` (the user confirmed) an existing regular file is replaced atomically — the link or
 * file at the path itself, never what a link points to. Anything else is a FileTargetError.
 */
export async function writePrivateFile(path: string, data: string, options: PrivateFileOptions & { readonly replace?: boolean } = {}): Promise<void> {
  const target = await inspectFileTarget(path);
  if (target.kind === 'file' && options.replace === true) {
    await writeFileAtomic(path, data, PRIVATE_FILE_MODE);
    return;
  }
  if (target.kind !== 'missing') throw new FileTargetError(path, target);
  const fd = createPrivateFileSync(path, options);
  try {
    writeAllSync(fd, Buffer.from(data, 'utf8'));
  } catch (error) {
    closeSync(fd);
    // Half a file is worse than none: what this call created, it removes.
    try {
      unlinkSync(path);
    } catch {
      // Gone already, or not ours to remove any more.
    }
    throw error;
  }
  closeSync(fd);
}

/** writeSync until every byte is written (a write may take fewer). */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}
