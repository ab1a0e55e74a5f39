// Reading tor's authentication cookie, injectable: the app reads the file system, tests pass a map.
// The reader returns the file's bytes or throws an errno-style error; it never reads a large file,
// a device or a FIFO (a fake "tor" could name /dev/zero, or a FIFO that would block an open forever).

import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { CookieSizeError } from './auth-errors.js';
import { COOKIE_BYTES } from './safecookie.js';

export type CookieReader = (file: string) => Promise<Uint8Array>;

const fileError = (message: string, code: string) => Object.assign(new Error(message), { code });

/** Why a file that is not a regular file cannot be a cookie ("…(a FIFO)"); undefined for a regular file. */
function notRegular(info: Stats): { message: string; code: string } | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return { message: 'it is a directory', code: 'EISDIR' };
  const type = info.isFIFO() ? 'a FIFO' : info.isCharacterDevice() ? 'a character device' : info.isBlockDevice() ? 'a block device' : info.isSocket() ? 'a socket' : 'not a file';
  return { message: `it is not a regular file (${type})`, code: 'ENOTFILE' };
}

export const readCookieFile: CookieReader = async (file) => {
  if (file.includes('\0')) throw fileError('the path contains a NUL byte', 'ENUL');
  let handle;
  try {
    // O_NONBLOCK: a FIFO with no writer opens at once (and is then refused) instead of blocking forever.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    // Say "permission denied" (and give the group hint) only for a regular file; otherwise say what it is.
    if ((error as { code?: unknown }).code === 'EACCES' || (error as { code?: unknown }).code === 'EPERM') {
      const info = await stat(file).catch(() => undefined);
      const odd = info === undefined ? undefined : notRegular(info);
      if (odd !== undefined) throw fileError(odd.message, odd.code);
    }
    throw error;
  }
  try {
    const info = await handle.stat();
    const odd = notRegular(info);
    if (odd !== undefined) throw fileError(odd.message, odd.code);
    if (info.size !== COOKIE_BYTES) throw new CookieSizeError(file, info.size);
    const bytes = Buffer.alloc(COOKIE_BYTES);
    const { bytesRead } = await handle.read(bytes, 0, COOKIE_BYTES, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

/** Prefixes tor's reported cookie path with the chroot tor runs in (as Stem's chroot_path does). */
export function cookiePathInChroot(file: string, chrootPath: string | undefined): string {
  if (chrootPath === undefined || chrootPath === '') return file;
  return path.join(chrootPath, file);
}
