// Tokenizer for the "positional args, then KEY=VALUE" lines of events and replies (control-spec §4.1):
//   Line     = Token *(SP Token)
//   Token    = QuotedString / Keyword "=" (QuotedString / *NonSpDquote) / Keyword / *NonSp
//   Keyword  = 1*(ALPHA / DIGIT / "_")
// One left-to-right pass; quoted strings are CString-decoded (cstring.ts). Byte strings in and out.

import { decodeQuoted } from './cstring.js';
import { ProtocolError } from './errors.js';

export interface Token {
  /** For KEY=VALUE tokens, the key; undefined for positional tokens. */
  readonly key: string | undefined;
  /** The value (decoded if it was quoted); for positional tokens the whole token. */
  readonly value: string;
  /** True when the value was a quoted string. */
  readonly quoted: boolean;
  /** The token exactly as it appeared (for positional args that contain '='). */
  readonly raw: string;
}

export function tokenize(line: string, from = 0): Token[] {
  const tokens: Token[] = [];
  const n = line.length;
  let i = from;
  while (i < n) {
    while (i < n && line.charCodeAt(i) === 0x20) i++;
    if (i >= n) break;
    const start = i;
    if (line.charCodeAt(i) === 0x22) {
      const { value, end } = decodeQuoted(line, i);
      expectBoundary(line, end);
      tokens.push({ key: undefined, value, quoted: true, raw: line.slice(start, end) });
      i = end;
      continue;
    }
    // Scan a key candidate.
    let j = i;
    while (j < n && isKeyChar(line.charCodeAt(j))) j++;
    if (j > i && j < n && line.charCodeAt(j) === 0x3d) {
      const key = line.slice(i, j);
      j++;
      if (j < n && line.charCodeAt(j) === 0x22) {
        const { value, end } = decodeQuoted(line, j);
        expectBoundary(line, end);
        tokens.push({ key, value, quoted: true, raw: line.slice(start, end) });
        i = end;
        continue;
      }
      const stop = spaceOrEnd(line, j);
      const value = line.slice(j, stop);
      if (value.includes('"')) throw new ProtocolError(`stray quote in value of ${key}: ${clip(value)}`);
      tokens.push({ key, value, quoted: false, raw: line.slice(start, stop) });
      i = stop;
      continue;
    }
    const stop = spaceOrEnd(line, i);
    const raw = line.slice(i, stop);
    if (raw.includes('"')) throw new ProtocolError(`stray quote in argument: ${clip(raw)}`);
    tokens.push({ key: undefined, value: raw, quoted: false, raw });
    i = stop;
  }
  return tokens;
}

/** Splits tokens into positional values and a key→value map (later keys win). */
export function splitArgs(tokens: readonly Token[]): { positional: string[]; keywords: Map<string, string> } {
  const positional: string[] = [];
  const keywords = new Map<string, string>();
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.key === undefined) positional.push(t.value);
    else keywords.set(t.key, t.value);
  }
  return { positional, keywords };
}

function isKeyChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

function spaceOrEnd(line: string, from: number): number {
  const sp = line.indexOf(' ', from);
  return sp < 0 ? line.length : sp;
}

function expectBoundary(line: string, end: number): void {
  if (end < line.length && line.charCodeAt(end) !== 0x20) {
    throw new ProtocolError(`unexpected text after quoted string: ${clip(line.slice(end))}`);
  }
}

function clip(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
}
