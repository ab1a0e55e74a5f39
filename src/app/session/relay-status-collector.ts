// Keeps the exporter's extra relay facts current (src/metrics/relay-status.ts): reachability and
// dormancy every 15 s, the descriptor's bandwidth and overload-general every 5 minutes (desc/id is a
// lookup; status/fresh-relay-descs makes tor build one, so it is only the fallback). Started only
// when metrics are served: the TUI alone never asks.
import type { Clock, Controller, Timer } from '../../controller/index.js';
import { descriptorStatusOf, NO_RELAY_STATUS, parseBit, parseReachability, type RelayStatusFacts } from '../../metrics/relay-status.js';

export const STATUS_REFRESH_MS = 15_000;
export const DESCRIPTOR_REFRESH_MS = 5 * 60_000;

export interface RelayStatusCollectorOptions {
  readonly controller: Controller;
  readonly clock: Clock;
  /** Called after each poll (the exporter reads at scrape time, so the session passes none). */
  readonly onChange?: () => void;
}

export class RelayStatusCollector {
  private current: RelayStatusFacts = NO_RELAY_STATUS;
  private timer: Timer | undefined;
  private running = false;
  private busy = false;
  private lastDescriptorAtMs = Number.NEGATIVE_INFINITY;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: RelayStatusCollectorOptions) {}

  get facts(): RelayStatusFacts {
    return this.current;
  }

  /** Idempotent; polls while started, at once on every (re)connect. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.controller.onState((s) => {
      if (s.kind === 'connected') {
        this.lastDescriptorAtMs = Number.NEGATIVE_INFINITY;
        void this.poll();
      }
    });
    void this.poll();
  }

  stop(): void {
    this.running = false;
    this.unsubscribe?.();
    this.timer?.cancel();
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer?.cancel();
    if (this.running) this.timer = this.options.clock.setTimer(() => void this.poll(), STATUS_REFRESH_MS);
  }

  private async poll(): Promise<void> {
    const c = this.options.controller;
    if (!this.running || this.busy) return;
    this.busy = true;
    try {
      if (c.state !== 'connected') return;
      const info = await c.getInfo(['status/reachability-succeeded', 'dormant']).catch(() => new Map<string, string>());
      let descriptor = this.current.descriptor;
      const now = this.options.clock.nowMs();
      if (now - this.lastDescriptorAtMs >= DESCRIPTOR_REFRESH_MS) {
        this.lastDescriptorAtMs = now;
        descriptor = (await this.readDescriptor()) ?? descriptor;
      }
      this.current = { reachability: parseReachability(info.get('status/reachability-succeeded')), dormant: parseBit(info.get('dormant')), descriptor };
      this.options.onChange?.();
    } finally {
      this.busy = false;
      this.schedule();
    }
  }

  private async readDescriptor() {
    const c = this.options.controller;
    const fingerprint = (await c.getInfoOne('fingerprint').catch(() => '')).trim();
    // Only a fingerprint goes into the command: a hostile answer (spaces, CRLF) must not become one.
    if (!/^[0-9A-F]{40}$/i.test(fingerprint)) return undefined;
    const published = descriptorStatusOf(await c.getInfoOne(`desc/id/${fingerprint}`).catch(() => ''), 'published');
    return published ?? descriptorStatusOf(await c.getInfoOne('status/fresh-relay-descs').catch(() => ''), 'fresh');
  }
}
