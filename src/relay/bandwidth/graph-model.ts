// Everything the graph panel draws, as one mutable model the collector feeds once a second (on
// tor's BW event): bandwidth, connection counts and tor's resources at all intervals, the
// title's limits and observed bandwidth, accounting, and where the history came from.
// Mutable on purpose (O(1) per second); clone() gives the frozen copy shown while paused.
import type { AccountingFacts } from './accounting.js';
import type { BandwidthLimits, ObservedBandwidth } from './bandwidth-limits.js';
import { historyBuckets, type BwSecond, type StateFileHistory } from './bw-history.js';
import { INTERVALS } from './interval-series.js';
import { StatSeries } from './stat-series.js';

export type GraphStatName = 'bandwidth' | 'connections' | 'resources';

/** The long intervals' history from tor's state file. */
export type LongHistory =
  | { readonly kind: 'pending' }
  | { readonly kind: 'loaded'; readonly path: string; readonly periodSec: number; readonly periods: number }
  | { readonly kind: 'unavailable'; readonly path: string | undefined; readonly reason: string };

export interface SecondSample {
  readonly readBytes: number;
  readonly writtenBytes: number;
  /** Undefined while no page provides counts. */
  readonly connections?: { readonly inbound: number; readonly outbound: number } | undefined;
  /** Undefined while tor's /proc entry is not readable. */
  readonly resources?: { readonly cpuPercent: number; readonly rssBytes: number } | undefined;
}

export type AccountingState =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'off' }
  | { readonly kind: 'on'; readonly facts: AccountingFacts | undefined }
  | { readonly kind: 'closed' };

export class GraphModel {
  readonly bandwidth: StatSeries;
  readonly connections: StatSeries;
  readonly resources: StatSeries;
  limits: BandwidthLimits = { rateBytesPerSec: undefined, burstBytesPerSec: undefined };
  observed: ObservedBandwidth | undefined;
  accounting: AccountingState = { kind: 'unknown' };
  /** tor's traffic/read and traffic/written when asked, plus every BW event since. */
  totalReadBytes: number | undefined;
  totalWrittenBytes: number | undefined;
  torStartedAtMs: number | undefined;
  /** Seconds of history taken from bw-event-cache. */
  cacheSeconds = 0;
  longHistory: LongHistory = { kind: 'pending' };
  /** Whether the latest second had connection counts / resource figures. */
  connectionsAvailable = false;
  resourcesAvailable = false;
  /** Instant of the latest BW event. */
  lastSecondAtMs: number | undefined;

  constructor(copy?: GraphModel) {
    this.bandwidth = copy?.bandwidth.clone() ?? new StatSeries();
    this.connections = copy?.connections.clone() ?? new StatSeries();
    this.resources = copy?.resources.clone() ?? new StatSeries();
    if (copy !== undefined) {
      this.limits = copy.limits;
      this.observed = copy.observed;
      this.accounting = copy.accounting;
      this.totalReadBytes = copy.totalReadBytes;
      this.totalWrittenBytes = copy.totalWrittenBytes;
      this.torStartedAtMs = copy.torStartedAtMs;
      this.cacheSeconds = copy.cacheSeconds;
      this.longHistory = copy.longHistory;
      this.connectionsAvailable = copy.connectionsAvailable;
      this.resourcesAvailable = copy.resourcesAvailable;
      this.lastSecondAtMs = copy.lastSecondAtMs;
    }
  }

  stat(name: GraphStatName): StatSeries {
    return name === 'bandwidth' ? this.bandwidth : name === 'connections' ? this.connections : this.resources;
  }

  /** One BW event (one second of traffic) with whatever else was sampled at that moment. */
  recordSecond(sample: SecondSample, atMs: number): void {
    this.bandwidth.add(sample.readBytes, sample.writtenBytes);
    this.totalReadBytes = (this.totalReadBytes ?? 0) + sample.readBytes;
    this.totalWrittenBytes = (this.totalWrittenBytes ?? 0) + sample.writtenBytes;
    this.connectionsAvailable = sample.connections !== undefined;
    if (sample.connections !== undefined) this.connections.add(sample.connections.inbound, sample.connections.outbound);
    this.resourcesAvailable = sample.resources !== undefined;
    if (sample.resources !== undefined) this.resources.add(sample.resources.cpuPercent, sample.resources.rssBytes);
    this.lastSecondAtMs = atMs;
  }

  /** tor's counters since it started (GETINFO traffic/read, traffic/written). */
  seedTotals(readBytes: number, writtenBytes: number): void {
    this.totalReadBytes = readBytes;
    this.totalWrittenBytes = writtenBytes;
  }

  /** The seconds tor cached before we came (bw-event-cache), oldest first; totals unchanged. */
  seedSeconds(seconds: readonly BwSecond[]): void {
    for (const s of seconds) this.bandwidth.add(s.readBytes, s.writtenBytes);
    this.cacheSeconds += seconds.length;
  }

  /**
   * tor's persisted history into every interval it divides evenly and that has no completed
   * bucket of its own yet; the time since tor saved it becomes no-data buckets.
   */
  seedLongHistory(history: StateFileHistory, path: string, nowMs: number): void {
    const { read, written } = history;
    if (read === undefined || written === undefined) {
      this.longHistory = { kind: 'unavailable', path, reason: 'it has no BWHistoryRead/BWHistoryWrite lines' };
      return;
    }
    for (const interval of INTERVALS) {
      const down = this.bandwidth.primary.interval(interval.name);
      const up = this.bandwidth.secondary.interval(interval.name);
      if (down.length > 0 || up.length > 0) continue;
      const r = historyBuckets(read, history.lastWrittenAtMs, interval.seconds, nowMs, down.capacity);
      const w = historyBuckets(written, history.lastWrittenAtMs, interval.seconds, nowMs, up.capacity);
      const n = Math.min(r.length, w.length);
      for (let i = 0; i < n; i++) {
        down.pushBucket(r[r.length - n + i]!);
        up.pushBucket(w[w.length - n + i]!);
      }
    }
    this.longHistory = { kind: 'loaded', path, periodSec: read.intervalSec, periods: read.totals.length };
  }

  clone(): GraphModel {
    return new GraphModel(this);
  }
}
