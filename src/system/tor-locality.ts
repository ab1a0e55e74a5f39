// Decides from evidence whether the tor behind a control connection is a process on this machine:
// the pid tor reports exists here, is tor, and holds the socket ortop is connected to. Never from the
// address: 127.0.0.1 may be another PID namespace (a container) or an ssh forward. A wrong "local"
// shows another process as tor, so every doubt answers "remote", with the reason in an operator's
// words. Reads only through the injected LocalityFs; never throws.
//
// The rule (see decideTorLocality): remote when forced, when the pid is absent, not tor, or does not
// hold the socket. With tor's fds readable: local iff one of them is the other end of ortop's TCP
// connection (its exact 4-tuple in /proc/net/tcp{,6}; the listener at ortop's peer address:port if
// that end is not listed) or the one listening unix socket bound to the path. fds unreadable (tor's
// DisableDebuggerAttachment, another user): local only if ALL of: /proc/PID/status runs as the uid
// tor reports; that socket's owner (uid column / socket file) is tor's uid; tor itself lists the
// connected address among its control listeners; and no process whose fds ortop can read holds it.
import { readFile, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { TransportEndpoint } from '../transport/transport.js';
import { readFdInodes, type SocketFs } from './sockets/fd-inodes.js';
import { parseProcNetTcp, TCP_LISTEN, type SocketEntry } from './sockets/proc-net-tcp.js';
import { parseProcNetUnix } from './sockets/proc-net-unix.js';
import { findSocketHolder } from './sockets/socket-holders.js';

/** SocketFs plus the two file questions of the unix-socket rule. */
export interface LocalityFs extends SocketFs {
  /** The owner uid of a file (stat, following links). */
  ownerUid(path: string): Promise<number>;
  realPath(path: string): Promise<string>;
}

export const realLocalityFs: LocalityFs = {
  readText: (path) => readFile(path, 'utf8'),
  listDir: (path) => readdir(path),
  readLink: (path) => readlink(path),
  ownerUid: async (path) => (await stat(path)).uid,
  realPath: (path) => realpath(path),
};

export interface TorLocalityInput {
  /** GETINFO process/pid (per connection: a reconnect may reach another tor). */
  readonly pid: number | undefined;
  /** GETINFO process/uid; used only when tor's fds are unreadable. */
  readonly uid: number | undefined;
  /** GETINFO net/listeners/control as items ("127.0.0.1:9051", "unix:/run/tor/control"); undefined when unanswered. */
  readonly controlListeners: readonly string[] | undefined;
  /** The control connection's ends (Transport.endpoint). */
  readonly endpoint: TransportEndpoint | undefined;
  /** --remote: nothing about tor is read from this machine. */
  readonly forceRemote?: boolean;
}

export type TorLocality =
  | { readonly local: true; readonly pid: number; readonly basis: 'fd' | 'uid'; readonly evidence: string }
  | { readonly local: false; readonly reason: string };

const ELSEWHERE = 'tor runs in another PID namespace (a container) or on another machine';
const FORWARD = 'a forward or proxy (e.g. ssh -L), or another tor';

const remote = (reason: string): TorLocality => ({ local: false, reason });

export async function decideTorLocality(input: TorLocalityInput, fs: LocalityFs = realLocalityFs): Promise<TorLocality> {
  try {
    return await decide(input, fs);
  } catch (e) {
    return remote(`could not check whether tor runs on this machine: ${(e as Error).message}`);
  }
}

async function decide(input: TorLocalityInput, fs: LocalityFs): Promise<TorLocality> {
  if (input.forceRemote === true) return remote('treated as remote (--remote): nothing about tor is read from this machine');
  const pid = input.pid;
  if (pid === undefined || !Number.isInteger(pid) || pid <= 0) return remote('tor did not report its process id (GETINFO process/pid)');
  if (input.endpoint === undefined) return remote('the control connection is not a socket ortop can look up on this machine');
  const identity = await identifyProcess(fs, pid);
  if (identity.kind === 'absent') return remote(`there is no process ${pid} here: ${ELSEWHERE}`);
  if (identity.kind === 'other') return remote(`pid ${pid} here is ${identity.name}, not tor: ${ELSEWHERE}`);
  if (identity.kind === 'unknown') return remote(`cannot tell what process ${pid} is (${identity.why})`);
  const socket = await findConnectedSocket(fs, input.endpoint);
  if (socket.kind === 'missing') return remote(socket.reason);
  const fds = await readFdInodes(fs, pid);
  if (fds.kind === 'inodes') {
    const held = [...socket.inodes].find((inode) => fds.inodes.has(inode));
    if (held !== undefined) {
      return { local: true, pid, basis: 'fd', evidence: `pid ${pid} is tor (${identity.words}) and holds ${socket.what} (socket:[${held}] in /proc/${pid}/fd)` };
    }
    return remote(`the control port ortop is connected to (${socket.where}) is not tor's own socket: pid ${pid} (tor) does not hold ${socket.what}; ${FORWARD}`);
  }
  return decideByUid(input, fs, pid, identity.words, socket, fds.message);
}

/** The weaker rule, for when /proc/PID/fd cannot be read: every check must pass. */
async function decideByUid(input: TorLocalityInput, fs: LocalityFs, pid: number, torWords: string, socket: ConnectedSocket, fdProblem: string): Promise<TorLocality> {
  const unreadable = `tor's file descriptors are not readable (${fdProblem})`;
  const uid = input.uid;
  if (uid === undefined || !Number.isInteger(uid) || uid < 0) return remote(`${unreadable}, and tor did not report its user id (GETINFO process/uid)`);
  const statusUid = await fs.readText(`/proc/${pid}/status`).then(parseRealUid, () => undefined);
  if (statusUid === undefined) return remote(`${unreadable}, and /proc/${pid}/status cannot be read`);
  if (statusUid !== uid) return remote(`pid ${pid} here runs as uid ${statusUid}, but tor says it runs as uid ${uid}: not the same process; ${ELSEWHERE}`);
  if (!socket.uidRuleApplies || socket.ownerUids === undefined) return remote(`${unreadable}, and the owner of ${socket.what} cannot be found`);
  const foreign = socket.ownerUids.find((u) => u !== uid);
  if (foreign !== undefined) return remote(`the control port ortop is connected to (${socket.where}) belongs to uid ${foreign}, not to tor's uid ${uid}: ${FORWARD}`);
  const listeners = input.controlListeners;
  if (listeners === undefined) return remote(`${unreadable}, and tor did not list its control listeners (GETINFO net/listeners/control)`);
  if (!(await listedByTor(fs, listeners, socket))) {
    return remote(`tor's control listeners are ${listeners.join(', ') || 'none'}, but ortop is connected to ${socket.where}: ${FORWARD}`);
  }
  const holder = await findSocketHolder(fs, socket.inodes, pid);
  if (holder !== undefined) {
    const comm = await fs.readText(`/proc/${holder.pid}/comm`).then((t) => ` (${t.trim()})`, () => '');
    return remote(`the control port ortop is connected to (${socket.where}) is held by pid ${holder.pid}${comm}, not by tor: ${FORWARD}`);
  }
  return {
    local: true,
    pid,
    basis: 'uid',
    evidence:
      `pid ${pid} is tor (${torWords}); ${unreadable}, so by weaker evidence: ${socket.what} belongs to tor's uid ${uid}, ` +
      `tor lists it among its control listeners, and no process whose fds ortop can read holds it`,
  };
}

type Identity =
  | { readonly kind: 'tor'; readonly words: string }
  | { readonly kind: 'other'; readonly name: string }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown'; readonly why: string };

/** /proc/PID/exe (basename "tor"), or /proc/PID/comm when exe is not readable (another user, non-dumpable tor). */
async function identifyProcess(fs: LocalityFs, pid: number): Promise<Identity> {
  let exeError: unknown;
  try {
    const exe = (await fs.readLink(`/proc/${pid}/exe`)).replace(/ \(deleted\)$/, '');
    const name = posix.basename(exe);
    return name === 'tor' ? { kind: 'tor', words: `/proc/${pid}/exe is ${exe}` } : { kind: 'other', name: `${name} (/proc/${pid}/exe is ${exe})` };
  } catch (e) {
    exeError = e;
  }
  let comm: string;
  try {
    comm = (await fs.readText(`/proc/${pid}/comm`)).replace(/\n$/, '');
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return { kind: 'absent' };
    return { kind: 'unknown', why: `/proc/${pid}/exe and /proc/${pid}/comm: ${describeError(e)}` };
  }
  // No executable but a name: a kernel thread, or a process that has exited (a zombie cannot answer).
  if (codeOf(exeError) === 'ENOENT') return { kind: 'other', name: `${comm} (no executable: a kernel thread or an exited process)` };
  if (comm !== 'tor') return { kind: 'other', name: `${comm} (/proc/${pid}/comm)` };
  return { kind: 'tor', words: `/proc/${pid}/comm is tor; /proc/${pid}/exe: ${describeError(exeError)}` };
}

interface ConnectedSocket {
  readonly kind: 'found';
  /** "127.0.0.1:9051" or "/run/tor/control". */
  readonly where: string;
  /** "the other end of ortop's connection to 127.0.0.1:9051", "the listening socket at /run/tor/control". */
  readonly what: string;
  /** tor must hold one of these. */
  readonly inodes: ReadonlySet<number>;
  /** Owners of those sockets by the kernel's table (TCP) or of the socket file (unix); undefined = unknown. */
  readonly ownerUids: readonly number[] | undefined;
  /** Whether the uid rule may rely on this socket: the exact other end (TCP) or the one listener at the path (unix). */
  readonly uidRuleApplies: boolean;
  /** The unix path's spellings (as given, absolute, real path), for comparing with tor's own listener list. */
  readonly paths: ReadonlySet<string>;
  readonly endpoint: TransportEndpoint;
}

type SocketLookup = ConnectedSocket | { readonly kind: 'missing'; readonly reason: string };

function findConnectedSocket(fs: LocalityFs, endpoint: TransportEndpoint): Promise<SocketLookup> {
  return endpoint.kind === 'tcp' ? findTcpSocket(fs, endpoint) : findUnixSocket(fs, endpoint);
}

async function findTcpSocket(fs: LocalityFs, endpoint: Extract<TransportEndpoint, { kind: 'tcp' }>): Promise<SocketLookup> {
  const peer = normalizeAddress(endpoint.remoteAddress);
  const own = normalizeAddress(endpoint.localAddress);
  const where = peer.includes(':') ? `[${peer}]:${endpoint.remotePort}` : `${peer}:${endpoint.remotePort}`;
  const [v4, v6] = await Promise.allSettled([fs.readText('/proc/net/tcp'), fs.readText('/proc/net/tcp6')]);
  if (v4.status === 'rejected' && v6.status === 'rejected') return { kind: 'missing', reason: `cannot read this machine's socket table (/proc/net/tcp: ${describeError(v4.reason)})` };
  const keep = (_inode: number, _uid: number, state: number) => state === 1 || state === TCP_LISTEN;
  const sockets: SocketEntry[] = [];
  if (v4.status === 'fulfilled') sockets.push(...parseProcNetTcp(v4.value, 4, keep));
  if (v6.status === 'fulfilled') sockets.push(...parseProcNetTcp(v6.value, 6, keep));
  const base = { kind: 'found', where, paths: new Set<string>(), endpoint } as const;
  const otherEnd = sockets.find(
    (s) => s.state === 1 && s.localPort === endpoint.remotePort && s.remotePort === endpoint.localPort && s.localAddress === peer && s.remoteAddress === own,
  );
  const listeners = sockets.filter((s) => s.state === TCP_LISTEN && s.localPort === endpoint.remotePort && (s.localAddress === peer || WILDCARDS.has(s.localAddress)));
  if (otherEnd !== undefined) {
    return { ...base, what: `the other end of ortop's connection to ${where}`, inodes: new Set([otherEnd.inode]), ownerUids: [otherEnd.uid, ...listeners.map((s) => s.uid)], uidRuleApplies: true };
  }
  if (listeners.length > 0) return { ...base, what: `the listening socket at ${where}`, inodes: new Set(listeners.map((s) => s.inode)), ownerUids: listeners.map((s) => s.uid), uidRuleApplies: false };
  return { kind: 'missing', reason: `nothing on this machine listens on ${where} (address translation, or another network namespace): tor's socket cannot be found here` };
}

async function findUnixSocket(fs: LocalityFs, endpoint: Extract<TransportEndpoint, { kind: 'unix' }>): Promise<SocketLookup> {
  const paths = await spellings(fs, endpoint.path);
  let text: string;
  try {
    text = await fs.readText('/proc/net/unix');
  } catch (e) {
    return { kind: 'missing', reason: `cannot read this machine's unix socket table (/proc/net/unix: ${describeError(e)})` };
  }
  const bound = parseProcNetUnix(text).filter((s) => s.listening && paths.has(s.path));
  const where = endpoint.path;
  if (bound.length === 0) return { kind: 'missing', reason: `no listening socket is bound to ${where} in this machine's socket table (a socket shared from a container or another network namespace)` };
  if (bound.length > 1) return { kind: 'missing', reason: `${bound.length} listening sockets are bound to ${where}; ortop cannot tell which one it reached` };
  const owner = await fs.ownerUid(endpoint.path).catch(() => undefined);
  return { kind: 'found', where, what: `the listening socket at ${where}`, inodes: new Set([bound[0]!.inode]), ownerUids: owner === undefined ? undefined : [owner], uidRuleApplies: true, paths, endpoint };
}

/** Does tor's own listener list (net/listeners/control) include the address ortop is connected to? */
async function listedByTor(fs: LocalityFs, listeners: readonly string[], socket: ConnectedSocket): Promise<boolean> {
  const endpoint = socket.endpoint;
  for (const item of listeners) {
    if (endpoint.kind === 'unix') {
      if (!item.startsWith('unix:')) continue;
      const theirs = await spellings(fs, item.slice(5));
      if ([...theirs].some((p) => socket.paths.has(p))) return true;
      continue;
    }
    const colon = item.lastIndexOf(':');
    if (colon <= 0 || item.startsWith('unix:')) continue;
    const host = normalizeAddress(item.slice(0, colon));
    if (Number(item.slice(colon + 1)) === endpoint.remotePort && (host === normalizeAddress(endpoint.remoteAddress) || WILDCARDS.has(host))) return true;
  }
  return false;
}

const WILDCARDS: ReadonlySet<string> = new Set(['0.0.0.0', '::']);

/** "[::1]", "::FFFF:127.0.0.1", "fe80::1%eth0" → "::1", "127.0.0.1", "fe80::1": as /proc/net/tcp decodes them. */
export function normalizeAddress(address: string): string {
  let a = address.trim().toLowerCase();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return mapped === null ? a : mapped[1]!;
}

/** A path as given, made absolute, and resolved through symlinks (when it resolves). */
async function spellings(fs: LocalityFs, path: string): Promise<Set<string>> {
  const out = new Set([path, posix.resolve(path)]);
  const real = await fs.realPath(path).catch(() => undefined);
  if (real !== undefined) out.add(real);
  return out;
}

/** The real uid ("Uid:\treal\teffective\tsaved\tfs") of a /proc/PID/status text. */
export function parseRealUid(text: string): number | undefined {
  const m = /^Uid:\s*(\d+)/m.exec(text);
  return m === null ? undefined : Number(m[1]);
}

function codeOf(e: unknown): string | undefined {
  return (e as { code?: string } | undefined)?.code;
}

function describeError(e: unknown): string {
  const code = codeOf(e);
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'not present';
  return (e as Error | undefined)?.message ?? String(e);
}
