// Field grammars shared by the event parsers: relay names (LongName), ISO times, host:port
// targets, comma lists, and the open-enum type. Throw ProtocolError when the syntax is broken;
// never reject a value only because it is new. No I/O, no clock.

import { utf8FromByteString } from '../bytes.js';
import { ProtocolError } from '../errors.js';
import { type ArgCursor, clip, uintIn } from './cursor.js';
import { DirectMemo } from './memo.js';

/** A known wire value with autocompletion, or any other string tor may send in future (kept raw). */
export type Open<Known extends string> = Known | (string & {});

/** A relay as events name it. Either part may be unknown: `$FP` has no nickname, a bare nickname no fingerprint. */
export interface RelayRef {
  /** 40 upper- or lower-case hex digits as tor sent them, without the `$`. */
  readonly fingerprint: string | undefined;
  readonly nickname: string | undefined;
}

/** Keywords an event carried that its parser has no typed field for, in wire order (values decoded). */
export type ExtraKeywords = ReadonlyMap<string, string>;

/** Shared by every event without extra keywords, so the common case allocates nothing. Mutators throw. */
export const NO_KEYWORDS: ExtraKeywords = frozenEmptyMap();

function frozenEmptyMap(): Map<string, string> {
  const map = new Map<string, string>();
  const refuse = (): never => {
    throw new TypeError('event keywords are read-only');
  };
  for (const name of ['set', 'delete', 'clear']) Object.defineProperty(map, name, { value: refuse, enumerable: false });
  return Object.freeze(map);
}

/**
 * Human text in line[start, end) (a byte string) → display string: UTF-8 decoded when it holds a
 * byte >= 0x80, otherwise the slice itself. Short values are checked with a loop, which is cheaper
 * than a regex call; long ones go straight to utf8FromByteString.
 */
export function textIn(line: string, start: number, end: number): string {
  const slice = line.slice(start, end);
  if (end - start > 32) return utf8FromByteString(slice);
  for (let i = start; i < end; i++) if (line.charCodeAt(i) >= 0x80) return utf8FromByteString(slice);
  return slice;
}

/** Adds key → decoded value to a lazily created map (returns the map to keep). */
export function addKeyword(map: Map<string, string> | undefined, key: string, value: string): Map<string, string> {
  const m = map ?? new Map<string, string>();
  m.set(key, utf8FromByteString(value));
  return m;
}

