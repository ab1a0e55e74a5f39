// CIRC and CIRC_MINOR events (control-spec §4.1.1, §4.1.19); the same argument grammar is used by
// GETINFO circuit-status lines, so parseCircArgs is exported for them. Unknown statuses, purposes,
// flags and reasons are kept raw; only broken syntax (ids, LongNames, times) throws ProtocolError.

import { utf8FromByteString } from '../bytes.js';
import { ArgCursor, KeyTable } from './cursor.js';
import { addKeyword, keywordTimeMs, NO_KEYWORDS, parseRelayList, splitComma, type ExtraKeywords, type Open, type RelayRef } from './fields.js';

/** Keywords this file's parsers have typed fields for (ids for `switch (c.keyId)`). */
const K = {
  BUILD_FLAGS: 0,
  PURPOSE: 1,
  HS_STATE: 2,
  REND_QUERY: 3,
  TIME_CREATED: 4,
  CONFLUX_ID: 5,
  REASON: 6,
  REMOTE_REASON: 7,
  SOCKS_USERNAME: 8,
  SOCKS_PASSWORD: 9,
  OLD_PURPOSE: 10,
  OLD_HS_STATE: 11,
} as const;
const KEYS = new KeyTable(K);

export type CircStatus = Open<'LAUNCHED' | 'BUILT' | 'GUARD_WAIT' | 'EXTENDED' | 'FAILED' | 'CLOSED'>;
export type CircBuildFlag = Open<'ONEHOP_TUNNEL' | 'IS_INTERNAL' | 'NEED_CAPACITY' | 'NEED_UPTIME'>;
export type CircPurpose = Open<
  | 'GENERAL'
  | 'HS_CLIENT_HSDIR'
  | 'HS_CLIENT_INTRO'
  | 'HS_CLIENT_REND'
  | 'HS_SERVICE_HSDIR'
  | 'HS_SERVICE_INTRO'
  | 'HS_SERVICE_REND'
  | 'TESTING'
  | 'CONTROLLER'
  | 'MEASURE_TIMEOUT'
  | 'HS_VANGUARDS'
  | 'PATH_BIAS_TESTING'
  | 'CIRCUIT_PADDING'
  | 'CONFLUX_UNLINKED'
  | 'CONFLUX_LINKED'
>;
export type CircHsState = Open<
  | 'HSCI_CONNECTING'
  | 'HSCI_INTRO_SENT'
  | 'HSCI_DONE'
  | 'HSCR_CONNECTING'
  | 'HSCR_ESTABLISHED_IDLE'
  | 'HSCR_ESTABLISHED_WAITING'
  | 'HSCR_JOINED'
  | 'HSSI_CONNECTING'
  | 'HSSI_ESTABLISHED'
  | 'HSSR_CONNECTING'
  | 'HSSR_JOINED'
>;
export type CircReason = Open<
  | 'NONE'
  | 'TORPROTOCOL'
  | 'INTERNAL'
  | 'REQUESTED'
  | 'HIBERNATING'
  | 'RESOURCELIMIT'
  | 'CONNECTFAILED'
  | 'OR_IDENTITY'
  | 'CHANNEL_CLOSED'
  | 'FINISHED'
  | 'TIMEOUT'
  | 'DESTROYED'
  | 'NOPATH'
  | 'NOSUCHSERVICE'
  | 'MEASUREMENT_EXPIRED'
  | 'IP_NOW_REDUNDANT'
  | 'OR_CONN_CLOSED'
>;
export type CircMinorEventName = Open<'PURPOSE_CHANGED' | 'CANNIBALIZED'>;

/** Fields CIRC and CIRC_MINOR share. */
export interface CircCommon {
  /** CircuitID: 1-16 alphanumerics. */
  readonly id: string;
  /** Hops completed so far, first hop first ([] before the first hop is done). */
  readonly path: readonly RelayRef[];
  readonly buildFlags: readonly CircBuildFlag[];
  readonly purpose: CircPurpose | undefined;
  readonly hsState: CircHsState | undefined;
  readonly rendQuery: string | undefined;
  /** TIME_CREATED as sent (ISOTime2Frac, UTC). */
  readonly timeCreated: string | undefined;
  /** TIME_CREATED as epoch ms (fractional); undefined when absent or not a real date. */
  readonly createdAtMs: number | undefined;
  readonly confluxId: string | undefined;
  readonly keywords: ExtraKeywords;
}

/**
 * "650 CIRC" SP CircuitID SP CircStatus [SP Path] [SP "BUILD_FLAGS=" BuildFlags] [SP "PURPOSE=" Purpose]
 *   [SP "HS_STATE=" HSState] [SP "REND_QUERY=" HSAddress] [SP "TIME_CREATED=" TimeCreated]
 *   [SP "REASON=" Reason [SP "REMOTE_REASON=" Reason]] [SP "SOCKS_USERNAME=" EscapedUsername]
 *   [SP "SOCKS_PASSWORD=" EscapedPassword] [SP "HS_POW=" HSPoW] [SP "CONFLUX_ID=" …]
 */
