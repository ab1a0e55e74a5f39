// Byte-counter events: BW, STREAM_BW, CONN_BW, CIRC_BW (control-spec §4.1.4, §4.1.13, §4.1.21, §4.1.22).
// These arrive every second per connection/circuit, so numbers are read in place and no map is built
// unless tor sent keywords this parser does not know. Broken syntax throws ProtocolError.

import { ProtocolError } from '../errors.js';
import { ArgCursor, KeyTable } from './cursor.js';
import { addKeyword, NO_KEYWORDS, keywordTimeMs, parseIsoTimeMs, type ExtraKeywords, type Open } from './fields.js';

/** Keywords this file's parsers have typed fields for (ids for `switch (c.keyId)`). */
const K = {
  ID: 0,
  TYPE: 1,
  READ: 2,
  WRITTEN: 3,
  TIME: 4,
  DELIVERED_READ: 5,
  OVERHEAD_READ: 6,
  DELIVERED_WRITTEN: 7,
  OVERHEAD_WRITTEN: 8,
  SS: 9,
  CWND: 10,
  RTT: 11,
  MIN_RTT: 12,
} as const;
const KEYS = new KeyTable(K);

/** `650 BW BytesRead BytesWritten *(SP Type "=" Num)` — bytes in the last second. */
export interface BwEvent {
  readonly kind: 'BW';
  readonly type: 'BW';
  readonly readBytes: number;
  readonly writtenBytes: number;
  /** The reserved Type=Num extras (e.g. OR=5 EXIT=500), as sent. */
  readonly keywords: ExtraKeywords;
}

export function parseBwEvent(line: string, from: number): BwEvent {
  const c = new ArgCursor(line, from);
  const readBytes = c.uint('BW read');
  const writtenBytes = c.uint('BW written');
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword()) extra = addKeyword(extra, c.key, c.value());
  return { kind: 'BW', type: 'BW', readBytes, writtenBytes, keywords: extra ?? NO_KEYWORDS };
}

/** `650 STREAM_BW StreamID SP BytesWritten SP BytesRead [SP Time]` — note: written comes first. */
export interface StreamBwEvent {
  readonly kind: 'STREAM_BW';
  readonly type: 'STREAM_BW';
  readonly streamId: string;
  readonly writtenBytes: number;
  readonly readBytes: number;
  /** ISOTime2Frac as sent; absent before tor 0.3.x. */
  readonly time: string | undefined;
  readonly atMs: number | undefined;
  readonly keywords: ExtraKeywords;
}

export function parseStreamBwEvent(line: string, from: number): StreamBwEvent {
  const c = new ArgCursor(line, from);
  const streamId = c.id('stream id');
  const writtenBytes = c.uint('STREAM_BW written');
  const readBytes = c.uint('STREAM_BW read');
  let time: string | undefined;
  let atMs: number | undefined;
  if (c.atPositional()) {
    time = c.need('time');
    atMs = parseIsoTimeMs(time, 'STREAM_BW time');
  }
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword()) extra = addKeyword(extra, c.key, c.value());
  return { kind: 'STREAM_BW', type: 'STREAM_BW', streamId, writtenBytes, readBytes, time, atMs, keywords: extra ?? NO_KEYWORDS };
}

export type ConnType = Open<'OR' | 'DIR' | 'EXIT'>;

/** `650 CONN_BW ID=ConnID TYPE=ConnType READ=Num WRITTEN=Num` (TestingTorNetwork only). */
export interface ConnBwEvent {
  readonly kind: 'CONN_BW';
  readonly type: 'CONN_BW';
  readonly connId: string;
  readonly connType: ConnType | undefined;
  readonly readBytes: number;
  readonly writtenBytes: number;
  readonly keywords: ExtraKeywords;
}

