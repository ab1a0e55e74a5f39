// Where each kind of entry points: the local and remote address:port of an OR connection (from its
// socket, the address tor named the peer by, or the relay's consensus ORPort), a circuit's exit hop,
// an unattached stream's target. Read-only over the store and the consensus maps. Pure.
import type { RouterStatusEntry } from '../../protocol/documents/index.js';
import type { RelayRef } from '../../protocol/events/index.js';
import type { RelayDirectory } from './relay-directory.js';
import type { Circuit, OrConn } from './types.js';

export interface Endpoint {
  readonly address: string;
  /** undefined when not known (an identified inbound relay without its socket). */
  readonly port: number | undefined;
}

export interface OrConnEndpoints {
  readonly local: Endpoint | undefined;
  readonly remote: Endpoint | undefined;
  /** Where the remote endpoint came from. */
  readonly remoteFrom: 'socket' | 'tor' | 'consensus' | undefined;
}

export function orConnEndpoints(conn: OrConn, directory: RelayDirectory): OrConnEndpoints {
  const s = conn.socket;
  if (s !== undefined) {
    return { local: { address: s.localAddress, port: s.localPort }, remote: { address: s.remoteAddress, port: s.remotePort }, remoteFrom: 'socket' };
  }
  if (conn.peerAddress !== undefined) return { local: undefined, remote: { address: conn.peerAddress, port: conn.peerPort }, remoteFrom: 'tor' };
  const relay = conn.fingerprint === undefined ? undefined : directory.get(conn.fingerprint);
  if (relay === undefined) return { local: undefined, remote: undefined, remoteFrom: undefined };
  // An outbound connection goes to the ORPort; an inbound one (or one we cannot tell) from a port we do not know.
  return { local: undefined, remote: { address: relay.address, port: conn.direction === 'outbound' ? relay.orPort : undefined }, remoteFrom: 'consensus' };
}

/** The relay behind a hop or connection, when the consensus has it. */
export function relayOf(directory: RelayDirectory, fingerprint: string | undefined): RouterStatusEntry | undefined {
  return fingerprint === undefined ? undefined : directory.get(fingerprint);
}

export function nicknameOf(directory: RelayDirectory, ref: { fingerprint: string | undefined; nickname: string | undefined }): string | undefined {
  return ref.nickname ?? relayOf(directory, ref.fingerprint)?.nickname;
}

/** The last hop of a circuit (its exit, or rendezvous point for onion circuits). */
export function lastHop(circuit: Circuit): RelayRef | undefined {
  return circuit.path[circuit.path.length - 1];
}

/** "Guard" / "Middle" / "End" by position; the last hop of an unfinished circuit is still "Middle". */
export function hopRole(index: number, count: number, built: boolean): 'Guard' | 'Middle' | 'End' {
  if (index === 0) return 'Guard';
  if (built && index === count - 1) return 'End';
  return 'Middle';
}
