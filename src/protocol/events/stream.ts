// STREAM events (control-spec §4.1.2); GETINFO stream-status lines share the head, so parseStreamArgs
// is exported for them. Targets split on the last colon (unbracketed IPv6), ".exit" names are taken
// apart. Unknown statuses/reasons/purposes are kept raw; broken ids and ports throw ProtocolError.

import { utf8FromByteString } from '../bytes.js';
import { ArgCursor, intOf, KeyTable } from './cursor.js';
import { addKeyword, NO_KEYWORDS, parseHostPort, parseRelayRef, splitComma, textIn, type ExtraKeywords, type Open, type RelayRef } from './fields.js';

/** Keywords this file's parsers have typed fields for (ids for `switch (c.keyId)`). */
const K = {
  REASON: 0,
  REMOTE_REASON: 1,
  SOURCE: 2,
  SOURCE_ADDR: 3,
  PURPOSE: 4,
  SOCKS_USERNAME: 5,
  SOCKS_PASSWORD: 6,
  CLIENT_PROTOCOL: 7,
  NYM_EPOCH: 8,
  SESSION_GROUP: 9,
  ISO_FIELDS: 10,
} as const;
const KEYS = new KeyTable(K);

export type StreamStatus = Open<
  | 'NEW'
  | 'NEWRESOLVE'
  | 'REMAP'
  | 'SENTCONNECT'
  | 'SENTRESOLVE'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'CLOSED'
  | 'DETACHED'
  | 'CONTROLLER_WAIT'
  | 'XOFF_SENT'
  | 'XOFF_RECV'
  | 'XON_SENT'
  | 'XON_RECV'
>;
export type StreamReason = Open<
  | 'MISC'
  | 'RESOLVEFAILED'
  | 'CONNECTREFUSED'
  | 'EXITPOLICY'
  | 'DESTROY'
  | 'DONE'
  | 'TIMEOUT'
  | 'NOROUTE'
  | 'HIBERNATING'
  | 'INTERNAL'
  | 'RESOURCELIMIT'
  | 'CONNRESET'
  | 'TORPROTOCOL'
  | 'NOTDIRECTORY'
  | 'END'
  | 'PRIVATE_ADDR'
  | 'CANT_ATTACH'
>;
export type StreamSource = Open<'CACHE' | 'EXIT'>;
export type StreamPurpose = Open<'DIR_FETCH' | 'DIR_UPLOAD' | 'DNS_REQUEST' | 'DIRPORT_TEST' | 'USER'>;
export type StreamClientProtocol = Open<'SOCKS4' | 'SOCKS5' | 'TRANS' | 'NATD' | 'DNS' | 'HTTPCONNECT' | 'METRICS' | 'UNKNOWN'>;

/** "host.<relay>.exit": the real destination and the exit relay the client asked for. */
export interface ExitTarget {
  readonly host: string;
  readonly relay: RelayRef;
}

/**
 * "650 STREAM" SP StreamID SP StreamStatus SP CircuitID SP Target [SP "REASON=" Reason [SP "REMOTE_REASON=" Reason]]
 *   [SP "SOURCE=" Source] [SP "SOURCE_ADDR=" Address ":" Port] [SP "PURPOSE=" Purpose]
 *   [SP "SOCKS_USERNAME=" EscapedUsername] [SP "SOCKS_PASSWORD=" EscapedPassword]
 *   [SP "CLIENT_PROTOCOL=" ClientProtocol] [SP "NYM_EPOCH=" NymEpoch] [SP "SESSION_GROUP=" SessionGroup]
 *   [SP "ISO_FIELDS=" IsoFields *("," IsoFields)]
 */