export interface CircEvent extends CircCommon {
  readonly kind: 'CIRC';
  readonly type: 'CIRC';
  readonly status: CircStatus;
  readonly reason: CircReason | undefined;
  readonly remoteReason: CircReason | undefined;
  readonly socksUsername: string | undefined;
  readonly socksPassword: string | undefined;
}

/**
 * "650 CIRC_MINOR" SP CircuitID SP CircEvent [SP Path] [SP "BUILD_FLAGS=" BuildFlags] [SP "PURPOSE=" Purpose]
 *   [SP "HS_STATE=" HSState] [SP "REND_QUERY=" HSAddress] [SP "TIME_CREATED=" TimeCreated]
 *   [SP "OLD_PURPOSE=" Purpose [SP "OLD_HS_STATE=" HSState]]
 */
export interface CircMinorEvent extends CircCommon {
  readonly kind: 'CIRC_MINOR';
  readonly type: 'CIRC_MINOR';
  readonly event: CircMinorEventName;
  readonly oldPurpose: CircPurpose | undefined;
  readonly oldHsState: CircHsState | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NO_HOPS: readonly RelayRef[] = Object.freeze([]);
const NO_FLAGS: readonly string[] = Object.freeze([]);

function readHead(c: ArgCursor, what: string): { id: string; word: string; path: readonly RelayRef[] } {
  const id = c.id('circuit id');
  const word = c.need(what);
  const pathStart = c.optionalSpan('path');
  const path = pathStart < 0 ? NO_HOPS : parseRelayList(c.line, pathStart, c.pos);
  return { id, word, path };
}

/** Applies a keyword both events share; false when the key is not one of them. */
function applyCommon(c: ArgCursor, ev: Mutable<CircCommon>): boolean {
  switch (c.keyId) {
    case K.BUILD_FLAGS:
      ev.buildFlags = splitComma(c.value());
      return true;
    case K.PURPOSE:
      ev.purpose = c.value();
      return true;
    case K.HS_STATE:
      ev.hsState = c.value();
      return true;
    case K.REND_QUERY:
      ev.rendQuery = c.value();
      return true;
    case K.TIME_CREATED:
      ev.createdAtMs = keywordTimeMs(c);
      ev.timeCreated = c.value();
      return true;
    case K.CONFLUX_ID:
      ev.confluxId = c.value();
      return true;
    default:
      return false;
  }
}

/** Parses "CircuitID SP CircStatus [SP Path] *(SP keyword)" starting at `from` (CIRC events and circuit-status lines). */
export function parseCircArgs(line: string, from: number): CircEvent {
  const c = new ArgCursor(line, from);
  const head = readHead(c, 'circuit status');
  const ev: Mutable<CircEvent> = {
    kind: 'CIRC',
    type: 'CIRC',
    id: head.id,
    status: head.word,
    path: head.path,
    buildFlags: NO_FLAGS,
    purpose: undefined,
    hsState: undefined,
    rendQuery: undefined,
    timeCreated: undefined,
    createdAtMs: undefined,
    reason: undefined,
    remoteReason: undefined,
    socksUsername: undefined,
    socksPassword: undefined,
    confluxId: undefined,
    keywords: NO_KEYWORDS,
  };
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword(KEYS)) {
    if (applyCommon(c, ev)) continue;
    switch (c.keyId) {
      case K.REASON:
        ev.reason = c.value();
        break;
      case K.REMOTE_REASON:
        ev.remoteReason = c.value();
        break;
      case K.SOCKS_USERNAME:
        ev.socksUsername = utf8FromByteString(c.value());
        break;
      case K.SOCKS_PASSWORD:
        ev.socksPassword = utf8FromByteString(c.value());
        break;
      default:
        extra = addKeyword(extra, c.key, c.value());
    }
  }
  if (extra !== undefined) ev.keywords = extra;
  return ev;
}

export function parseCircMinorArgs(line: string, from: number): CircMinorEvent {
  const c = new ArgCursor(line, from);
  const head = readHead(c, 'CIRC_MINOR event');
  const ev: Mutable<CircMinorEvent> = {
    kind: 'CIRC_MINOR',
    type: 'CIRC_MINOR',
    id: head.id,
    event: head.word,
    path: head.path,
    buildFlags: NO_FLAGS,
    purpose: undefined,
    hsState: undefined,
    rendQuery: undefined,
    timeCreated: undefined,
    createdAtMs: undefined,
    oldPurpose: undefined,
    oldHsState: undefined,
    confluxId: undefined,
    keywords: NO_KEYWORDS,
  };
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword(KEYS)) {
    if (applyCommon(c, ev)) continue;
    if (c.keyId === K.OLD_PURPOSE) ev.oldPurpose = c.value();
    else if (c.keyId === K.OLD_HS_STATE) ev.oldHsState = c.value();
    else extra = addKeyword(extra, c.key, c.value());
  }
  if (extra !== undefined) ev.keywords = extra;
  return ev;
}
