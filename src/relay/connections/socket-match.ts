// Joins the system socket table to what tor reports. Sockets on the ORPort, and outbound sockets to
// a relay's ORPort, are OR connections tor already lists: they only lend their endpoints (and, for
// connections open before ortop attached, their direction). The rest become rows tor does not
// report: control and SOCKS clients (by tor's listeners), directory requests (our DirPort, or a
// relay's DirPort) and exits (a destination our exit policy accepts). Nothing is guessed from port
// numbers, and several relays behind one address (Nyx #9) never get each other's sockets:
//   1. exact: the socket's remote endpoint is the peer address tor named, or a relay's ORPort;
//   2. an inbound socket whose address belongs to exactly one relay;
//   3. with the complete table (fd ownership), a connection of unknown direction with no socket to
//      its relay's ORPort but an unclaimed one from its address is inbound (by elimination; its
//      exact socket stays unknown when relays share the address).
// Mutates the store in place.
import type { SocketEntry, SocketTable } from '../../system/sockets/index.js';
import { policyAcceptsEndpoint } from './exit-match.js';
import { listenerAt } from './listeners.js';
import { endpointKey, type RelayDirectory } from './relay-directory.js';
import { putCapped, touch, touchAll, type ConnectionStore, type OrConn, type SocketConn } from './types.js';

type RowCategory = SocketConn['category'];

interface OrIndex {
  readonly byPeer: Map<string, OrConn>;
  readonly byFingerprint: Map<string, OrConn[]>;
  /** What each connection had before this reading (to mark only the ones that changed). */
  readonly before: Map<OrConn, { inode: number | undefined; direction: string | undefined }>;
}

function indexOrConns(store: ConnectionStore): OrIndex {
  const byPeer = new Map<string, OrConn>();
  const byFingerprint = new Map<string, OrConn[]>();
  const before = new Map<OrConn, { inode: number | undefined; direction: string | undefined }>();
  for (const c of store.orConns.values()) {
    before.set(c, { inode: c.socket?.inode, direction: c.direction });
    c.socket = undefined;
    if (c.directionSource === 'socket' || c.directionSource === 'elimination') {
      c.direction = undefined;
      c.directionSource = undefined;
    }
    if (c.peerAddress !== undefined && c.peerPort !== undefined) byPeer.set(endpointKey(c.peerAddress, c.peerPort), c);
    if (c.fingerprint !== undefined) {
      const list = byFingerprint.get(c.fingerprint);
      if (list === undefined) byFingerprint.set(c.fingerprint, [c]);
      else list.push(c);
    }
  }
  return { byPeer, byFingerprint, before };
}

function attach(c: OrConn, s: SocketEntry | undefined, direction: 'inbound' | 'outbound', source: 'socket' | 'elimination'): void {
  c.socket = s;
  if (c.direction === undefined) {
    c.direction = direction;
    c.directionSource = source;
  }
}

/** An unclaimed connection of one of these relays that may have this direction. */
function candidate(index: OrIndex, fingerprints: readonly string[], direction: 'inbound' | 'outbound'): OrConn | undefined {
  for (const fp of fingerprints) {
    for (const c of index.byFingerprint.get(fp) ?? []) {
      if (c.socket !== undefined || (c.direction !== undefined && c.direction !== direction)) continue;
      if (direction === 'outbound' && c.peerAddress !== undefined) continue;
      return c;
    }
  }
  return undefined;
}

/** Marks the OR connections whose socket or direction this reading changed. */
function touchChanged(store: ConnectionStore, index: OrIndex): void {
  for (const [c, was] of index.before) {
    if (c.socket?.inode !== was.inode || c.direction !== was.direction) touch(store, `o:${c.key}`);
  }
}

interface Sorted {
  rows: Array<[SocketEntry, RowCategory]>;
  /** Inbound sockets on our ORPort not yet tied to a connection. */
  orInbound: SocketEntry[];
  /** Outbound sockets matching nothing tor reports and no category. */
  unmatched: number;
}

