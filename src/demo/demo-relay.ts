// The simulated relay behind `ortop --demo`: its state (configuration, network view, OR
// connections, circuits, traffic) and how it moves on each tick of the injected clock, plus what
// control commands do to it (DemoControl). Deterministic for a seed and a clock; owns no timers —
// demo-tor.ts drives tick() — and never reads wall time.

import type { ControlConnection } from './control-connection.js';
import type { ServerAuthSettings } from './control-auth.js';
import type { DemoControl } from './demo-commands.js';
import type { EventSink, IdSource } from './event-sink.js';
import { BandwidthSource, BwHistory, diurnalFactor } from './bandwidth-curve.js';
import type { CircuitRates } from './circuits.js';
import { CircuitSimulation } from './circuits.js';
import { SimConsensus } from './consensus.js';
import { DEMO_TOR_VERSION } from './getinfo-table.js';
import type { LogContext } from './log-lines.js';
import { makeDebug, makeDump, makeHeartbeat, makeInfo, makeNoticeOrWarn } from './log-lines.js';
import { OrConnSimulation } from './orconns.js';
import { buildOurRelay, formatClientsSeen, formatListeners, ourExitPolicy } from './our-relay.js';
import { Random } from './random.js';
import { RelayConfig } from './relay-config.js';
import type { SimRelay } from './relay-types.js';
import type { SignalHost } from './demo-signals.js';
import { SignalState } from './demo-signals.js';
import { StreamSimulation } from './streams.js';

export interface DemoRates {
  readonly orConnOpensPerSec: number;
  readonly circuits: CircuitRates;
  readonly noticePerSec: number;
  /** Only while someone listens. */
  readonly infoPerSec: number;
  readonly debugPerSec: number;
}

/** How `eventsPerSecond` is spread over ORCONN (40 %), CIRC (30 %), STREAM, CIRC_BW (12 % each) and NOTICE/WARN. */
export function ratesFor(eventsPerSecond: number): DemoRates {
  const eps = Math.max(0.5, eventsPerSecond);
  return {
    orConnOpensPerSec: (eps * 0.4) / 3,
    circuits: {
      launchPerSec: (eps * 0.3) / 5.7,
      targetOpen: Math.min(200, Math.max(12, eps * 1.2)),
      streamsPerSec: (eps * 0.12) / 4.3,
      circBwPerSec: eps * 0.12,
    },
    noticePerSec: eps * 0.03,
    infoPerSec: eps * 0.6,
    debugPerSec: Math.min(5000, eps * 4),
  };
}

const HOUR_MS = 3_600_000;

/** --demo N seeds its relays 1000, 1001, …: relay 1, 2, … of the fleet; any other seed is the single demo relay (0). */
export function fleetIndexOf(seed: number): number {
  return seed >= 1000 ? seed - 999 : 0;
}
const DESCRIPTOR_OPTIONS = new Set([
  'Nickname', 'ContactInfo', 'ExitPolicy', 'ExitRelay', 'ExitPolicyRejectPrivate', 'ORPort', 'DirPort', 'Address',
  'BandwidthRate', 'BandwidthBurst', 'RelayBandwidthRate', 'RelayBandwidthBurst', 'MaxAdvertisedBandwidth', 'MyFamily',
]);

export interface DemoRelayOptions {
  readonly nowMs: number;
  readonly seed: number;
  readonly eventsPerSecond: number;
  readonly relayCount: number;
  readonly pid: number;
  readonly sink: EventSink;
  /** The process exits (SIGNAL HALT/TERM, or SHUTDOWN after its wait). */
  readonly onExit: () => void;
}

export class DemoRelay implements DemoControl {
  readonly config = new RelayConfig();
  readonly consensus: SimConsensus;
  readonly bwHistory = new BwHistory();
  readonly pid: number;
  nowMs: number;
  startedAtMs: number;
  readBytes = 0;
  writtenBytes = 0;
  networkUp = true;
  dormant = false;
  private readonly options: DemoRelayOptions;
  private readonly random: Random;
  private readonly notices: Random;
  private readonly chatter: Random;
  private readonly rates: DemoRates;
  private readonly bandwidth: BandwidthSource;
  private readonly orConns: OrConnSimulation;
  private readonly streams: StreamSimulation;
  private readonly circuits: CircuitSimulation;
  private readonly guards: readonly SimRelay[];
  private readonly sink: EventSink;
  private connId: number;
  private circId: number;
  private publishedAtMs: number;
  private ours: SimRelay;
  private nextBwAtMs: number;
  private nextHeartbeatAtMs: number;
  private nextConsensusAtMs: number;
  private livenessUpAtMs: number | undefined;
  private readonly signals = new SignalState();
  private readonly signalHost: SignalHost;

