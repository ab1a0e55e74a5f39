// Field validators shared by the directory-document parsers: nicknames, addresses, ports, times, text.
// Each returns the parsed value or throws ProtocolError naming the field; none of them log or guess.
// Input fields are latin1 byte strings (one char per byte) as the framer hands them out.

import { utf8FromByteString } from '../bytes.js';
import { ProtocolError } from '../errors.js';

/** How the document text was handed in: framer byte strings (default) or already-decoded Unicode. */
export interface DocumentTextOptions {
  /**
   * 'bytes' (default): the text is a latin1 byte string straight from the framer; human text
   * (contact, platform) is decoded as UTF-8 with U+FFFD replacement.
   * 'text': the caller already decoded it (e.g. a parseGetInfo value); it is used as is.
   */
  readonly input?: 'bytes' | 'text';
}

/** An OR address from an `a` / `or-address` line; IPv6 addresses are kept without brackets. */
export interface OrAddress {
  readonly address: string;
  readonly port: number;
  readonly isIPv6: boolean;
}

/** Human text in a document → display string, per DocumentTextOptions. */
export function decodeDocumentText(value: string, options: DocumentTextOptions | undefined): string {
  if (options?.input === 'text') return value;
  // A byte string never holds a code point above 0xFF: such input was decoded already.
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u00ff]/.test(value)) return value;
  return utf8FromByteString(value);
}

/** dir-spec §2.1.3: nickname ::= between 1 and 19 alphanumeric characters ([A-Za-z0-9]). */
export function isNickname(value: string): boolean {
  const n = value.length;
  if (n < 1 || n > 19) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) return false;
  }
  return true;
}

export function parseNickname(value: string, where: string): string {
  if (!isNickname(value)) throw new ProtocolError(`${where}: malformed nickname ${clip(value)} (1-19 letters and digits)`);
  return value;
}

/** Dotted-quad IPv4: four decimal octets 0-255, no empty parts. */
export function isIPv4(value: string): boolean {
  const n = value.length;
  if (n < 7 || n > 15) return false;
  let parts = 0;
  let digits = 0;
  let octet = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? value.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (digits === 0 || octet > 255) return false;
      parts++;
      digits = 0;
      octet = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      if (++digits > 3) return false;
      octet = octet * 10 + (c - 0x30);
    } else {
      return false;
    }
  }
  return parts === 4;
}

/** RFC 4291 text form without brackets: up to 8 hex groups, at most one "::", optional dotted-quad tail. */
export function isIPv6(value: string): boolean {
  if (value.length < 2 || value.length > 45) return false;
  const doubleAt = value.indexOf('::');
  if (doubleAt >= 0 && value.indexOf('::', doubleAt + 1) >= 0) return false;
  const groupsOf = (part: string): number => {
    if (part === '') return 0;
    const groups = part.split(':');
    let count = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (i === groups.length - 1 && g.includes('.')) {
        if (!isIPv4(g)) return -1;
        count += 2;
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) {
        count += 1;
      } else {
        return -1;
      }
    }
    return count;
  };
  if (doubleAt < 0) return groupsOf(value) === 8;
  const head = value.slice(0, doubleAt);
  const tail = value.slice(doubleAt + 2);
  if (head.includes('.')) return false;
  const h = groupsOf(head);
  const t = groupsOf(tail);
  return h >= 0 && t >= 0 && h + t <= 7;
}

export function parseIPv4(value: string, where: string): string {
  if (!isIPv4(value)) throw new ProtocolError(`${where}: malformed IPv4 address ${clip(value)}`);
  return value;
}

/** A decimal port 0-65535 ("0" means none where the grammar allows it). */
export function parsePort(value: string, where: string): number {
  if (!/^[0-9]{1,5}$/.test(value)) throw new ProtocolError(`${where}: malformed port ${clip(value)}`);
  const port = Number(value);
  if (port > 65535) throw new ProtocolError(`${where}: port out of range ${clip(value)}`);
  return port;
}

/** A non-negative decimal integer (up to 2^53). */
export function parseCount(value: string, where: string): number {
  if (!/^[0-9]{1,16}$/.test(value)) throw new ProtocolError(`${where}: malformed number ${clip(value)}`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new ProtocolError(`${where}: number too large ${clip(value)}`);
  return n;
}

/** "[IPv6]:port" or "IPv4:port", as in `a` (status entries, microdescs) and `or-address` lines. */
export function parseOrAddress(value: string, where: string): OrAddress {
  const colon = value.lastIndexOf(':');
  if (colon < 0) throw new ProtocolError(`${where}: malformed address:port ${clip(value)}`);
  const host = value.slice(0, colon);
  const port = parsePort(value.slice(colon + 1), where);
  if (port === 0) throw new ProtocolError(`${where}: port 0 in ${clip(value)}`);
  if (host.startsWith('[') && host.endsWith(']')) {
    const address = host.slice(1, -1);
    if (!isIPv6(address)) throw new ProtocolError(`${where}: malformed IPv6 address ${clip(host)}`);
    return { address, port, isIPv6: true };
  }
  if (!isIPv4(host)) throw new ProtocolError(`${where}: malformed address ${clip(host)}`);
  return { address: host, port, isIPv6: false };
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** dir-spec time: "YYYY-MM-DD HH:MM:SS" in UTC → epoch milliseconds. */
export function parseDirTime(value: string, where: string): number {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})$/.exec(value);
  if (m === null) throw new ProtocolError(`${where}: malformed time ${clip(value)} (want YYYY-MM-DD HH:MM:SS)`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const maxDay = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > maxDay || hour > 23 || minute > 59 || second > 60) {
    throw new ProtocolError(`${where}: impossible time ${clip(value)}`);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

export function clip(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
}
