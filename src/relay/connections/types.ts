// The connections model: OR connections, circuits and streams as tor reports them, sockets tor does
// not report, and the facts that decide categories (listeners, exit policy). A mutable store updated
// in place (O(1) per event at 20,000 connections); `version` grows on every change so views memoise.
// Every map has a stated cap; closed entries leave at once. No I/O, no clock: time is passed in.
import type { ExitPolicy } from '../../protocol/documents/index.js';
import type { RelayRef } from '../../protocol/events/index.js';
import type { LocalProcess, SocketEntry } from '../../system/sockets/index.js';
import { NO_LISTENERS, type TorListeners } from './listeners.js';

export type Direction = 'inbound' | 'outbound';

/**
 * What a line of the page is. 'relay': an OR connection with a relay that was open before ortop
 * attached, whose direction neither tor nor the socket table told us.
 */
export type Category = 'inbound' | 'outbound' | 'exit' | 'directory' | 'control' | 'socks' | 'onion' | 'circuit' | 'relay';

export const CATEGORIES: readonly Category[] = ['inbound', 'outbound', 'exit', 'directory', 'control', 'socks', 'onion', 'circuit', 'relay'];

/** How we learnt an OR connection's direction. */
export type DirectionSource = 'event' | 'name' | 'listeners' | 'socket' | 'elimination';

export interface OrConn {
  /** The ConnID tor gave it, or "status:…" for a connection known only from orconn-status. */
  readonly key: string;
  id: string | undefined;
  /** Upper-case hex, once tor knows the peer's identity. */
  fingerprint: string | undefined;
  nickname: string | undefined;
  /** The address:port tor named the peer by (inbound connections before, or without, identification). */
  peerAddress: string | undefined;
  peerPort: number | undefined;
  status: string;
  direction: Direction | undefined;
  directionSource: DirectionSource | undefined;
  /** When tor opened it (exactAge) or when ortop first saw it. */
  sinceMs: number;
  /** True when sinceMs is the moment tor announced the connection (NEW/LAUNCHED event). */
  exactAge: boolean;
  /** CONN_BW totals since ortop saw it. */
  readBytes: number;
  writtenBytes: number;
  /** The system socket matched to it, when the socket table is available. */
  socket: SocketEntry | undefined;
}

export interface Circuit {
  readonly id: string;
  status: string;
  path: readonly RelayRef[];
  purpose: string | undefined;
  hsState: string | undefined;
  rendQuery: string | undefined;
  buildFlags: readonly string[];
  /** TIME_CREATED from tor. */
  createdAtMs: number | undefined;
  /** When ortop first saw it (used when tor gave no TIME_CREATED). */
  sinceMs: number;
  /** Streams attached, in the order they attached. */
  readonly streamIds: Set<string>;
  /** CIRC_BW totals since ortop saw it. */
  readBytes: number;
  writtenBytes: number;
}

export interface Stream {
  readonly id: string;
  status: string;
  circuitId: string | undefined;
  target: string;
  targetHost: string;
  targetPort: number;
  /** For "host.<relay>.exit" targets: the real host and the exit relay the client asked for. */
  exitHost: string | undefined;
  exitRelay: RelayRef | undefined;
  /** The client's socket address (SOURCE_ADDR on NEW). */
  sourceAddr: string | undefined;
  purpose: string | undefined;
  clientProtocol: string | undefined;
  sinceMs: number;
  exactAge: boolean;
}

/** A socket tor owns that is not an OR connection tor reports. */
export interface SocketConn {
  readonly socket: SocketEntry;
  readonly category: 'exit' | 'directory' | 'control' | 'socks';
  readonly sinceMs: number;
  /** False for sockets already open at the first poll (their age is only a lower bound). */
  readonly seenOpening: boolean;
  /** The local program on the other end (a controller, a SOCKS client), when the socket table names it. */
  readonly peer?: LocalProcess;
}