  constructor(options: DemoRelayOptions) {
    this.options = options;
    this.sink = options.sink;
    this.pid = options.pid;
    this.nowMs = options.nowMs;
    this.random = new Random(options.seed, 'relay');
    this.notices = this.random.fork('notices');
    this.chatter = this.random.fork('chatter');
    this.rates = ratesFor(options.eventsPerSecond);
    this.startedAtMs = this.nowMs - (3 * 86_400_000 + 2 * HOUR_MS + this.random.int(0, 59) * 60_000 + this.random.int(0, 59_000));
    this.publishedAtMs = this.nowMs - this.random.int(1, 17) * HOUR_MS;
    this.bandwidth = new BandwidthSource(this.random.fork('bandwidth'), 2_600_000);
    for (let t = this.nowMs - 299_000; t <= this.nowMs; t += 1000) this.bwHistory.push(this.bandwidth.sample(t, this.rateCap()));
    const uptimeSec = (this.nowMs - this.startedAtMs) / 1000;
    this.readBytes = Math.round(this.bandwidth.mean * uptimeSec * this.random.float(0.93, 0.99));
    this.writtenBytes = Math.round(this.readBytes * this.random.float(1.005, 1.02));
    this.connId = 100_000 + Math.round(uptimeSec * 3);
    this.circId = 20_000 + Math.round(uptimeSec / 12);
    // Several demo relays (--demo N, seeds 1000, 1001, …) each get their own nickname: ortopDemo1, ortopDemo2, …
    if (options.seed >= 1000) {
      this.config.apply(new Map([['Nickname', [`ortopDemo${fleetIndexOf(options.seed)}`]]]));
      this.config.save();
    }
    this.ours = this.buildOurs();
    this.consensus = new SimConsensus(this.random.fork('consensus'), this.ours, options.relayCount, this.nowMs);
    const ids: IdSource = { nextConnectionId: () => (this.connId += this.random.int(1, 4)), nextCircuitId: () => ++this.circId };
    this.streams = new StreamSimulation(this.random.fork('streams'), ids);
    this.circuits = new CircuitSimulation(this.random.fork('circuits'), this.consensus, ids, this.streams);
    this.orConns = new OrConnSimulation(this.random.fork('orconns'), this.consensus, ids);
    this.guards = this.circuits.chooseGuards(12);
    this.orConns.seed(this.nowMs, this.guards.slice(0, 3), this.rates.orConnOpensPerSec);
    this.circuits.seed(this.nowMs, this.rates.circuits);
    this.nextBwAtMs = this.nowMs + 1000;
    this.nextHeartbeatAtMs = this.nextPeriodAfter(this.nowMs);
    this.nextConsensusAtMs = (Math.floor(this.nowMs / HOUR_MS) + 1) * HOUR_MS + this.random.int(2, 9) * 60_000;
    this.signalHost = this.makeSignalHost();
  }

  /** Sizes of every simulated collection (each has a cap). */
  get sizes(): { relays: number; orConns: number; circuits: number; streams: number; bwHistory: number } {
    return { relays: this.consensus.size, orConns: this.orConns.size, circuits: this.circuits.size, streams: this.streams.size, bwHistory: this.bwHistory.length };
  }

  /** A process restart: uptime and counters from zero, connections and circuits built anew (silently). */
  restartProcess(nowMs: number): void {
    this.nowMs = nowMs;
    this.startedAtMs = nowMs;
    this.readBytes = 0;
    this.writtenBytes = 0;
    this.bwHistory.clear();
    this.networkUp = true;
    this.dormant = false;
    this.livenessUpAtMs = undefined;
    this.signals.reset();
    this.publishedAtMs = nowMs;
    this.ours = this.buildOurs();
    this.orConns.closeAll(undefined);
    this.circuits.closeAll(undefined);
    if (this.config.first('DisableNetwork') !== '1') {
      this.orConns.seed(nowMs, this.guards.slice(0, 3), this.rates.orConnOpensPerSec);
      this.circuits.seed(nowMs, this.rates.circuits);
    }
    this.nextBwAtMs = nowMs + 1000;
    this.nextHeartbeatAtMs = this.nextPeriodAfter(nowMs);
  }

