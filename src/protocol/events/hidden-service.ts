// HS_DESC and HS_DESC_CONTENT events (control-spec §4.1.25, §4.1.26): onion-service descriptor
// fetches and uploads. v3 descriptor ids are unpadded base64 (may hold "/" and "+"). Unknown actions,
// auth types and reasons are kept raw; a broken HSDir LongName throws ProtocolError.

import { ProtocolError } from '../errors.js';
import type { Reply } from '../reply.js';
import { ArgCursor, KeyTable } from './cursor.js';
import { addKeyword, NO_KEYWORDS, parseRelayRef, type ExtraKeywords, type Open } from './fields.js';

/** Keywords this file's parsers have typed fields for (ids for `switch (c.keyId)`). */
const K = {
  REASON: 0,
  REPLICA: 1,
  HSDIR_INDEX: 2,
} as const;
const KEYS = new KeyTable(K);

export type HsDescAction = Open<'REQUESTED' | 'UPLOAD' | 'RECEIVED' | 'UPLOADED' | 'IGNORE' | 'FAILED' | 'CREATED'>;
export type HsDescAuthType = Open<'NO_AUTH' | 'BASIC_AUTH' | 'STEALTH_AUTH' | 'UNKNOWN'>;
export type HsDescReason = Open<
  'BAD_DESC' | 'QUERY_REJECTED' | 'UPLOAD_REJECTED' | 'NOT_FOUND' | 'UNEXPECTED' | 'QUERY_NO_HSDIR' | 'QUERY_RATE_LIMITED'
>;

/** An HSDir as named in HS_DESC events: a LongName, a bare fingerprint, or "UNKNOWN". */
export interface HsDir {
  /** As sent, e.g. "$A6A6…D2~r2" or "UNKNOWN". */
  readonly hsDir: string;
  readonly hsDirFingerprint: string | undefined;
  readonly hsDirNickname: string | undefined;
}

/**
 * "650 HS_DESC" SP Action SP HSAddress SP AuthType SP HsDir [SP DescriptorID]
 *   [SP "REASON=" Reason] [SP "REPLICA=" Replica] [SP "HSDIR_INDEX=" HSDirIndex]
 */
export interface HsDescEvent extends HsDir {
  readonly kind: 'HS_DESC';
  readonly type: 'HS_DESC';
  readonly action: HsDescAction;
  /** Onion address without ".onion", or "UNKNOWN". */
  readonly address: string;
  readonly authType: HsDescAuthType;
  readonly descriptorId: string | undefined;
  readonly reason: HsDescReason | undefined;
  readonly replica: number | undefined;
  readonly hsDirIndex: string | undefined;
  readonly keywords: ExtraKeywords;
}

function hsDirOf(text: string): HsDir {
  if (text === 'UNKNOWN') return { hsDir: text, hsDirFingerprint: undefined, hsDirNickname: undefined };
  const relay = parseRelayRef(text);
  return { hsDir: text, hsDirFingerprint: relay.fingerprint, hsDirNickname: relay.nickname };
}

export function parseHsDescEvent(line: string, from: number): HsDescEvent {
  const c = new ArgCursor(line, from);
  const action = c.need('HS_DESC action');
  const address = c.need('onion address');
  const authType = c.need('auth type');
  const dir = hsDirOf(c.need('HSDir'));
  const descriptorId = c.atPositional() ? c.need('descriptor id') : undefined;
  let reason: string | undefined;
  let replica: number | undefined;
  let hsDirIndex: string | undefined;
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword(KEYS)) {
    switch (c.keyId) {
      case K.REASON:
        reason = c.value();
        break;
      case K.REPLICA:
        replica = c.uintValue();
        break;
      case K.HSDIR_INDEX:
        hsDirIndex = c.value();
        break;
      default:
        extra = addKeyword(extra, c.key, c.value());
    }
  }
  return {
    kind: 'HS_DESC',
    type: 'HS_DESC',
    action,
    address,
    authType,
    ...dir,
    descriptorId,
    reason,
    replica,
    hsDirIndex,
    keywords: extra ?? NO_KEYWORDS,
  };
}

/** "650+HS_DESC_CONTENT" SP HSAddress SP DescId SP HsDir CRLF Descriptor "." CRLF "650 OK" */
export interface HsDescContentEvent extends HsDir {
  readonly kind: 'HS_DESC_CONTENT';
  readonly type: 'HS_DESC_CONTENT';
  readonly address: string;
  readonly descriptorId: string;
  /** The descriptor as sent (byte string, '\n' line ends); "" when the fetch failed. */
  readonly body: string;
}

export function parseHsDescContentEvent(reply: Reply, from: number): HsDescContentEvent {
  const first = reply.lines[0]!;
  if (first.data === undefined) throw new ProtocolError('HS_DESC_CONTENT event without a data block');
  const c = new ArgCursor(first.text, from);
  const address = c.need('onion address');
  const descriptorId = c.need('descriptor id');
  const dir = hsDirOf(c.need('HSDir'));
  return { kind: 'HS_DESC_CONTENT', type: 'HS_DESC_CONTENT', address, descriptorId, ...dir, body: first.data };
}
