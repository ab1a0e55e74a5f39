// Streams of the demo relay's own circuits (only client-side streams are ever reported): directory
// fetches over one-hop tunnels and user streams from the SOCKS port, with the STREAM events tor
// sends (NEW → SENTCONNECT → [REMAP] → SUCCEEDED → CLOSED, or FAILED) and stream-status. Capped.

import type { EventSink, IdSource } from './event-sink.js';
import { makeWebTarget } from './names.js';
import type { Random } from './random.js';
import type { SimRelay } from './relay-types.js';

export const MAX_STREAMS = 256;

export type StreamPurpose = 'USER' | 'DIR_FETCH';

/** A built circuit a stream can use. */
export interface StreamCircuit {
  readonly id: number;
  readonly lastHop: SimRelay;
}

interface SimStream {
  readonly id: number;
  readonly purpose: StreamPurpose;
  readonly circuitId: number;
  readonly target: string;
  readonly sourcePort: number;
  readonly nymEpoch: number;
  status: 'NEW' | 'SENTCONNECT' | 'REMAP' | 'SUCCEEDED';
  nextAtMs: number;
  readonly closeAtMs: number;
  readonly failReason: string | undefined;
}

const USER_ISO = 'CLIENT_PROTOCOL=SOCKS5';
const FAILURES: ReadonlyArray<readonly [string, number]> = [['CONNECTREFUSED', 30], ['RESOLVEFAILED', 30], ['TIMEOUT', 20], ['EXITPOLICY', 10], ['DESTROY', 10]];

export class StreamSimulation {
  private readonly random: Random;
  private readonly ids: IdSource;
  private readonly streams = new Map<number, SimStream>();

  constructor(random: Random, ids: IdSource) {
    this.random = random;
    this.ids = ids;
  }

  get size(): number {
    return this.streams.size;
  }

  /** Circuits that carry an open stream (they have traffic). */
  busyCircuits(): Set<number> {
    const out = new Set<number>();
    for (const s of this.streams.values()) out.add(s.circuitId);
    return out;
  }

  /** Opens a stream on `circuit` (NEW is sent at once, unattached as tor reports it). */
  open(nowMs: number, purpose: StreamPurpose, circuit: StreamCircuit, nymEpoch: number, sink: EventSink): void {
    if (this.streams.size >= MAX_STREAMS) return;
    const random = this.random;
    const relay = circuit.lastHop;
    const stream: SimStream = {
      id: this.ids.nextConnectionId(),
      purpose,
      circuitId: circuit.id,
      target: purpose === 'DIR_FETCH' ? `${relay.address}.$${relay.fingerprint}.exit:${relay.orPort}` : makeWebTarget(random),
      sourcePort: random.int(40000, 60999),
      nymEpoch,
      status: 'NEW',
      nextAtMs: nowMs + random.int(5, 60),
      closeAtMs: nowMs + (purpose === 'DIR_FETCH' ? random.int(300, 4000) : Math.min(600_000, 800 + random.exponential(25_000))),
      failReason: random.chance(purpose === 'USER' ? 0.06 : 0.01) ? random.weighted(FAILURES) : undefined,
    };
    this.streams.set(stream.id, stream);
    if (sink.wants('STREAM')) {
      const source = purpose === 'USER' ? ` SOURCE_ADDR=127.0.0.1:${stream.sourcePort}` : '';
      sink.emit(`STREAM ${stream.id} NEW 0 ${stream.target}${source} PURPOSE=${purpose} ${this.tail(stream)}`);
    }
  }

  step(nowMs: number, sink: EventSink): void {
    for (const s of [...this.streams.values()]) {
      if (s.status === 'SUCCEEDED') {
        if (s.closeAtMs <= nowMs) this.finish(s, s.purpose === 'USER' ? 'REASON=END REMOTE_REASON=DONE' : 'REASON=DONE', sink);
        continue;
      }
      if (s.nextAtMs > nowMs) continue;
      if (s.status === 'NEW') {
        s.status = 'SENTCONNECT';
        s.nextAtMs = nowMs + this.random.int(120, 900);
      } else if (s.failReason !== undefined) {
        this.emit(s, 'FAILED', `REASON=END REMOTE_REASON=${s.failReason}`, sink);
        this.finish(s, `REASON=END REMOTE_REASON=${s.failReason}`, sink);
        continue;
      } else if (s.status === 'SENTCONNECT' && s.purpose === 'USER' && !/^\d/.test(s.target) && !s.target.includes('.onion')) {
        s.status = 'REMAP';
        s.nextAtMs = nowMs + this.random.int(1, 30);
        this.emit(s, 'REMAP', 'SOURCE=EXIT', sink);
        continue;
      } else s.status = 'SUCCEEDED';
      this.emit(s, s.status, '', sink);
    }
  }

  /** The circuit went away: its streams end with it. */
  closeOnCircuit(circuitId: number, sink: EventSink): void {
    for (const s of [...this.streams.values()]) if (s.circuitId === circuitId) this.finish(s, 'REASON=DESTROY', sink);
  }

  closeAll(sink: EventSink | undefined): void {
    for (const s of [...this.streams.values()]) {
      if (sink === undefined) this.streams.delete(s.id);
      else this.finish(s, 'REASON=DESTROY', sink);
    }
  }

  /** GETINFO stream-status: "StreamID Status CircuitID Target" per stream. */
  status(): string {
    const lines: string[] = [];
    for (const s of this.streams.values()) {
      const state = s.status === 'REMAP' ? 'SENTCONNECT' : s.status;
      lines.push(`${s.id} ${state} ${state === 'NEW' ? 0 : s.circuitId} ${s.target}`);
    }
    return lines.join('\n');
  }

  private finish(s: SimStream, reason: string, sink: EventSink): void {
    this.streams.delete(s.id);
    this.emit(s, 'CLOSED', reason, sink);
  }

  private emit(s: SimStream, status: string, extra: string, sink: EventSink): void {
    if (!sink.wants('STREAM')) return;
    const circuit = status === 'NEW' ? 0 : s.circuitId;
    sink.emit(`STREAM ${s.id} ${status} ${circuit} ${s.target}${extra === '' ? '' : ` ${extra}`} ${this.tail(s)}`);
  }

  private tail(s: SimStream): string {
    return s.purpose === 'USER'
      ? `${USER_ISO} NYM_EPOCH=${s.nymEpoch} SESSION_GROUP=-4 ISO_FIELDS=SOCKS_USERNAME,SOCKS_PASSWORD,CLIENTADDR,SESSION_GROUP,NYM_EPOCH`
      : 'CLIENT_PROTOCOL=UNKNOWN NYM_EPOCH=0 SESSION_GROUP=-2 ISO_FIELDS=SESSION_GROUP';
  }
}