/** Pass 1: rows by listener, exact OR matches, everything else by exit policy or DirPort. */
function sortSockets(store: ConnectionStore, directory: RelayDirectory, index: OrIndex, sockets: readonly SocketEntry[]): Sorted {
  const out: Sorted = { rows: [], orInbound: [], unmatched: 0 };
  const our = store.our;
  for (const s of sockets) {
    const byPeer = index.byPeer.get(endpointKey(s.remoteAddress, s.remotePort));
    const kind = listenerAt(our.listeners, s.localAddress, s.localPort);
    if (kind === 'or') {
      if (byPeer !== undefined && byPeer.socket === undefined) attach(byPeer, s, 'inbound', 'socket');
      else out.orInbound.push(s);
      continue;
    }
    if (kind === 'dir' || kind === 'control' || kind === 'socks') {
      out.rows.push([s, kind === 'dir' ? 'directory' : kind]);
      continue;
    }
    if (byPeer !== undefined && byPeer.socket === undefined && byPeer.direction === 'outbound') {
      byPeer.socket = s;
      continue;
    }
    const relays = directory.atOrPort(s.remoteAddress, s.remotePort);
    if (relays.length > 0) {
      const c = candidate(index, relays, 'outbound');
      if (c !== undefined) attach(c, s, 'outbound', 'socket');
      else out.unmatched++;
      continue;
    }
    if (directory.atDirPort(s.remoteAddress, s.remotePort).length > 0) out.rows.push([s, 'directory']);
    else if (our.exitPolicy !== undefined && policyAcceptsEndpoint(our.exitPolicy, s.remoteAddress, s.remotePort)) out.rows.push([s, 'exit']);
    else out.unmatched++;
  }
  return out;
}

/** Passes 2 and 3: inbound sockets by unambiguous address, then inbound by elimination. */
function matchInbound(directory: RelayDirectory, index: OrIndex, orInbound: readonly SocketEntry[], complete: boolean): number {
  const leftByAddress = new Map<string, number>();
  for (const s of orInbound) {
    const fps = directory.atAddress(s.remoteAddress);
    const c = fps.length === 1 ? candidate(index, fps, 'inbound') : undefined;
    if (c !== undefined) attach(c, s, 'inbound', 'socket');
    else leftByAddress.set(s.remoteAddress.toLowerCase(), (leftByAddress.get(s.remoteAddress.toLowerCase()) ?? 0) + 1);
  }
  if (!complete) return [...leftByAddress.values()].reduce((a, b) => a + b, 0);
  for (const conns of index.byFingerprint.values()) {
    for (const c of conns) {
      if (c.socket !== undefined || c.direction !== undefined) continue;
      const relay = directory.get(c.fingerprint!);
      const address = relay?.address.toLowerCase();
      const left = address === undefined ? 0 : (leftByAddress.get(address) ?? 0);
      if (left === 0) continue;
      leftByAddress.set(address!, left - 1);
      attach(c, undefined, 'inbound', 'elimination');
    }
  }
  return [...leftByAddress.values()].reduce((a, b) => a + b, 0);
}

/** Applies one reading of the socket table (or its absence) at nowMs. */
export function applySocketTable(store: ConnectionStore, table: SocketTable, directory: RelayDirectory, nowMs: number): void {
  const previous = store.socketConns;
  const firstPoll = store.sockets.kind !== 'sockets';
  const index = indexOrConns(store);
  store.socketConns = new Map();
  if (table.kind === 'unavailable') {
    store.sockets = table.elsewhere === true ? { kind: 'unavailable', reason: table.reason, elsewhere: true } : { kind: 'unavailable', reason: table.reason };
    touchAll(store);
    store.version++;
    return;
  }
  if (firstPoll) touchAll(store);
  const sorted = sortSockets(store, directory, index, table.sockets);
  const unmatchedInbound = matchInbound(directory, index, sorted.orInbound, table.owner === 'fd');
  for (const [s, category] of sorted.rows) {
    const old = previous.get(s.inode);
    const same = old !== undefined && old.socket.remotePort === s.remotePort && old.socket.remoteAddress === s.remoteAddress;
    const base: SocketConn = same ? { ...old, socket: s, category } : { socket: s, category, sinceMs: nowMs, seenOpening: !firstPoll };
    const peer = table.peers?.get(s.inode) ?? (same ? old.peer : undefined);
    const row: SocketConn = peer === undefined ? base : { ...base, peer };
    if (!same || old.category !== category || old.peer !== peer) touch(store, `k:${s.inode}`);
    putCapped(store.socketConns, s.inode, row, store.limits.sockets);
  }
  for (const inode of previous.keys()) if (!store.socketConns.has(inode)) touch(store, `k:${inode}`);
  touchChanged(store, index);
  const unmatched = sorted.unmatched + unmatchedInbound;
  store.sockets = { kind: 'sockets', source: table.source, owner: table.owner, limitation: table.limitation, atMs: nowMs, unmatched };
  store.version++;
}
