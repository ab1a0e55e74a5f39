// Circuits this tor originates (CIRC, CIRC_MINOR, GETINFO circuit-status) with CIRC_BW byte counts.
// tor reports only origin circuits, never the ones a relay carries for others. Closed and failed
// circuits leave the store at once. Mutates the store in place; never reads the clock.
import { byteStringFromUtf8 } from '../../protocol/bytes.js';
import { ProtocolError } from '../../protocol/errors.js';
import { parseCircArgs, type CircBwEvent, type CircCommon, type CircEvent, type CircMinorEvent } from '../../protocol/events/index.js';
import { putCapped, touch, type Circuit, type ConnectionStore } from './types.js';

const isGone = (status: string) => status === 'CLOSED' || status === 'FAILED';

function update(circuit: Circuit, ev: CircCommon): void {
  circuit.path = ev.path;
  if (ev.purpose !== undefined) circuit.purpose = ev.purpose;
  circuit.hsState = ev.hsState ?? (ev.purpose === undefined ? circuit.hsState : undefined);
  if (ev.rendQuery !== undefined) circuit.rendQuery = ev.rendQuery;
  if (ev.buildFlags.length > 0) circuit.buildFlags = ev.buildFlags;
  if (ev.createdAtMs !== undefined) circuit.createdAtMs = ev.createdAtMs;
}

function upsert(store: ConnectionStore, ev: CircCommon, status: string | undefined, nowMs: number): Circuit {
  let circuit = store.circuits.get(ev.id);
  if (circuit === undefined) {
    circuit = {
      id: ev.id,
      status: status ?? 'LAUNCHED',
      path: ev.path,
      purpose: undefined,
      hsState: undefined,
      rendQuery: undefined,
      buildFlags: ev.buildFlags,
      createdAtMs: undefined,
      sinceMs: nowMs,
      streamIds: new Set(),
      readBytes: 0,
      writtenBytes: 0,
    };
    putCapped(store.circuits, ev.id, circuit, store.limits.circuits);
  }
  update(circuit, ev);
  if (status !== undefined) circuit.status = status;
  return circuit;
}

export function applyCircEvent(store: ConnectionStore, ev: CircEvent, nowMs: number): void {
  if (isGone(ev.status)) {
    const gone = store.circuits.get(ev.id);
    if (gone !== undefined) {
      store.circuits.delete(ev.id);
      touch(store, `c:${ev.id}`);
      // Streams still attached are listed on their own until tor closes them too.
      for (const id of gone.streamIds) touch(store, `s:${id}`);
      store.version++;
    }
    return;
  }
  upsert(store, ev, ev.status, nowMs);
  touch(store, `c:${ev.id}`);
  store.version++;
}

export function applyCircMinorEvent(store: ConnectionStore, ev: CircMinorEvent, nowMs: number): void {
  upsert(store, ev, undefined, nowMs);
  touch(store, `c:${ev.id}`);
  store.version++;
}

export function applyCircBwEvent(store: ConnectionStore, ev: CircBwEvent): void {
  const circuit = store.circuits.get(ev.circuitId);
  if (circuit === undefined) return;
  circuit.readBytes += ev.readBytes;
  circuit.writtenBytes += ev.writtenBytes;
  store.version++;
}

/** GETINFO circuit-status (UTF-8 value): the CIRC event syntax without "650 CIRC ", one circuit per line. */
export function parseCircuitStatus(value: string): { circuits: CircEvent[]; malformed: number } {
  const circuits: CircEvent[] = [];
  let malformed = 0;
  for (const raw of value.split('\n')) {
    const text = raw.trim();
    if (text === '') continue;
    try {
      circuits.push(parseCircArgs(byteStringFromUtf8(text), 0));
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      malformed++;
    }
  }
  return { circuits, malformed };
}

/** Makes the circuits agree with a circuit-status answer (circuits it lacks are gone). */
export function reconcileCircuitStatus(store: ConnectionStore, circuits: readonly CircEvent[], nowMs: number): void {
  const present = new Set<string>();
  for (const ev of circuits) {
    if (isGone(ev.status)) continue;
    present.add(ev.id);
    const before = store.circuits.get(ev.id);
    const was = before === undefined ? undefined : `${before.status} ${before.purpose} ${before.path.length}`;
    const after = upsert(store, ev, ev.status, nowMs);
    if (was !== `${after.status} ${after.purpose} ${after.path.length}`) touch(store, `c:${ev.id}`);
  }
  for (const [id, circuit] of store.circuits) {
    if (present.has(id)) continue;
    store.circuits.delete(id);
    touch(store, `c:${id}`);
    for (const s of circuit.streamIds) touch(store, `s:${s}`);
  }
  for (const stream of store.streams.values()) {
    const circuit = stream.circuitId === undefined ? undefined : store.circuits.get(stream.circuitId);
    if (circuit === undefined || circuit.streamIds.has(stream.id)) continue;
    circuit.streamIds.add(stream.id);
    touch(store, `l:${circuit.id}`);
    touch(store, `s:${stream.id}`);
  }
  store.version++;
}
