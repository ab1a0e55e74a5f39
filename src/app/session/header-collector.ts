// Keeps HeaderFacts current: asks tor what the header shows when connected (and after a reload or
// a config change), follows the events tor offers instead of polling them, and samples /proc for
// cpu, memory and file descriptors on a timer from the injected clock.
import { hostname, release, type } from 'node:os';
import type { Clock, Controller, StateChange, Timer } from '../../controller/index.js';
import type { TorEvent } from '../../protocol/events/index.js';
import {
  emptyHeaderFacts,
  flagsFromStatus,
  HEADER_INFO_KEYS,
  patchFromHeaderInfo,
  reduceHeaderEvent,
  selectHeaderExitPolicy,
  type HeaderFacts,
  type HeaderPatch,
  type ResourceUsage,
} from '../../relay/index.js';
import { cpuPercent, sampleProcess, type KnownFigures, type ProcFs, type ProcessSample } from '../../system/index.js';
import { describeConnectionProblem } from './connection-problem.js';
import { simulatedProcFs } from './demo-controller.js';

export interface HeaderCollectorOptions {
  readonly controller: Controller;
  readonly clock: Clock;
  readonly procFs: ProcFs;
  /** How the control connection was described to the user ("127.0.0.1:9051", a socket path, "demo"). */
  readonly target: string;
  readonly onChange: (facts: HeaderFacts) => void;
  /**
   * /proc sampling period when tor sends no BW events. Default 2000 ms. With BW events (one a
   * second) tor is sampled once per event, so the resources graph gets a fresh figure every second.
   */
  readonly sampleEveryMs?: number;
  /** Reports trouble that is worth a log line (never thrown). */
  readonly onNotice?: (message: string) => void;
  readonly host?: { hostname: string; osName: string; osRelease: string };
}

/** A BW event closer than this to the last sample does not sample again (events can bunch up). */
const BW_SAMPLE_MIN_GAP_MS = 900;
/** A relay not on screen (one of several): tor's /proc figures every 5 s are plenty for the overview and graphs. */
export const HIDDEN_SAMPLE_MIN_GAP_MS = 4900;
/** The machine's memory total (the header's "mem: … (x%)") is read again this often. */
const MEMTOTAL_EVERY_MS = 60_000;
/** tor's open fds are counted this often (under 5 s apart when hidden-relay samples are 4.9 s apart). */
const FDS_EVERY_MS = 4500;

const EVENT_TYPES = ['STATUS_CLIENT', 'NETWORK_LIVENESS', 'NS', 'NEWCONSENSUS', 'CONF_CHANGED'] as const;

export class HeaderCollector {
  private current: HeaderFacts;
  private readonly unsubscribe: Array<() => void> = [];
  private sampleTimer: Timer | undefined;
  private lastTorSample: ProcessSample | undefined;
  private lastOwn: { atMs: number; cpuMicros: number } | undefined;
  private stopped = false;
  private shown = true;
  private lastSampleAtMs = -Infinity;
  private memTotalReadAtMs = -Infinity;
  private fdsReadAtMs = -Infinity;
  private refreshing: Promise<void> | undefined;
  /** The address of the connection ortop started with: options.target describes it. */
  private firstAddress: string | undefined;

  constructor(private readonly options: HeaderCollectorOptions) {
    const host = options.host ?? { hostname: hostname(), osName: type(), osRelease: release() };
    this.current = emptyHeaderFacts(host, options.target);
  }

  get facts(): HeaderFacts {
    return this.current;
  }

