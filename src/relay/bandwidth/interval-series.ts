// One graphed quantity at one interval: per-second samples are averaged into buckets of the
// interval's length and kept in a fixed ring (newest first when read). O(1) per sample, bounded
// memory (SERIES_CAPACITY buckets). NaN marks a bucket with no data (a gap in tor's history).

/** The graph intervals, named as nyxrc's graph_interval values, with their bucket length. */
export const INTERVALS = [
  { name: 'each second', seconds: 1 },
  { name: '5 seconds', seconds: 5 },
  { name: '30 seconds', seconds: 30 },
  { name: 'minutely', seconds: 60 },
  { name: '15 minute', seconds: 900 },
  { name: '30 minute', seconds: 1800 },
  { name: 'hourly', seconds: 3600 },
  { name: 'daily', seconds: 86_400 },
] as const;

export type IntervalName = (typeof INTERVALS)[number]['name'];

export const INTERVAL_NAMES: readonly IntervalName[] = INTERVALS.map((i) => i.name);

export function intervalSeconds(name: IntervalName): number {
  return INTERVALS.find((i) => i.name === name)!.seconds;
}

/** Buckets kept per interval: wider than any sensible graph, small enough to clone on pause. */
export const SERIES_CAPACITY = 1000;

export class IntervalSeries {
  readonly seconds: number;
  private readonly values: Float64Array;
  /** Index the next bucket is written to. */
  private next = 0;
  private size = 0;
  private pendingSum = 0;
  private pendingCount = 0;

  constructor(seconds: number, capacity = SERIES_CAPACITY, values?: Float64Array) {
    this.seconds = seconds;
    this.values = values ?? new Float64Array(capacity);
  }

  get capacity(): number {
    return this.values.length;
  }

  /** Completed buckets held (at most capacity). */
  get length(): number {
    return this.size;
  }

  /** One per-second sample; completes a bucket every `seconds` samples. */
  add(value: number): void {
    if (this.seconds === 1) {
      this.pushBucket(value);
      return;
    }
    this.pendingSum += value;
    this.pendingCount++;
    if (this.pendingCount >= this.seconds) {
      this.pushBucket(this.pendingSum / this.pendingCount);
      this.pendingSum = 0;
      this.pendingCount = 0;
    }
  }

  /** A whole bucket's average (history from tor's state file), or NaN for a bucket with no data. */
  pushBucket(average: number): void {
    this.values[this.next] = average;
    this.next = (this.next + 1) % this.values.length;
    if (this.size < this.values.length) this.size++;
  }

  /** The bucket `age` places back (0 = newest); undefined past the oldest. */
  at(age: number): number | undefined {
    if (age < 0 || age >= this.size) return undefined;
    const cap = this.values.length;
    return this.values[(this.next - 1 - age + cap * 2) % cap];
  }

  /** Up to `count` newest buckets, newest first, into a fresh array. */
  newest(count: number): number[] {
    const n = Math.min(Math.max(0, Math.floor(count)), this.size);
    const out = new Array<number>(n);
    const cap = this.values.length;
    let i = (this.next - 1 + cap) % cap;
    for (let k = 0; k < n; k++) {
      out[k] = this.values[i]!;
      i = i === 0 ? cap - 1 : i - 1;
    }
    return out;
  }

  clone(): IntervalSeries {
    const copy = new IntervalSeries(this.seconds, this.values.length, this.values.slice());
    copy.next = this.next;
    copy.size = this.size;
    copy.pendingSum = this.pendingSum;
    copy.pendingCount = this.pendingCount;
    return copy;
  }
}