export type SocketState =
  | { readonly kind: 'pending' }
  | { readonly kind: 'unavailable'; readonly reason: string; readonly elsewhere?: boolean }
  | {
      readonly kind: 'sockets';
      readonly source: 'proc' | 'ss';
      readonly owner: 'fd' | 'uid';
      readonly limitation: string | undefined;
      readonly atMs: number;
      /** tor sockets that matched nothing tor reports and no category (counted, not listed). */
      readonly unmatched: number;
    };

export interface ConnectionLimits {
  readonly orConns: number;
  readonly circuits: number;
  readonly streams: number;
  readonly sockets: number;
}

/** Caps: beyond these the oldest entries are dropped (tor itself rarely has more than 65k fds). */
export const DEFAULT_LIMITS: ConnectionLimits = { orConns: 65_536, circuits: 32_768, streams: 32_768, sockets: 65_536 };

/** What tor says about itself that decides categories. */
export interface OurFacts {
  readonly listeners: TorListeners;
  /** GETINFO exit-policy/full; undefined for clients or while unknown. */
  readonly exitPolicy: ExitPolicy | undefined;
  /** BridgeRelay 1. */
  readonly bridge: boolean;
  /** Our relay holds the Guard flag. */
  readonly guard: boolean;
  /** GETINFO status/clients-seen CountrySummary (bridges), country → clients. */
  readonly clientsSeen: ReadonlyMap<string, number> | undefined;
  /** GETINFO address: our public IPv4 address as tor believes it, for a listener bound to 0.0.0.0. */
  readonly address?: string | undefined;
}

export const UNKNOWN_FACTS: OurFacts = { listeners: NO_LISTENERS, exitPolicy: undefined, bridge: false, guard: false, clientsSeen: undefined };

export interface ConnectionStore {
  readonly limits: ConnectionLimits;
  our: OurFacts;
  readonly orConns: Map<string, OrConn>;
  readonly circuits: Map<string, Circuit>;
  readonly streams: Map<string, Stream>;
  /** OR connections known only from orconn-status (no ConnID yet), by peer name → their keys. */
  readonly orConnsWithoutId: Map<string, Set<string>>;
  /** Socket rows by inode. */
  socketConns: Map<number, SocketConn>;
  sockets: SocketState;
  /** Grows on every change of anything above. */
  version: number;
  /**
   * Entries changed since a view last drained them: "o:<OrConn key>", "c:<circuit id>",
   * "s:<stream id>", "k:<socket inode>", and "l:<circuit id>" when only a circuit's streams changed
   * (its lines, not its place). Byte counts (CONN_BW, CIRC_BW) are read live and never marked.
   * Capped: past TOUCHED_CAP it is cleared and allTouched set.
   */
  readonly touched: Set<string>;
  allTouched: boolean;
}

export const TOUCHED_CAP = 4096;

/** Records that an entry changed (for views that update incrementally). */
export function touch(store: ConnectionStore, key: string): void {
  if (store.allTouched) return;
  if (store.touched.size >= TOUCHED_CAP) {
    store.touched.clear();
    store.allTouched = true;
    return;
  }
  store.touched.add(key);
}

export function touchAll(store: ConnectionStore): void {
  store.touched.clear();
  store.allTouched = true;
}

export function createConnectionStore(limits: ConnectionLimits = DEFAULT_LIMITS): ConnectionStore {
  return { limits, our: UNKNOWN_FACTS, orConns: new Map(), orConnsWithoutId: new Map(), circuits: new Map(), streams: new Map(), socketConns: new Map(), sockets: { kind: 'pending' }, version: 0, touched: new Set(), allTouched: true };
}

/** Adds key → value, dropping the oldest entries while the map is at its cap. */
export function putCapped<K, V>(map: Map<K, V>, key: K, value: V, cap: number): void {
  if (!map.has(key)) {
    while (map.size >= cap) {
      const oldest = map.keys().next();
      if (oldest.done === true) break;
      map.delete(oldest.value);
    }
  }
  map.set(key, value);
}
