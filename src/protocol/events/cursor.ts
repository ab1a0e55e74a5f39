// A forward-only reader over the first line of an event, built for the hot path: positional words
// and KEY=VALUE pairs come out as indices into the line, numbers are parsed in place, and known keys
// resolve to small integer ids (so parsers `switch (c.keyId)` on integers). No regexes.
// Byte strings in and out; throws ProtocolError on broken quoting. No I/O.
//
//   EventLine = Keyword *(SP Positional) *(SP Keyword "=" (QuotedString / *NonSpDquote))   (control-spec §4.1)
//   Keyword   = 1*(ALPHA / DIGIT / "_")

import { decodeQuoted } from '../cstring.js';
import { ProtocolError } from '../errors.js';

const SP = 0x20;
const DQUOTE = 0x22;

/** 1 for the characters of a keyword: ALPHA / DIGIT / "_". */
const KEY_CHAR = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  KEY_CHAR[c] = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f ? 1 : 0;
}

function isKeyword(line: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c > 0xff || KEY_CHAR[c] !== 1) return false;
  }
  return true;
}

/**
 * The keywords one event type knows, as wire name → small integer id, e.g. `{ ID: 0, READ: 1 }`.
 * Parsers switch on `cursor.keyId` against the same record (`case K.READ:`), which is an integer
 * compare; lookup is bucketed by length and first character, then one string compare.
 */
export class KeyTable {
  private readonly buckets: ({ key: string; id: number }[] | undefined)[] = [];

  constructor(ids: Readonly<Record<string, number>>) {
    for (const [key, id] of Object.entries(ids)) {
      const b = bucketOf(key.length, key.charCodeAt(0));
      (this.buckets[b] ??= []).push({ key, id });
    }
  }

  /** The entry for line[start, end), or undefined. */
  find(line: string, start: number, end: number): { key: string; id: number } | undefined {
    const bucket = this.buckets[bucketOf(end - start, line.charCodeAt(start))];
    if (bucket === undefined) return undefined;
    const word = line.slice(start, end);
    for (let i = 0; i < bucket.length; i++) {
      const entry = bucket[i]!;
      if (entry.key === word) return entry;
    }
    return undefined;
  }
}

function bucketOf(length: number, first: number): number {
  return length < 32 ? (length << 6) | (first & 63) : 2048;
}

const NO_KEYS = new KeyTable({});

/** keyId of a keyword its table does not know. */
export const UNKNOWN_KEY = -1;

export class ArgCursor {
  readonly line: string;
  pos: number;
  /** Set by nextKeyword(): the key, its id in the table (UNKNOWN_KEY if absent), and the value as [valueStart, valueEnd) or, when quoted, decoded. */
  key = '';
  keyId = UNKNOWN_KEY;
  valueStart = 0;
  valueEnd = 0;
  quoted: string | undefined = undefined;
  /** Cached positions of the next '=' and '"' at or after some index (-1: none left), so scans stay linear. */
  private eqAt = -2;
  private quoteAt = -2;

  constructor(line: string, from: number) {
    this.line = line;
    this.pos = from;
  }

  private nextEq(from: number): number {
    if (this.eqAt !== -1 && this.eqAt < from) this.eqAt = this.line.indexOf('=', from);
    return this.eqAt;
  }

  private nextQuote(from: number): number {
    if (this.quoteAt !== -1 && this.quoteAt < from) this.quoteAt = this.line.indexOf('"', from);
    return this.quoteAt;
  }

  /** Skips spaces; true when nothing but spaces is left. */
  atEnd(): boolean {
    const line = this.line;
    let i = this.pos;
    while (i < line.length && line.charCodeAt(i) === SP) i++;
    this.pos = i;
    return i >= line.length;
  }

  /** End of the unquoted token at `start`; throws if it holds a quote. */
  private tokenEnd(start: number, what: string): number {
    const sp = this.line.indexOf(' ', start);
    const end = sp < 0 ? this.line.length : sp;
    const q = this.nextQuote(start);
    if (q >= 0 && q < end) throw new ProtocolError(`stray quote in ${what}: ${clip(this.line.slice(start, end))}`);
    return end;
  }

  /** True when the unquoted token [start, end) has the form Keyword "=" …. */
  private isKeywordToken(start: number, end: number): boolean {
    const eq = this.nextEq(start);
    return eq > start && eq < end && isKeyword(this.line, start, eq);
  }

  private quotedAt(start: number): string {
    const { value, end } = decodeQuoted(this.line, start);
    if (end < this.line.length && this.line.charCodeAt(end) !== SP) {
      throw new ProtocolError(`unexpected text after quoted string: ${clip(this.line.slice(start, end + 20))}`);
    }
    this.pos = end;
    return value;
  }

  /** True when the next token is a KEY=VALUE pair (so positional arguments are over). */
  atKeyword(): boolean {
    if (this.atEnd() || this.line.charCodeAt(this.pos) === DQUOTE) return false;
    const sp = this.line.indexOf(' ', this.pos);
    return this.isKeywordToken(this.pos, sp < 0 ? this.line.length : sp);
  }

  /** True when a positional argument follows (not the end, not a KEY=VALUE pair). */
  atPositional(): boolean {
    return !this.atEnd() && !this.atKeyword();
  }

  /** End of the unquoted positional token at `start`, or -1 when it is a KEY=VALUE pair; throws on a stray quote. */
  private positionalEnd(start: number, what: string): number {
    const sp = this.line.indexOf(' ', start);
    const end = sp < 0 ? this.line.length : sp;
    if (this.isKeywordToken(start, end)) return -1;
    const q = this.nextQuote(start);
    if (q >= 0 && q < end) throw new ProtocolError(`stray quote in ${what}: ${clip(this.line.slice(start, end))}`);
    return end;
  }

