// The log's entries: a ring capped at max_log_size (oldest dropped first) with duplicate groups
// kept alongside, so adding an entry and asking whether it is hidden are O(1). Backlog from tor's
// log file goes in at the old end. Mutable on purpose; clone() gives the copy shown while paused.
import { makeLogEntry, type LogEntry, type NewLogEntry } from './log-entry.js';

interface Group {
  /** Entries of the group still in the buffer. */
  count: number;
  /** The newest of them: the one shown when duplicates are hidden. */
  newest: LogEntry;
}

export const DEFAULT_LOG_CAP = 1000;

/**
 * tor's WARN and ERR entries ever added, backlog included (so since tor started, as far as its log
 * file reached), with the newest of them. Kept apart from the ring: eviction and clear() leave it.
 */
export interface ProblemTally {
  readonly warn: number;
  readonly err: number;
  readonly newest: LogEntry | undefined;
}

const NO_PROBLEMS: ProblemTally = { warn: 0, err: 0, newest: undefined };

export class LogBuffer {
  private ring: Array<LogEntry | undefined>;
  /** Index of the oldest entry. */
  private head = 0;
  private size = 0;
  private groups = new Map<string, Group>();
  private nextSeq = 0;
  private nextBacklogSeq = -1;
  private tally: ProblemTally = NO_PROBLEMS;
  /** Bumped on every change, so views can cache per version. */
  version = 0;

  constructor(readonly cap: number = DEFAULT_LOG_CAP) {
    this.ring = new Array<LogEntry | undefined>(Math.max(1, Math.floor(cap)));
  }

  get length(): number {
    return this.size;
  }

  /** WARN/ERR counts since the start and the newest such entry (the fleet page's warnings column). */
  get problems(): ProblemTally {
    return this.tally;
  }

  /** Counts a WARN/ERR entry; `newer` says it is newer than every entry counted so far. */
  private countProblem(entry: LogEntry, newer: boolean): void {
    if (entry.type !== 'WARN' && entry.type !== 'ERR') return;
    const t = this.tally;
    const newest = newer || t.newest === undefined ? entry : t.newest;
    this.tally = entry.type === 'WARN' ? { warn: t.warn + 1, err: t.err, newest } : { warn: t.warn, err: t.err + 1, newest };
  }

  /** Appends a new (newest) entry, dropping the oldest when full. */
  add(fields: NewLogEntry): LogEntry {
    const entry = makeLogEntry(this.nextSeq++, fields);
    if (this.size === this.ring.length) this.dropOldest();
    this.ring[(this.head + this.size) % this.ring.length] = entry;
    this.size++;
    const group = this.groups.get(entry.groupKey);
    if (group === undefined) this.groups.set(entry.groupKey, { count: 1, newest: entry });
    else {
      group.count++;
      group.newest = entry;
    }
    this.countProblem(entry, true);
    this.version++;
    return entry;
  }

  /**
   * Entries older than everything held (tor's log file before we attached), oldest first.
   * Only as many as fit go in (the newest of them); returns how many.
   */
  addBacklog(fields: readonly NewLogEntry[]): number {
    const room = this.ring.length - this.size;
    const kept = fields.slice(Math.max(0, fields.length - room));
    for (let i = kept.length - 1; i >= 0; i--) {
      const entry = makeLogEntry(this.nextBacklogSeq--, kept[i]!);
      this.head = (this.head - 1 + this.ring.length) % this.ring.length;
      this.ring[this.head] = entry;
      this.size++;
      const group = this.groups.get(entry.groupKey);
      if (group === undefined) this.groups.set(entry.groupKey, { count: 1, newest: entry });
      else group.count++;
      this.countProblem(entry, false);
    }
    if (kept.length > 0) this.version++;
    return kept.length;
  }

  clear(): void {
    this.ring = new Array<LogEntry | undefined>(this.ring.length);
    this.head = 0;
    this.size = 0;
    this.groups = new Map();
    this.version++;
  }

  /** The entry `age` places from the newest (0 = newest). */
  at(age: number): LogEntry | undefined {
    if (age < 0 || age >= this.size) return undefined;
    return this.ring[(this.head + this.size - 1 - age) % this.ring.length];
  }

  /** True when a newer duplicate hides this entry. */
  isHiddenDuplicate(entry: LogEntry): boolean {
    return this.groups.get(entry.groupKey)?.newest !== entry;
  }

  /** How many older copies the newest copy stands for (0 for entries without duplicates). */
  duplicatesOf(entry: LogEntry): number {
    const group = this.groups.get(entry.groupKey);
    return group !== undefined && group.newest === entry ? group.count - 1 : 0;
  }

  /** Entries oldest first (snapshots, tests). */
  toArray(): LogEntry[] {
    const out: LogEntry[] = [];
    for (let age = this.size - 1; age >= 0; age--) out.push(this.at(age)!);
    return out;
  }

  clone(): LogBuffer {
    const copy = new LogBuffer(this.ring.length);
    copy.ring = this.ring.slice();
    copy.head = this.head;
    copy.size = this.size;
    copy.groups = new Map([...this.groups].map(([k, g]) => [k, { count: g.count, newest: g.newest }]));
    copy.nextSeq = this.nextSeq;
    copy.nextBacklogSeq = this.nextBacklogSeq;
    copy.tally = this.tally;
    copy.version = this.version;
    return copy;
  }

  private dropOldest(): void {
    const oldest = this.ring[this.head]!;
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.ring.length;
    this.size--;
    const group = this.groups.get(oldest.groupKey);
    if (group !== undefined && --group.count === 0) this.groups.delete(oldest.groupKey);
  }
}
