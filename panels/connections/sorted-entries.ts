// The list's entries in sort order, with each entry's line count and category rank in typed arrays
// kept in step, so a frame's prefix sums and category counts never touch the entry objects.
// Changes are applied in two linear passes into a spare buffer (removals, then a merge whose
// insertion points come from binary search on the sort string): k changes in n entries cost
// O(k log n) comparisons and O(n) plain copying, with no new arrays per frame.

export interface SortedItem {
  readonly sortKey: string;
}

/** First index in a[lo..hi) whose sortKey is greater than `key` (upper) or not less (lower). */
function bound<T extends SortedItem>(a: readonly T[], lo: number, hi: number, key: string, upper: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const k = a[mid]!.sortKey;
    if (k < key || (upper && k === key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SortedEntries<T extends SortedItem> {
  items: T[] = [];
  lines = new Int32Array(64);
  ranks = new Uint8Array(64);
  private spareItems: T[] = [];
  private spareLines = new Int32Array(64);
  private spareRanks = new Uint8Array(64);

  get length(): number {
    return this.items.length;
  }

  private reserve(n: number): void {
    if (this.lines.length >= n && this.spareLines.length >= n) return;
    const size = Math.max(n, this.lines.length * 2);
    const grow = <A extends Int32Array | Uint8Array>(a: A, make: (size: number) => A): A => {
      const b = make(size);
      b.set(a.subarray(0, Math.min(a.length, this.items.length)));
      return b;
    };
    this.lines = grow(this.lines, (s) => new Int32Array(s));
    this.ranks = grow(this.ranks, (s) => new Uint8Array(s));
    this.spareLines = new Int32Array(size);
    this.spareRanks = new Uint8Array(size);
  }

  private swap(length: number): void {
    const items = this.items;
    this.items = this.spareItems;
    this.spareItems = items;
    this.items.length = length;
    const lines = this.lines;
    this.lines = this.spareLines;
    this.spareLines = lines;
    const ranks = this.ranks;
    this.ranks = this.spareRanks;
    this.spareRanks = ranks;
  }

  /** Replaces everything with already sorted items. */
  reset(sorted: T[], linesOf: (item: T) => number, rankOf: (item: T) => number): void {
    this.items = sorted;
    this.spareItems = [];
    this.reserve(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      this.lines[i] = linesOf(sorted[i]!);
      this.ranks[i] = rankOf(sorted[i]!);
    }
  }

  /** Index of the item with this sort string, or -1. */
  indexOfKey(sortKey: string): number {
    const i = bound(this.items, 0, this.items.length, sortKey, false);
    return i < this.items.length && this.items[i]!.sortKey === sortKey ? i : -1;
  }

  /**
   * Removes the items at `removed` (indices found before any item changed its sort string), then
   * merges `added` (sorted by sort string) in.
   */
  apply(removed: readonly number[], added: readonly T[], linesOf: (item: T) => number, rankOf: (item: T) => number): void {
    const n = this.items.length;
    this.reserve(n + added.length);
    if (removed.length > 0) {
      const drop = [...removed].sort((a, b) => a - b);
      const out = this.spareItems;
      const outLines = this.spareLines;
      const outRanks = this.spareRanks;
      let w = 0;
      let from = 0;
      const copy = (to: number) => {
        for (let i = from; i < to; i++) out[w + i - from] = this.items[i]!;
        outLines.set(this.lines.subarray(from, to), w);
        outRanks.set(this.ranks.subarray(from, to), w);
        w += to - from;
      };
      for (const at of drop) {
        if (at < from) continue;
        copy(at);
        from = at + 1;
      }
      copy(n);
      this.swap(w);
    }
    if (added.length === 0) return;
    const m = this.items.length;
    const out = this.spareItems;
    const outLines = this.spareLines;
    const outRanks = this.spareRanks;
    let w = 0;
    let from = 0;
    for (const x of added) {
      const at = bound(this.items, from, m, x.sortKey, true);
      for (let i = from; i < at; i++) out[w + i - from] = this.items[i]!;
      outLines.set(this.lines.subarray(from, at), w);
      outRanks.set(this.ranks.subarray(from, at), w);
      w += at - from;
      from = at;
      out[w] = x;
      outLines[w] = linesOf(x);
      outRanks[w] = rankOf(x);
      w++;
    }
    for (let i = from; i < m; i++) out[w + i - from] = this.items[i]!;
    outLines.set(this.lines.subarray(from, m), w);
    outRanks.set(this.ranks.subarray(from, m), w);
    w += m - from;
    this.swap(w);
  }
}
