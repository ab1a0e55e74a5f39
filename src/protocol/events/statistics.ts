// Statistics events: BUILDTIMEOUT_SET, CLIENTS_SEEN, CELL_STATS (control-spec §4.1.16, §4.1.14, §4.1.23).
// Numbers must be numbers and lists must follow their grammar, else ProtocolError; unknown set
// types and extra keywords are kept. No I/O.

import { ProtocolError } from '../errors.js';
import { ArgCursor, clip, KeyTable, uintIn } from './cursor.js';
import { addKeyword, NO_KEYWORDS, keywordTimeMs, parseDecimal, type ExtraKeywords, type Open } from './fields.js';

/** Keywords this file's parsers have typed fields for (ids for `switch (c.keyId)`). */
const K = {
  TimeStarted: 0,
  CountrySummary: 1,
  IPVersions: 2,
  ID: 3,
  InboundQueue: 4,
  InboundConn: 5,
  InboundAdded: 6,
  InboundRemoved: 7,
  InboundTime: 8,
  OutboundQueue: 9,
  OutboundConn: 10,
  OutboundAdded: 11,
  OutboundRemoved: 12,
  OutboundTime: 13,
} as const;
const KEYS = new KeyTable(K);

export type BuildTimeoutSetType = Open<'COMPUTED' | 'RESET' | 'SUSPENDED' | 'DISCARD' | 'RESUME'>;

/**
 * "650 BUILDTIMEOUT_SET" SP Type SP "TOTAL_TIMES=" Total SP "TIMEOUT_MS=" Timeout SP "XM=" Xm SP "ALPHA=" Alpha
 *   SP "CUTOFF_QUANTILE=" Quantile SP "TIMEOUT_RATE=" TimeoutRate SP "CLOSE_MS=" CloseTimeout SP "CLOSE_RATE=" CloseRate
 */
export interface BuildTimeoutSetEvent {
  readonly kind: 'BUILDTIMEOUT_SET';
  readonly type: 'BUILDTIMEOUT_SET';
  readonly setType: BuildTimeoutSetType;
  readonly totalTimes: number | undefined;
  readonly timeoutMs: number | undefined;
  readonly xmMs: number | undefined;
  readonly alpha: number | undefined;
  readonly cutoffQuantile: number | undefined;
  readonly timeoutRate: number | undefined;
  readonly closeMs: number | undefined;
  readonly closeRate: number | undefined;
  readonly keywords: ExtraKeywords;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const BUILDTIMEOUT_FIELDS: Readonly<Record<string, keyof BuildTimeoutSetEvent>> = {
  TOTAL_TIMES: 'totalTimes',
  TIMEOUT_MS: 'timeoutMs',
  XM: 'xmMs',
  ALPHA: 'alpha',
  CUTOFF_QUANTILE: 'cutoffQuantile',
  TIMEOUT_RATE: 'timeoutRate',
  CLOSE_MS: 'closeMs',
  CLOSE_RATE: 'closeRate',
};

export function parseBuildTimeoutSetEvent(line: string, from: number): BuildTimeoutSetEvent {
  const c = new ArgCursor(line, from);
  const ev: Mutable<BuildTimeoutSetEvent> = {
    kind: 'BUILDTIMEOUT_SET',
    type: 'BUILDTIMEOUT_SET',
    setType: c.need('BUILDTIMEOUT_SET type'),
    totalTimes: undefined,
    timeoutMs: undefined,
    xmMs: undefined,
    alpha: undefined,
    cutoffQuantile: undefined,
    timeoutRate: undefined,
    closeMs: undefined,
    closeRate: undefined,
    keywords: NO_KEYWORDS,
  };
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword()) {
    const field = Object.hasOwn(BUILDTIMEOUT_FIELDS, c.key) ? BUILDTIMEOUT_FIELDS[c.key] : undefined;
    if (field === undefined) extra = addKeyword(extra, c.key, c.value());
    else (ev as Record<string, unknown>)[field] = parseDecimal(c.value(), c.key);
  }
  if (extra !== undefined) ev.keywords = extra;
  return ev;
}

/**
 * "650 CLIENTS_SEEN" SP "TimeStarted=" DQUOTE ISOTime DQUOTE SP "CountrySummary=" [CC "=" Num *("," CC "=" Num)]
 *   SP "IPVersions=" [IPVersion "=" Num *("," IPVersion "=" Num)]
 */
export interface ClientsSeenEvent {
  readonly kind: 'CLIENTS_SEEN';
  readonly type: 'CLIENTS_SEEN';
  readonly timeStarted: string | undefined;
  readonly startedAtMs: number | undefined;
  /** Country code → clients (rounded by tor). */
  readonly countrySummary: ReadonlyMap<string, number>;
  readonly ipVersions: ReadonlyMap<string, number>;
  readonly keywords: ExtraKeywords;
}

const CELL_TYPE = /^[a-z0-9_]+$/;
const COUNTRY_OR_VERSION = /^[^=:,]+$/;

