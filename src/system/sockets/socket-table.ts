// tor's TCP sockets from the system, for what the control port does not report (client sockets on
// the SOCKS and control ports, exit connections, directory requests). /proc first: the kernel's
// tables filtered by the inodes in /proc/PID/fd; `ss` only when /proc/net/tcp cannot be read. When
// tor's fds are unreadable, only sockets on tor's own listeners can be attributed (by uid + port).
// Never throws: every failure is a typed 'unavailable' answer saying why.
import { readFdInodes, type SocketFs } from './fd-inodes.js';
import { parseProcNetTcp, TCP_LISTEN, type SocketEntry, type SocketFilter } from './proc-net-tcp.js';
import { parseSsOutput, type SsRunner } from './ss-output.js';

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
    }
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface SocketTableRequest {
  /** undefined when /proc links cannot be read at all (no readlink). */
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

async function readTables(fs: SocketFs, keep: SocketFilter): Promise<{ sockets: SocketEntry[] } | { error: string }> {
  const [v4, v6] = await Promise.allSettled([fs.readText('/proc/net/tcp'), fs.readText('/proc/net/tcp6')]);
  if (v4.status === 'rejected' && v6.status === 'rejected') return { error: `/proc/net/tcp: ${fsErrorText(v4.reason)}` };
  const sockets: SocketEntry[] = [];
  if (v4.status === 'fulfilled') sockets.push(...parseProcNetTcp(v4.value, 4, keep));
  if (v6.status === 'fulfilled') sockets.push(...parseProcNetTcp(v6.value, 6, keep));
  return { sockets };
}

export async function readTorSocketTable(request: SocketTableRequest): Promise<SocketTable> {
  const { fs, pid } = request;
  if (pid === undefined) return { kind: 'unavailable', reason: 'tor did not report its process id (GETINFO process/pid)' };
  if (fs === undefined) return { kind: 'unavailable', reason: 'this build cannot read /proc links' };
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
  const fromProc = await readTables(fs, keep);
  if ('sockets' in fromProc) {
    sockets = fromProc.sockets;
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
  return { kind: 'sockets', source, owner, sockets, limitation };
}
