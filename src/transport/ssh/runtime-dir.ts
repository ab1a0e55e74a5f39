// ortop's private runtime directory for ssh's local sockets: $XDG_RUNTIME_DIR/ortop (0700, ours,
// not a link), else a fresh mkdtemp under the system temp dir (removed when ortop ends). Nothing
// else of the user's is touched; a directory that is not private is refused, never loosened.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RuntimeDir {
  readonly path: string;
  /** Removes the directory when ortop made it for this run only (mkdtemp); never $XDG_RUNTIME_DIR/ortop. */
  readonly dispose: () => void;
}

/** Unix socket paths must fit sun_path (108 bytes with the NUL); ssh's ControlPath adds a 17-byte suffix while binding. */
const MAX_DIR_CHARS = 60;

export function openRuntimeDir(env: NodeJS.ProcessEnv = process.env): RuntimeDir {
  const xdg = env.XDG_RUNTIME_DIR;
  if (xdg !== undefined && xdg.startsWith('/') && xdg.length < MAX_DIR_CHARS) {
    const path = join(xdg, 'ortop');
    try {
      mkdirSync(path, { mode: 0o700 });
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') return temporaryDir();
    }
    const st = lstatSync(path);
    const uid = process.getuid?.();
    if (st.isDirectory() && !st.isSymbolicLink() && (uid === undefined || st.uid === uid)) {
      if ((st.mode & 0o077) !== 0) chmodSync(path, 0o700);
      return { path, dispose: () => {} };
    }
    return temporaryDir();
  }
  return temporaryDir();
}

function temporaryDir(): RuntimeDir {
  const base = tmpdir().length < MAX_DIR_CHARS ? tmpdir() : '/tmp';
  const path = mkdtempSync(join(base, 'ortop-ssh-'));
  chmodSync(path, 0o700);
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}
