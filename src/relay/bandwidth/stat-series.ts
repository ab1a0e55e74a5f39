// One graphed statistic (bandwidth, connections or resources): a primary and a secondary
// quantity, each kept at all eight intervals at once so switching interval is instant, plus the
// running figures the subgraph headers show (latest, mean, total). O(1) per sample.
import { INTERVALS, IntervalSeries, SERIES_CAPACITY, type IntervalName } from './interval-series.js';

export type SeriesSide = 'primary' | 'secondary';

export class SideSeries {
  readonly byInterval: ReadonlyMap<IntervalName, IntervalSeries>;
  /** Newest per-second sample; undefined before the first. */
  latest: number | undefined;
  /** Sum and count of the per-second samples seen (history included), for the mean. */
  sum = 0;
  count = 0;

  constructor(byInterval?: ReadonlyMap<IntervalName, IntervalSeries>, capacity = SERIES_CAPACITY) {
    this.byInterval = byInterval ?? new Map(INTERVALS.map((i) => [i.name, new IntervalSeries(i.seconds, capacity)]));
  }

  add(value: number): void {
    this.latest = value;
    this.sum += value;
    this.count++;
    for (const series of this.byInterval.values()) series.add(value);
  }

  interval(name: IntervalName): IntervalSeries {
    return this.byInterval.get(name)!;
  }

  get mean(): number | undefined {
    return this.count === 0 ? undefined : this.sum / this.count;
  }

  clone(): SideSeries {
    const copy = new SideSeries(new Map([...this.byInterval].map(([k, v]) => [k, v.clone()])));
    copy.latest = this.latest;
    copy.sum = this.sum;
    copy.count = this.count;
    return copy;
  }
}

export class StatSeries {
  readonly primary: SideSeries;
  readonly secondary: SideSeries;

  constructor(primary?: SideSeries, secondary?: SideSeries, capacity = SERIES_CAPACITY) {
    this.primary = primary ?? new SideSeries(undefined, capacity);
    this.secondary = secondary ?? new SideSeries(undefined, capacity);
  }

  add(primary: number, secondary: number): void {
    this.primary.add(primary);
    this.secondary.add(secondary);
  }

  side(side: SeriesSide): SideSeries {
    return side === 'primary' ? this.primary : this.secondary;
  }

  /** Samples seen (both sides always move together). */
  get samples(): number {
    return this.primary.count;
  }

  clone(): StatSeries {
    return new StatSeries(this.primary.clone(), this.secondary.clone());
  }
}
