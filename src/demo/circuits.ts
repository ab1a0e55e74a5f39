// Circuits the demo relay itself originates (the only ones tor reports): general, one-hop
// directory tunnels, timeout measurement, onion-service and conflux circuits, with the CIRC events
// (LAUNCHED → EXTENDED per hop → BUILT → CLOSED, or FAILED), CIRC_BW for busy ones, circuit-status,
// entry-guards and CLOSECIRCUIT. Streams ride on them (streams.ts). Capped at MAX_CIRCUITS.

import type { SimConsensus } from './consensus.js';
import type { EventSink, IdSource } from './event-sink.js';
import { makeOnionAddress } from './names.js';
import type { Random } from './random.js';
import type { SimRelay } from './relay-types.js';
import { relayLongName } from './relay-types.js';
import type { StreamSimulation } from './streams.js';
import { formatIsoTimeFrac } from './time-format.js';

export const MAX_CIRCUITS = 256;

interface Kind {
  readonly purpose: string;
  readonly flags: string;
  readonly hops: number;
  readonly lastFlag: string | undefined;
  readonly hsState?: string;
}

const KINDS: ReadonlyArray<readonly [Kind, number]> = [
  [{ purpose: 'GENERAL', flags: 'NEED_CAPACITY', hops: 3, lastFlag: 'Exit' }, 38],
  [{ purpose: 'GENERAL', flags: 'NEED_CAPACITY,NEED_UPTIME', hops: 3, lastFlag: 'Exit' }, 12],
  [{ purpose: 'GENERAL', flags: 'ONEHOP_TUNNEL,IS_INTERNAL,NEED_CAPACITY', hops: 1, lastFlag: undefined }, 12],
  [{ purpose: 'MEASURE_TIMEOUT', flags: 'NEED_CAPACITY', hops: 3, lastFlag: 'Fast' }, 10],
  [{ purpose: 'HS_VANGUARDS', flags: 'IS_INTERNAL,NEED_CAPACITY,NEED_UPTIME', hops: 3, lastFlag: 'Stable' }, 6],
  [{ purpose: 'HS_CLIENT_HSDIR', flags: 'IS_INTERNAL,NEED_CAPACITY', hops: 4, lastFlag: 'HSDir' }, 5],
  [{ purpose: 'HS_CLIENT_INTRO', flags: 'IS_INTERNAL,NEED_CAPACITY', hops: 4, lastFlag: 'Fast', hsState: 'HSCI_CONNECTING' }, 6],
  [{ purpose: 'HS_CLIENT_REND', flags: 'IS_INTERNAL,NEED_CAPACITY', hops: 3, lastFlag: 'Fast', hsState: 'HSCR_CONNECTING' }, 6],
  [{ purpose: 'CONFLUX_LINKED', flags: 'NEED_CAPACITY,NEED_UPTIME', hops: 3, lastFlag: 'Exit' }, 5],
];

const FAILURES: ReadonlyArray<readonly [string, number]> = [
  ['REASON=TIMEOUT', 45], ['REASON=DESTROYED REMOTE_REASON=RESOURCELIMIT', 15], ['REASON=DESTROYED REMOTE_REASON=CHANNEL_CLOSED', 10],
  ['REASON=CHANNEL_CLOSED', 15], ['REASON=OR_CONN_CLOSED', 10], ['REASON=DESTROYED REMOTE_REASON=TORPROTOCOL', 5],
];

interface SimCircuit {
  readonly id: number;
  readonly kind: Kind;
  readonly path: readonly SimRelay[];
  readonly timeCreated: string;
  /** " HS_STATE=… REND_QUERY=…" (before TIME_CREATED) and " CONFLUX_ID=…" (after it), or ''. */
  readonly hs: string;
  readonly conflux: string;
  hops: number;
  built: boolean;
  nextAtMs: number;
  closeAtMs: number;
  readonly failAtHop: number | undefined;
  readonly failReason: string;
  readonly busy: boolean;
}

export interface CircuitRates {
  readonly launchPerSec: number;
  /** Circuits kept open on average. */
  readonly targetOpen: number;
  readonly streamsPerSec: number;
  /** CIRC_BW events per second at most. */
  readonly circBwPerSec: number;
}

export class CircuitSimulation {
  private readonly random: Random;
  private readonly consensus: SimConsensus;
  private readonly ids: IdSource;
  private readonly streams: StreamSimulation;
  private readonly circuits = new Map<number, SimCircuit>();
  private guards: readonly SimRelay[] = [];
  /** No circuit changes state before this (lets most ticks skip the scan). */
  private nextDueAtMs = Number.NEGATIVE_INFINITY;
  nymEpoch = 0;

  constructor(random: Random, consensus: SimConsensus, ids: IdSource, streams: StreamSimulation) {
    this.random = random;
    this.consensus = consensus;
    this.ids = ids;
    this.streams = streams;
  }

  get size(): number {
    return this.circuits.size;
  }

