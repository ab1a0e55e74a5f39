// Feeds the connections model: on every (re)connection asks tor for its listeners, exit policy,
// pid/uid and the orconn/circuit/stream status snapshots, then follows ORCONN, CIRC, CIRC_MINOR and
// STREAM events (STREAM in half-second batches, parsing only each stream's first and last event: on
// a busy client most streams open and close within one, and are never parsed), and CONN_BW and
// CIRC_BW only while their byte counts are on screen (a busy client sends thousands of CIRC_BW a
// second); reads the socket table on a timer (5 s while the page is shown, 30 s otherwise, backing
// off when slow) and looks up countries in rounds. Never throws into the app: failures become notices.
import type { Clock, Controller, StateChange, Timer } from '../../controller/index.js';
import { byteStringFromUtf8, ProtocolError, type Reply } from '../../protocol/index.js';
import { parseEvent, type TorEvent } from '../../protocol/events/index.js';
import { parseClientsSeenEvent } from '../../protocol/events/statistics.js';
import {
  applyConnectionEvent,
  applySocketTable,
  applyStreamEvent,
  CONNECTION_EVENTS,
  CountryCache,
  createConnectionStore,
  LISTENER_KEYS,
  listenerAt,
  orConnEndpoints,
  parseCircuitStatus,
  parseExitPolicyText,
  parseOrConnStatus,
  parseStreamStatus,
  parseTorListeners,
  reconcileCircuitStatus,
  reconcileOrConnStatus,
  reconcileStreamStatus,
  streamEventHead,
  streamIsGone,
  touchAll,
  type ConnectionStore,
  type OurFacts,
  type RelayDirectory,
} from '../../relay/connections/index.js';
import { readTorSocketTable, type SocketFs, type SocketTable, type SsRunner } from '../../system/sockets/index.js';
import { lookUpCountries } from './connections-countries.js';

export interface ConnectionsCollectorOptions {
  readonly controller: Controller;
  readonly clock: Clock;
  readonly directory: RelayDirectory;
  /** undefined: the socket table cannot be read (the panel says so). */
  readonly socketFs: SocketFs | undefined;
  readonly runSs?: SsRunner;
  /** Our relay's flags from the header (Guard decides the client-country chart). */
  readonly ourFlags: () => readonly string[] | undefined;
  readonly onChange: () => void;
  readonly onNotice?: (message: string) => void;
  readonly socketEveryMs?: number;
  readonly hiddenSocketEveryMs?: number;
  /** Full orconn/circuit/stream-status resync period (catches anything missed). Default 5 min. */
  readonly resyncEveryMs?: number;
}

const COUNTRY_ROUND_MS = 1000;
/** STREAM events wait this long; then each stream's first and last are parsed and applied. */
export const STREAM_BATCH_MS = 500;

interface QueuedStream {
  /** The status in the stream's last event. */
  readonly status: string;
  /** When the stream's first event of the batch arrived (its start, if it is new). */
  readonly firstMs: number;
  /** Its first event of the batch: a NEW carries what later events leave out (source address, purpose). */
  readonly first: Reply;
  readonly last: Reply;
}
/** One event per connection or circuit per second: subscribed only while setTrafficWatched(true). */
const TRAFFIC_EVENTS: ReadonlySet<string> = new Set(['CONN_BW', 'CIRC_BW']);

export class ConnectionsCollector {
  readonly store: ConnectionStore = createConnectionStore();
  readonly countries = new CountryCache();
  /** True once the first snapshot is in (the graph's connection counts wait for it). */
  loaded = false;
  /** Why tor's connection lists could not be read, for the page to say (undefined when fine). */
  problem: string | undefined;
  private pid: number | undefined;
  private uid: number | undefined;
  /** GETCONF DisableDebuggerAttachment (tor's default is 1): explains unreadable /proc entries. */
  private debuggerAttachmentDisabled = false;
  private visible = false;
  private stopped = false;
  private readonly unsubscribe: Array<() => void> = [];
  private unsubscribeTraffic: Array<() => void> | undefined;
  private socketTimer: Timer | undefined;
  private resyncTimer: Timer | undefined;
  private countryTimer: Timer | undefined;
  private socketDelayMs: number;
  private refreshing: Promise<void> | undefined;
  /** Events seen while a snapshot request is on its way (applied again after it). */
  private duringSnapshot: TorEvent[] | undefined;
  private readingSockets = false;
  private readonly streamBatch = new Map<string, QueuedStream>();
  private streamTimer: Timer | undefined;