/** "us=16,??=8" (sep "=") or "relay:6,create_fast:1" (sep ":") → map; duplicates and non-numbers are errors. */
function countsOf(text: string, sep: string, keyPattern: RegExp, what: string): Map<string, number> {
  const map = new Map<string, number>();
  if (text.length === 0) return map;
  for (const item of text.split(',')) {
    const at = item.indexOf(sep);
    const key = item.slice(0, at);
    if (at <= 0 || !keyPattern.test(key) || map.has(key)) throw new ProtocolError(`malformed ${what} entry: ${clip(item)}`);
    map.set(key, uintIn(item, at + 1, item.length, `${what} ${key}`));
  }
  return map;
}

export function parseClientsSeenEvent(line: string, from: number): ClientsSeenEvent {
  const c = new ArgCursor(line, from);
  let timeStarted: string | undefined;
  let startedAtMs: number | undefined;
  let countrySummary = new Map<string, number>();
  let ipVersions = new Map<string, number>();
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword(KEYS)) {
    switch (c.keyId) {
      case K.TimeStarted:
        startedAtMs = keywordTimeMs(c);
        timeStarted = c.value();
        break;
      case K.CountrySummary:
        countrySummary = countsOf(c.value(), '=', COUNTRY_OR_VERSION, 'CountrySummary');
        break;
      case K.IPVersions:
        ipVersions = countsOf(c.value(), '=', COUNTRY_OR_VERSION, 'IPVersions');
        break;
      default:
        extra = addKeyword(extra, c.key, c.value());
    }
  }
  return { kind: 'CLIENTS_SEEN', type: 'CLIENTS_SEEN', timeStarted, startedAtMs, countrySummary, ipVersions, keywords: extra ?? NO_KEYWORDS };
}

/** Cell counts or milliseconds by cell type ("relay:6,create_fast:1"). */
export type CellsByType = ReadonlyMap<string, number>;

/**
 * "650 CELL_STATS" [SP "ID=" CircuitID] [SP "InboundQueue=" QueueID SP "InboundConn=" ConnID]
 *   [SP "InboundAdded=" CellsByType] [SP "InboundRemoved=" CellsByType SP "InboundTime=" MsecByType]
 *   [SP "OutboundQueue=" QueueID SP "OutboundConn=" ConnID] [SP "OutboundAdded=" CellsByType]
 *   [SP "OutboundRemoved=" CellsByType SP "OutboundTime=" MsecByType]
 *   CellsByType = CellType ":" Num *("," CellType ":" Num);  CellType = 1*("a"-"z" / "0"-"9" / "_")
 */
export interface CellStatsEvent {
  readonly kind: 'CELL_STATS';
  readonly type: 'CELL_STATS';
  readonly circuitId: string | undefined;
  readonly inboundQueue: string | undefined;
  readonly inboundConn: string | undefined;
  readonly inboundAdded: CellsByType | undefined;
  readonly inboundRemoved: CellsByType | undefined;
  readonly inboundTimeMs: CellsByType | undefined;
  readonly outboundQueue: string | undefined;
  readonly outboundConn: string | undefined;
  readonly outboundAdded: CellsByType | undefined;
  readonly outboundRemoved: CellsByType | undefined;
  readonly outboundTimeMs: CellsByType | undefined;
  readonly keywords: ExtraKeywords;
}

export function parseCellStatsEvent(line: string, from: number): CellStatsEvent {
  const c = new ArgCursor(line, from);
  const ev: Mutable<CellStatsEvent> = {
    kind: 'CELL_STATS',
    type: 'CELL_STATS',
    circuitId: undefined,
    inboundQueue: undefined,
    inboundConn: undefined,
    inboundAdded: undefined,
    inboundRemoved: undefined,
    inboundTimeMs: undefined,
    outboundQueue: undefined,
    outboundConn: undefined,
    outboundAdded: undefined,
    outboundRemoved: undefined,
    outboundTimeMs: undefined,
    keywords: NO_KEYWORDS,
  };
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword(KEYS)) {
    const k = c.key;
    switch (c.keyId) {
      case K.ID:
        ev.circuitId = c.idValue();
        break;
      case K.InboundQueue:
        ev.inboundQueue = c.value();
        break;
      case K.InboundConn:
        ev.inboundConn = c.idValue();
        break;
      case K.InboundAdded:
        ev.inboundAdded = countsOf(c.value(), ':', CELL_TYPE, k);
        break;
      case K.InboundRemoved:
        ev.inboundRemoved = countsOf(c.value(), ':', CELL_TYPE, k);
        break;
      case K.InboundTime:
        ev.inboundTimeMs = countsOf(c.value(), ':', CELL_TYPE, k);
        break;
      case K.OutboundQueue:
        ev.outboundQueue = c.value();
        break;
      case K.OutboundConn:
        ev.outboundConn = c.idValue();
        break;
      case K.OutboundAdded:
        ev.outboundAdded = countsOf(c.value(), ':', CELL_TYPE, k);
        break;
      case K.OutboundRemoved:
        ev.outboundRemoved = countsOf(c.value(), ':', CELL_TYPE, k);
        break;
      case K.OutboundTime:
        ev.outboundTimeMs = countsOf(c.value(), ':', CELL_TYPE, k);
        break;
      default:
        extra = addKeyword(extra, c.key, c.value());
    }
  }
  if (extra !== undefined) ev.keywords = extra;
  return ev;
}
