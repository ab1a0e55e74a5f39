// Which other process holds a socket: a scan of every /proc/PID/fd this user may read, used when
// tor's own fds are unreadable to catch a forward (ssh -L, socat) run by someone ortop can see.
// Processes whose fds are unreadable are skipped silently: absence of a holder is weak evidence.
import { readFdInodes, type SocketFs } from './fd-inodes.js';

export interface SocketHolder {
  readonly pid: number;
  readonly inode: number;
}

/** Processes scanned at once (each reads its whole fd directory). */
const PARALLEL = 8;

/** The first process other than `exceptPid` whose readable fds include one of `inodes`. */
export async function findSocketHolder(fs: SocketFs, inodes: ReadonlySet<number>, exceptPid: number): Promise<SocketHolder | undefined> {
  let names: string[];
  try {
    names = await fs.listDir('/proc');
  } catch {
    return undefined;
  }
  const pids = names.filter((n) => /^\d+$/.test(n)).map(Number).filter((p) => p !== exceptPid);
  for (let i = 0; i < pids.length; i += PARALLEL) {
    const found = await Promise.all(
      pids.slice(i, i + PARALLEL).map(async (pid) => {
        const fds = await readFdInodes(fs, pid);
        if (fds.kind !== 'inodes') return undefined;
        for (const inode of inodes) if (fds.inodes.has(inode)) return { pid, inode };
        return undefined;
      }),
    );
    const holder = found.find((h) => h !== undefined);
    if (holder !== undefined) return holder;
  }
  return undefined;
}
