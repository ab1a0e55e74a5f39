// ORCONN events (control-spec §4.1.3); GETINFO orconn-status lines share the head (parseOrConnArgs).
// An inbound connection is first named by address, later by identity, with the same ID: key tables by id.
// Unknown statuses/reasons are kept raw; broken names, counts and ids throw ProtocolError.

import { utf8FromByteString } from '../bytes.js';
import { ArgCursor, KeyTable } from './cursor.js';
import { addKeyword, NO_KEYWORDS, parseHostPort, parseRelayRef, type ExtraKeywords, type Open } from './fields.js';

/** Keywords this file's parsers have typed fields for (ids for `switch (c.keyId)`). */
const K = {
  REASON: 0,
  NCIRCS: 1,
  ID: 2,
} as const;
const KEYS = new KeyTable(K);

export type OrConnStatus = Open<'NEW' | 'LAUNCHED' | 'CONNECTED' | 'FAILED' | 'CLOSED'>;
export type OrConnReason = Open<
  | 'MISC'
  | 'DONE'
  | 'CONNECTREFUSED'
  | 'IDENTITY'
  | 'CONNECTRESET'
  | 'TIMEOUT'
  | 'NOROUTE'
  | 'IOERROR'
  | 'RESOURCELIMIT'
  | 'PT_MISSING'
  | 'TLS_ERROR'
>;

/**
 * "650 ORCONN" SP (LongName / Target) SP ORStatus [SP "REASON=" Reason] [SP "NCIRCS=" NumCircuits] [SP "ID=" ConnID]
 */
export interface OrConnEvent {
  readonly kind: 'ORCONN';
  readonly type: 'ORCONN';
  /** The peer exactly as sent: "$FP~nick" or "addr:port". */
  readonly target: string;
  readonly fingerprint: string | undefined;
  readonly nickname: string | undefined;
  /** For "addr:port" targets (brackets stripped). */
  readonly address: string | undefined;
  readonly port: number | undefined;
  readonly status: OrConnStatus;
  readonly reason: OrConnReason | undefined;
  /** NCIRCS: circuits that were using the connection (sent with FAILED/CLOSED). */
  readonly ncircs: number | undefined;
  /** ConnID (1-16 alphanumerics); the stable key of the connection. */
  readonly id: string | undefined;
  readonly keywords: ExtraKeywords;
}

export function parseOrConnArgs(line: string, from: number): OrConnEvent {
  const c = new ArgCursor(line, from);
  const rawTarget = c.need('connection target');
  const status = c.need('connection status');
  let fingerprint: string | undefined;
  let nickname: string | undefined;
  let address: string | undefined;
  let port: number | undefined;
  if (rawTarget.charCodeAt(0) !== 0x24 && rawTarget.includes(':')) {
    const hp = parseHostPort(rawTarget, 'ORCONN target');
    address = hp.host;
    port = hp.port;
  } else {
    const relay = parseRelayRef(rawTarget);
    fingerprint = relay.fingerprint;
    nickname = relay.nickname;
  }
  let reason: string | undefined;
  let ncircs: number | undefined;
  let id: string | undefined;
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword(KEYS)) {
    switch (c.keyId) {
      case K.REASON:
        reason = c.value();
        break;
      case K.NCIRCS:
        ncircs = c.uintValue();
        break;
      case K.ID:
        id = c.idValue();
        break;
      default:
        extra = addKeyword(extra, c.key, c.value());
    }
  }
  return {
    kind: 'ORCONN',
    type: 'ORCONN',
    target: utf8FromByteString(rawTarget),
    fingerprint,
    nickname,
    address,
    port,
    status,
    reason,
    ncircs,
    id,
    keywords: extra ?? NO_KEYWORDS,
  };
}
