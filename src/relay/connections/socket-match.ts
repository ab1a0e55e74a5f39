// Joins the system socket table to what tor reports. Sockets on the ORPort, and outbound sockets to
// a relay's ORPort, are OR connections tor already lists: they only lend their endpoints (and, for
// connections open before ortop attached, their direction). The rest become rows tor does not
// report: control and SOCKS clients (by tor's listeners), directory requests (our DirPort, or a
// relay's DirPort) and exits (a destination our exit policy accepts). Nothing is guessed from port
// numbers. Mutates the store in place.
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
    if (c.peerAddress !== undefined && c.peerPort !== undefined) byPeer.set(endpointKey(c.peerAddress, c.peerPort), c);
    if (c.fingerprint !== undefined) {
      const list = byFingerprint.get(c.fingerprint);
      if (list === undefined) byFingerprint.set(c.fingerprint, [c]);
      else list.push(c);
    }
  }
  return { byPeer, byFingerprint, before };
}

/** Marks the OR connections whose socket or direction this reading changed. */
function touchChanged(store: ConnectionStore, index: OrIndex): void {
  for (const [c, was] of index.before) {
    if (c.socket?.inode !== was.inode || c.direction !== was.direction) touch(store, `o:${c.key}`);
  }
}

function claim(index: OrIndex, fingerprints: readonly string[], direction: 'inbound' | 'outbound', socket: SocketEntry): boolean {
  for (const fp of fingerprints) {
    for (const c of index.byFingerprint.get(fp) ?? []) {
      if (c.socket !== undefined || (c.direction !== undefined && c.direction !== direction)) continue;
      if (direction === 'outbound' && c.peerAddress !== undefined) continue;
      c.socket = socket;
      if (c.direction === undefined) {
        c.direction = direction;
        c.directionSource = 'socket';
      }
      return true;
    }
  }
  return false;
}

function categorize(store: ConnectionStore, directory: RelayDirectory, index: OrIndex, s: SocketEntry): RowCategory | 'or' | undefined {
  const our = store.our;
  const kind = listenerAt(our.listeners, s.localAddress, s.localPort);
  if (kind === 'or') {
    const byPeer = index.byPeer.get(endpointKey(s.remoteAddress, s.remotePort));
    if (byPeer !== undefined && byPeer.socket === undefined) {
      byPeer.socket = s;
      if (byPeer.direction === undefined) {
        byPeer.direction = 'inbound';
        byPeer.directionSource = 'socket';
      }
      return 'or';
    }
    return claim(index, directory.atAddress(s.remoteAddress), 'inbound', s) ? 'or' : undefined;
  }
  if (kind === 'dir') return 'directory';
  if (kind === 'control') return 'control';
  if (kind === 'socks') return 'socks';
  const relays = directory.atOrPort(s.remoteAddress, s.remotePort);
  if (relays.length > 0) return claim(index, relays, 'outbound', s) ? 'or' : undefined;
  const outPeer = index.byPeer.get(endpointKey(s.remoteAddress, s.remotePort));
  if (outPeer !== undefined && outPeer.socket === undefined && outPeer.direction === 'outbound') {
    outPeer.socket = s;
    return 'or';
  }
  if (directory.atDirPort(s.remoteAddress, s.remotePort).length > 0) return 'directory';
  if (our.exitPolicy !== undefined && policyAcceptsEndpoint(our.exitPolicy, s.remoteAddress, s.remotePort)) return 'exit';
  return undefined;
}

/** Applies one reading of the socket table (or its absence) at nowMs. */
export function applySocketTable(store: ConnectionStore, table: SocketTable, directory: RelayDirectory, nowMs: number): void {
  const previous = store.socketConns;
  const firstPoll = store.sockets.kind !== 'sockets';
  const index = indexOrConns(store);
  store.socketConns = new Map();
  if (table.kind === 'unavailable') {
    store.sockets = { kind: 'unavailable', reason: table.reason };
    touchAll(store);
    store.version++;
    return;
  }
  if (store.sockets.kind !== 'sockets') touchAll(store);
  let unmatched = 0;
  for (const s of table.sockets) {
    const category = categorize(store, directory, index, s);
    if (category === 'or') continue;
    if (category === undefined) {
      unmatched++;
      continue;
    }
    const old = previous.get(s.inode);
    const same = old !== undefined && old.socket.remotePort === s.remotePort && old.socket.remoteAddress === s.remoteAddress;
    const row: SocketConn = same ? { ...old, socket: s, category } : { socket: s, category, sinceMs: nowMs, seenOpening: !firstPoll };
    if (!same || old.category !== category) touch(store, `k:${s.inode}`);
    putCapped(store.socketConns, s.inode, row, store.limits.sockets);
  }
  for (const inode of previous.keys()) if (!store.socketConns.has(inode)) touch(store, `k:${inode}`);
  touchChanged(store, index);
  store.sockets = { kind: 'sockets', source: table.source, owner: table.owner, limitation: table.limitation, atMs: nowMs, unmatched };
  store.version++;
}
