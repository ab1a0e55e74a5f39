// Which local program is on the other end of tor's loopback sockets (a controller on the control
// port, a SOCKS client): the peer's own socket from /proc/net/tcp, the process whose fds hold it,
// and its name ("nyx", "ortop") from /proc/PID/comm and cmdline. Lookups are remembered per socket
// (found or not), so a busy machine is scanned once per new peer, not once per reading.
import type { SocketFs } from './fd-inodes.js';
import { readFdInodes } from './fd-inodes.js';
import { TCP_LISTEN, type SocketEntry } from './proc-net-tcp.js';

export interface LocalProcess {
  readonly pid: number;
  /** "nyx", "ortop", "curl": the program, not its interpreter. */
  readonly name: string;
}

/** Processes scanned at once (each reads its whole fd directory). */
const PARALLEL = 8;
/** Peer sockets remembered (found or not); the oldest are forgotten first. */
const CACHE_CAP = 512;

const isLoopback = (address: string): boolean => address.startsWith('127.') || address === '::1';

/** Interpreters whose script, not themselves, names the program ("python3 /usr/bin/nyx" is nyx). */
const INTERPRETER = /^(python[\d.]*|node(js)?|perl[\d.]*|ruby[\d.]*|sh|bash|dash|java)$/;
/** Interpreter options that take the next argument as their value. */
const OPTION_WITH_VALUE = new Set(['-r', '--require', '--import', '--loader', '-m', '-c', '-e']);

/** Entry scripts named for their role, not their program ("…/ortop/dist/cli.js" is ortop). */
const GENERIC_SCRIPT = /^(cli|index|main|__main__|run|start)$/;
const BUILD_DIRS = new Set(['dist', 'src', 'bin', 'lib', 'build', 'out']);

function scriptProgram(path: string): string {
  const parts = path.split('/').filter((p) => p !== '');
  const script = (parts.pop() ?? '').replace(/\.(py|js|mjs|cjs|ts|pl|rb|sh)$/, '');
  if (!GENERIC_SCRIPT.test(script)) return script;
  while (parts.length > 0 && BUILD_DIRS.has(parts[parts.length - 1]!)) parts.pop();
  return parts.pop() ?? script;
}

/**
 * The program's name from /proc/PID/comm and cmdline:
 *   comm "python3", cmdline "/usr/bin/python3\0/usr/bin/nyx\0" → "nyx"
 *   comm "node", cmdline "node\0/usr/local/bin/ortop\0-i\09051\0" → "ortop"
 *   comm "node", cmdline "node\0/usr/lib/node_modules/ortop/dist/cli.js\0" → "ortop"
 *   comm "curl" → "curl"
 */
export function programName(comm: string, cmdline: string, cwd = ''): string {
  const name = comm.trim();
  if (!INTERPRETER.test(name)) return name;
  const args = cmdline.split('\0').slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '') continue;
    if (arg.startsWith('-')) {
      if (arg === '-m' || arg === '-c' || arg === '-e') return name;
      if (OPTION_WITH_VALUE.has(arg)) i++;
      continue;
    }
    const script = scriptProgram(arg.startsWith('/') || cwd === '' ? arg : `${cwd}/${arg}`);
    return script === '' ? name : script;
  }
  return name;
}

/** Tor's sockets whose peer is a local program: on a tor listener, to a loopback address. */
export function localPeerCandidates(sockets: readonly SocketEntry[], isTorListener: (address: string, port: number) => boolean): SocketEntry[] {
  return sockets.filter((s) => isLoopback(s.remoteAddress) && isTorListener(s.localAddress, s.localPort));
}

/** For each of tor's sockets, the inode of the other end (the same connection seen from the peer). */
export function matchPeerSockets(torSockets: readonly SocketEntry[], others: readonly SocketEntry[]): Map<number, number> {
  const byEnds = new Map<string, number>();
  for (const o of others) if (o.state !== TCP_LISTEN) byEnds.set(`${o.localAddress}|${o.localPort}|${o.remoteAddress}|${o.remotePort}`, o.inode);
  const out = new Map<number, number>();
  for (const t of torSockets) {
    const peer = byEnds.get(`${t.remoteAddress}|${t.remotePort}|${t.localAddress}|${t.localPort}`);
    if (peer !== undefined && peer > 0) out.set(t.inode, peer);
  }
  return out;
}

/** Remembers which process holds which peer socket; one per SocketFs (see peerCacheFor). */
export class PeerProcessCache {
  private readonly known = new Map<number, LocalProcess | null>();

  /** The processes holding `peerInodes` (one scan of /proc for all that are new); null when not found. */
  async resolve(fs: SocketFs, peerInodes: Iterable<number>, exceptPid: number): Promise<Map<number, LocalProcess | null>> {
    const wanted = [...peerInodes];
    const missing = new Set(wanted.filter((i) => !this.known.has(i)));
    if (missing.size > 0) {
      const holders = await findHolders(fs, missing, exceptPid);
      for (const inode of missing) this.remember(inode, null);
      await Promise.all(
        [...holders].map(async ([inode, pid]) => {
          const [comm, cmdline, cwd] = await Promise.all([
            fs.readText(`/proc/${pid}/comm`).catch(() => ''),
            fs.readText(`/proc/${pid}/cmdline`).catch(() => ''),
            fs.readLink(`/proc/${pid}/cwd`).catch(() => ''),
          ]);
          const name = programName(comm, cmdline, cwd);
          this.remember(inode, name === '' ? null : { pid, name });
        }),
      );
    }
    const out = new Map<number, LocalProcess | null>();
    for (const inode of wanted) out.set(inode, this.known.get(inode) ?? null);
    return out;
  }

  private remember(inode: number, value: LocalProcess | null): void {
    this.known.delete(inode);
    this.known.set(inode, value);
    while (this.known.size > CACHE_CAP) this.known.delete(this.known.keys().next().value!);
  }
}

/** Every process (but exceptPid) whose readable fds hold one of `inodes`; stops once all are found. */
async function findHolders(fs: SocketFs, inodes: ReadonlySet<number>, exceptPid: number): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  let names: string[];
  try {
    names = await fs.listDir('/proc');
  } catch {
    return found;
  }
  const pids = names.filter((n) => /^\d+$/.test(n)).map(Number).filter((p) => p !== exceptPid);
  for (let i = 0; i < pids.length && found.size < inodes.size; i += PARALLEL) {
    await Promise.all(
      pids.slice(i, i + PARALLEL).map(async (pid) => {
        const fds = await readFdInodes(fs, pid);
        if (fds.kind !== 'inodes') return;
        for (const inode of inodes) if (fds.inodes.has(inode) && !found.has(inode)) found.set(inode, pid);
      }),
    );
  }
  return found;
}

/**
 * The cache that belongs to one SocketFs: the answers are facts about that machine, so every relay
 * read through the same fs shares them. Held weakly: a test's fake fs takes its cache with it.
 */
const caches = new WeakMap<SocketFs, PeerProcessCache>();
export function peerCacheFor(fs: SocketFs): PeerProcessCache {
  let cache = caches.get(fs);
  if (cache === undefined) caches.set(fs, (cache = new PeerProcessCache()));
  return cache;
}
