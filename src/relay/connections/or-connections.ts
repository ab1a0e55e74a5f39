// OR connections from tor: ORCONN events (keyed by ConnID) and GETINFO orconn-status (no IDs, so
// reconciled by peer name), plus CONN_BW byte counts. Direction comes from tor's own words: NEW is
// an accepted connection, LAUNCHED one we opened (connection_init_accepted_conn / connection_or_connect
// in tor); orconn-status names an unidentified peer by address only when it connected to us.
// Mutates the store in place; never reads the clock.
import { byteStringFromUtf8 } from '../../protocol/bytes.js';
import { ProtocolError } from '../../protocol/errors.js';
import { parseOrConnArgs, type ConnBwEvent, type OrConnEvent } from '../../protocol/events/index.js';
import { putCapped, touch, type ConnectionStore, type OrConn } from './types.js';

/** The peer as one key: the fingerprint once known, else "address:port". */
export function orConnName(c: Pick<OrConn, 'fingerprint' | 'peerAddress' | 'peerPort'>): string {
  return c.fingerprint ?? `${c.peerAddress ?? '?'}:${c.peerPort ?? '?'}`;
}

function nameOfEvent(ev: OrConnEvent): string {
  return ev.fingerprint?.toUpperCase() ?? `${ev.address ?? '?'}:${ev.port ?? '?'}`;
}

const isGone = (status: string) => status === 'CLOSED' || status === 'FAILED';

function newOrConn(key: string, ev: OrConnEvent, nowMs: number, exactAge: boolean): OrConn {
  return {
    key,
    id: ev.id,
    fingerprint: ev.fingerprint?.toUpperCase(),
    nickname: ev.nickname,
    peerAddress: ev.address,
    peerPort: ev.port,
    status: ev.status,
    direction: undefined,
    directionSource: undefined,
    sinceMs: nowMs,
    exactAge,
    readBytes: 0,
    writtenBytes: 0,
    socket: undefined,
  };
}

/** A connection known only from orconn-status with this peer name, to be taken over by its first event. */
function takeStatusOnly(store: ConnectionStore, name: string): OrConn | undefined {
  const keys = store.orConnsWithoutId.get(name);
  if (keys === undefined) return undefined;
  for (const key of keys) {
    keys.delete(key);
    const conn = store.orConns.get(key);
    if (conn !== undefined) {
      if (keys.size === 0) store.orConnsWithoutId.delete(name);
      return conn;
    }
  }
  store.orConnsWithoutId.delete(name);
  return undefined;
}

function addStatusOnly(store: ConnectionStore, name: string, conn: OrConn): void {
  putCapped(store.orConns, conn.key, conn, store.limits.orConns);
  const keys = store.orConnsWithoutId.get(name);
  if (keys === undefined) store.orConnsWithoutId.set(name, new Set([conn.key]));
  else keys.add(conn.key);
}

export function applyOrConnEvent(store: ConnectionStore, ev: OrConnEvent, nowMs: number): void {
  const key = ev.id ?? `name:${nameOfEvent(ev)}`;
  let conn = store.orConns.get(key);
  if (isGone(ev.status)) {
    if (conn === undefined && ev.id !== undefined) conn = takeStatusOnly(store, nameOfEvent(ev));
    if (conn !== undefined) {
      store.orConns.delete(conn.key);
      touch(store, `o:${conn.key}`);
      store.version++;
    }
    return;
  }
  if (conn === undefined) {
    const adopted = ev.status === 'CONNECTED' ? takeStatusOnly(store, nameOfEvent(ev)) : undefined;
    conn = newOrConn(key, ev, adopted?.sinceMs ?? nowMs, adopted === undefined && (ev.status === 'NEW' || ev.status === 'LAUNCHED'));
    if (adopted !== undefined) {
      store.orConns.delete(adopted.key);
      touch(store, `o:${adopted.key}`);
      conn.direction = adopted.direction;
      conn.directionSource = adopted.directionSource;
      conn.peerAddress = adopted.peerAddress;
      conn.peerPort = adopted.peerPort;
      conn.socket = adopted.socket;
    }
    putCapped(store.orConns, key, conn, store.limits.orConns);
  }
  if (ev.status === 'NEW' || ev.status === 'LAUNCHED') {
    conn.direction = ev.status === 'NEW' ? 'inbound' : 'outbound';
    conn.directionSource = 'event';
  }
  if (ev.fingerprint !== undefined) {
    conn.fingerprint = ev.fingerprint.toUpperCase();
    conn.nickname = ev.nickname ?? conn.nickname;
  } else if (ev.address !== undefined && conn.fingerprint === undefined) {
    conn.peerAddress = ev.address;
    conn.peerPort = ev.port;
  }
  conn.status = ev.status;
  touch(store, `o:${key}`);
  store.version++;
}

