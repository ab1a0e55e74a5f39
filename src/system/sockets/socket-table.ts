// tor's TCP sockets from the system, for what the control port does not report (client sockets on
// the SOCKS and control ports, exit connections, directory requests). /proc first: the kernel's
// tables filtered by the inodes in /proc/PID/fd; `ss` only when /proc/net/tcp cannot be read. When
// tor's fds are unreadable, only sockets on tor's own listeners can be attributed (by uid + port).
// Never throws: every failure is a typed 'unavailable' answer saying why.
import { readFdInodes, type SocketFs } from './fd-inodes.js';
import { parseProcNetTcp, TCP_LISTEN, type SocketEntry, type SocketFilter } from './proc-net-tcp.js';
import { parseSsOutput, type SsRunner } from './ss-output.js';
import { localPeerCandidates, matchPeerSockets, peerCacheFor, type LocalProcess } from './peer-processes.js';

export type SocketOwnership = 'fd' | 'uid';

export type SocketTable =
  | {
      readonly kind: 'sockets';
      readonly source: 'proc' | 'ss';
      /** 'fd': exactly tor's sockets; 'uid': only sockets on tor's listeners, owned by tor's uid. */
      readonly owner: SocketOwnership;
      readonly sockets: readonly SocketEntry[];
      /** Why the table is partial ('uid' ownership), in words for the panel. */
      readonly limitation: string | undefined;
      /** The local program on the other end of tor's loopback sockets, by tor's socket inode (when found). */
      readonly peers?: ReadonlyMap<number, LocalProcess>;
    }
  | {
      readonly kind: 'unavailable';
      readonly reason: string;
      /** Not a failure: tor is no process on this machine (remote, demo, replay), so nothing here is its. */
      readonly elsewhere?: boolean;
    };

export interface SocketTableRequest {
  /** undefined when tor is not a process on this machine (the session reads nothing of it here). */
  readonly fs: SocketFs | undefined;
  /** tor's pid (GETINFO process/pid); undefined when unknown. */
  readonly pid: number | undefined;
  /** tor's uid (GETINFO process/uid); undefined or -1 when unknown. */
  readonly uid: number | undefined;
  /** True when address:port is one of tor's listeners (net/listeners/*). */
  readonly isTorListener: (address: string, port: number) => boolean;
  /** `ss` fallback; undefined = none. */
  readonly runSs?: SsRunner;
}

function fsErrorText(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'not present';
  return (e as Error).message ?? String(e);
}

interface Tables {
  readonly sockets: SocketEntry[];
  /** The texts, to look again for the other ends of tor's loopback sockets. */
  readonly texts: ReadonlyArray<readonly [4 | 6, string]>;
}

async function readTables(fs: SocketFs, keep: SocketFilter): Promise<Tables | { error: string }> {
  const [v4, v6] = await Promise.allSettled([fs.readText('/proc/net/tcp'), fs.readText('/proc/net/tcp6')]);
  if (v4.status === 'rejected' && v6.status === 'rejected') return { error: `/proc/net/tcp: ${fsErrorText(v4.reason)}` };
  const sockets: SocketEntry[] = [];
  const texts: Array<readonly [4 | 6, string]> = [];
  if (v4.status === 'fulfilled') texts.push([4, v4.value]);
  if (v6.status === 'fulfilled') texts.push([6, v6.value]);
  for (const [family, text] of texts) sockets.push(...parseProcNetTcp(text, family, keep));
  return { sockets, texts };
}

/** Names the local programs behind tor's loopback sockets on its listeners (controllers, SOCKS clients). */
async function findPeers(fs: SocketFs, tables: Tables, torInodes: ReadonlySet<number>, torPid: number, request: SocketTableRequest): Promise<Map<number, LocalProcess>> {
  const peers = new Map<number, LocalProcess>();
  const candidates = localPeerCandidates(tables.sockets, request.isTorListener);
  if (candidates.length === 0) return peers;
  const others: SocketEntry[] = [];
  for (const [family, text] of tables.texts) others.push(...parseProcNetTcp(text, family, (inode, _uid, state) => state !== TCP_LISTEN && !torInodes.has(inode)));
  const peerOf = matchPeerSockets(candidates, others);
  if (peerOf.size === 0) return peers;
  const holders = await peerCacheFor(fs).resolve(fs, peerOf.values(), torPid);
  for (const [torInode, peerInode] of peerOf) {
    const found = holders.get(peerInode);
    if (found !== undefined && found !== null) peers.set(torInode, found);
  }
  return peers;
}

export async function readTorSocketTable(request: SocketTableRequest): Promise<SocketTable> {
  const { fs, pid } = request;
  if (pid === undefined) return { kind: 'unavailable', reason: 'tor did not report its process id (GETINFO process/pid)' };
  if (fs === undefined) return { kind: 'unavailable', reason: 'tor is not a process on this machine', elsewhere: true };
  const fds = await readFdInodes(fs, pid);
  let owner: SocketOwnership;
  let keep: SocketFilter;
  let limitation: string | undefined;
  const uid = request.uid;
  if (fds.kind === 'inodes') {
    owner = 'fd';
    const inodes = fds.inodes;
    keep = (inode, _uid, state) => state !== TCP_LISTEN && inodes.has(inode);
  } else if (uid !== undefined && uid >= 0) {
    owner = 'uid';
    limitation = `tor's file descriptors are not readable (${fds.message}); only sockets on tor's own listeners can be attributed to it`;
    keep = (_inode, sockUid, state) => state !== TCP_LISTEN && sockUid === uid;
  } else {
    return { kind: 'unavailable', reason: `tor's file descriptors are not readable (${fds.message})` };
  }
  let source: 'proc' | 'ss' = 'proc';
  let sockets: SocketEntry[];
  let peers: Map<number, LocalProcess> | undefined;
  const fromProc = await readTables(fs, keep);
  if ('sockets' in fromProc) {
    sockets = fromProc.sockets;
    if (fds.kind === 'inodes') peers = await findPeers(fs, fromProc, fds.inodes, pid, request);
  } else if (request.runSs !== undefined) {
    try {
      sockets = parseSsOutput(await request.runSs(), keep);
      source = 'ss';
    } catch (e) {
      return { kind: 'unavailable', reason: `${fromProc.error}, and ss failed: ${(e as Error).message}` };
    }
  } else {
    return { kind: 'unavailable', reason: fromProc.error };
  }
  if (owner === 'uid') sockets = sockets.filter((s) => request.isTorListener(s.localAddress, s.localPort));
  return { kind: 'sockets', source, owner, sockets, limitation, ...(peers === undefined || peers.size === 0 ? {} : { peers }) };
}