export function parseConnBwEvent(line: string, from: number): ConnBwEvent {
  const c = new ArgCursor(line, from);
  let connId: string | undefined;
  let connType: string | undefined;
  let readBytes = -1;
  let writtenBytes = -1;
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword(KEYS)) {
    switch (c.keyId) {
      case K.ID:
        connId = c.idValue();
        break;
      case K.TYPE:
        connType = c.value();
        break;
      case K.READ:
        readBytes = c.uintValue();
        break;
      case K.WRITTEN:
        writtenBytes = c.uintValue();
        break;
      default:
        extra = addKeyword(extra, c.key, c.value());
    }
  }
  if (connId === undefined) throw new ProtocolError('missing ID=');
  if (readBytes < 0) throw new ProtocolError('missing READ=');
  if (writtenBytes < 0) throw new ProtocolError('missing WRITTEN=');
  return { kind: 'CONN_BW', type: 'CONN_BW', connId, connType, readBytes, writtenBytes, keywords: extra ?? NO_KEYWORDS };
}

/**
 * `650 CIRC_BW ID=CircuitID READ=Num WRITTEN=Num TIME=ISOTime2Frac DELIVERED_READ=Num OVERHEAD_READ=Num
 *  DELIVERED_WRITTEN=Num OVERHEAD_WRITTEN=Num [SS=0|1 CWND=Num RTT=Num MIN_RTT=Num]`
 * Counts are deltas since the previous CIRC_BW of the circuit. The congestion-control fields appear
 * only when the circuit negotiated congestion control.
 */
export interface CircBwEvent {
  readonly kind: 'CIRC_BW';
  readonly type: 'CIRC_BW';
  readonly circuitId: string;
  readonly readBytes: number;
  readonly writtenBytes: number;
  readonly time: string | undefined;
  readonly atMs: number | undefined;
  readonly deliveredReadBytes: number | undefined;
  readonly overheadReadBytes: number | undefined;
  readonly deliveredWrittenBytes: number | undefined;
  readonly overheadWrittenBytes: number | undefined;
  readonly slowStart: boolean | undefined;
  readonly cwndCells: number | undefined;
  readonly rttMs: number | undefined;
  readonly minRttMs: number | undefined;
  readonly keywords: ExtraKeywords;
}

export function parseCircBwEvent(line: string, from: number): CircBwEvent {
  const c = new ArgCursor(line, from);
  let circuitId: string | undefined;
  let readBytes = -1;
  let writtenBytes = -1;
  let time: string | undefined;
  let atMs: number | undefined;
  let deliveredReadBytes: number | undefined;
  let overheadReadBytes: number | undefined;
  let deliveredWrittenBytes: number | undefined;
  let overheadWrittenBytes: number | undefined;
  let slowStart: boolean | undefined;
  let cwndCells: number | undefined;
  let rttMs: number | undefined;
  let minRttMs: number | undefined;
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword(KEYS)) {
    switch (c.keyId) {
      case K.ID:
        circuitId = c.idValue();
        break;
      case K.READ:
        readBytes = c.uintValue();
        break;
      case K.WRITTEN:
        writtenBytes = c.uintValue();
        break;
      case K.TIME:
        atMs = keywordTimeMs(c);
        time = c.value();
        break;
      case K.DELIVERED_READ:
        deliveredReadBytes = c.uintValue();
        break;
      case K.OVERHEAD_READ:
        overheadReadBytes = c.uintValue();
        break;
      case K.DELIVERED_WRITTEN:
        deliveredWrittenBytes = c.uintValue();
        break;
      case K.OVERHEAD_WRITTEN:
        overheadWrittenBytes = c.uintValue();
        break;
      case K.SS:
        slowStart = c.uintValue() !== 0;
        break;
      case K.CWND:
        cwndCells = c.uintValue();
        break;
      case K.RTT:
        rttMs = c.uintValue();
        break;
      case K.MIN_RTT:
        minRttMs = c.uintValue();
        break;
      default:
        extra = addKeyword(extra, c.key, c.value());
    }
  }
  if (circuitId === undefined) throw new ProtocolError('missing ID=');
  if (readBytes < 0) throw new ProtocolError('missing READ=');
  if (writtenBytes < 0) throw new ProtocolError('missing WRITTEN=');
  return {
    kind: 'CIRC_BW',
    type: 'CIRC_BW',
    circuitId,
    readBytes,
    writtenBytes,
    time,
    atMs,
    deliveredReadBytes,
    overheadReadBytes,
    deliveredWrittenBytes,
    overheadWrittenBytes,
    slowStart,
    cwndCells,
    rttMs,
    minRttMs,
    keywords: extra ?? NO_KEYWORDS,
  };
}
