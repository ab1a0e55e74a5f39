// What the connections list is made of: one entry per OR connection, socket row, circuit and
// unattached stream, with the category, privacy and sort string each one gets. Pure: reads the
// model and the consensus maps, never changes them.
import {
  CATEGORIES,
  circuitCategory,
  isPrivateOrConn,
  isPrivateSocket,
  lastHop,
  nicknameOf,
  orConnCategory,
  orConnEndpoints,
  streamCategory,
  type Category,
  type Circuit,
  type ConnectionStore,
  type CountryCache,
  type OrConn,
  type RelayDirectory,
  type SocketConn,
  type Stream,
} from '../../src/relay/connections/index.js';
import { sortString, type SortFields, type SortKey } from './sort-keys.js';

export type EntryItem =
  | { readonly kind: 'or'; readonly conn: OrConn }
  | { readonly kind: 'socket'; readonly row: SocketConn }
  | { readonly kind: 'circuit'; readonly circuit: Circuit }
  | { readonly kind: 'stream'; readonly stream: Stream };

export interface Entry {
  readonly key: string;
  item: EntryItem;
  category: Category;
  /** Its address is a client's or an exit destination (scrubbed unless shown). */
  isPrivate: boolean;
  /** Compared as a plain string (see sort-keys.ts). */
  sortKey: string;
  haystack: string | undefined;
  /** Index of its category in CATEGORIES. */
  rank: number;
  /** Lines it takes (a circuit: itself, its hops, its streams). */
  lines: number;
}

export interface ListSources {
  readonly store: ConnectionStore;
  readonly directory: RelayDirectory;
  readonly countries: CountryCache;
}

export interface ListOptions {
  readonly sort: readonly SortKey[];
  /**
   * The time, when the caller wants re-sorts for a new consensus or new countries spaced out
   * (they then happen at most every RESORT_EVERY_MS); without it they happen at once.
   */
  readonly nowMs?: number;
  readonly filter: string;
  /** Private addresses hidden (they then sort last and do not match searches). */
  readonly scrub: boolean;
  readonly hideAllAddresses: boolean;
}

/** A line of the list: an entry's own line, one of a circuit's hops, or one of its streams. */
export type ListLine =
  | { readonly kind: 'entry'; readonly entry: Entry; readonly key: string }
  | { readonly kind: 'hop'; readonly entry: Entry; readonly key: string; readonly index: number; readonly count: number }
  | { readonly kind: 'stream'; readonly entry: Entry; readonly key: string; readonly streamId: string; readonly last: boolean };

export const CATEGORY_RANK = new Map(CATEGORIES.map((c, i) => [c, i]));


export function itemOf(store: ConnectionStore, key: string): EntryItem | undefined {
  const id = key.slice(2);
  switch (key.charCodeAt(0)) {
    case 0x6f: {
      const conn = store.orConns.get(id);
      return conn === undefined ? undefined : { kind: 'or', conn };
    }
    case 0x63: {
      const circuit = store.circuits.get(id);
      return circuit === undefined ? undefined : { kind: 'circuit', circuit };
    }
    case 0x73: {
      const stream = store.streams.get(id);
      return stream === undefined || isAttached(store, stream) ? undefined : { kind: 'stream', stream };
    }
    case 0x6b: {
      const row = store.socketConns.get(Number(id));
      return row === undefined ? undefined : { kind: 'socket', row };
    }
    default:
      return undefined;
  }
}

/** A stream is drawn under its circuit when the circuit lists it, else on its own line. */
export const linesOf = (item: EntryItem): number => (item.kind === 'circuit' ? 1 + item.circuit.path.length + item.circuit.streamIds.size : 1);

export const isAttached = (store: ConnectionStore, s: Stream): boolean => s.circuitId !== undefined && store.circuits.get(s.circuitId)?.streamIds.has(s.id) === true;

/** Category, privacy and sort fields of one entry. */
export function describeEntry(src: ListSources, options: ListOptions, entry: Entry): void {
  const { store, directory, countries } = src;
  const item = entry.item;
  let address: string | undefined;
  let port = 0;
  let fingerprint: string | undefined;
  let nickname: string | undefined;
  let sinceMs: number;
  switch (item.kind) {
    case 'or': {
      const conn = item.conn;
      entry.category = orConnCategory(conn, store.our);
      entry.isPrivate = isPrivateOrConn(conn, directory);
      const remote = orConnEndpoints(conn, directory).remote;
      address = remote?.address;
      port = remote?.port ?? 0;
      fingerprint = conn.fingerprint;
      nickname = nicknameOf(directory, conn);
      sinceMs = conn.sinceMs;
      break;
    }
    case 'socket': {
      entry.category = item.row.category;
      entry.isPrivate = isPrivateSocket(item.row, directory);
      address = item.row.socket.remoteAddress;
      port = item.row.socket.remotePort;
      sinceMs = item.row.sinceMs;
      break;
    }
    case 'circuit': {
      const c = item.circuit;
      entry.category = circuitCategory(c);
      entry.isPrivate = false;
      const exit = lastHop(c);
      fingerprint = exit?.fingerprint?.toUpperCase();
      nickname = exit === undefined ? undefined : nicknameOf(directory, exit);
      address = fingerprint === undefined ? undefined : directory.get(fingerprint)?.address;
      sinceMs = c.createdAtMs ?? c.sinceMs;
      break;
    }
    case 'stream': {
      entry.category = streamCategory(item.stream);
      entry.isPrivate = false;
      address = item.stream.targetHost;
      port = item.stream.targetPort;
      sinceMs = item.stream.sinceMs;
      break;
    }
  }
  entry.rank = CATEGORY_RANK.get(entry.category) ?? 0;
  const fields: SortFields = {
    categoryRank: entry.rank,
    sinceMs,
    address,
    addressHidden: options.hideAllAddresses || (options.scrub && entry.isPrivate),
    port,
    fingerprint,
    nickname,
    country: address === undefined || !options.sort.includes('country') ? undefined : countries.get(address),
  };
  entry.sortKey = sortString(options.sort, fields, entry.key);
}
