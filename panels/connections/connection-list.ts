// The page's list: one entry per OR connection, socket row, circuit and unattached stream, kept
// sorted incrementally from the store's change marks (a full sort only when the sort, scrubbing or
// the consensus changed), filtered by the search text, with line offsets so a frame touches only
// the visible window. Circuits span several lines (hops, then streams). Never formats text.
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
import { comparableAddress, makeComparator, type SortFields, type SortKey } from './sort-keys.js';
import { entryHaystack } from './search.js';

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
  fields: SortFields;
  /** Position in the current view (valid only while view[viewIndex] === this). */
  viewIndex: number;
  haystack: string | undefined;
}

export interface ListSources {
  readonly store: ConnectionStore;
  readonly directory: RelayDirectory;
  readonly countries: CountryCache;
}

export interface ListOptions {
  readonly sort: readonly SortKey[];
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

const CATEGORY_RANK = new Map(CATEGORIES.map((c, i) => [c, i]));

function itemOf(store: ConnectionStore, key: string): EntryItem | undefined {
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
const isAttached = (store: ConnectionStore, s: Stream): boolean => s.circuitId !== undefined && store.circuits.get(s.circuitId)?.streamIds.has(s.id) === true;

export class ConnectionList {
  private all: Entry[] = [];
  private view: Entry[] = [];
  private readonly byKey = new Map<string, Entry>();
  private lineStart = new Int32Array(1);
  private lines = 0;
  private signature = '';
  private directoryVersion = -1;
  private countryVersion = -1;
  private viewFilter = '';
  private dirty = true;
  private readonly countsByCategory = new Map<Category, number>();

  /** Brings the list up to date with the store (call at most once per frame). */
  sync(src: ListSources, options: ListOptions): void {
    const { store } = src;
    const signature = `${options.sort.join(',')}|${options.scrub}|${options.hideAllAddresses}`;
    const full =
      store.allTouched ||
      signature !== this.signature ||
      src.directory.version !== this.directoryVersion ||
      (options.sort.includes('country') && src.countries.version !== this.countryVersion);
    const compare = makeComparator(options.sort);
    const cmp = (a: Entry, b: Entry) => compare(a.fields, b.fields);
    if (full) {
      this.rebuild(src, options, cmp);
    } else if (store.touched.size > 0) {
      this.update(src, options, cmp);
    }
    store.touched.clear();
    store.allTouched = false;
    this.signature = signature;
    this.directoryVersion = src.directory.version;
    this.countryVersion = src.countries.version;
    if (this.dirty || options.filter !== this.viewFilter) this.refreshView(src, options);
  }

  private rebuild(src: ListSources, options: ListOptions, cmp: (a: Entry, b: Entry) => number): void {
    const { store } = src;
    const next: Entry[] = [];
    const seen = new Set<string>();
    const add = (key: string, item: EntryItem) => {
      seen.add(key);
      next.push(this.refresh(src, options, key, item));
    };
    for (const conn of store.orConns.values()) add(`o:${conn.key}`, { kind: 'or', conn });
    for (const [inode, row] of store.socketConns) add(`k:${inode}`, { kind: 'socket', row });
    for (const circuit of store.circuits.values()) add(`c:${circuit.id}`, { kind: 'circuit', circuit });
    for (const stream of store.streams.values()) if (!isAttached(store, stream)) add(`s:${stream.id}`, { kind: 'stream', stream });
    for (const key of this.byKey.keys()) if (!seen.has(key)) this.byKey.delete(key);
    next.sort(cmp);
    this.all = next;
    this.dirty = true;
  }

  private update(src: ListSources, options: ListOptions, cmp: (a: Entry, b: Entry) => number): void {
    const moved = new Set<Entry>();
    const added: Entry[] = [];
    for (const key of src.store.touched) {
      const item = itemOf(src.store, key);
      const old = this.byKey.get(key);
      if (item === undefined) {
        if (old !== undefined) {
          moved.add(old);
          this.byKey.delete(key);
        }
        continue;
      }
      const entry = this.refresh(src, options, key, item);
      if (old !== undefined) moved.add(old);
      added.push(entry);
    }
    if (moved.size === 0 && added.length === 0) return;
    const kept = moved.size === 0 ? this.all : this.all.filter((e) => !moved.has(e));
    added.sort(cmp);
    this.all = mergeSorted(kept, added, cmp);
    this.dirty = true;
  }

  /** The entry for key with fresh fields (reusing the object the list already has). */
  private refresh(src: ListSources, options: ListOptions, key: string, item: EntryItem): Entry {
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      entry = { key, item, category: 'relay', isPrivate: false, fields: undefined as unknown as SortFields, viewIndex: -1, haystack: undefined };
      this.byKey.set(key, entry);
    }
    entry.item = item;
    entry.haystack = undefined;
    describeEntry(src, options, entry);
    return entry;
  }

  private refreshView(src: ListSources, options: ListOptions): void {
    const filter = options.filter.toLowerCase();
    if (filter === '') {
      this.view = this.all;
    } else {
      this.view = this.all.filter((e) => (e.haystack ??= entryHaystack(e, src, options)).includes(filter));
    }
    this.viewFilter = options.filter;
    const n = this.view.length;
    if (this.lineStart.length < n + 1) this.lineStart = new Int32Array(Math.max(n + 1, this.lineStart.length * 2));
    this.countsByCategory.clear();
    let at = 0;
    for (let i = 0; i < n; i++) {
      const e = this.view[i]!;
      e.viewIndex = i;
      this.lineStart[i] = at;
      at += e.item.kind === 'circuit' ? 1 + e.item.circuit.path.length + e.item.circuit.streamIds.size : 1;
    }
    this.lineStart[n] = at;
    this.lines = at;
    for (const e of this.all) this.countsByCategory.set(e.category, (this.countsByCategory.get(e.category) ?? 0) + 1);
    this.dirty = false;
  }

  /** Lines in the (filtered) view. */
  get lineCount(): number {
    return this.lines;
  }

  get entryCount(): number {
    return this.view.length;
  }

  /** Entries per category over the whole list (the search filter does not change the title). */
  counts(): ReadonlyMap<Category, number> {
    return this.countsByCategory;
  }

  /** Every entry (sorted), for charts and stepping through relays. */
  entries(): readonly Entry[] {
    return this.view;
  }

  /** Entry index owning line i (binary search over line starts). */
  private entryIndexAt(line: number): number {
    let lo = 0;
    let hi = this.view.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStart[mid]! <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineAt(i: number): ListLine | undefined {
    if (i < 0 || i >= this.lines) return undefined;
    const e = this.entryIndexAt(i);
    const entry = this.view[e]!;
    const offset = i - this.lineStart[e]!;
    if (offset === 0 || entry.item.kind !== 'circuit') return { kind: 'entry', entry, key: entry.key };
    const circuit = entry.item.circuit;
    const hops = circuit.path.length;
    if (offset <= hops) return { kind: 'hop', entry, key: `${entry.key}/h${offset}`, index: offset - 1, count: hops };
    const s = offset - hops - 1;
    let n = 0;
    for (const streamId of circuit.streamIds) {
      if (n++ === s) return { kind: 'stream', entry, key: `${entry.key}/s${streamId}`, streamId, last: n === circuit.streamIds.size };
    }
    return { kind: 'entry', entry, key: entry.key };
  }

  /** Line index of a line key, or -1 when it is not in the view. */
  indexOf(lineKey: string): number {
    const slash = lineKey.indexOf('/');
    const entry = this.byKey.get(slash < 0 ? lineKey : lineKey.slice(0, slash));
    if (entry === undefined || this.view[entry.viewIndex] !== entry) return -1;
    const start = this.lineStart[entry.viewIndex]!;
    if (slash < 0) return start;
    if (entry.item.kind !== 'circuit') return -1;
    const child = lineKey.slice(slash + 1);
    const circuit = entry.item.circuit;
    if (child.startsWith('h')) {
      const hop = Number(child.slice(1));
      return hop >= 1 && hop <= circuit.path.length ? start + hop : start;
    }
    let n = 0;
    for (const id of circuit.streamIds) {
      if (`s${id}` === child) return start + 1 + circuit.path.length + n;
      n++;
    }
    return start;
  }

  entryByKey(key: string): Entry | undefined {
    return this.byKey.get(key);
  }
}

function mergeSorted(a: readonly Entry[], b: readonly Entry[], cmp: (x: Entry, y: Entry) => number): Entry[] {
  if (b.length === 0) return a.slice();
  const out: Entry[] = new Array<Entry>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = cmp(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Category, privacy and sort fields of one entry. */
function describeEntry(src: ListSources, options: ListOptions, entry: Entry): void {
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
  const hidden = options.hideAllAddresses || (options.scrub && entry.isPrivate);
  entry.fields = {
    categoryRank: CATEGORY_RANK.get(entry.category) ?? 99,
    sinceMs,
    address: comparableAddress(address, hidden),
    port,
    fingerprint: fingerprint ?? '\uffff',
    nickname: nickname?.toLowerCase() ?? '\uffff',
    country: address === undefined || hidden ? '\uffff' : countries.get(address) ?? '\ufffe',
    key: entry.key,
  };
}
