// OR connections of the demo relay: a steady population (about 80-200, following the daily curve)
// of inbound connections from relays and from clients and outbound ones to relays, with the ORCONN
// events tor sends for them (NEW/LAUNCHED → CONNECTED/FAILED → CLOSED, keyed by ID) and the
// orconn-status answer. Capped at MAX_OR_CONNS; the clock is passed in, never read.

import type { SimConsensus } from './consensus.js';
import type { EventSink, IdSource } from './event-sink.js';
import { diurnalFactor } from './bandwidth-curve.js';
import { makePublicIPv4 } from './geo.js';
import type { Random } from './random.js';
import type { SimRelay } from './relay-types.js';
import { relayLongName } from './relay-types.js';

export const MAX_OR_CONNS = 400;
const MIN_POPULATION = 80;
const MAX_POPULATION = 200;
/** Connections that live for hours (relay-to-relay links), besides the guards. */
const LONG_LIVED = 24;
const HOUR_MS = 3_600_000;

/** guard: to one of our guards, reopened when it closes; long: hours-long, replaced; churn: the rest. */
type Role = 'guard' | 'long' | 'churn';

interface SimOrConn {
  readonly id: number;
  readonly inbound: boolean;
  /** undefined: a client (never identified). */
  readonly relay: SimRelay | undefined;
  readonly address: string;
  readonly port: number;
  readonly role: Role;
  connected: boolean;
  readonly connectAtMs: number;
  readonly fails: boolean;
  readonly closeAtMs: number;
}

const CLOSE_REASONS: ReadonlyArray<readonly [string, number]> = [
  ['DONE', 62], ['IOERROR', 12], ['CONNECTRESET', 8], ['TIMEOUT', 5], ['TLS_ERROR', 5], ['MISC', 5], ['RESOURCELIMIT', 3],
];
const FAIL_REASONS: ReadonlyArray<readonly [string, number]> = [['CONNECTREFUSED', 35], ['TIMEOUT', 35], ['NOROUTE', 15], ['IDENTITY', 5], ['IOERROR', 10]];

export class OrConnSimulation {
  private readonly random: Random;
  private readonly consensus: SimConsensus;
  private readonly ids: IdSource;
  private readonly conns = new Map<number, SimOrConn>();
  /** No connection changes state before this (lets most ticks skip the scan). */
  private nextDueAtMs = Number.NEGATIVE_INFINITY;

  constructor(random: Random, consensus: SimConsensus, ids: IdSource) {
    this.random = random;
    this.consensus = consensus;
    this.ids = ids;
  }

  get size(): number {
    return this.conns.size;
  }

  /** How many connections the relay keeps open at this time of day (MIN_POPULATION..MAX_POPULATION). */
  targetPopulation(atMs: number): number {
    const share = (diurnalFactor(atMs) - 0.6) / 0.8;
    return Math.round(MIN_POPULATION + (MAX_POPULATION - MIN_POPULATION) * (0.1 + 0.8 * share));
  }

  /** The population of a relay that has been up a while (no events: they predate every controller). */
  seed(nowMs: number, guards: readonly SimRelay[], openPerSec: number): void {
    for (const guard of guards) this.open(nowMs, { role: 'guard', inbound: false, relay: guard }, true, undefined, openPerSec);
    for (let i = 0; i < LONG_LIVED; i++) this.openRandom(nowMs, 'long', true, undefined, openPerSec);
    const target = this.targetPopulation(nowMs);
    while (this.conns.size < target) this.openRandom(nowMs, 'churn', true, undefined, openPerSec);
  }

  /** Connections to our guards again (after DisableNetwork is lifted), with events. */
  reopenGuards(nowMs: number, guards: readonly SimRelay[], openPerSec: number, sink: EventSink): void {
    for (const guard of guards) this.open(nowMs, { role: 'guard', inbound: false, relay: guard }, false, sink, openPerSec);
  }

  /** Advances to `nowMs`: connections finish handshakes, close, and new ones open at about `openPerSec`. */
  step(nowMs: number, dtMs: number, openPerSec: number, sink: EventSink): void {
    if (nowMs >= this.nextDueAtMs) this.advanceConnections(nowMs, openPerSec, sink);
    const target = this.targetPopulation(nowMs);
    let opens = this.random.poisson((openPerSec * dtMs) / 1000);
    if (this.conns.size < target - 10) opens += 1;
    if (this.conns.size > target + 10) opens = Math.max(0, opens - 1);
    for (let i = 0; i < opens && this.conns.size < MAX_OR_CONNS; i++) this.openRandom(nowMs, 'churn', false, sink, openPerSec);
    if (this.conns.size > MAX_POPULATION) {
      const excess = [...this.conns.values()].filter((c) => c.connected && c.role === 'churn').sort((a, b) => a.closeAtMs - b.closeAtMs);
      for (const conn of excess.slice(0, this.conns.size - MAX_POPULATION)) this.finish(conn, 'CLOSED', 'DONE', nowMs, openPerSec, sink);
    }
  }

