// Decoding of the quoted strings tor emits (control-spec §2.1.1, "CString"):
//   \n \t \r, octal \0..\377 (1-3 digits; above \377 is an error, as in tor's own decoder),
//   and a backslash before any other char means that char (\\ \" \' ...).
// Works on latin1 byte strings (see bytes.ts); returns a byte string, never UTF-8 decoded. No I/O.

import { ProtocolError } from './errors.js';

export interface Decoded {
  /** Decoded bytes as a latin1 byte string. */
  readonly value: string;
  /** Index just past the closing quote. */
  readonly end: number;
}

/**
 * Decodes the quoted string that starts at text[start] (which must be '"').
 * Throws ProtocolError when the closing quote is missing or an octal escape is above \377.
 */
export function decodeQuoted(text: string, start: number): Decoded {
  if (text.charCodeAt(start) !== 0x22) throw new ProtocolError(`expected a quoted string at ${start}`);
  let i = start + 1;
  // Fast path: no backslash before the closing quote.
  const close = text.indexOf('"', i);
  if (close < 0) throw new ProtocolError(`unterminated quoted string: ${clip(text.slice(start))}`);
  const slash = text.indexOf('\\', i);
  if (slash < 0 || slash > close) return { value: text.slice(i, close), end: close + 1 };

  const parts: string[] = [];
  let runStart = i;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      parts.push(text.slice(runStart, i));
      return { value: parts.join(''), end: i + 1 };
    }
    if (c !== 0x5c) {
      i++;
      continue;
    }
    parts.push(text.slice(runStart, i));
    i++;
    if (i >= text.length) break;
    const e = text.charCodeAt(i);
    if (e >= 0x30 && e <= 0x37) {
      let n = 0;
      let digits = 0;
      while (digits < 3 && i < text.length) {
        const d = text.charCodeAt(i);
        if (d < 0x30 || d > 0x37) break;
        n = n * 8 + (d - 0x30);
        i++;
        digits++;
      }
      if (n > 0xff) throw new ProtocolError(`octal escape above \\377 in quoted string: ${clip(text.slice(start))}`);
      parts.push(String.fromCharCode(n));
    } else {
      parts.push(e === 0x6e ? '\n' : e === 0x74 ? '\t' : e === 0x72 ? '\r' : text[i]!);
      i++;
    }
    runStart = i;
  }
  throw new ProtocolError(`unterminated quoted string: ${clip(text.slice(start))}`);
}

/**
 * Decodes a value that may or may not be quoted: starting with '"' → must be exactly one CString,
 * decoded; otherwise returned as is.
 */
export function unquote(text: string): string {
  if (text.charCodeAt(0) === 0x22) {
    const { value, end } = decodeQuoted(text, 0);
    if (end !== text.length) throw new ProtocolError(`unexpected text after quoted string: ${clip(text)}`);
    return value;
  }
  return text;
}

function clip(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
}
