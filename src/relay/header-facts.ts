// What the header shows, as plain data: who and what the relay is, how tor and ortop are doing.
// Filled by the collector (src/app) from GETINFO/GETCONF, events and /proc; read by panels/header.
// Values are undefined when not (yet) known. Times are epoch milliseconds.

import type { AuthMethod } from '../protocol/replies.js';
import type { HeaderExitPolicy } from './header-exit-policy.js';

export type VersionStatus = 'new' | 'old' | 'unrecommended' | 'recommended' | 'new in series' | 'obsolete' | 'unknown' | (string & {});

export interface ResourceUsage {
  /** Percent of one core over the last sampling interval. */
  readonly cpuPercent: number;
  readonly rssBytes: number | undefined;
  /** RSS as a share of the machine's memory, 0-100. */
  readonly memPercent: number | undefined;
}

export interface BootstrapState {
  readonly progress: number;
  readonly tag: string;
  readonly summary: string;
  /** Set when tor reports a bootstrap problem. */
  readonly warning: string | undefined;
}

export type Liveness = 'up' | 'down' | undefined;

export type ConnectionStatus =
  | { readonly kind: 'connecting'; readonly target: string }
  | {
      readonly kind: 'connected';
      readonly target: string;
      readonly authMethod: AuthMethod;
      readonly sinceMs: number;
      /** Set while tor does not answer (a request timed out, nothing heard since). */
      readonly silence?: ConnectionSilence;
    }
  | {
      readonly kind: 'disconnected';
      readonly target: string;
      readonly atMs: number;
      readonly reason: string;
      readonly retryAtMs: number | undefined;
      /** A few words on why ("password rejected"), when known. */
      readonly problem?: string;
      /** What reconnects try ("127.0.0.1:9051", "3 control addresses"), when known. */
      readonly retrying?: string;
      /** What the 'r' key does once retries stopped ("enter the password"); default reconnect. */
      readonly manualAction?: string;
    };

export interface ConnectionSilence {
  readonly command: string;
  readonly askedAtMs: number;
  readonly lastHeardAtMs: number;
  /** When ortop drops the connection and reconnects if tor stays silent. */
  readonly dropAtMs: number;
}

export interface HeaderFacts {
  readonly hostname: string;
  readonly osName: string;
  readonly osRelease: string;
  readonly torVersion: string | undefined;
  readonly versionStatus: VersionStatus | undefined;
  readonly nickname: string | undefined;
  /** Address shown after the nickname (first OR listener, or GETINFO address when bound to 0.0.0.0). */
  readonly address: string | undefined;
  readonly orPort: number | undefined;
  readonly dirPort: number | undefined;
  /** True when tor has an OR listener (it is a relay). */
  readonly isRelay: boolean;
  /** "127.0.0.1:9051" or a socket path; with the auth method ortop used. */
  readonly controlTarget: string | undefined;
  readonly controlIsSocket: boolean;
  readonly authMethod: AuthMethod | undefined;
  readonly pid: number | undefined;
  /** When tor started, derived from GETINFO uptime at the time it was asked. */
  readonly torStartedAtMs: number | undefined;
  readonly fingerprint: string | undefined;
  readonly flags: readonly string[] | undefined;
  /** The exit policy the operator wrote (tor's private/default additions folded), relays only. */
  readonly exitPolicy: HeaderExitPolicy | undefined;
  readonly fdUsed: number | undefined;
  readonly fdLimit: number | undefined;
  readonly tor: ResourceUsage | undefined;
  readonly ortop: ResourceUsage | undefined;
  readonly bootstrap: BootstrapState | undefined;
  readonly liveness: Liveness;
  readonly connection: ConnectionStatus;
  /** Milliseconds until NEWNYM is available again (0 = now); undefined for relays without a SocksPort. */
  readonly newnymWaitMs: number | undefined;
}

export function emptyHeaderFacts(host: { hostname: string; osName: string; osRelease: string }, target: string): HeaderFacts {
  return {
    ...host,
    torVersion: undefined,
    versionStatus: undefined,
    nickname: undefined,
    address: undefined,
    orPort: undefined,
    dirPort: undefined,
    isRelay: false,
    controlTarget: target,
    controlIsSocket: target.startsWith('/'),
    authMethod: undefined,
    pid: undefined,
    torStartedAtMs: undefined,
    fingerprint: undefined,
    flags: undefined,
    exitPolicy: undefined,
    fdUsed: undefined,
    fdLimit: undefined,
    tor: undefined,
    ortop: undefined,
    bootstrap: undefined,
    liveness: undefined,
    connection: { kind: 'connecting', target },
    newnymWaitMs: undefined,
  };
}