export interface StreamEvent {
  readonly kind: 'STREAM';
  readonly type: 'STREAM';
  readonly id: string;
  readonly status: StreamStatus;
  /** The circuit the stream is attached to; undefined for "0" (not attached). */
  readonly circuitId: string | undefined;
  /** Target exactly as sent ("host:port"). */
  readonly target: string;
  /** Host part of the target, brackets stripped, ".exit" suffix kept (see targetExit). */
  readonly targetHost: string;
  readonly targetPort: number;
  readonly targetExit: ExitTarget | undefined;
  readonly reason: StreamReason | undefined;
  readonly remoteReason: StreamReason | undefined;
  readonly source: StreamSource | undefined;
  readonly sourceAddr: string | undefined;
  readonly sourceHost: string | undefined;
  readonly sourcePort: number | undefined;
  readonly purpose: StreamPurpose | undefined;
  readonly socksUsername: string | undefined;
  readonly socksPassword: string | undefined;
  readonly clientProtocol: StreamClientProtocol | undefined;
  readonly nymEpoch: number | undefined;
  readonly sessionGroup: number | undefined;
  readonly isoFields: readonly string[] | undefined;
  readonly keywords: ExtraKeywords;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Parses "StreamID SP StreamStatus SP CircuitID SP Target *(SP keyword)" from `from`. */
export function parseStreamArgs(line: string, from: number): StreamEvent {
  const c = new ArgCursor(line, from);
  const id = c.id('stream id');
  const status = c.need('stream status');
  const circ = c.id('circuit id');
  const circuitId = circ === '0' ? undefined : circ;
  const targetStart = c.span('target');
  const target = textIn(line, targetStart, c.pos);
  const { host: targetHost, port: targetPort } = parseHostPort(line, 'target', targetStart, c.pos);
  const ev: Mutable<StreamEvent> = {
    kind: 'STREAM',
    type: 'STREAM',
    id,
    status,
    circuitId,
    target,
    targetHost,
    targetPort,
    targetExit: targetHost.endsWith('.exit') ? exitTargetOf(targetHost) : undefined,
    reason: undefined,
    remoteReason: undefined,
    source: undefined,
    sourceAddr: undefined,
    sourceHost: undefined,
    sourcePort: undefined,
    purpose: undefined,
    socksUsername: undefined,
    socksPassword: undefined,
    clientProtocol: undefined,
    nymEpoch: undefined,
    sessionGroup: undefined,
    isoFields: undefined,
    keywords: NO_KEYWORDS,
  };
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword(KEYS)) {
    switch (c.keyId) {
      case K.REASON:
        ev.reason = c.value();
        break;
      case K.REMOTE_REASON:
        ev.remoteReason = c.value();
        break;
      case K.SOURCE:
        ev.source = c.value();
        break;
      case K.SOURCE_ADDR: {
        const text = c.quoted ?? line;
        const start = c.quoted === undefined ? c.valueStart : 0;
        const end = c.quoted === undefined ? c.valueEnd : text.length;
        const hp = parseHostPort(text, 'SOURCE_ADDR', start, end);
        ev.sourceAddr = textIn(text, start, end);
        ev.sourceHost = hp.host;
        ev.sourcePort = hp.port;
        break;
      }
      case K.PURPOSE:
        ev.purpose = c.value();
        break;
      case K.SOCKS_USERNAME:
        ev.socksUsername = utf8FromByteString(c.value());
        break;
      case K.SOCKS_PASSWORD:
        ev.socksPassword = utf8FromByteString(c.value());
        break;
      case K.CLIENT_PROTOCOL:
        ev.clientProtocol = c.value();
        break;
      case K.NYM_EPOCH:
        ev.nymEpoch = c.uintValue();
        break;
      case K.SESSION_GROUP:
        ev.sessionGroup = intOf(c.value(), 'SESSION_GROUP');
        break;
      case K.ISO_FIELDS:
        ev.isoFields = splitComma(c.value());
        break;
      default:
        extra = addKeyword(extra, c.key, c.value());
    }
  }
  if (extra !== undefined) ev.keywords = extra;
  return ev;
}

/** "1.2.3.4.$FP.exit" / "host.FP.exit" / "host.nick.exit" → parts; undefined when the relay part is not a relay name. */
function exitTargetOf(host: string): ExitTarget | undefined {
  const body = host.slice(0, -5);
  const dot = body.lastIndexOf('.');
  if (dot <= 0 || dot === body.length - 1) return undefined;
  try {
    return { host: body.slice(0, dot), relay: parseRelayRef(body, dot + 1) };
  } catch {
    return undefined;
  }
}
