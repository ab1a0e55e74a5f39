// ADDRMAP events (control-spec §4.1.7): a hostname was mapped (DNS answer, MAPADDRESS, …).
// Expiry is local time in quotes (or NEVER), EXPIRES= the same in UTC. Unknown CACHED values are kept raw;
// broken quoting or times throw ProtocolError.

import { utf8FromByteString } from '../bytes.js';
import { ArgCursor, KeyTable } from './cursor.js';
import { addKeyword, keywordTimeMs, NO_KEYWORDS, parseIsoTimeMs, type ExtraKeywords, type Open } from './fields.js';

/** Keywords this file's parsers have typed fields for (ids for `switch (c.keyId)`). */
const K = {
  error: 0,
  EXPIRES: 1,
  CACHED: 2,
  STREAMID: 3,
} as const;
const KEYS = new KeyTable(K);

/**
 * "650 ADDRMAP" SP Address SP NewAddress SP Expiry [SP "error=" ErrorCode] [SP "EXPIRES=" UTCExpiry]
 *   [SP "CACHED=" Cached] [SP "STREAMID=" StreamId]
 *   Expiry = DQUOTE ISOTime DQUOTE / "NEVER";  Cached = DQUOTE ("YES" / "NO") DQUOTE
 */
export interface AddrMapEvent {
  readonly kind: 'ADDRMAP';
  readonly type: 'ADDRMAP';
  readonly hostname: string;
  /** The new address; undefined when tor sent "<error>". */
  readonly destination: string | undefined;
  /** Local-time expiry as sent ("2012-11-19 00:50:13"); undefined for NEVER. */
  readonly expiry: string | undefined;
  readonly error: string | undefined;
  /** EXPIRES= (UTC) as sent. */
  readonly expires: string | undefined;
  readonly expiresAtMs: number | undefined;
  readonly cached: Open<'YES' | 'NO'> | undefined;
  readonly streamId: string | undefined;
  readonly keywords: ExtraKeywords;
}

export function parseAddrMapEvent(line: string, from: number): AddrMapEvent {
  const c = new ArgCursor(line, from);
  const hostname = utf8FromByteString(c.need('address'));
  const newAddress = c.need('new address');
  const rawExpiry = c.need('expiry');
  let expiry: string | undefined;
  if (rawExpiry !== 'NEVER') {
    parseIsoTimeMs(rawExpiry, 'expiry');
    expiry = rawExpiry;
  }
  let error: string | undefined;
  let expires: string | undefined;
  let expiresAtMs: number | undefined;
  let cached: string | undefined;
  let streamId: string | undefined;
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword(KEYS)) {
    switch (c.keyId) {
      case K.error:
        error = utf8FromByteString(c.value());
        break;
      case K.EXPIRES:
        expiresAtMs = keywordTimeMs(c);
        expires = c.value();
        break;
      case K.CACHED:
        cached = c.value();
        break;
      case K.STREAMID:
        streamId = c.idValue();
        break;
      default:
        extra = addKeyword(extra, c.key, c.value());
    }
  }
  return {
    kind: 'ADDRMAP',
    type: 'ADDRMAP',
    hostname,
    destination: newAddress === '<error>' ? undefined : utf8FromByteString(newAddress),
    expiry,
    error,
    expires,
    expiresAtMs,
    cached,
    streamId,
    keywords: extra ?? NO_KEYWORDS,
  };
}
