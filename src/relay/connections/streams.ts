// Client-side streams (STREAM events, GETINFO stream-status) and which circuit each is attached to.
// tor reports only streams that enter here (SOCKS, DNS, its own directory fetches), never the exit
// streams a relay carries. Closed and failed streams leave at once. Mutates the store in place.
import { byteStringFromUtf8 } from '../../protocol/bytes.js';
import { ProtocolError } from '../../protocol/errors.js';
import { parseStreamArgs, type StreamEvent } from '../../protocol/events/index.js';
import { putCapped, touch, type ConnectionStore, type Stream } from './types.js';

/** Whether a stream in this status has left tor (CLOSED, FAILED). */
export function streamIsGone(status: string): boolean {
  return status === 'CLOSED' || status === 'FAILED';
}

function detach(store: ConnectionStore, stream: Stream): void {
  if (stream.circuitId === undefined) return;
  store.circuits.get(stream.circuitId)?.streamIds.delete(stream.id);
  touch(store, `l:${stream.circuitId}`);
}

function upsert(store: ConnectionStore, ev: StreamEvent, nowMs: number, exactAge: boolean): void {
  let stream = store.streams.get(ev.id);
  if (stream === undefined) {
    stream = {
      id: ev.id,
      status: ev.status,
      circuitId: undefined,
      target: ev.target,
      targetHost: ev.targetHost,
      targetPort: ev.targetPort,
      exitHost: undefined,
      exitRelay: undefined,
      sourceAddr: ev.sourceAddr,
      purpose: ev.purpose,
      clientProtocol: ev.clientProtocol,
      sinceMs: nowMs,
      exactAge,
    };
    putCapped(store.streams, ev.id, stream, store.limits.streams);
  }
  stream.status = ev.status;
  stream.target = ev.target;
  stream.targetHost = ev.targetHost;
  stream.targetPort = ev.targetPort;
  stream.exitHost = ev.targetExit?.host;
  stream.exitRelay = ev.targetExit?.relay;
  if (ev.sourceAddr !== undefined) stream.sourceAddr = ev.sourceAddr;
  if (ev.purpose !== undefined) stream.purpose = ev.purpose;
  if (ev.clientProtocol !== undefined) stream.clientProtocol = ev.clientProtocol;
  if (stream.circuitId !== ev.circuitId) {
    detach(store, stream);
    stream.circuitId = ev.circuitId;
  }
  if (ev.circuitId !== undefined) {
    store.circuits.get(ev.circuitId)?.streamIds.add(ev.id);
    touch(store, `l:${ev.circuitId}`);
  }
  touch(store, `s:${ev.id}`);
}

/** `nowMs`: when the event arrived (a new stream's start, exact if this is its NEW). */
export function applyStreamEvent(store: ConnectionStore, ev: StreamEvent, nowMs: number): void {
  if (streamIsGone(ev.status)) {
    const stream = store.streams.get(ev.id);
    if (stream === undefined) return;
    detach(store, stream);
    store.streams.delete(ev.id);
    touch(store, `s:${ev.id}`);
    store.version++;
    return;
  }
  upsert(store, ev, nowMs, ev.status === 'NEW' || ev.status === 'NEWRESOLVE');
  store.version++;
}

/** "STREAM 70 NEW 0 …" → id and status without parsing the rest; undefined if not that shape. */
export function streamEventHead(text: string): { readonly id: string; readonly status: string } | undefined {
  const a = text.indexOf(' ');
  const b = a < 0 ? -1 : text.indexOf(' ', a + 1);
  const c = b < 0 ? -1 : text.indexOf(' ', b + 1);
  if (c < 0 || text.slice(0, a) !== 'STREAM') return undefined;
  return { id: text.slice(a + 1, b), status: text.slice(b + 1, c) };
}


/** GETINFO stream-status (UTF-8 value): "StreamID SP StreamStatus SP CircuitID SP Target" per line. */
export function parseStreamStatus(value: string): { streams: StreamEvent[]; malformed: number } {
  const streams: StreamEvent[] = [];
  let malformed = 0;
  for (const raw of value.split('\n')) {
    const text = raw.trim();
    if (text === '') continue;
    try {
      streams.push(parseStreamArgs(byteStringFromUtf8(text), 0));
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      malformed++;
    }
  }
  return { streams, malformed };
}

/** Makes the streams agree with a stream-status answer. */
export function reconcileStreamStatus(store: ConnectionStore, streams: readonly StreamEvent[], nowMs: number): void {
  const present = new Set<string>();
  for (const ev of streams) {
    if (streamIsGone(ev.status)) continue;
    present.add(ev.id);
    const before = store.streams.get(ev.id);
    if (before !== undefined && before.status === ev.status && before.circuitId === ev.circuitId && before.target === ev.target) continue;
    upsert(store, ev, nowMs, false);
  }
  for (const stream of [...store.streams.values()]) {
    if (present.has(stream.id)) continue;
    detach(store, stream);
    store.streams.delete(stream.id);
    touch(store, `s:${stream.id}`);
  }
  store.version++;
}