export function applyConnBwEvent(store: ConnectionStore, ev: ConnBwEvent): void {
  const conn = store.orConns.get(ev.connId);
  if (conn === undefined) return;
  conn.readBytes += ev.readBytes;
  conn.writtenBytes += ev.writtenBytes;
  store.version++;
}

/** One orconn-status line: "<LongName|addr:port> <CONNECTED|LAUNCHED|NEW>". */
export interface OrConnStatusLine {
  readonly event: OrConnEvent;
  readonly name: string;
}

/** The lines of GETINFO orconn-status (a UTF-8 value); malformed lines are counted, not fatal. */
export function parseOrConnStatus(value: string): { lines: OrConnStatusLine[]; malformed: number } {
  const lines: OrConnStatusLine[] = [];
  let malformed = 0;
  for (const raw of value.split('\n')) {
    const text = raw.trim();
    if (text === '') continue;
    try {
      const event = parseOrConnArgs(byteStringFromUtf8(text), 0);
      lines.push({ event, name: nameOfEvent(event) });
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      malformed++;
    }
  }
  return { lines, malformed };
}

/**
 * Makes the OR connections agree with an orconn-status answer: per peer name, connections the
 * answer lacks are dropped (those known only from an earlier answer first, then the oldest) and
 * missing ones are added without an ID (their age is then "since ortop saw them").
 */
export function reconcileOrConnStatus(store: ConnectionStore, lines: readonly OrConnStatusLine[], nowMs: number): void {
  const wanted = new Map<string, OrConnStatusLine[]>();
  for (const line of lines) {
    const list = wanted.get(line.name);
    if (list === undefined) wanted.set(line.name, [line]);
    else list.push(line);
  }
  const have = new Map<string, OrConn[]>();
  for (const c of store.orConns.values()) {
    const name = orConnName(c);
    const list = have.get(name);
    if (list === undefined) have.set(name, [c]);
    else list.push(c);
  }
  for (const [name, conns] of have) {
    const keep = wanted.get(name)?.length ?? 0;
    if (conns.length <= keep) continue;
    conns.sort((a, b) => Number(a.id !== undefined) - Number(b.id !== undefined) || a.sinceMs - b.sinceMs);
    for (const c of conns.slice(0, conns.length - keep)) {
      store.orConns.delete(c.key);
      touch(store, `o:${c.key}`);
    }
  }
  store.orConnsWithoutId.clear();
  for (const c of store.orConns.values()) {
    if (c.id !== undefined) continue;
    const name = orConnName(c);
    const keys = store.orConnsWithoutId.get(name);
    if (keys === undefined) store.orConnsWithoutId.set(name, new Set([c.key]));
    else keys.add(c.key);
  }
  for (const [name, list] of wanted) {
    const present = Math.min(have.get(name)?.length ?? 0, list.length);
    list.slice(present).forEach((line, i) => {
      const key = `status:${store.version}.${i}:${name}`;
      const conn = newOrConn(key, line.event, nowMs, false);
      conn.id = undefined;
      const byAddress = line.event.fingerprint === undefined;
      // Outbound connections always name the relay we asked for; only accepted ones start as an address.
      if (line.event.status === 'LAUNCHED') {
        conn.direction = 'outbound';
        conn.directionSource = 'name';
      } else if (byAddress) {
        conn.direction = 'inbound';
        conn.directionSource = 'name';
      }
      addStatusOnly(store, name, conn);
      touch(store, `o:${key}`);
    });
  }
  store.version++;
}
