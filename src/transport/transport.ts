// The byte pipe the controller talks through. Implementations: net sockets (net-transport.ts)
// and the in-memory FakeTor in tests. A transport knows nothing about replies or commands.

/**
 * Both ends of a connection as the OS sees them, fixed once connected: for deciding from evidence
 * whether tor runs on this machine (src/system/tor-locality.ts). Addresses as node:net gives them.
 */
export type TransportEndpoint =
  | { readonly kind: 'tcp'; readonly localAddress: string; readonly localPort: number; readonly remoteAddress: string; readonly remotePort: number }
  | { readonly kind: 'unix'; readonly path: string };

export interface Transport {
  /** Human-readable address, used in error messages ("127.0.0.1:9051", "/run/tor/control"). */
  readonly description: string;
  /** The OS-level ends of this connection; undefined for pipes that are no socket here (FakeTor, replay). */
  readonly endpoint?: TransportEndpoint;
  /** Sends bytes; a string is encoded as UTF-8. Writes after close are dropped. */
  write(bytes: string | Uint8Array): void;
  /** Closes the pipe; onClose listeners run once (without an error). */
  close(): void;
  /** Receives every chunk as it arrives. Chunks that came before the first listener are kept for it. */
  onData(listener: (chunk: Uint8Array) => void): void;
  /** Runs once when the pipe closes, with the error if it broke rather than ended. */
  onClose(listener: (error?: Error) => void): void;
}

/** Opens a fresh transport to the same place each time it is called (first connect and reconnects). */
export type TransportFactory = () => Promise<Transport>;