  /** Next positional token, which must be there and must not be a KEY=VALUE pair; quoted ones are decoded. */
  need(what: string): string {
    if (this.atEnd()) throw new ProtocolError(`missing ${what}`);
    const start = this.pos;
    if (this.line.charCodeAt(start) === DQUOTE) return this.quotedAt(start);
    const end = this.positionalEnd(start, what);
    if (end < 0) throw new ProtocolError(`missing ${what}`);
    this.pos = end;
    return this.line.slice(start, end);
  }

  /** Steps over the next positional token (unquoted, required) and returns its start; its end is `pos`. */
  span(what: string): number {
    const start = this.optionalSpan(what);
    if (start < 0) throw new ProtocolError(`missing ${what}`);
    return start;
  }

  /** Like span(), for an optional positional argument: its start, or -1 (nothing consumed) at the end or a KEY=VALUE pair. */
  optionalSpan(what: string): number {
    if (this.atEnd()) return -1;
    const start = this.pos;
    if (this.line.charCodeAt(start) === DQUOTE) throw new ProtocolError(`${what} must not be quoted`);
    const end = this.positionalEnd(start, what);
    if (end < 0) return -1;
    this.pos = end;
    return start;
  }

  /** Next positional token as a non-negative integer, read in place. */
  uint(what: string): number {
    const start = this.span(what);
    return uintIn(this.line, start, this.pos, what);
  }

  /** Next positional token as an identifier (CircuitID / StreamID / ConnID). */
  id(what: string): string {
    const start = this.span(what);
    checkId(this.line, start, this.pos, what);
    return this.line.slice(start, this.pos);
  }

  /**
   * Advances to the next KEY=VALUE token and sets key/valueStart/valueEnd/quoted; false at the end.
   * Keys found in `known` get their id in keyId. Positional tokens among the keywords are skipped.
   */
  nextKeyword(known: KeyTable = NO_KEYS): boolean {
    const line = this.line;
    for (;;) {
      if (this.atEnd()) return false;
      const start = this.pos;
      if (line.charCodeAt(start) === DQUOTE) {
        this.quotedAt(start);
        continue;
      }
      const sp = line.indexOf(' ', start);
      const end = sp < 0 ? line.length : sp;
      const eq = this.nextEq(start);
      let key: string | undefined;
      let keyId = UNKNOWN_KEY;
      if (eq > start && eq < end) {
        const entry = known.find(line, start, eq);
        if (entry !== undefined) {
          key = entry.key;
          keyId = entry.id;
        } else if (isKeyword(line, start, eq)) {
          key = line.slice(start, eq);
        }
      }
      if (key === undefined) {
        this.pos = this.tokenEnd(start, 'argument');
        continue;
      }
      this.key = key;
      this.keyId = keyId;
      const v = eq + 1;
      if (v < line.length && line.charCodeAt(v) === DQUOTE) {
        this.quoted = this.quotedAt(v);
        this.valueStart = this.valueEnd = v;
        return true;
      }
      const q = this.nextQuote(v);
      if (q >= 0 && q < end) throw new ProtocolError(`stray quote in value of ${key}: ${clip(line.slice(v, end))}`);
      this.quoted = undefined;
      this.valueStart = v;
      this.valueEnd = this.pos = end;
      return true;
    }
  }

  /** The current keyword's value (decoded if it was quoted). */
  value(): string {
    return this.quoted !== undefined ? this.quoted : this.line.slice(this.valueStart, this.valueEnd);
  }

  /** The current keyword's value as a non-negative integer. */
  uintValue(): number {
    if (this.quoted !== undefined) return uintIn(this.quoted, 0, this.quoted.length, this.key);
    return uintIn(this.line, this.valueStart, this.valueEnd, this.key);
  }

  /** The current keyword's value as a 1-16 alphanumeric identifier. */
  idValue(): string {
    const v = this.value();
    checkId(v, 0, v.length, this.key);
    return v;
  }
}

/**
 * Parses line[start, end) as 1*DIGIT. Values above 2^53 lose precision rather than fail
 * (tor's 64-bit counters); more than 20 digits is not a counter.
 */
export function uintIn(line: string, start: number, end: number, what: string): number {
  const n = end - start;
  if (n <= 0 || n > 20) throw notUint(line, start, end, what);
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = line.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) throw notUint(line, start, end, what);
    value = value * 10 + d;
  }
  return value;
}

/** Parses an optionally negative integer ("-6" for SESSION_GROUP). */
export function intOf(text: string, what: string): number {
  if (text.charCodeAt(0) === 0x2d) return -uintIn(text, 1, text.length, what);
  return uintIn(text, 0, text.length, what);
}

function notUint(line: string, start: number, end: number, what: string): ProtocolError {
  return new ProtocolError(`${what} is not a non-negative integer: ${clip(line.slice(start, end))}`);
}

/** CircuitID / StreamID / ConnID = 1*16 IDChar, IDChar = ALPHA / DIGIT (control-spec §4.1). */
export function checkId(text: string, start: number, end: number, what: string): void {
  const n = end - start;
  let ok = n >= 1 && n <= 16;
  for (let i = start; ok && i < end; i++) {
    const c = text.charCodeAt(i);
    ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  }
  if (!ok) throw new ProtocolError(`${what} must be 1-16 letters or digits, got ${clip(text.slice(start, end))}`);
}

export function clip(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
}
