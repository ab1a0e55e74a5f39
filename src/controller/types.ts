// Options, state changes and warnings of the Controller: the shapes the app and tests see.
// Types only.

import type { AuthMethod } from '../protocol/replies.js';
import type { TransportFactory } from '../transport/transport.js';
import type { AuthOptions } from './auth.js';
import type { Clock } from './clock.js';

export interface ReconnectPolicy {
  /** First wait after losing tor. Default 500 ms. */
  readonly initialDelayMs?: number;
  /** The wait doubles up to this. Default 10 000 ms. */
  readonly maxDelayMs?: number;
}

export interface ControllerOptions {
  /** Opens a new transport to tor (called on open and on every reconnect). */
  readonly openTransport: TransportFactory;
  readonly clock?: Clock;
  readonly auth?: AuthOptions;
  /** A request unanswered for this long fails with RequestTimeoutError. Default 10 000 ms; 0 = never. */
  readonly requestTimeoutMs?: number;
  /** …and if its reply still has not come this much later, the connection is dropped and reopened. Default 20 000 ms. */
  readonly unresponsiveAfterMs?: number;
  /** Reconnect automatically when tor goes away. Default on; false = stay closed. */
  readonly reconnect?: ReconnectPolicy | false;
  /** Answer cacheable GETINFO/GETCONF keys from the cache (cache-policy.ts). Default true. */
  readonly cache?: boolean;
  /**
   * When connected and nothing has come from tor for this long, send GETINFO version, so that a tor
   * that stopped answering (SIGSTOP, a hang) is noticed by the request timeout. Default 0 = never.
   */
  readonly probeAfterIdleMs?: number;
  /**
   * Keep reconnecting after tor rejects the password: the password provider is asked again and told
   * the last one was rejected (it may prompt, or throw to stop). Default false: a rejected password stops.
   */
  readonly retryRejectedPassword?: boolean;
  /** What openTransport connects to, as the user would write it ("127.0.0.1:9051", a socket path); for messages. */
  readonly targets?: readonly string[];
}

export type ControllerState = 'idle' | 'connecting' | 'connected' | 'waiting' | 'closed';

export type StateChange =
  | {
      readonly kind: 'connected';
      readonly atMs: number;
      readonly address: string;
      readonly authMethod: AuthMethod;
      readonly torVersion: string | undefined;
    }
  /** The connection went away. retryInMs is when the next attempt happens, undefined if none will. */
  | { readonly kind: 'closed'; readonly atMs: number; readonly reason: Error; readonly retryInMs: number | undefined }
  /** A reconnect attempt failed. */
  | { readonly kind: 'connect-failed'; readonly atMs: number; readonly error: Error; readonly retryInMs: number | undefined }
  /** tor reloaded its configuration (SIGNAL RELOAD / HUP): caches were flushed. */
  | { readonly kind: 'reset'; readonly atMs: number }
  /**
   * Still connected, but a request timed out and tor has sent nothing since it was asked (stopped,
   * hung, overloaded). The connection is dropped and reopened at dropAtMs unless tor answers first.
   */
  | {
      readonly kind: 'unresponsive';
      readonly atMs: number;
      readonly command: string;
      readonly askedAtMs: number;
      readonly lastHeardAtMs: number;
      readonly dropAtMs: number;
    }
  /** tor sent something again after 'unresponsive'. */
  | { readonly kind: 'responsive'; readonly atMs: number };

export type ControllerWarning =
  | { readonly kind: 'unsupported-event'; readonly type: string; readonly message: string }
  | { readonly kind: 'listener-threw'; readonly type: string; readonly error: unknown; readonly message: string }
  | { readonly kind: 'setevents-failed'; readonly error: Error; readonly message: string };

export interface SaveConfOptions {
  /** Send SAVECONF FORCE: overwrite the torrc even if it uses %include. */
  readonly force?: boolean;
  /** Try without FORCE first; if tor refuses only because of %include, retry with FORCE. */
  readonly forceIfIncludes?: boolean;
}