  start(): void {
    const c = this.options.controller;
    this.firstAddress = c.address;
    this.unsubscribe.push(c.onState((s) => this.onState(s)));
    for (const t of EVENT_TYPES) this.unsubscribe.push(c.on(t, (e) => this.onEvent(e)));
    this.unsubscribe.push(c.on('BW', () => this.onBwSecond()));
    if (c.state === 'connected') {
      // Quietly: the first frame waits for the first answers rather than showing an empty header.
      this.current = { ...this.current, connection: { kind: 'connected', target: this.options.target, authMethod: c.authMethod!, sinceMs: this.now() } };
      void this.refresh();
    }
    this.scheduleSample(this.options.sampleEveryMs ?? 2000);
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.unsubscribe.splice(0)) u();
    this.sampleTimer?.cancel();
  }

  /** Re-asks tor everything the header shows. Concurrent calls share one round. */
  refresh(): Promise<void> {
    if (this.refreshing !== undefined) return this.refreshing;
    this.refreshing = this.query().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private now(): number {
    return this.options.clock.nowMs();
  }

  private update(patch: HeaderPatch): void {
    if (this.stopped) return;
    this.current = { ...this.current, ...patch };
    this.options.onChange(this.current);
  }

  private onState(change: StateChange): void {
    const target = this.options.target;
    switch (change.kind) {
      case 'connected': {
        // Discovery may find tor somewhere else after a restart (a port before, a socket now).
        this.firstAddress ??= change.address;
        const address = change.address === this.firstAddress ? target : change.address;
        this.update({
          connection: { kind: 'connected', target: address, authMethod: change.authMethod, sinceMs: change.atMs },
          authMethod: change.authMethod,
          controlTarget: address,
          controlIsSocket: address.startsWith('/'),
        });
        void this.refresh();
        return;
      }
      case 'closed':
      case 'connect-failed': {
        const reason = change.kind === 'closed' ? change.reason : change.error;
        const since = this.current.connection.kind === 'disconnected' ? this.current.connection.atMs : change.atMs;
        const problem = describeConnectionProblem(reason);
        const retrying = this.retryingText();
        this.update({
          connection: {
            kind: 'disconnected',
            target,
            atMs: since,
            reason: reason.message,
            retryAtMs: change.retryInMs === undefined ? undefined : change.atMs + change.retryInMs,
            ...(problem === undefined ? {} : { problem: problem.text }),
            ...(problem?.manualAction === undefined ? {} : { manualAction: problem.manualAction }),
            ...(retrying === undefined ? {} : { retrying }),
          },
        });
        return;
      }
      case 'unresponsive': {
        const conn = this.current.connection;
        if (conn.kind !== 'connected') return;
        const { command, askedAtMs, lastHeardAtMs, dropAtMs } = change;
        this.update({ connection: { ...conn, silence: { command, askedAtMs, lastHeardAtMs, dropAtMs } } });
        return;
      }
      case 'responsive': {
        const conn = this.current.connection;
        if (conn.kind === 'connected' && conn.silence !== undefined) this.update({ connection: { ...conn, silence: undefined } });
        return;
      }
      case 'reset':
        void this.refresh();
        return;
    }
  }

  /** "127.0.0.1:9051" when reconnects try one address, "4 control addresses" for discovery. */
  private retryingText(): string | undefined {
    const targets = this.options.controller.targets;
    if (targets.length === 0) return undefined;
    return targets.length === 1 ? targets[0] : `${targets.length} control addresses`;
  }

  private onEvent(event: TorEvent): void {
    if (event.kind === 'CONF_CHANGED') {
      void this.refresh();
      return;
    }
    const next = reduceHeaderEvent(this.current, event);
    if (next !== this.current) this.update(next);
  }

  private async query(): Promise<void> {
    const c = this.options.controller;
    const optional = <T>(p: Promise<T>): Promise<T | undefined> => p.catch(() => undefined);
    try {
      // One pipelined round: the batch that cannot fail, and the keys that may (551 on clients or
      // while tor starts) each on its own so one failure does not void the others.
      const [info, conf, orPortLines, fingerprint, address, exitPolicy, exitConf, defaultPolicy] = await Promise.all([
        c.getInfo([...HEADER_INFO_KEYS]),
        c.getConf(['Nickname', 'SocksPort']),
        optional(c.getConfOne('ORPort')),
        optional(c.getInfoOne('fingerprint')),
        optional(c.getInfoOne('address')),
        optional(c.getInfoOne('exit-policy/full')),
        // Without a descriptor (DisableNetwork, just started) tor answers 551 above: the torrc stands in.
        optional(c.getConf(['ExitPolicy', 'ExitRelay', 'ReducedExitPolicy'])),
        optional(c.getInfoOne('exit-policy/default')),
      ]);
      const patch: HeaderPatch = { ...patchFromHeaderInfo(info, this.now()), authMethod: c.authMethod };
      // A tor whose nickname was never set is "Unnamed" on the network.
      patch.nickname = conf.get('Nickname')?.[0] ?? 'Unnamed';
      if (patch.isRelay === false) {
        // ORPort configured but not listening (DisableNetwork, hibernation): still a relay.
        const configured = configuredOrPort(orPortLines ?? []);
        if (configured !== undefined) {
          patch.isRelay = true;
          patch.orPort = configured.port;
          if (configured.host !== undefined) patch.address = configured.host;
        }
      }
      if (patch.isRelay && patch.address === undefined) patch.address = address;
      const socks = conf.get('SocksPort') ?? [];
      const hasSocks = !(socks.length === 1 && /^0(\s|$)/.test(socks[0]!));
      patch.newnymWaitMs = hasSocks ? c.newnymWaitMs(this.now()) : undefined;
      patch.fingerprint = fingerprint;
      patch.exitPolicy = !patch.isRelay
        ? undefined
        : selectHeaderExitPolicy({
            full: exitPolicy,
            defaultPolicy,
            conf: exitConf === undefined
              ? undefined
              : { exitPolicy: exitConf.get('ExitPolicy') ?? [], exitRelay: exitConf.get('ExitRelay')?.[0], reducedExitPolicy: exitConf.get('ReducedExitPolicy')?.[0] },
            ownAddresses: [patch.address, address].filter((a): a is string => a !== undefined),
          });
      this.update(patch);
      if (fingerprint !== undefined) {
        const status = await optional(c.getInfoOne(`ns/id/${fingerprint}`));
        this.update({ flags: status === undefined ? [] : (flagsFromStatus(status, fingerprint) ?? []) });
      } else {
        this.update({ flags: undefined });
      }
      await this.sampleOnce();
    } catch (e) {
      this.options.onNotice?.(`could not read relay details: ${(e as Error).message}`);
    }
  }

  /** tor's second ticked: sample now (the graph records this sample with the next BW event). */
  private onBwSecond(): void {
    if (!this.stopped && this.now() - this.lastSampleAtMs >= (this.shown ? BW_SAMPLE_MIN_GAP_MS : HIDDEN_SAMPLE_MIN_GAP_MS)) void this.sampleOnce();
  }

  /** Whether this relay is the one on screen: tor's process is sampled each second then, every 5 s otherwise. */
  setShown(shown: boolean): void {
    if (shown === this.shown) return;
    this.shown = shown;
    // Shown again: fresh figures for the frame that shows it.
    if (shown && !this.stopped) void this.sampleOnce();
  }

  private scheduleSample(delayMs: number): void {
    if (this.stopped) return;
    this.sampleTimer = this.options.clock.setTimer(() => {
      const every = this.options.sampleEveryMs ?? 2000;
      // BW events are sampling already: the timer only stands in when they stop.
      const due = this.now() - this.lastSampleAtMs >= (this.shown ? every - BW_SAMPLE_MIN_GAP_MS : HIDDEN_SAMPLE_MIN_GAP_MS);
      void (due ? this.sampleOnce() : Promise.resolve()).then(() => this.scheduleSample(every));
    }, delayMs);
  }

  private async sampleOnce(): Promise<void> {
    const atMs = this.now();
    this.lastSampleAtMs = atMs;
    const patch: HeaderPatch = { ortop: this.sampleOwn(atMs) };
    const pid = this.current.pid;
    if (pid !== undefined && this.current.connection.kind === 'connected') {
      // The demo relay's simulated process, or tor's /proc (NOT_LOCAL_PROC_FS for a tor elsewhere).
      const prev = this.lastTorSample?.pid === pid ? this.lastTorSample : undefined;
      const s = await sampleProcess(simulatedProcFs(this.options.controller) ?? this.options.procFs, pid, atMs, this.knownFigures(prev, atMs));
      if (s.kind === 'sample') {
        patch.tor = resourceUsage(
          prev === undefined ? 0 : cpuPercent(prev.stat.utimeTicks + prev.stat.stimeTicks, s.stat.utimeTicks + s.stat.stimeTicks, atMs - prev.atMs),
          s.rssBytes,
          s.memTotalBytes,
        );
        patch.fdUsed = s.openFds;
        this.lastTorSample = s;
      } else {
        patch.tor = undefined;
        patch.fdUsed = undefined;
      }
    }
    if (this.current.newnymWaitMs !== undefined) patch.newnymWaitMs = this.options.controller.newnymWaitMs(atMs);
    this.update(patch);
  }

  /**
   * What the last sample of the same tor already says and need not be read again: the machine's
   * memory (once a minute) and the open fds (every 5 s; a busy relay has tens of thousands).
   */
  private knownFigures(prev: ProcessSample | undefined, atMs: number): KnownFigures {
    const readMemTotal = prev?.memTotalBytes === undefined || atMs - this.memTotalReadAtMs >= MEMTOTAL_EVERY_MS;
    const readFds = prev?.openFds === undefined || atMs - this.fdsReadAtMs >= FDS_EVERY_MS;
    if (readMemTotal) this.memTotalReadAtMs = atMs;
    if (readFds) this.fdsReadAtMs = atMs;
    return { memTotalBytes: readMemTotal ? undefined : prev?.memTotalBytes, openFds: readFds ? undefined : prev?.openFds };
  }

  private sampleOwn(atMs: number): ResourceUsage {
    const usage = process.cpuUsage();
    const cpuMicros = usage.user + usage.system;
    const prev = this.lastOwn;
    this.lastOwn = { atMs, cpuMicros };
    const pct = prev === undefined || atMs <= prev.atMs ? 0 : ((cpuMicros - prev.cpuMicros) / 1000 / (atMs - prev.atMs)) * 100;
    return resourceUsage(pct, process.memoryUsage.rss(), undefined);
  }
}

/**
 * The first ORPort line that is not "0": "9001", "127.0.0.1:9001 NoListen", "[::1]:auto".
 * Port undefined for "auto"; host only when the line names a specific address.
 */
export function configuredOrPort(lines: readonly string[]): { host: string | undefined; port: number | undefined } | undefined {
  for (const line of lines) {
    const first = line.trim().split(/\s+/)[0] ?? '';
    if (first === '' || first === '0') continue;
    const colon = first.lastIndexOf(':');
    const portText = colon < 0 ? first : first.slice(colon + 1);
    let host = colon < 0 ? undefined : first.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    if (host === '0.0.0.0' || host === '::' || host === '') host = undefined;
    const port = Number(portText);
    return { host, port: Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined };
  }
  return undefined;
}

function resourceUsage(cpu: number, rssBytes: number | undefined, memTotal: number | undefined): ResourceUsage {
  return {
    cpuPercent: cpu,
    rssBytes,
    memPercent: rssBytes !== undefined && memTotal !== undefined && memTotal > 0 ? (rssBytes / memTotal) * 100 : undefined,
  };
}