  /** Picks our entry guards from the consensus (weighted, distinct). */
  chooseGuards(count: number): readonly SimRelay[] {
    const chosen = new Set<string>();
    const out: SimRelay[] = [];
    for (let i = 0; i < count; i++) {
      const g = this.consensus.pickWeighted(this.random, 'Guard', chosen);
      chosen.add(g.fingerprint);
      out.push(g);
    }
    this.guards = out;
    return out;
  }

  /** GETINFO entry-guards: the three primary guards are up, the rest of the sample as tor lists them. */
  entryGuards(): string {
    return this.guards
      .map((g, i) => `${relayLongName(g)} ${i < 3 ? 'up' : i % 4 === 0 ? 'down' : i % 3 === 0 ? 'unusable' : 'never-connected'}`)
      .join('\n');
  }

  /** Open circuits of a relay that has been up a while (no events). */
  seed(nowMs: number, rates: CircuitRates): void {
    const count = Math.min(MAX_CIRCUITS, Math.round(rates.targetOpen * 0.8));
    for (let i = 0; i < count; i++) {
      const c = this.launch(nowMs - this.random.int(1000, 300_000), undefined);
      if (c === undefined) break;
      c.hops = c.path.length;
      c.built = true;
      c.nextAtMs = Number.POSITIVE_INFINITY;
      c.closeAtMs = nowMs + this.lifetimeMs(c, rates);
    }
    this.nextDueAtMs = Number.NEGATIVE_INFINITY;
  }

  step(nowMs: number, dtMs: number, rates: CircuitRates, sink: EventSink): void {
    const random = this.random;
    if (nowMs >= this.nextDueAtMs) this.advanceCircuits(nowMs, rates, sink);
    const launches = random.poisson((rates.launchPerSec * dtMs) / 1000);
    for (let i = 0; i < launches; i++) this.launch(nowMs, sink);
    const streamCount = random.poisson((rates.streamsPerSec * dtMs) / 1000);
    for (let i = 0; i < streamCount; i++) {
      const dir = random.chance(0.3);
      const candidates = [...this.circuits.values()].filter(
        (c) => c.built && c.kind.purpose === 'GENERAL' && (dir ? c.kind.hops === 1 : c.kind.hops === 3),
      );
      if (candidates.length === 0) continue;
      const c = random.pick(candidates);
      this.streams.open(nowMs, dir ? 'DIR_FETCH' : 'USER', { id: c.id, lastHop: c.path[c.path.length - 1]! }, this.nymEpoch, sink);
    }
    this.streams.step(nowMs, sink);
  }

  private advanceCircuits(nowMs: number, rates: CircuitRates, sink: EventSink): void {
    this.nextDueAtMs = Number.POSITIVE_INFINITY;
    for (const c of [...this.circuits.values()]) {
      if (c.built) {
        if (c.closeAtMs <= nowMs) this.finish(c, 'CLOSED', 'REASON=FINISHED', sink);
      } else if (c.nextAtMs <= nowMs) {
        if (c.failAtHop === c.hops) {
          this.finish(c, 'FAILED', c.failReason, sink);
        } else if (c.hops < c.path.length) {
          c.hops++;
          c.nextAtMs = nowMs + this.random.int(60, 520);
          this.emit(c, 'EXTENDED', '', sink);
        } else {
          c.built = true;
          c.closeAtMs = nowMs + this.lifetimeMs(c, rates);
          this.emit(c, 'BUILT', '', sink);
        }
      }
      if (this.circuits.has(c.id)) this.noteDue(c);
    }
  }

  private noteDue(c: SimCircuit): void {
    const due = c.built ? c.closeAtMs : c.nextAtMs;
    if (due < this.nextDueAtMs) this.nextDueAtMs = due;
  }

  /** Once a second: CIRC_BW for circuits with traffic (those with streams first), at most `limit`. */
  emitBandwidth(nowMs: number, limit: number, sink: EventSink): void {
    const random = this.random;
    const withStreams = this.streams.busyCircuits();
    const busy = [...this.circuits.values()].filter((c) => c.built && (c.busy || withStreams.has(c.id)));
    busy.sort((a, b) => Number(withStreams.has(b.id)) - Number(withStreams.has(a.id)));
    for (const c of busy.slice(0, Math.max(0, Math.floor(limit)))) {
      const cellsRead = random.int(1, withStreams.has(c.id) ? 400 : 12);
      const cellsWritten = random.int(1, Math.max(1, Math.floor(cellsRead / 3)));
      const read = cellsRead * 514;
      const written = cellsWritten * 514;
      const deliveredRead = Math.floor(read * random.float(0.55, 0.93));
      const deliveredWritten = Math.floor(written * random.float(0.1, 0.6));
      const micros = random.int(0, 999);
      if (!sink.wants('CIRC_BW')) continue;
      const cc = c.kind.purpose === 'GENERAL' && c.kind.hops === 3 ? ` SS=0 CWND=${124 + (c.id % 400)} RTT=${60 + (c.id % 240)} MIN_RTT=${50 + (c.id % 120)}` : '';
      sink.emit(
        `CIRC_BW ID=${c.id} READ=${read} WRITTEN=${written} TIME=${formatIsoTimeFrac(nowMs, micros)} ` +
          `DELIVERED_READ=${deliveredRead} OVERHEAD_READ=${read - deliveredRead - (read % 509)} ` +
          `DELIVERED_WRITTEN=${deliveredWritten} OVERHEAD_WRITTEN=${written - deliveredWritten - (written % 509)}${cc}`,
      );
    }
  }