  private advanceConnections(nowMs: number, openPerSec: number, sink: EventSink): void {
    this.nextDueAtMs = Number.POSITIVE_INFINITY;
    for (const conn of [...this.conns.values()]) {
      if (!conn.connected && conn.connectAtMs <= nowMs) {
        if (conn.fails) this.finish(conn, 'FAILED', this.random.weighted(FAIL_REASONS), nowMs, openPerSec, sink);
        else {
          conn.connected = true;
          if (sink.wants('ORCONN')) sink.emit(`ORCONN ${this.nameOf(conn)} CONNECTED ID=${conn.id}`);
        }
      } else if (conn.connected && conn.closeAtMs <= nowMs) {
        this.finish(conn, 'CLOSED', this.random.weighted(CLOSE_REASONS), nowMs, openPerSec, sink);
      }
      if (this.conns.has(conn.id)) this.noteDue(conn);
    }
  }

  private noteDue(conn: SimOrConn): void {
    const due = conn.connected ? conn.closeAtMs : conn.connectAtMs;
    if (due < this.nextDueAtMs) this.nextDueAtMs = due;
  }

  /** Closes everything: with events (DisableNetwork), or silently (sink undefined: the process died). */
  closeAll(sink: EventSink | undefined): void {
    for (const conn of [...this.conns.values()]) {
      this.conns.delete(conn.id);
      if (sink !== undefined && sink.wants('ORCONN')) sink.emit(`ORCONN ${this.nameOf(conn)} ${conn.connected ? 'CLOSED' : 'FAILED'} REASON=DONE ID=${conn.id}`);
    }
  }

  /** GETINFO orconn-status: "<name> <CONNECTED|LAUNCHED|NEW>" per connection. */
  status(): string {
    const lines: string[] = [];
    for (const conn of this.conns.values()) lines.push(`${this.nameOf(conn)} ${conn.connected ? 'CONNECTED' : conn.inbound ? 'NEW' : 'LAUNCHED'}`);
    return lines.join('\n');
  }

  private nameOf(conn: SimOrConn): string {
    if (conn.relay !== undefined && (conn.connected || !conn.inbound)) return relayLongName(conn.relay);
    return `${conn.address}:${conn.port}`;
  }

  private finish(conn: SimOrConn, state: 'CLOSED' | 'FAILED', reason: string, nowMs: number, openPerSec: number, sink: EventSink): void {
    this.conns.delete(conn.id);
    const circuits = conn.relay === undefined ? this.random.int(0, 2) : this.random.int(0, 6);
    if (sink.wants('ORCONN')) {
      sink.emit(`ORCONN ${this.nameOf(conn)} ${state} REASON=${reason}${circuits > 0 ? ` NCIRCS=${circuits}` : ''} ID=${conn.id}`);
    }
    if (conn.role === 'guard') this.open(nowMs, { role: 'guard', inbound: false, relay: conn.relay }, false, sink, openPerSec);
    else if (conn.role === 'long') this.openRandom(nowMs, 'long', false, sink, openPerSec);
  }

  private openRandom(nowMs: number, role: Role, established: boolean, sink: EventSink | undefined, openPerSec: number): void {
    const random = this.random;
    const kind = random.weighted<'relay-in' | 'client-in' | 'out'>([['relay-in', 45], ['client-in', 32], ['out', 23]]);
    const relay = kind === 'client-in' ? undefined : this.consensus.pickWeighted(random, undefined);
    this.open(nowMs, { role, inbound: kind !== 'out', relay }, established, sink, openPerSec);
  }

  private open(
    nowMs: number,
    what: { role: Role; inbound: boolean; relay: SimRelay | undefined },
    established: boolean,
    sink: EventSink | undefined,
    openPerSec: number,
  ): void {
    const random = this.random;
    const churners = Math.max(10, this.targetPopulation(nowMs) - LONG_LIVED - 4);
    const meanLifeMs = what.role === 'churn' ? Math.max(1500, (churners / Math.max(0.01, openPerSec)) * 1000) : what.role === 'long' ? HOUR_MS : 6 * HOUR_MS;
    const conn: SimOrConn = {
      id: this.ids.nextConnectionId(),
      inbound: what.inbound,
      relay: what.relay,
      address: what.relay?.address ?? makePublicIPv4(random),
      port: what.inbound ? random.int(32768, 60999) : (what.relay?.orPort ?? 9001),
      role: what.role,
      connected: established,
      connectAtMs: nowMs + random.int(40, 900),
      fails: !established && !what.inbound && random.chance(0.04),
      closeAtMs: nowMs + Math.min(12 * HOUR_MS, Math.max(1000, random.exponential(meanLifeMs))),
    };
    this.conns.set(conn.id, conn);
    this.noteDue(conn);
    if (!established && sink !== undefined && sink.wants('ORCONN')) {
      sink.emit(`ORCONN ${this.nameOf(conn)} ${conn.inbound ? 'NEW' : 'LAUNCHED'} ID=${conn.id}`);
    }
  }
}
