// The category of every kind of entry, and which addresses are private. Categories come from what
// tor said (ORCONN NEW/LAUNCHED, circuit build flags and purposes, stream purposes) and from its
// listeners; an OR connection whose direction nobody told us stays 'relay' rather than a guess.
// Private (scrubbed by default): clients and bridges that connect to us, and exit destinations. Pure.
import { hasListener } from './listeners.js';
import type { RelayDirectory } from './relay-directory.js';
import type { Category, Circuit, OrConn, OurFacts, SocketConn, Stream } from './types.js';

export function orConnCategory(conn: OrConn, our: OurFacts): Category {
  if (conn.direction !== undefined) return conn.direction;
  // Without an ORPort tor accepts no OR connections: everything it has, it opened.
  if (our.listeners.known && !hasListener(our.listeners, 'or')) return 'outbound';
  return 'relay';
}

/** How the direction was decided, for the detail box. */
export function orConnDirectionNote(conn: OrConn, our: OurFacts): string {
  switch (conn.directionSource) {
    case 'event':
      return conn.direction === 'inbound' ? 'tor accepted it (ORCONN NEW)' : 'tor opened it (ORCONN LAUNCHED)';
    case 'name':
      return conn.direction === 'inbound' ? 'tor names the peer by address (it connected to us)' : 'tor was connecting (LAUNCHED)';
    case 'socket':
      return conn.direction === 'inbound' ? 'socket on our ORPort' : "socket to the relay's ORPort";
    case 'elimination':
      // Other relays share its IP, so the socket cannot be told apart by address alone.
      return 'it connected to us (we have none open to its ORPort; other relays share its IP)';
    default:
      return orConnCategory(conn, our) === 'outbound' ? 'tor has no ORPort: it opened every connection' : 'open before ortop attached; tor does not say who opened it';
  }
}

export const isOnionPurpose = (purpose: string | undefined): boolean => purpose !== undefined && purpose.startsWith('HS_');

export function circuitCategory(circuit: Circuit): Category {
  if (isOnionPurpose(circuit.purpose)) return 'onion';
  if (circuit.buildFlags.includes('ONEHOP_TUNNEL')) return 'directory';
  return 'circuit';
}

/** Streams not attached to a circuit are listed on their own. */
export function streamCategory(stream: Stream): Category {
  if (stream.purpose === 'DIR_FETCH' || stream.purpose === 'DIR_UPLOAD') return 'directory';
  return stream.targetHost.endsWith('.onion') ? 'onion' : 'socks';
}

export function socketCategory(row: SocketConn): Category {
  return row.category;
}

/** An OR connection's peer is private unless it is a relay in the consensus. */
export function isPrivateOrConn(conn: OrConn, directory: RelayDirectory): boolean {
  return conn.fingerprint === undefined || directory.get(conn.fingerprint) === undefined;
}

/** Exit destinations and non-relay directory clients are private; local SOCKS/control clients are not. */
export function isPrivateSocket(row: SocketConn, directory: RelayDirectory): boolean {
  if (row.category === 'exit') return true;
  if (row.category === 'directory') return !directory.isRelayAddress(row.socket.remoteAddress);
  return false;
}

/** Nyx-style unit ages: "15.4s", "3.0m", "2.1h", "4.0d". */
export function formatAge(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  if (s < 3600) return `${(s / 60).toFixed(1)}m`;
  if (s < 86400) return `${(s / 3600).toFixed(1)}h`;
  return `${(s / 86400).toFixed(1)}d`;
}
