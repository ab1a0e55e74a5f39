// Reading tor's authentication cookie, injectable: the app reads the file system, tests pass a map.
// The reader returns the file's bytes or throws an errno-style error; it never reads a large file
// (a fake "tor" could name /dev/zero as its cookie).

import { open } from 'node:fs/promises';
import path from 'node:path';
import { CookieSizeError } from './auth-errors.js';
import { COOKIE_BYTES } from './safecookie.js';

export type CookieReader = (file: string) => Promise<Uint8Array>;

export const readCookieFile: CookieReader = async (file) => {
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw Object.assign(new Error(`${file} is not a regular file`), { code: 'EINVAL' });
    if (stat.size !== COOKIE_BYTES) throw new CookieSizeError(file, stat.size);
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
