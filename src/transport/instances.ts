// Debian's multi-instance layout: `tor-instance-create NAME` runs tor@NAME with its control socket
// at /run/tor-instances/NAME/control. Finds those sockets (only sockets: a file or a FIFO there is
// not a control port). Reads directory listings only; never connects.
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { ControlTarget } from './target.js';

/** Where Debian puts instance directories; ORTOP_TOR_INSTANCES (colon-separated) replaces the list. */
export const TOR_INSTANCE_DIRS: readonly string[] = ['/run/tor-instances', '/var/run/tor-instances'];

export interface TorInstance {
  /** The instance name (the directory's name), used as the relay's display name. */
  readonly name: string;
  readonly target: ControlTarget & { readonly kind: 'unix' };
}

export interface InstanceFs {
  readonly list: (dir: string) => readonly string[];
  /** 'socket', 'directory', 'other', or undefined when missing or unreadable. */
  readonly kind: (path: string) => 'socket' | 'directory' | 'other' | undefined;
  readonly realpath: (path: string) => string;
}

export const realInstanceFs: InstanceFs = {
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
  kind: (path) => {
    try {
      const st = lstatSync(path);
      return st.isSocket() ? 'socket' : st.isDirectory() ? 'directory' : 'other';
    } catch {
      return undefined;
    }
  },
  realpath: (path) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  },
};

/** The instance directories to look in: ORTOP_TOR_INSTANCES when set, else Debian's. */
export function instanceDirs(env: NodeJS.ProcessEnv = process.env): readonly string[] {
  const fromEnv = env.ORTOP_TOR_INSTANCES;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv.split(':').filter((d) => d !== '') : TOR_INSTANCE_DIRS;
}

/** Every NAME/control socket under the given directories, by name; /var/run and /run counted once. */
export function findTorInstances(dirs: readonly string[] = instanceDirs(), fs: InstanceFs = realInstanceFs): TorInstance[] {
  const seen = new Set<string>();
  const found: TorInstance[] = [];
  for (const dir of dirs) {
    for (const name of [...fs.list(dir)].sort()) {
      if (name.startsWith('.') || fs.kind(join(dir, name)) !== 'directory') continue;
      const path = join(dir, name, 'control');
      if (fs.kind(path) !== 'socket') continue;
      const real = fs.realpath(path);
      if (seen.has(real)) continue;
      seen.add(real);
      found.push({ name, target: { kind: 'unix', path } });
    }
  }
  return found;
}