function isHex(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** Memo of relay names ("$FP~nick", bare fingerprints, nicknames), slotted by length and their first three characters read as hex. */
const relayMemo = new DirectMemo<RelayRef>(12);

function hexNibble(c: number): number {
  return (c & 15) + (c >> 6) * 9;
}

/**
 * LongName = "$" Fingerprint [("~" / "=") Nickname]   (control-spec §2.4; "=" before 0.3.1.3)
 * Very old tors also wrote a bare Nickname or a bare 40-hex fingerprint; both are accepted.
 * Results are frozen and may be shared between events.
 */
export function parseRelayRef(text: string, start = 0, end = text.length): RelayRef {
  if (start >= end) throw new ProtocolError('empty relay name');
  const token = text.slice(start, end);
  const at = text.charCodeAt(start) === 0x24 ? start + 1 : start;
  const hash =
    ((hexNibble(text.charCodeAt(at)) << 8) | (hexNibble(text.charCodeAt(at + 1)) << 4) | hexNibble(text.charCodeAt(at + 2))) +
    (end - start) * 0x9e5;
  return relayMemo.get(hash, token) ?? relayMemo.set(hash, token, parseRelayName(text, start, end));
}

function parseRelayName(text: string, start: number, end: number): RelayRef {
  if (text.charCodeAt(start) === 0x24) return parseLongName(text, start, end);
  if (end - start === 40 && isHex(text, start, end)) return Object.freeze({ fingerprint: text.slice(start, end), nickname: undefined });
  return Object.freeze({ fingerprint: undefined, nickname: textIn(text, start, end) });
}

function parseLongName(text: string, start: number, end: number): RelayRef {
  const fpEnd = start + 41;
  if (fpEnd > end || !isHex(text, start + 1, fpEnd)) {
    throw new ProtocolError(`relay fingerprint must be 40 hex digits: ${clip(text.slice(start, end))}`);
  }
  const fingerprint = text.slice(start + 1, fpEnd);
  if (fpEnd === end) return Object.freeze({ fingerprint, nickname: undefined });
  const sep = text.charCodeAt(fpEnd);
  if ((sep !== 0x7e && sep !== 0x3d) || fpEnd + 1 === end) {
    throw new ProtocolError(`malformed relay name: ${clip(text.slice(start, end))}`);
  }
  return Object.freeze({ fingerprint, nickname: textIn(text, fpEnd + 1, end) });
}

/** A comma-separated list of relay names (CIRC paths): "$FP~a,$FP~b,nick". */
export function parseRelayList(text: string, start = 0, end = text.length): RelayRef[] {
  const hops: RelayRef[] = [];
  let i = start;
  for (;;) {
    let comma = text.indexOf(',', i);
    if (comma < 0 || comma > end) comma = end;
    hops.push(parseRelayRef(text, i, comma));
    if (comma === end) return hops;
    i = comma + 1;
  }
}

const NO_ITEMS: readonly string[] = Object.freeze([]);
/** BUILD_FLAGS and ISO_FIELDS repeat a handful of values all day long. */
const listMemo = new DirectMemo<readonly string[]>(6);

/** "A,B,C" in text[start, end) → ["A","B","C"] (frozen, may be shared between events); "" → []. */
export function splitComma(text: string, start = 0, end = text.length): readonly string[] {
  if (end <= start) return NO_ITEMS;
  const value = text.slice(start, end);
  const hash = (end - start) * 7 + text.charCodeAt(end - 1);
  return listMemo.get(hash, value) ?? listMemo.set(hash, value, Object.freeze(value.split(',')));
}

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/**
 * Target = Address ":" Port, split on the LAST colon so unbracketed IPv6 ("2001:db8::1:0") works;
 * "[addr]" brackets are stripped. The port must be decimal 0-65535. Reads text[start, end) in place.
 */
export function parseHostPort(text: string, what: string, start = 0, end = text.length): HostPort {
  let colon = end - 1;
  while (colon >= start && text.charCodeAt(colon) !== 0x3a) colon--;
  if (colon < start) throw new ProtocolError(`${what} lacks a port: ${clip(text.slice(start, end))}`);
  let port = 0;
  for (let i = colon + 1; i < end; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (!(d >= 0 && d <= 9) || port > 65535) {
      port = -1;
      break;
    }
    port = port * 10 + d;
  }
  if (port < 0 || port > 65535 || colon + 1 === end) {
    uintIn(text, colon + 1, end, `${what} port`);
    throw new ProtocolError(`${what} port out of range: ${clip(text.slice(start, end))}`);
  }
  let hostStart = start;
  let hostEnd = colon;
  if (hostEnd - hostStart >= 2 && text.charCodeAt(hostStart) === 0x5b && text.charCodeAt(hostEnd - 1) === 0x5d) {
    hostStart++;
    hostEnd--;
  }
  return { host: textIn(text, hostStart, hostEnd), port };
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * ISOTime2Frac = ISOTime2 ["." 1*DIGIT], ISOTime2 = "YYYY-MM-DDTHH:MM:SS"; ISOTime uses a space
 * instead of "T" (control-spec §2.4). Both are UTC here. Reads text[start, end) in place and returns
 * epoch milliseconds (fractional), or undefined for a well-shaped but impossible date such as
 * month 13. Broken shape throws.
 */
export function parseIsoTimeMs(text: string, what: string, start = 0, end = text.length): number | undefined {
  const n = end - start;
  const t = start;
  const year = digits(text, t, 4);
  const month = digits(text, t + 5, 2);
  const day = digits(text, t + 8, 2);
  const hour = digits(text, t + 11, 2);
  const minute = digits(text, t + 14, 2);
  const second = digits(text, t + 17, 2);
  const sep = text.charCodeAt(t + 10);
  if (
    n < 19 ||
    (year | month | day | hour | minute | second) < 0 ||
    text.charCodeAt(t + 4) !== 0x2d ||
    text.charCodeAt(t + 7) !== 0x2d ||
    (sep !== 0x54 && sep !== 0x20) ||
    text.charCodeAt(t + 13) !== 0x3a ||
    text.charCodeAt(t + 16) !== 0x3a ||
    (n > 19 && (text.charCodeAt(t + 19) !== 0x2e || n === 20))
  ) {
    throw new ProtocolError(`${what} is not an ISO time: ${clip(text.slice(start, end))}`);
  }
  let fracMs = 0;
  if (n > 20) {
    let frac = 0;
    let scale = 1;
    for (let i = t + 20; i < end; i++) {
      const d = text.charCodeAt(i) - 0x30;
      if (!(d >= 0 && d <= 9)) throw new ProtocolError(`${what} is not an ISO time: ${clip(text.slice(start, end))}`);
      if (i < t + 29) {
        frac = frac * 10 + d;
        scale *= 10;
      }
    }
    fracMs = (frac * 1000) / scale;
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  if (day > DAYS_IN_MONTH[month - 1]! || (month === 2 && day === 29 && !isLeap(year))) return undefined;
  return (daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second) * 1000 + fracMs;
}

/** The current keyword's value as an ISO time (see parseIsoTimeMs), read in place when unquoted. */
export function keywordTimeMs(c: ArgCursor): number | undefined {
  if (c.quoted !== undefined) return parseIsoTimeMs(c.quoted, c.key);
  return parseIsoTimeMs(c.line, c.key, c.valueStart, c.valueEnd);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), without Date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Decimal number ("0.855662", "52"); used by BUILDTIMEOUT_SET. */
export function parseDecimal(text: string, what: string): number {
  let dot = -1;
  let ok = text.length > 0;
  for (let i = 0; ok && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e && dot < 0 && i > 0 && i < text.length - 1) dot = i;
    else ok = c >= 0x30 && c <= 0x39;
  }
  if (!ok) throw new ProtocolError(`${what} is not a decimal number: ${clip(text)}`);
  return Number(text);
}
