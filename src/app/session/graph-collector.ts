// Feeds the graph model: one sample per BW event (bandwidth, plus connection counts and tor's
// cpu/memory at that moment), history at start from bw-event-cache and tor's state file, the
// title's limits (every 30 s) and observed bandwidth (every 5 min), accounting (every 5 s while enabled).
// Never throws into the controller; failures become one log line each.
import type { Controller, StateChange } from '../../controller/index.js';
import type { Clock } from '../../controller/index.js';
import type { TorEvent } from '../../protocol/events/index.js';
import {
  ACCOUNTING_KEYS,
  GraphModel,
  LIMIT_OPTIONS,
  limitsFromConf,
  observedFromDescriptor,
  parseAccounting,
  parseBwEventCache,
  parseStateFileHistory,
} from '../../relay/bandwidth/index.js';
import type { HeaderFacts } from '../../relay/index.js';
import { periodName } from '../../../panels/graph/index.js';
import { describeFileError, resolveTorPath, type ReadTail } from './log-file-tail.js';
import type { OwnLevel } from './own-log.js';

export interface GraphCollectorOptions {
  readonly controller: Controller;
  readonly clock: Clock;
  readonly readTail: ReadTail;
  readonly headerFacts: () => HeaderFacts;
  readonly connectionCounts: () => { readonly inbound: number; readonly outbound: number } | undefined;
  /** A second was recorded (or something the title shows changed). */
  readonly onChange: () => void;
  readonly log: (level: OwnLevel, message: string) => void;
}

const TITLE_REFRESH_MS = 30_000;
const ACCOUNTING_REFRESH_MS = 5_000;
const OBSERVED_REFRESH_MS = 300_000;
const STATE_FILE_MAX_BYTES = 1024 * 1024;

export class GraphCollector {
  readonly model = new GraphModel();
  private readonly unsubscribe: Array<() => void> = [];
  private stopped = false;
  /** bw-event-cache is being read: BW events until its answer are already in it. */
  private cachePending = false;
  private historyLoaded = false;
  private lastTitleAtMs = -Infinity;
  private lastObservedAtMs = -Infinity;
  private lastAccountingAtMs = -Infinity;
  private accountingBusy = false;

  constructor(private readonly options: GraphCollectorOptions) {}