  has(id: string): boolean {
    return /^\d+$/.test(id) && this.circuits.has(Number(id));
  }

  /** CLOSECIRCUIT: false when there is no such circuit. */
  close(id: string, sink: EventSink): boolean {
    const c = /^\d+$/.test(id) ? this.circuits.get(Number(id)) : undefined;
    if (c === undefined) return false;
    this.finish(c, c.built ? 'CLOSED' : 'FAILED', 'REASON=REQUESTED', sink);
    return true;
  }

  closeAll(sink: EventSink | undefined): void {
    for (const c of [...this.circuits.values()]) {
      if (sink === undefined) this.circuits.delete(c.id);
      else this.finish(c, c.built ? 'CLOSED' : 'FAILED', 'REASON=CHANNEL_CLOSED', sink);
    }
    this.streams.closeAll(sink);
  }

  /** GETINFO circuit-status: the CIRC event syntax without "CIRC ", one line per circuit. */
  status(): string {
    const lines: string[] = [];
    for (const c of this.circuits.values()) lines.push(this.format(c, c.built ? 'BUILT' : c.hops === 0 ? 'LAUNCHED' : 'EXTENDED', ''));
    return lines.join('\n');
  }

  /** How many circuits are built and how many still building. */
  counts(): { built: number; building: number } {
    let built = 0;
    for (const c of this.circuits.values()) if (c.built) built++;
    return { built, building: this.circuits.size - built };
  }

  private lifetimeMs(c: SimCircuit, rates: CircuitRates): number {
    if (c.kind.purpose === 'MEASURE_TIMEOUT') return this.random.int(300, 3000);
    if (c.kind.hops === 1) return this.random.int(2000, 20_000);
    const mean = (rates.targetOpen / Math.max(0.01, rates.launchPerSec)) * 1000;
    return Math.min(1_200_000, Math.max(3000, this.random.exponential(mean)));
  }

  private launch(nowMs: number, sink: EventSink | undefined): SimCircuit | undefined {
    if (this.circuits.size >= MAX_CIRCUITS || this.guards.length === 0) return undefined;
    const random = this.random;
    const kind = random.weighted(KINDS);
    const guard = random.weighted(this.guards.slice(0, 3).map((g, i) => [g, [70, 20, 10][i]!] as const));
    const path: SimRelay[] = [guard];
    const used = new Set([guard.fingerprint]);
    for (let hop = 1; hop < kind.hops; hop++) {
      const relay = this.consensus.pickWeighted(random, hop === kind.hops - 1 ? kind.lastFlag : 'Fast', used);
      used.add(relay.fingerprint);
      path.push(relay);
    }
    const hs = kind.hsState === undefined ? '' : ` HS_STATE=${kind.hsState} REND_QUERY=${makeOnionAddress(random)}`;
    const conflux = kind.purpose === 'CONFLUX_LINKED' ? ` CONFLUX_ID=${random.hex(16)}` : '';
    const fails = random.chance(0.06);
    const c: SimCircuit = {
      id: this.ids.nextCircuitId(),
      kind,
      path,
      timeCreated: formatIsoTimeFrac(nowMs, random.int(0, 999)),
      hs,
      conflux,
      hops: 0,
      built: false,
      nextAtMs: nowMs + random.int(20, 400),
      closeAtMs: Number.POSITIVE_INFINITY,
      failAtHop: fails ? random.int(0, kind.hops) : undefined,
      failReason: random.weighted(FAILURES),
      busy: random.chance(0.35),
    };
    this.circuits.set(c.id, c);
    this.noteDue(c);
    if (sink !== undefined) this.emit(c, 'LAUNCHED', '', sink);
    return c;
  }

  private finish(c: SimCircuit, status: 'CLOSED' | 'FAILED', reason: string, sink: EventSink): void {
    this.streams.closeOnCircuit(c.id, sink);
    this.circuits.delete(c.id);
    this.emit(c, status, reason, sink);
  }

  private emit(c: SimCircuit, status: string, tail: string, sink: EventSink): void {
    if (sink.wants('CIRC')) sink.emit(`CIRC ${this.format(c, status, tail)}`);
  }

  private format(c: SimCircuit, status: string, tail: string): string {
    const path = c.path.slice(0, c.hops).map(relayLongName).join(',');
    return (
      `${c.id} ${status}${path === '' ? '' : ` ${path}`} BUILD_FLAGS=${c.kind.flags} PURPOSE=${c.kind.purpose}${c.hs} ` +
      `TIME_CREATED=${c.timeCreated}${c.conflux}${tail === '' ? '' : ` ${tail}`}`
    );
  }
}
