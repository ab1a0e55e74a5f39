// The directory-document meta-format (dir-spec §1.2): keyword lines, each optionally followed by
// a "-----BEGIN X-----" … "-----END X-----" object, which is skipped here (never read as keywords).
// Splits lines only; knows no document type. CR before LF and blank lines are tolerated.
//
//   Document    ::= (Item | NL)+
//   Item        ::= KeywordLine Object?
//   KeywordLine ::= Keyword (WS Argument)* NL
//   Keyword     ::= KeywordStart KeywordChar*      ; [A-Za-z0-9] then [A-Za-z0-9-]
//   Object      ::= BeginLine Base64-encoded-data EndLine
//   BeginLine   ::= "-----BEGIN " Keyword (" " Keyword)* "-----" NL
//   EndLine     ::= "-----END " Keyword (" " Keyword)* "-----" NL
// Annotation lines ("@downloaded-at …", "@source …", dir-spec §2.1.1 / control GETINFO
// desc-annotations) are dropped.

import { ProtocolError } from '../errors.js';
import { clip } from './fields.js';

export interface DocumentItem {
  readonly keyword: string;
  /** Everything after the keyword and its separating whitespace (byte string, CR removed). */
  readonly rest: string;
  /** 1-based line number of the keyword line in the text handed to readDocumentItems. */
  readonly lineNumber: number;
  /** The type of the object that followed ("RSA PUBLIC KEY", "SIGNATURE", …), if any. */
  readonly objectType: string | undefined;
}

const BEGIN = '-----BEGIN ';
const END = '-----END ';
const DASHES = '-----';

/** Items in order. Throws ProtocolError for an unterminated or mismatched object. */
export function readDocumentItems(text: string): DocumentItem[] {
  const items: DocumentItem[] = [];
  const n = text.length;
  let pos = 0;
  let lineNumber = 0;
  let pending: { keyword: string; rest: string; lineNumber: number } | undefined;
  const flush = (objectType: string | undefined): void => {
    if (pending !== undefined) items.push({ ...pending, objectType });
    pending = undefined;
  };
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    let line = text.slice(pos, end);
    pos = end + 1;
    lineNumber++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.startsWith(BEGIN)) {
      const type = objectTypeOf(line, BEGIN, lineNumber);
      const beganAt = lineNumber;
      let closed = false;
      while (pos < n) {
        let e = text.indexOf('\n', pos);
        if (e < 0) e = n;
        let body = text.slice(pos, e);
        pos = e + 1;
        lineNumber++;
        if (body.endsWith('\r')) body = body.slice(0, -1);
        if (body.startsWith(END)) {
          const endType = objectTypeOf(body, END, lineNumber);
          if (endType !== type) {
            throw new ProtocolError(`line ${lineNumber}: object "${type}" begun on line ${beganAt} ends as "${endType}"`);
          }
          closed = true;
          break;
        }
      }
      if (!closed) throw new ProtocolError(`line ${beganAt}: object "${type}" has no END line`);
      flush(type);
      continue;
    }
    flush(undefined);
    if (line === '' || line.charCodeAt(0) === 0x40 /* @ */) continue;
    let k = 0;
    while (k < line.length && line.charCodeAt(k) !== 0x20 && line.charCodeAt(k) !== 0x09) k++;
    const keyword = line.slice(0, k);
    while (k < line.length && (line.charCodeAt(k) === 0x20 || line.charCodeAt(k) === 0x09)) k++;
    pending = { keyword, rest: line.slice(k), lineNumber };
  }
  flush(undefined);
  return items;
}

/** Whitespace-separated arguments of an item (empty list for none). */
export function argumentsOf(item: DocumentItem): string[] {
  const rest = item.rest.trim();
  return rest === '' ? [] : rest.split(/[ \t]+/);
}

function objectTypeOf(line: string, prefix: string, lineNumber: number): string {
  if (!line.endsWith(DASHES) || line.length < prefix.length + DASHES.length + 1) {
    throw new ProtocolError(`line ${lineNumber}: malformed object delimiter ${clip(line)}`);
  }
  return line.slice(prefix.length, -DASHES.length);
}
