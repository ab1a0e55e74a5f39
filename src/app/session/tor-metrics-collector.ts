// Keeps tor's MetricsPort data for one relay: finds the port (GETINFO net/listeners/metrics, else
// GETCONF MetricsPort, or the address given), scrapes /metrics every 5 s while tor is connected, and
// parses it. Scrapes only a port on this machine (scrapeRefusal); a bad answer is a `problem`, never a throw.
import type { Clock, Controller, Timer } from '../../controller/index.js';
import {
  EMPTY_TOR_METRICS,
  formatMetricsAddress,
  parseMetricsAddress,
  parseMetricsListeners,
  parseTorMetrics,
  scrapeRefusal,
  type MetricsAddress,
  type TorMetricsModel,
} from '../../relay/tor-metrics/index.js';
import { loadOnEachConnection } from './load-on-connect.js';
import { fetchMetricsText, type MetricsFetcher } from './tor-metrics-http.js';

export const METRICS_INTERVAL_MS = 5000;
/** After a failed scrape (port closed, policy refuses us) try again this much later, not every 5 s. */
export const METRICS_RETRY_MS = 30_000;
/** Earlier scrapes kept for "rising" (health checks): one a minute, up to this old. */
export const EARLIER_KEEP_MS = 10 * 60_000;
const EARLIER_EVERY_MS = 60_000;
export const NO_METRICS_PORT = 'no MetricsPort configured';

export interface TorMetricsCollectorOptions {
  readonly controller: Controller;
  readonly clock: Clock;
  /** tor runs on this machine, as last decided from /proc evidence (re-decided on each reconnect). */
  readonly torIsLocal: boolean | (() => boolean);
  /** A MetricsPort given by the user ("127.0.0.1:9035"), used instead of asking tor. */
  readonly source?: string;
  readonly intervalMs?: number;
  readonly fetch?: MetricsFetcher;
  readonly onChange: () => void;
  readonly onNotice?: (message: string) => void;
}

/** A relay not on screen whose metrics are not served: tor's MetricsPort once a minute is enough for the overview. */
export const METRICS_RELAXED_INTERVAL_MS = 60_000;

export class TorMetricsCollector {
  private current: TorMetricsModel = EMPTY_TOR_METRICS;
  private relaxed = false;
  private address: MetricsAddress | undefined;
  private timer: Timer | undefined;
  private generation = 0;
  private inFlight = false;
  private lastProblem: string | undefined;
  private history: TorMetricsModel[] = [];
  private readonly unsubscribers: Array<() => void> = [];

  constructor(private readonly options: TorMetricsCollectorOptions) {}

  get model(): TorMetricsModel {
    return this.current;
  }

  /** The oldest kept scrape at least a minute old (up to 10 min), to tell what is rising; undefined at first. */
  get earlier(): TorMetricsModel | undefined {
    const now = this.current.fetchedAtMs;
    const first = this.history[0];
    return now !== undefined && first?.fetchedAtMs !== undefined && now - first.fetchedAtMs >= EARLIER_EVERY_MS ? first : undefined;
  }

  /**
   * Relaxed: scrape once a minute (no Health page on screen, metrics not served). Back to the usual
   * interval at once: the next scrape is one interval after the last (now, when that has passed).
   */
  setRelaxed(relaxed: boolean): void {
    if (relaxed === this.relaxed) return;
    this.relaxed = relaxed;
    if (relaxed || this.timer === undefined) return;
    const last = this.current.fetchedAtMs;
    const interval = this.options.intervalMs ?? METRICS_INTERVAL_MS;
    // The relaxed timer may be most of a minute away: the next scrape is one interval after the last.
    const sinceLast = last === undefined ? interval : this.options.clock.nowMs() - last;
    this.schedule(this.generation, Math.max(0, interval - sinceLast));
  }

  start(): void {
    const c = this.options.controller;
    this.unsubscribers.push(loadOnEachConnection(c, () => void this.discover()));
    this.unsubscribers.push(c.on('CONF_CHANGED', () => void this.discover()));
    this.unsubscribers.push(
      c.onState((s) => {
        if (s.kind === 'closed' || s.kind === 'connect-failed') this.pause('tor is not connected');
      }),
    );
    void c.syncEvents();
  }

