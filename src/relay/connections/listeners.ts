// tor's own listeners (GETINFO net/listeners/*): which local endpoint is an ORPort, DirPort,
// control port or an application port (SOCKS, TransPort, NATDPort, HTTPTunnelPort). Categories of
// sockets are decided from these, never from well-known port numbers. Pure.
import { parseListeners, splitHostPort } from '../header-info.js';

export type ListenerKind = 'or' | 'dir' | 'control' | 'socks';

/** GETINFO keys and the kind each one's listeners are. */
export const LISTENER_KEYS: ReadonlyArray<readonly [string, ListenerKind]> = [
  ['net/listeners/or', 'or'],
  ['net/listeners/dir', 'dir'],
  ['net/listeners/control', 'control'],
  ['net/listeners/socks', 'socks'],
  ['net/listeners/trans', 'socks'],
  ['net/listeners/natd', 'socks'],
  ['net/listeners/httptunnel', 'socks'],
];

export interface Listener {
  readonly kind: ListenerKind;
  readonly host: string;
  readonly port: number;
}

export interface TorListeners {
  readonly listeners: readonly Listener[];
  /** Whether tor has answered at all (before that nothing is decided from listeners). */
  readonly known: boolean;
}

export const NO_LISTENERS: TorListeners = { listeners: [], known: false };

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** Listeners from GETINFO answers (key → value); unix sockets and unparsable entries are skipped. */
export function parseTorListeners(values: ReadonlyMap<string, string>): TorListeners {
  const listeners: Listener[] = [];
  for (const [key, kind] of LISTENER_KEYS) {
    const value = values.get(key);
    if (value === undefined) continue;
    for (const address of parseListeners(value)) {
      const hp = splitHostPort(address);
      if (hp !== undefined) listeners.push({ kind, host: hp.host.toLowerCase(), port: hp.port });
    }
  }
  return { listeners, known: true };
}

/** The kind of tor listener at this local endpoint, if any. */
export function listenerAt(l: TorListeners, address: string, port: number): ListenerKind | undefined {
  const host = address.toLowerCase();
  for (const x of l.listeners) {
    if (x.port === port && (x.host === host || WILDCARDS.has(x.host))) return x.kind;
  }
  return undefined;
}

export function hasListener(l: TorListeners, kind: ListenerKind): boolean {
  return l.listeners.some((x) => x.kind === kind);
}
