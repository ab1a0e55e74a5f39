// Reads a whole file under a size cap, for the files ortop reads back (its history and cache, the
// config file, recordings): a file over the cap, a directory, or (unless asked) a FIFO or device is
// refused with a reason in words instead of being read. Opens non-blocking, so a FIFO never hangs it.
import { constants } from 'node:fs';
import { open as openFile, type FileHandle } from 'node:fs/promises';

export type BoundedRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'read'; readonly bytes: Buffer }
  /** `transient`: an error that may pass (I/O error, too many open files), not the file's fault. */
  | { readonly kind: 'refused'; readonly problem: string; readonly code: string | undefined; readonly transient: boolean };

export type OpenForRead = (path: string, flags: number) => Promise<Pick<FileHandle, 'stat' | 'read' | 'close'>>;

export interface BoundedReadOptions {
  readonly maxBytes: number;
  /** 'read': FIFOs and character devices are read too, up to the cap (a config given as <(…)). Default 'refuse'. */
  readonly special?: 'refuse' | 'read';
  /** Tests inject failures (EACCES when running as root, EIO). */
  readonly open?: OpenForRead;
  /** Refuse a symlink at the path itself (O_NOFOLLOW): for files ortop owns and replaces. Default false. */
  readonly noFollow?: boolean;
}

const CHUNK_BYTES = 64 * 1024;
const TRANSIENT = new Set(['EIO', 'EMFILE', 'ENFILE', 'ENOMEM', 'EAGAIN', 'EBUSY', 'EINTR', 'ETIMEDOUT', 'ESTALE']);

/** 1536 → "1.5 KiB". */
export function formatByteSize(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function describeOpenError(error: unknown): { problem: string; code: string | undefined } {
  const code = (error as { code?: unknown }).code;
  const known = typeof code === 'string' ? code : undefined;
  switch (known) {
    case 'EACCES':
    case 'EPERM':
      return { problem: 'permission denied', code: known };
    case 'EISDIR':
      return { problem: 'it is a directory', code: known };
    case 'ELOOP':
      return { problem: 'it is a loop of symbolic links', code: known };
    case 'ENOTDIR':
      return { problem: 'a part of its path is not a directory', code: known };
    default:
      return { problem: error instanceof Error ? error.message : String(error), code: known };
  }
}

const refused = (problem: string, code: string | undefined): BoundedRead => ({ kind: 'refused', problem, code, transient: code !== undefined && TRANSIENT.has(code) });

export async function readFileBounded(path: string, options: BoundedReadOptions): Promise<BoundedRead> {
  const special = options.special ?? 'refuse';
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
  const flags = constants.O_RDONLY | (special === 'refuse' ? constants.O_NONBLOCK : 0) | (options.noFollow === true ? constants.O_NOFOLLOW : 0);
  let handle: Awaited<ReturnType<OpenForRead>>;
  try {
    handle = await (options.open ?? openFile)(path, flags);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { kind: 'missing' };
    if (options.noFollow === true && (error as { code?: unknown }).code === 'ELOOP') return refused('it is a symbolic link (ortop does not read or write its own files through a link)', 'ELOOP');
    const { problem, code } = describeOpenError(error);
    return refused(problem, code);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return refused('it is a directory', 'EISDIR');
    const regular = info.isFile();
    if (!regular && (special === 'refuse' || !(info.isFIFO() || info.isCharacterDevice()))) {
      return refused(`it is not a regular file (${info.isFIFO() ? 'a FIFO' : info.isSocket() ? 'a socket' : 'a device'})`, 'ENOTFILE');
    }
    const tooBig = (size: string) => refused(`it is ${size}, more than the ${formatByteSize(options.maxBytes)} ortop reads from it`, 'EFBIG');
    if (regular && info.size > options.maxBytes) return tooBig(formatByteSize(info.size));
    // Read until end of file; one byte past the cap tells a file that grew (or a stream) from one that fits.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(Math.max(regular ? info.size - total : 0, CHUNK_BYTES), options.maxBytes + 1 - total);
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(chunk, 0, want, regular ? total : null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > options.maxBytes) return tooBig(`more than ${formatByteSize(options.maxBytes)}`);
    }
    return { kind: 'read', bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    const { problem, code } = describeOpenError(error);
    return refused(problem, code);
  } finally {
    await handle.close().catch(() => {});
  }
}

export type TextDecode = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'binary'; readonly problem: string };

/**
 * Bytes ortop wrote as text, back to text. A NUL byte means binary data (ortop never writes one);
 * `strict` also refuses bytes that are not UTF-8 (a file ortop wrote itself is always UTF-8).
 */
export function decodeTextFile(bytes: Uint8Array, strict: boolean): TextDecode {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { kind: 'binary', problem: `it holds binary data (a NUL byte at offset ${nul}), not text` };
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: strict }).decode(bytes) };
  } catch {
    return { kind: 'binary', problem: 'it is not UTF-8 text' };
  }
}
