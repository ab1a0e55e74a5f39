// Reads a secret the user keeps in a file (a relay's control password): only a regular file of
// theirs that nobody else may read (mode 0600 or stricter), not through a symlink, at most 4 KiB.
// Anything else is refused with the reason and the fix, and the secret is never read.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

export type SecretFileRead = { readonly kind: 'read'; readonly secret: string } | { readonly kind: 'refused'; readonly problem: string };

export const MAX_SECRET_FILE_BYTES = 4096;

export interface SecretFileOptions {
  /** The uid that must own the file (default: this process's). */
  readonly uid?: number;
}

export async function readSecretFile(path: string, options: SecretFileOptions = {}): Promise<SecretFileRead> {
  const refuse = (problem: string): SecretFileRead => ({ kind: 'refused', problem: `password file ${path}: ${problem}` });
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return refuse('no such file');
    if (code === 'ELOOP') return refuse('is a symbolic link; name the file itself');
    if (code === 'EACCES') return refuse('ortop may not read it');
    return refuse(`cannot be opened (${code ?? (e as Error).message})`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return refuse('is not a regular file');
    const uid = options.uid ?? process.getuid?.();
    if (uid !== undefined && st.uid !== uid) return refuse(`belongs to uid ${st.uid}, not to the user running ortop (uid ${uid}); chown it`);
    const mode = st.mode & 0o777;
    if ((mode & 0o077) !== 0) return refuse(`others may read it (mode ${mode.toString(8).padStart(4, '0')}); chmod 600 ${path}`);
    if (st.size > MAX_SECRET_FILE_BYTES) return refuse(`is ${st.size} bytes; a password file holds one line`);
    const buffer = Buffer.alloc(MAX_SECRET_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_SECRET_FILE_BYTES) return refuse('grew past 4 KiB while being read');
    const secret = buffer.subarray(0, bytesRead).toString('utf8').replace(/\r?\n$/, '');
    buffer.fill(0);
    if (secret === '') return refuse('is empty');
    if (/[\r\n]/.test(secret)) return refuse('holds more than one line; put only the password in it');
    return { kind: 'read', secret };
  } finally {
    await handle.close();
  }
}