  /** Moves the simulation to `nowMs` (called every 250 ms of clock). */
  tick(nowMs: number): void {
    const dtMs = Math.min(5000, Math.max(0, nowMs - this.nowMs));
    this.nowMs = nowMs;
    const sink = this.sink;
    const offline = this.config.first('DisableNetwork') === '1';
    if (!offline) {
      this.orConns.step(nowMs, dtMs, this.rates.orConnOpensPerSec, sink);
      this.circuits.step(nowMs, dtMs, this.rates.circuits, sink);
    }
    if (!offline) {
      const notices = this.notices.poisson((this.rates.noticePerSec * dtMs) / 1000);
      for (let i = 0; i < notices; i++) {
        const line = makeNoticeOrWarn(this.notices, this.logContext(this.notices));
        this.log(line.runlevel, line.message);
      }
      this.chatterFor('INFO', this.rates.infoPerSec, dtMs, makeInfo);
      this.chatterFor('DEBUG', this.rates.debugPerSec, dtMs, makeDebug);
      this.rareEvents(nowMs, dtMs);
    }
    if (nowMs - this.nextBwAtMs > 5000) this.nextBwAtMs = nowMs;
    while (nowMs >= this.nextBwAtMs) {
      this.second(this.nextBwAtMs, offline);
      this.nextBwAtMs += 1000;
    }
    if (nowMs >= this.nextHeartbeatAtMs) {
      this.signalHost.heartbeat();
      this.nextHeartbeatAtMs = this.nextPeriodAfter(nowMs);
    }
    if (nowMs >= this.nextConsensusAtMs) this.newConsensus(nowMs);
    this.signals.tick(this.signalHost);
  }

  // ---- InfoSource ----

  ourRelay(): SimRelay {
    return this.ours;
  }

  orConnStatus(): string {
    return this.orConns.status();
  }

  circuitStatus(): string {
    return this.circuits.status();
  }

  streamStatus(): string {
    return this.streams.status();
  }

  entryGuards(): string {
    return this.circuits.entryGuards();
  }

  exitPolicyFull(): readonly string[] {
    return ourExitPolicy(this.config);
  }

  listeners(kind: 'or' | 'dir' | 'control' | 'socks'): string {
    return formatListeners(this.config, kind);
  }

  clientsSeen(): string {
    return formatClientsSeen(this.options.seed, this.nowMs);
  }

  // ---- DemoControl ----

  authSettings(): ServerAuthSettings {
    return { methods: ['NULL'], cookie: new Uint8Array(32), cookieFile: '/run/tor/control.authcookie', password: undefined, torVersion: DEMO_TOR_VERSION };
  }

  log(runlevel: string, message: string): void {
    if (this.sink.wants(runlevel)) this.sink.emit(`${runlevel} ${message}`);
  }

  emit(event: string | readonly string[]): void {
    const first = typeof event === 'string' ? event : (event[0] ?? '');
    if (this.sink.wants(first.split(' ')[0]!)) this.sink.emit(event);
  }

  connectionAuthenticated(_connection: ControlConnection): void {
    this.log('NOTICE', 'New control connection opened from 127.0.0.1.');
  }

  hasCircuit(id: string): boolean {
    return this.circuits.has(id);
  }

  closeCircuit(id: string): void {
    this.circuits.close(id, this.sink);
  }

  configChanged(keys: readonly string[]): void {
    this.emit(['CONF_CHANGED', ...this.config.confChangedLines(keys)]);
    if (keys.includes('DisableNetwork')) this.networkSwitched(this.config.first('DisableNetwork') === '1');
    if (keys.some((k) => DESCRIPTOR_OPTIONS.has(k))) {
      this.publishedAtMs = this.nowMs;
      this.ours = this.buildOurs();
      this.emit('DESCCHANGED');
    }
  }

  signal(name: string): void {
    this.signals.run(this.signalHost, name);
  }

  // ---- internals ----

  private second(atMs: number, offline: boolean): void {
    const sample = offline ? { readBytes: 0, writtenBytes: 0 } : this.bandwidth.sample(atMs, this.rateCap());
    this.readBytes += sample.readBytes;
    this.writtenBytes += sample.writtenBytes;
    this.bwHistory.push(sample);
    if (this.sink.wants('BW')) this.sink.emit(`BW ${sample.readBytes} ${sample.writtenBytes}`);
    if (!offline) this.circuits.emitBandwidth(atMs, this.rates.circuits.circBwPerSec, this.sink);
  }

  private newConsensus(nowMs: number): void {
    this.ours = this.buildOurs();
    this.consensus.updateOurs(this.ours);
    this.consensus.advance(nowMs);
    if (this.sink.wants('NEWCONSENSUS')) this.sink.emitData('NEWCONSENSUS', this.consensus.format());
    this.nextConsensusAtMs = (Math.floor(nowMs / HOUR_MS) + 1) * HOUR_MS + this.random.int(2, 9) * 60_000;
    if (nowMs - this.publishedAtMs > 18 * HOUR_MS) {
      this.publishedAtMs = nowMs;
      this.ours = this.buildOurs();
      this.emit('DESCCHANGED');
      for (const auth of ['203.0.113.10:80', '203.0.113.24:9030', '203.0.113.41:443']) this.emit(`STATUS_SERVER NOTICE ACCEPTED_SERVER_DESCRIPTOR DIRAUTH=${auth}`);
      this.emit('STATUS_SERVER NOTICE GOOD_SERVER_DESCRIPTOR');
    }
  }

