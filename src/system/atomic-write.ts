// Replaces a file so readers see the old content or the new, never half of it: a private temporary
// file in the same directory, its data fsynced, renamed over the target, then the directory synced.
// Creates missing directories (mode 700). On any failure the old file stays and the temporary is removed.
// A device at the path (a history or cache path set to /dev/null) is never replaced: as root, renaming
// over /dev/null would replace the device with a file.
import type { Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The temporary name used next to `path`: hidden, and unique per process and call. */
export function atomicTempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** What a non-file is, in words: "a character device", "a directory". */
export function describeNonFile(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A character or block device is at the path: ortop never replaces or moves it. */
export class NotReplaceableError extends Error {
  override readonly name = 'NotReplaceableError';
  constructor(
    readonly path: string,
    readonly what: string,
  ) {
    super(`${path} is ${what}, not a file ortop may replace`);
  }
}

/** A device: never ortop's, never moved or replaced (directories, FIFOs and sockets of its own may be). */
export function isDevice(st: Stats): boolean {
  return st.isCharacterDevice() || st.isBlockDevice();
}

/** Throws NotReplaceableError when the path holds a device. */
export async function assertReplaceable(path: string): Promise<void> {
  const st = await lstat(path).catch(() => undefined);
  if (st !== undefined && isDevice(st)) throw new NotReplaceableError(path, describeNonFile(st));
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  await assertReplaceable(path);
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = atomicTempPath(path);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      // The umask may have taken bits off; the mode asked for is the mode the file gets.
      await handle.chmod(mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable. Best effort: some filesystems cannot sync a directory. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The data is synced and renamed; only the rename's durability across a power cut is not assured.
  }
}
