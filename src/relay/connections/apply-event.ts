// One entry point for the events the connections model follows: ORCONN, CIRC, CIRC_MINOR, STREAM,
// CONN_BW, CIRC_BW. Returns whether the event was one of them. Mutates the store in place.
import type { TorEvent } from '../../protocol/events/index.js';
import { orConnCategory } from './categories.js';
import { applyCircBwEvent, applyCircEvent, applyCircMinorEvent } from './circuits.js';
import { applyConnBwEvent, applyOrConnEvent } from './or-connections.js';
import { applyStreamEvent } from './streams.js';
import type { ConnectionStore } from './types.js';

export const CONNECTION_EVENTS = ['ORCONN', 'CIRC', 'CIRC_MINOR', 'STREAM', 'CONN_BW', 'CIRC_BW'] as const;

export function applyConnectionEvent(store: ConnectionStore, event: TorEvent, nowMs: number): boolean {
  switch (event.kind) {
    case 'ORCONN':
      applyOrConnEvent(store, event, nowMs);
      return true;
    case 'CIRC':
      applyCircEvent(store, event, nowMs);
      return true;
    case 'CIRC_MINOR':
      applyCircMinorEvent(store, event, nowMs);
      return true;
    case 'STREAM':
      applyStreamEvent(store, event, nowMs);
      return true;
    case 'CONN_BW':
      applyConnBwEvent(store, event);
      return true;
    case 'CIRC_BW':
      applyCircBwEvent(store, event);
      return true;
    default:
      return false;
  }
}

/** Inbound/outbound OR connections, as the graph page's connection stat shows them. */
export function countOrConnections(store: ConnectionStore): { inbound: number; outbound: number } {
  let inbound = 0;
  let outbound = 0;
  for (const c of store.orConns.values()) {
    const category = orConnCategory(c, store.our);
    if (category === 'inbound') inbound++;
    else if (category === 'outbound') outbound++;
  }
  return { inbound, outbound };
}
