// The page's list: the entries (list-entries.ts) kept sorted incrementally from the store's change
// marks (a full sort only when the sort, scrubbing or the consensus changed), filtered by the search
// text, with line offsets so a frame touches only the visible window. Circuits span several lines
// (hops, then streams). Never formats text.
import { CATEGORIES, type Category } from '../../src/relay/connections/index.js';
import {
  CATEGORY_RANK,
  describeEntry,
  isAttached,
  itemOf,
  linesOf,
  type Entry,
  type EntryItem,
  type ListLine,
  type ListOptions,
  type ListSources,
} from './list-entries.js';
import { entryHaystack } from './search.js';
import { SortedEntries } from './sorted-entries.js';

export * from './list-entries.js';

/** A new consensus or new countries change many sort fields at once: re-sort at most this often. */
export const RESORT_EVERY_MS = 30_000;

export class ConnectionList {
  private readonly sorted = new SortedEntries<Entry>();
  /** The filtered view (undefined when no filter: the view is `sorted`). */
  private filtered: { items: Entry[]; lines: Int32Array } | undefined;
  private readonly byKey = new Map<string, Entry>();
  private lineStart = new Int32Array(1);
  private lines = 0;
  private signature = '';
  private directoryVersion = -1;
  private directorySize = 0;
  private countryVersion = -1;
  private viewFilter = '';
  private dirty = true;
  private rebuiltAtMs = 0;
  private readonly countsByCategory = new Map<Category, number>();

  /** Brings the list up to date with the store (call at most once per frame). */
  sync(src: ListSources, options: ListOptions): void {
    const { store } = src;
    const signature = `${options.sort.join(',')}|${options.scrub}|${options.hideAllAddresses}`;
    const outsideChanged =
      src.directory.version !== this.directoryVersion || (options.sort.includes('country') && src.countries.version !== this.countryVersion);
    // The first consensus decides who is a relay (and so who is scrubbed): apply it at once.
    const firstConsensus = this.directorySize === 0 && src.directory.size > 0;
    const resortDue = outsideChanged && (firstConsensus || options.nowMs === undefined || options.nowMs - this.rebuiltAtMs >= RESORT_EVERY_MS);
    if (store.allTouched || signature !== this.signature || resortDue) {
      this.rebuild(src, options);
      this.rebuiltAtMs = options.nowMs ?? 0;
      this.directoryVersion = src.directory.version;
      this.directorySize = src.directory.size;
      this.countryVersion = src.countries.version;
    } else if (store.touched.size > 0) {
      this.update(src, options);
    }
    store.touched.clear();
    store.allTouched = false;
    this.signature = signature;
    if (this.dirty || options.filter !== this.viewFilter) this.refreshView(src, options);
  }

  private rebuild(src: ListSources, options: ListOptions): void {
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
    next.sort(byKey);
    this.sorted.reset(next, linesOfEntry, rankOfEntry);
    this.dirty = true;
  }

  /** Re-describes the touched entries; only those whose sort string changed move. */
  private update(src: ListSources, options: ListOptions): void {
    const touched: Array<{ key: string; old: Entry | undefined; at: number }> = [];
    const relined: Entry[] = [];
    // Positions first: once an entry is re-described its sort string no longer finds it.
    for (const key of src.store.touched) {
      if (key.charCodeAt(0) === 0x6c) {
        const entry = this.byKey.get(`c:${key.slice(2)}`);
        if (entry !== undefined) relined.push(entry);
        continue;
      }
      const old = this.byKey.get(key);
      touched.push({ key, old, at: old === undefined ? -1 : this.sorted.indexOfKey(old.sortKey) });
    }
    const added: Entry[] = [];
    const removed: number[] = [];
    for (const { key, old, at } of touched) {
      const item = itemOf(src.store, key);
      if (item === undefined) {
        if (old !== undefined) {
          if (at >= 0) removed.push(at);
          this.byKey.delete(key);
        }
        continue;
      }
      const before = old?.sortKey;
      const entry = this.refresh(src, options, key, item);
      if (before === entry.sortKey && at >= 0) {
        relined.push(entry);
        continue;
      }
      if (at >= 0) removed.push(at);
      added.push(entry);
    }
    added.sort(byKey);
    this.sorted.apply(removed, added, linesOfEntry, rankOfEntry);
    for (const e of relined) {
      e.lines = linesOf(e.item);
      e.haystack = undefined;
      const i = this.sorted.indexOfKey(e.sortKey);
      if (i >= 0) {
        this.sorted.lines[i] = e.lines;
        this.sorted.ranks[i] = e.rank;
      }
    }
    this.dirty = true;
  }