  private rareEvents(nowMs: number, dtMs: number): void {
    const random = this.notices;
    const perHour = dtMs / HOUR_MS;
    if (this.livenessUpAtMs !== undefined && nowMs >= this.livenessUpAtMs) {
      const downSec = random.int(60, 200);
      this.networkUp = true;
      this.livenessUpAtMs = undefined;
      this.emit('NETWORK_LIVENESS UP');
      this.log('NOTICE', `Tor now sees network activity. Restoring circuit build timeout recording. Network was down for ${downSec} seconds during ${random.int(1, 12)} circuit attempts.`);
    } else if (this.networkUp && random.chance(perHour / 10)) {
      this.networkUp = false;
      this.livenessUpAtMs = nowMs + random.int(20_000, 90_000);
      this.log('NOTICE', `Tor has not observed any network activity for the past ${random.int(60, 120)} seconds. Disabling circuit build timeout recording.`);
      this.emit('NETWORK_LIVENESS DOWN');
    }
    if (random.chance(perHour / 14)) {
      const jump = random.int(100, 400);
      this.log('NOTICE', `Your system clock just jumped ${jump} seconds forward; assuming established circuits no longer work.`);
      this.emit(`STATUS_GENERAL NOTICE CLOCK_JUMPED TIME=${jump}`);
    }
  }

  private chatterFor(runlevel: 'INFO' | 'DEBUG', perSec: number, dtMs: number, make: (random: Random, ctx: LogContext) => string): void {
    if (!this.sink.wants(runlevel)) return;
    const count = Math.min(2000, this.chatter.poisson((perSec * dtMs) / 1000));
    const ctx = this.logContext(this.chatter);
    for (let i = 0; i < count; i++) this.sink.emit(`${runlevel} ${make(this.chatter, ctx)}`);
  }

  private networkSwitched(disabled: boolean): void {
    if (disabled) {
      this.log('NOTICE', 'DisableNetwork is set. Tor will not make or accept non-control network connections. Shutting down all existing connections.');
      this.circuits.closeAll(this.sink);
      this.orConns.closeAll(this.sink);
    } else {
      this.orConns.reopenGuards(this.nowMs, this.guards.slice(0, 3), this.rates.orConnOpensPerSec, this.sink);
    }
  }

  private makeSignalHost(): SignalHost {
    return {
      now: () => this.nowMs,
      config: this.config,
      log: (runlevel, message) => this.log(runlevel, message),
      emit: (event) => this.emit(event),
      reload: () => {
        const changed = this.config.reload();
        if (changed.length > 0) this.configChanged(changed);
      },
      exit: (message) => {
        this.log('NOTICE', message);
        this.options.onExit();
      },
      heartbeat: () => {
        for (const message of makeHeartbeat(this.notices, this.logContext(this.notices))) this.log('NOTICE', message);
      },
      dump: () => {
        const lines = makeDump(this.notices, this.logContext(this.notices), this.orConns.size, this.circuits.size);
        for (const line of lines) this.log('NOTICE', line);
      },
      setDormant: (dormant) => {
        this.dormant = dormant;
      },
      newIdentity: () => {
        this.circuits.nymEpoch++;
      },
      hasSocksPort: () => this.listeners('socks') !== '',
    };
  }

  private rateCap(): number {
    const rate = Number(this.config.first('BandwidthRate') ?? '1073741824');
    const relayRate = Number(this.config.first('RelayBandwidthRate') ?? '0');
    return relayRate > 0 ? Math.min(rate, relayRate) : rate;
  }

  private buildOurs(): SimRelay {
    const observed = Math.round(this.bandwidth.mean * 1.7);
    return buildOurRelay({ config: this.config, publishedAtMs: this.publishedAtMs, startedAtMs: this.startedAtMs, observedBytesPerSec: observed, fleetIndex: fleetIndexOf(this.options.seed) });
  }

  private nextPeriodAfter(nowMs: number): number {
    const periodMs = Math.max(60, Number(this.config.first('HeartbeatPeriod') ?? '21600')) * 1000;
    return this.startedAtMs + (Math.floor((nowMs - this.startedAtMs) / periodMs) + 1) * periodMs;
  }

  private logContext(random: Random): LogContext {
    const all = this.consensus.all;
    return {
      uptimeSec: Math.floor((this.nowMs - this.startedAtMs) / 1000),
      address: this.ours.address,
      orPort: this.ours.orPort,
      readBytes: this.readBytes,
      writtenBytes: this.writtenBytes,
      circuitsOpen: Math.round(4200 * diurnalFactor(this.nowMs)),
      relay: () => all[random.int(0, all.length - 1)]!,
    };
  }
}