  start(): void {
    const c = this.options.controller;
    this.unsubscribe.push(
      c.on('BW', (event) => this.onBw(event)),
      c.on('CONF_CHANGED', () => void this.refreshTitle(true)),
      c.onState((change) => this.onState(change)),
    );
    void c.syncEvents();
    if (c.state === 'connected') void this.onConnected();
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.unsubscribe.splice(0)) u();
  }

  private now(): number {
    return this.options.clock.nowMs();
  }

  private changed(): void {
    if (!this.stopped) this.options.onChange();
  }

  private onState(change: StateChange): void {
    if (change.kind === 'connected') void this.onConnected();
    else if (change.kind === 'closed' && this.model.accounting.kind === 'on') {
      this.model.accounting = { kind: 'closed' };
      this.changed();
    } else if (change.kind === 'reset') void this.refreshTitle(true);
  }

  private onBw(event: TorEvent): void {
    if (event.kind !== 'BW' || this.cachePending || this.stopped) return;
    const tor = this.options.headerFacts().tor;
    this.model.recordSecond(
      {
        readBytes: event.readBytes,
        writtenBytes: event.writtenBytes,
        connections: this.options.connectionCounts(),
        resources: tor?.rssBytes === undefined ? undefined : { cpuPercent: tor.cpuPercent, rssBytes: tor.rssBytes },
      },
      this.now(),
    );
    const now = this.now();
    if (now - this.lastTitleAtMs >= TITLE_REFRESH_MS) void this.refreshTitle(false);
    if (this.model.accounting.kind === 'on' && now - this.lastAccountingAtMs >= ACCOUNTING_REFRESH_MS) void this.refreshAccounting();
    this.changed();
  }

  private async onConnected(): Promise<void> {
    const c = this.options.controller;
    const first = !this.historyLoaded;
    this.historyLoaded = true;
    if (first) this.cachePending = true;
    try {
      const keys = ['traffic/read', 'traffic/written', 'uptime', ...(first ? ['bw-event-cache'] : [])];
      const info = await c.getInfo(keys);
      const read = Number(info.get('traffic/read'));
      const written = Number(info.get('traffic/written'));
      if (Number.isFinite(read) && Number.isFinite(written)) this.model.seedTotals(read, written);
      const uptime = Number(info.get('uptime'));
      if (Number.isFinite(uptime)) this.model.torStartedAtMs = this.now() - uptime * 1000;
      if (first) this.model.seedSeconds(parseBwEventCache(info.get('bw-event-cache') ?? ''));
    } catch (e) {
      this.options.log('INFO', `graph: could not read tor's traffic counters: ${(e as Error).message}`);
    } finally {
      if (first) this.cachePending = false;
    }
    this.changed();
    await this.refreshTitle(true);
    if (first) await this.loadStateFile();
  }

  /** Limits, observed bandwidth and whether accounting is on. */
  private async refreshTitle(force: boolean): Promise<void> {
    const now = this.now();
    if (!force && now - this.lastTitleAtMs < TITLE_REFRESH_MS) return;
    this.lastTitleAtMs = now;
    const c = this.options.controller;
    if (c.state !== 'connected') return;
    try {
      this.model.limits = limitsFromConf(await c.getConf([...LIMIT_OPTIONS]));
    } catch {
      // Older tors without one of the options: keep what we had.
    }
    // Asking for status/fresh-relay-descs makes tor build a descriptor: not more than every 5 min.
    const observedDue = force || now - this.lastObservedAtMs >= OBSERVED_REFRESH_MS;
    if (observedDue) this.lastObservedAtMs = now;
    const fingerprint = observedDue ? await c.getInfoOne('fingerprint').catch(() => undefined) : undefined;
    if (fingerprint !== undefined && fingerprint !== '') {
      const published = await c.getInfoOne(`desc/id/${fingerprint}`).catch(() => '');
      this.model.observed =
        observedFromDescriptor(published, 'published') ??
        observedFromDescriptor(await c.getInfoOne('status/fresh-relay-descs').catch(() => ''), 'fresh') ??
        this.model.observed;
    }
    const enabled = await c.getInfoOne('accounting/enabled').catch(() => '0');
    if (enabled.trim() === '1') {
      if (this.model.accounting.kind !== 'on') this.model.accounting = { kind: 'on', facts: undefined };
      await this.refreshAccounting();
    } else {
      this.model.accounting = { kind: 'off' };
    }
    this.changed();
  }

  private async refreshAccounting(): Promise<void> {
    if (this.accountingBusy) return;
    this.accountingBusy = true;
    this.lastAccountingAtMs = this.now();
    try {
      const info = await this.options.controller.getInfo([...ACCOUNTING_KEYS]);
      const facts = parseAccounting(info, this.now());
      if (facts !== undefined && this.model.accounting.kind === 'on') this.model.accounting = { kind: 'on', facts };
      this.changed();
    } catch {
      // Asked again in 5 s.
    } finally {
      this.accountingBusy = false;
    }
  }

  /** The 15-minute..daily history from tor's state file (<DataDirectory>/state). */
  private async loadStateFile(): Promise<void> {
    const c = this.options.controller;
    const unavailable = (path: string | undefined, reason: string, message: string) => {
      this.model.longHistory = { kind: 'unavailable', path, reason };
      this.options.log('NOTICE', `graph: ${message}; the 15-minute to daily graphs fill as ortop runs`);
    };
    let dataDir: string | undefined;
    try {
      dataDir = (await c.getConfOne('DataDirectory'))[0];
    } catch (e) {
      unavailable(undefined, 'tor did not say where its DataDirectory is', `could not ask tor for its DataDirectory (${(e as Error).message})`);
      return this.changed();
    }
    if (dataDir === undefined || dataDir === '') {
      unavailable(undefined, 'tor has no DataDirectory', 'tor reports no DataDirectory, so there is no state file to read');
      return this.changed();
    }
    const pid = Number(await c.getInfoOne('process/pid').catch(() => ''));
    const dir = resolveTorPath(dataDir, Number.isInteger(pid) && pid > 0 ? pid : undefined);
    if (dir === undefined) {
      unavailable(undefined, 'its DataDirectory is a relative path', `tor's DataDirectory ${dataDir} is relative and tor's pid is unknown`);
      return this.changed();
    }
    const path = `${dir}/state`;
    let text: string;
    try {
      text = await this.options.readTail(path, STATE_FILE_MAX_BYTES);
    } catch (e) {
      unavailable(path, `is not readable: ${describeFileError(e)}`, `tor's state file ${path} is not readable: ${describeFileError(e)}`);
      return this.changed();
    }
    this.model.seedLongHistory(parseStateFileHistory(text), path, this.now());
    const h = this.model.longHistory;
    if (h.kind === 'loaded') {
      const days = (h.periods * h.periodSec) / 86_400;
      const span = days >= 1 ? `${Math.round(days)} day(s)` : `${Math.round(days * 24)} hour(s)`;
      this.options.log('NOTICE', `graph history: ${this.model.cacheSeconds} s from tor's bw-event-cache, ${span} of ${periodName(h.periodSec)} totals from ${path}`);
    } else if (h.kind === 'unavailable') {
      this.options.log('NOTICE', `graph: ${path} ${h.reason}; the 15-minute to daily graphs fill as ortop runs`);
    }
    this.changed();
  }
}