  stop(): void {
    this.generation++;
    this.timer?.cancel();
    this.timer = undefined;
    for (const u of this.unsubscribers.splice(0)) u();
  }

  /** Finds the MetricsPort, then scrapes at once. */
  async discover(): Promise<void> {
    const generation = ++this.generation;
    this.timer?.cancel();
    this.timer = undefined;
    const address = this.options.source !== undefined ? parseMetricsAddress(this.options.source) : await this.askTor();
    if (generation !== this.generation) return;
    this.address = address;
    if (address === undefined) {
      const problem = this.options.source !== undefined ? `cannot read the MetricsPort address "${this.options.source.slice(0, 60)}"` : NO_METRICS_PORT;
      this.set({ source: undefined, fetchedAtMs: undefined, families: [], problem });
      return;
    }
    const local = this.options.torIsLocal;
    const refusal = scrapeRefusal(address, typeof local === 'function' ? local() : local);
    if (refusal !== undefined) {
      this.set({ source: formatMetricsAddress(address), fetchedAtMs: undefined, families: [], problem: refusal });
      return;
    }
    await this.scrape(generation);
  }

  /** One scrape now (the timer's, or a test's); the next is scheduled after it. */
  async scrapeNow(): Promise<void> {
    await this.scrape(this.generation);
  }

  private async askTor(): Promise<MetricsAddress | undefined> {
    const c = this.options.controller;
    const listeners = await c.getInfoOne('net/listeners/metrics').catch(() => undefined);
    if (listeners !== undefined && listeners.trim() !== '') return parseMetricsListeners(listeners);
    const values = await c.getConfOne('MetricsPort').catch(() => [] as string[]);
    for (const v of values) {
      const a = parseMetricsAddress(v);
      if (a !== undefined) return a;
    }
    return undefined;
  }

  private async scrape(generation: number): Promise<void> {
    const address = this.address;
    if (address === undefined || this.inFlight) return;
    this.inFlight = true;
    const source = formatMetricsAddress(address);
    let ok = false;
    try {
      const fetched = await (this.options.fetch ?? fetchMetricsText)(address.host, address.port);
      if (generation !== this.generation) return;
      if (fetched.kind === 'error') {
        this.fail(source, `MetricsPort ${source}: ${fetched.message}`);
        return;
      }
      const parsed = parseTorMetrics(fetched.text);
      if (parsed.kind === 'error') {
        this.fail(source, `MetricsPort ${source}: ${parsed.message}`);
        return;
      }
      ok = true;
      if (this.lastProblem !== undefined) this.options.onNotice?.(`MetricsPort ${source} answers again`);
      this.lastProblem = undefined;
      const atMs = this.options.clock.nowMs();
      this.set({ source, fetchedAtMs: atMs, families: parsed.families, problem: undefined });
      this.remember(this.current, atMs);
    } finally {
      this.inFlight = false;
      if (generation === this.generation) this.schedule(generation, !ok ? METRICS_RETRY_MS : this.relaxed ? METRICS_RELAXED_INTERVAL_MS : (this.options.intervalMs ?? METRICS_INTERVAL_MS));
    }
  }

  private remember(model: TorMetricsModel, atMs: number): void {
    this.history = this.history.filter((m) => m.source === model.source && m.fetchedAtMs !== undefined && atMs - m.fetchedAtMs <= EARLIER_KEEP_MS);
    const newest = this.history[this.history.length - 1]?.fetchedAtMs;
    if (newest === undefined || atMs - newest >= EARLIER_EVERY_MS) this.history.push(model);
  }

  private fail(source: string, problem: string): void {
    if (problem !== this.lastProblem) this.options.onNotice?.(problem);
    this.lastProblem = problem;
    this.set({ source, fetchedAtMs: this.current.fetchedAtMs, families: [], problem });
  }

  private pause(problem: string): void {
    this.generation++;
    this.timer?.cancel();
    this.timer = undefined;
    if (this.current.families.length === 0 && this.current.problem === problem) return;
    this.set({ ...this.current, families: [], problem });
  }

  private schedule(generation: number, delayMs: number): void {
    this.timer?.cancel();
    this.timer = this.options.clock.setTimer(() => void this.scrape(generation), delayMs);
  }

  private set(model: TorMetricsModel): void {
    this.current = model;
    this.options.onChange();
  }
}