  constructor(private readonly options: ConnectionsCollectorOptions) {
    this.socketDelayMs = options.socketEveryMs ?? 5000;
  }

  private now(): number {
    return this.options.clock.nowMs();
  }

  start(): void {
    const c = this.options.controller;
    for (const type of CONNECTION_EVENTS) {
      if (type === 'STREAM') this.unsubscribe.push(c.onUnparsed(type, (reply) => this.queueStream(reply)));
      else if (!TRAFFIC_EVENTS.has(type)) this.unsubscribe.push(c.on(type, (e) => this.onEvent(e)));
    }
    this.unsubscribe.push(c.on('CONF_CHANGED', () => void this.readFacts().then(() => this.options.onChange())));
    this.unsubscribe.push(c.on('CLIENTS_SEEN', (e) => this.onEvent(e)));
    this.unsubscribe.push(c.onState((s) => this.onState(s)));
    void c.syncEvents().catch(() => undefined);
    if (c.state === 'connected') void this.refresh();
    this.scheduleResync();
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.unsubscribe.splice(0)) u();
    this.setTrafficWatched(false);
    this.dropStreamBatch();
    this.socketTimer?.cancel();
    this.resyncTimer?.cancel();
    this.countryTimer?.cancel();
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (visible && this.loaded) this.scheduleSockets(0);
  }

  /**
   * Whether per-connection and per-circuit byte counts are on screen (the details of a connection):
   * CONN_BW and CIRC_BW are subscribed only then, so the counts grow while they are watched.
   */
  setTrafficWatched(watched: boolean): void {
    if (watched === (this.unsubscribeTraffic !== undefined) || (watched && this.stopped)) return;
    if (!watched) {
      for (const u of this.unsubscribeTraffic!) u();
      this.unsubscribeTraffic = undefined;
      return;
    }
    const c = this.options.controller;
    this.unsubscribeTraffic = [...TRAFFIC_EVENTS].map((type) => c.on(type, (e) => this.onEvent(e)));
  }

  private onState(s: StateChange): void {
    if (s.kind === 'connected' || s.kind === 'reset') {
      if (s.kind === 'connected') this.clear();
      void this.refresh();
    }
  }

  private clear(): void {
    this.dropStreamBatch();
    this.store.orConns.clear();
    this.store.orConnsWithoutId.clear();
    this.store.circuits.clear();
    this.store.streams.clear();
    this.store.socketConns.clear();
    touchAll(this.store);
    this.store.version++;
  }

  private onEvent(event: TorEvent): void {
    if (this.stopped) return;
    this.duringSnapshot?.push(event);
    if (event.kind === 'CLIENTS_SEEN') {
      this.setFacts({ clientsSeen: event.countrySummary });
    } else if (!applyConnectionEvent(this.store, event, this.now())) {
      return;
    } else if (TRAFFIC_EVENTS.has(event.kind)) {
      // Byte counts are read live by the next frame (at least one a second): no frame of their own.
      return;
    }
    this.scheduleCountries();
    this.options.onChange();
  }

  private queueStream(reply: Reply): void {
    if (this.stopped) return;
    const head = streamEventHead(reply.lines[0]?.text ?? '');
    if (head === undefined) return; // not a STREAM line tor would send: nothing to apply
    const queued = this.streamBatch.get(head.id);
    this.streamBatch.set(head.id, { status: head.status, firstMs: queued?.firstMs ?? this.now(), first: queued?.first ?? reply, last: reply });
    this.streamTimer ??= this.options.clock.setTimer(() => this.flushStreams(), STREAM_BATCH_MS);
  }

  /**
   * Applies each batched stream's first and last events (the last alone if it is the only one); a
   * stream that opened and closed within the batch is skipped unparsed.
   */
  private flushStreams(): void {
    this.streamTimer?.cancel();
    this.streamTimer = undefined;
    if (this.stopped || this.streamBatch.size === 0) return;
    let changed = false;
    for (const [id, queued] of this.streamBatch) {
      // While a snapshot is on its way every event is kept, to be applied again after its answer.
      if (streamIsGone(queued.status) && !this.store.streams.has(id) && this.duringSnapshot === undefined) continue;
      for (const reply of queued.first === queued.last ? [queued.last] : [queued.first, queued.last]) {
        const event = parseEvent(reply);
        if (event.kind !== 'STREAM') continue;
        this.duringSnapshot?.push(event);
        applyStreamEvent(this.store, event, queued.firstMs);
        changed = true;
      }
    }
    this.streamBatch.clear();
    if (!changed) return;
    this.scheduleCountries();
    this.options.onChange();
  }

  private dropStreamBatch(): void {
    this.streamTimer?.cancel();
    this.streamTimer = undefined;
    this.streamBatch.clear();
  }

  private setFacts(patch: Partial<OurFacts>): void {
    this.store.our = { ...this.store.our, ...patch };
    touchAll(this.store);
    this.store.version++;
  }

  /** Re-asks tor everything (concurrent calls share one round). */
  refresh(): Promise<void> {
    this.refreshing ??= this.query().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async query(): Promise<void> {
    try {
      await this.readFacts();
      await this.readSnapshots();
      this.loaded = true;
      this.problem = undefined;
      this.options.onChange();
      this.scheduleSockets(0);
      this.scheduleCountries();
    } catch (e) {
      this.problem = `could not read tor's connections: ${(e as Error).message}`;
      this.options.onNotice?.(this.problem);
      this.options.onChange();
    }
  }

  private async readFacts(): Promise<void> {
    const c = this.options.controller;
    const keys = LISTENER_KEYS.map(([k]) => k);
    const listenerValues = await c.getInfo(keys).catch(() => c.getInfo(keys.slice(0, 4)));
    const listeners = parseTorListeners(listenerValues);
    const isRelay = listeners.listeners.some((l) => l.kind === 'or');
    const info = await c.getInfo(['process/pid', 'process/uid', 'ip-to-country/ipv4-available', 'ip-to-country/ipv6-available']).catch(() => new Map<string, string>());
    const pid = Number(info.get('process/pid'));
    const uid = Number(info.get('process/uid'));
    this.pid = Number.isInteger(pid) && pid > 0 ? pid : undefined;
    this.uid = Number.isInteger(uid) && uid >= 0 ? uid : undefined;
    this.countries.ipv4Available = info.get('ip-to-country/ipv4-available') === '1';
    this.countries.ipv6Available = info.get('ip-to-country/ipv6-available') === '1';
    let exitPolicy: OurFacts['exitPolicy'];
    if (isRelay) {
      const text = await c.getInfoOne('exit-policy/full').catch(() => undefined);
      try {
        exitPolicy = text === undefined ? undefined : parseExitPolicyText(text);
      } catch (e) {
        if (!(e instanceof ProtocolError)) throw e;
      }
    }
    const bridge = isRelay && (await c.getConfOne('BridgeRelay').catch(() => [] as string[]))[0] === '1';
    const dda = await c.getConfOne('DisableDebuggerAttachment').catch(() => [] as string[]);
    this.debuggerAttachmentDisabled = dda.length === 0 || dda[0] === '1';
    const seen = isRelay ? await c.getInfoOne('status/clients-seen').catch(() => undefined) : undefined;
    let clientsSeen: OurFacts['clientsSeen'];
    try {
      clientsSeen = seen === undefined || seen === '' ? undefined : parseClientsSeenEvent(byteStringFromUtf8(seen), 0).countrySummary;
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
    }
    // 551 until tor has guessed its address (and on clients): the '*' of the listener then stays.
    const address = isRelay ? await c.getInfoOne('address').catch(() => undefined) : undefined;
    this.setFacts({ listeners, exitPolicy, bridge, guard: this.options.ourFlags()?.includes('Guard') ?? false, clientsSeen, address: address === '' ? undefined : address });
  }

  /**
   * tor's snapshots, reconciled with the model. Events that arrive while the answer is on its way
   * are applied again afterwards: the answer may be read in the same chunk as a later event (a
   * stream's CLOSED, handled at once) and be processed after it, and would otherwise bring back
   * what the event removed.
   */
  private async readSnapshots(): Promise<void> {
    this.flushStreams(); // events older than the snapshot go first
    const since: TorEvent[] = [];
    this.duringSnapshot = since;
    let values: Map<string, string>;
    try {
      values = await this.options.controller.getInfo(['orconn-status', 'circuit-status', 'stream-status']);
    } finally {
      if (this.duringSnapshot === since) this.duringSnapshot = undefined;
    }
    const now = this.now();
    const or = parseOrConnStatus(values.get('orconn-status') ?? '');
    const circuits = parseCircuitStatus(values.get('circuit-status') ?? '');
    const streams = parseStreamStatus(values.get('stream-status') ?? '');
    reconcileOrConnStatus(this.store, or.lines, now);
    reconcileCircuitStatus(this.store, circuits.circuits, now);
    reconcileStreamStatus(this.store, streams.streams, now);
    for (const event of since) if (event.kind !== 'CLIENTS_SEEN') applyConnectionEvent(this.store, event, now);
    const malformed = or.malformed + circuits.malformed + streams.malformed;
    if (malformed > 0) this.options.onNotice?.(`skipped ${malformed} malformed lines in tor's connection status`);
  }

  private scheduleResync(): void {
    if (this.stopped) return;
    this.resyncTimer = this.options.clock.setTimer(() => {
      if (this.options.controller.state === 'connected' && this.loaded) {
        void this.readSnapshots().then(() => this.options.onChange(), () => undefined);
      }
      this.scheduleResync();
    }, this.options.resyncEveryMs ?? 300_000);
  }

  private scheduleSockets(delayMs: number): void {
    if (this.stopped) return;
    this.socketTimer?.cancel();
    this.socketTimer = this.options.clock.setTimer(() => void this.readSockets(), delayMs);
  }

  /** Reads the socket table once, then schedules the next reading. */
  async readSockets(): Promise<void> {
    if (this.stopped || this.readingSockets) return;
    this.readingSockets = true;
    const started = performance.now();
    try {
      const listeners = this.store.our.listeners;
      const table = await readTorSocketTable({
        fs: this.options.socketFs,
        pid: this.pid,
        uid: this.uid,
        isTorListener: (address, port) => listenerAt(listeners, address, port) !== undefined,
        ...(this.options.runSs === undefined ? {} : { runSs: this.options.runSs }),
      });
      if (this.stopped) return;
      applySocketTable(this.store, this.explain(table), this.options.directory, this.now());
      this.scheduleCountries();
      this.options.onChange();
    } finally {
      this.readingSockets = false;
      // Back off when reading took long (tens of thousands of fds), as Nyx does: rate ≥ 100 × cost.
      const costMs = performance.now() - started;
      const base = this.visible ? (this.options.socketEveryMs ?? 5000) : (this.options.hiddenSocketEveryMs ?? 30_000);
      this.socketDelayMs = Math.min(120_000, Math.max(base, costMs * 100));
      this.scheduleSockets(this.socketDelayMs);
    }
  }

  /** Adds why tor's /proc entries are closed when tor itself closed them (DisableDebuggerAttachment). */
  private explain(table: SocketTable): SocketTable {
    if (!this.debuggerAttachmentDisabled) return table;
    const why = "tor runs with DisableDebuggerAttachment 1 (its default), which leaves its /proc entries to root: run ortop as root, or set DisableDebuggerAttachment 0";
    if (table.kind === 'unavailable' && table.reason.includes('permission denied')) return { ...table, reason: `${table.reason}; ${why}` };
    if (table.kind === 'sockets' && table.owner === 'uid') return { ...table, limitation: `${table.limitation ?? ''}; ${why}` };
    return table;
  }

  private scheduleCountries(): void {
    if (this.stopped || this.countryTimer !== undefined) return;
    if (!this.countries.ipv4Available && !this.countries.ipv6Available) return;
    this.countryTimer = this.options.clock.setTimer(() => {
      void lookUpCountries(this.options.controller, this.countries, this.addresses()).then((n) => {
        this.countryTimer = undefined;
        if (n > 0) {
          this.options.onChange();
          this.scheduleCountries();
        }
      });
    }, COUNTRY_ROUND_MS);
  }

  /** Every remote address the page may show a country for. */
  private *addresses(): Iterable<string> {
    const d = this.options.directory;
    for (const c of this.store.orConns.values()) {
      const a = orConnEndpoints(c, d).remote?.address;
      if (a !== undefined) yield a;
    }
    for (const row of this.store.socketConns.values()) yield row.socket.remoteAddress;
    for (const circuit of this.store.circuits.values()) {
      for (const hop of circuit.path) {
        const relay = hop.fingerprint === undefined ? undefined : d.get(hop.fingerprint);
        if (relay !== undefined) yield relay.address;
      }
    }
  }
}