  /** The entry for key with fresh fields (reusing the object the list already has). */
  private refresh(src: ListSources, options: ListOptions, key: string, item: EntryItem): Entry {
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      entry = { key, item, category: 'relay', isPrivate: false, sortKey: '', haystack: undefined, rank: 0, lines: 1 };
      this.byKey.set(key, entry);
    }
    entry.item = item;
    entry.haystack = undefined;
    entry.lines = linesOf(item);
    describeEntry(src, options, entry);
    return entry;
  }

  private refreshView(src: ListSources, options: ListOptions): void {
    const filter = options.filter.toLowerCase();
    let lines: Int32Array;
    let n: number;
    if (filter === '') {
      this.filtered = undefined;
      lines = this.sorted.lines;
      n = this.sorted.length;
    } else {
      const items = this.sorted.items.filter((e) => (e.haystack ??= entryHaystack(e, src, options)).includes(filter));
      lines = Int32Array.from(items, (e) => e.lines);
      this.filtered = { items, lines };
      n = items.length;
    }
    this.viewFilter = options.filter;
    if (this.lineStart.length < n + 1) this.lineStart = new Int32Array(Math.max(n + 1, this.lineStart.length * 2));
    const lineStart = this.lineStart;
    let at = 0;
    for (let i = 0; i < n; i++) {
      lineStart[i] = at;
      at += lines[i]!;
    }
    lineStart[n] = at;
    this.lines = at;
    const counts = new Array<number>(CATEGORIES.length).fill(0);
    const ranks = this.sorted.ranks;
    for (let i = 0; i < this.sorted.length; i++) counts[ranks[i]!]!++;
    this.countsByCategory.clear();
    CATEGORIES.forEach((c, i) => {
      if (counts[i]! > 0) this.countsByCategory.set(c, counts[i]!);
    });
    this.dirty = false;
  }

  private get viewItems(): readonly Entry[] {
    return this.filtered?.items ?? this.sorted.items;
  }

  /** Lines in the (filtered) view. */
  get lineCount(): number {
    return this.lines;
  }

  get entryCount(): number {
    return this.viewItems.length;
  }

  /** Entries per category over the whole list (the search filter does not change the title). */
  counts(): ReadonlyMap<Category, number> {
    return this.countsByCategory;
  }

  /** Every entry of the view, sorted. */
  entries(): readonly Entry[] {
    return this.viewItems;
  }

  /** Entry index owning line i (binary search over line starts). */
  private entryIndexAt(line: number): number {
    let lo = 0;
    let hi = this.viewItems.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStart[mid]! <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Index of an entry in the view (binary search on its sort string), or -1. */
  private viewIndexOf(entry: Entry): number {
    const items = this.viewItems;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid]!.sortKey < entry.sortKey) lo = mid + 1;
      else hi = mid;
    }
    return items[lo] === entry ? lo : -1;
  }

  lineAt(i: number): ListLine | undefined {
    if (i < 0 || i >= this.lines) return undefined;
    const e = this.entryIndexAt(i);
    const entry = this.viewItems[e]!;
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
    if (entry === undefined) return -1;
    const index = this.viewIndexOf(entry);
    if (index < 0) return -1;
    const start = this.lineStart[index]!;
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

const linesOfEntry = (e: Entry): number => e.lines;
const rankOfEntry = (e: Entry): number => e.rank;

const byKey = (a: Entry, b: Entry): number => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0);

