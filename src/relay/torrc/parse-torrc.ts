// Reads torrc text (a file, or GETINFO config-text) the way tor does: one "Key value" per line,
// '#' comments, values optionally quoted with C escapes, a trailing backslash continuing a line,
// '+Key' appending to and '/Key' clearing a list, '%include path'. Pure; no file access.
//
// tor(1) "THE CONFIGURATION FILE FORMAT": options take the form `option value` or `option "value"`;
// anything after '#' is a comment; a single backslash before the end of the line splits one
// entry over several lines, and comments inside such an entry must start at the beginning of a line.
import { byteStringFromUtf8, utf8FromByteString } from '../../protocol/bytes.js';
import { decodeQuoted } from '../../protocol/cstring.js';

export type TorrcOp = 'set' | 'append' | 'clear';

/** One physical line, classified for display. */
export interface TorrcLine {
  /** 1-based. */
  readonly lineNo: number;
  readonly text: string;
  readonly kind: 'blank' | 'comment' | 'option' | 'include' | 'continuation';
  /** Index in text where the keyword (with its +/ prefix) starts and ends, for 'option'/'include'. */
  readonly keyword?: { readonly start: number; readonly end: number };
  /** Index where a trailing comment starts (the '#'), if any. */
  readonly commentAt?: number;
}

/** One logical entry (maybe spanning continued lines). */
export interface TorrcEntry {
  /** As written, without the +/ prefix. */
  readonly key: string;
  readonly op: TorrcOp;
  /** Decoded value (quotes removed, escapes applied, continuations joined). */
  readonly value: string;
  readonly lineNo: number;
  readonly lastLineNo: number;
  readonly isInclude: boolean;
}

export interface TorrcProblem {
  readonly lineNo: number;
  readonly message: string;
}

export interface ParsedTorrc {
  readonly lines: readonly TorrcLine[];
  readonly entries: readonly TorrcEntry[];
  readonly problems: readonly TorrcProblem[];
}

/** Index of a '#' that starts a comment in an unquoted value ('\#' is a literal '#'). */
function commentStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '#') return i;
  }
  return -1;
}

function unescapeUnquoted(value: string): string {
  return value.replace(/\\#/g, '#');
}

export function parseTorrc(text: string): ParsedTorrc {
  const physical = text.replace(/\r\n?/g, '\n').split('\n');
  if (physical.length > 0 && physical[physical.length - 1] === '') physical.pop();
  const lines: TorrcLine[] = [];
  const entries: TorrcEntry[] = [];
  const problems: TorrcProblem[] = [];
  let open: { key: string; op: TorrcOp; parts: string[]; lineNo: number; isInclude: boolean } | undefined;

  const finish = (lastLineNo: number) => {
    if (open === undefined) return;
    entries.push({ key: open.key, op: open.op, value: open.parts.join(' ').trim(), lineNo: open.lineNo, lastLineNo, isInclude: open.isInclude });
    open = undefined;
  };

  physical.forEach((raw, i) => {
    const lineNo = i + 1;
    const trimmed = raw.trimStart();
    const lead = raw.length - trimmed.length;
    if (open !== undefined) {
      if (trimmed.startsWith('#')) {
        lines.push({ lineNo, text: raw, kind: 'comment', commentAt: lead });
        return;
      }
      const hash = commentStart(raw, 0);
      const body = (hash < 0 ? raw : raw.slice(0, hash)).trimEnd();
      const continues = body.endsWith('\\');
      open.parts.push(unescapeUnquoted(continues ? body.slice(0, -1).trim() : body.trim()));
      lines.push(hash < 0 ? { lineNo, text: raw, kind: 'continuation' } : { lineNo, text: raw, kind: 'continuation', commentAt: hash });
      if (!continues) finish(lineNo);
      return;
    }
    if (trimmed === '') {
      lines.push({ lineNo, text: raw, kind: 'blank' });
      return;
    }
    if (trimmed.startsWith('#')) {
      lines.push({ lineNo, text: raw, kind: 'comment', commentAt: lead });
      return;
    }
    const keyMatch = /^\S+/.exec(trimmed)!;
    let word = keyMatch[0];
    const hashInKey = word.indexOf('#');
    if (hashInKey >= 0) word = word.slice(0, hashInKey);
    const keyEnd = lead + word.length;
    const isInclude = word.toLowerCase() === '%include';
    const op: TorrcOp = word.startsWith('+') ? 'append' : word.startsWith('/') ? 'clear' : 'set';
    const key = op === 'set' ? word : word.slice(1);
    const keyword = { start: lead, end: keyEnd };
    let rest = raw.slice(keyEnd);
    const valueStart = keyEnd + (rest.length - rest.trimStart().length);
    rest = rest.trimStart();
    if (rest.startsWith('"')) {
      try {
        const decoded = decodeQuoted(byteStringFromUtf8(rest), 0);
        const consumed = utf8FromByteString(byteStringFromUtf8(rest).slice(0, decoded.end)).length;
        const after = rest.slice(consumed);
        const hash = after.search(/#/);
        if (after.trim() !== '' && !after.trimStart().startsWith('#')) problems.push({ lineNo, message: `text after the closing quote is ignored by tor: ${after.trim()}` });
        const commentAt = hash < 0 ? undefined : valueStart + consumed + hash;
        lines.push({ lineNo, text: raw, kind: isInclude ? 'include' : 'option', keyword, ...(commentAt === undefined ? {} : { commentAt }) });
        entries.push({ key, op, value: utf8FromByteString(decoded.value), lineNo, lastLineNo: lineNo, isInclude });
      } catch {
        problems.push({ lineNo, message: 'unterminated or invalid quoted value' });
        lines.push({ lineNo, text: raw, kind: isInclude ? 'include' : 'option', keyword });
        entries.push({ key, op, value: rest, lineNo, lastLineNo: lineNo, isInclude });
      }
      return;
    }
    const hash = commentStart(raw, keyEnd);
    const body = (hash < 0 ? raw.slice(keyEnd) : raw.slice(keyEnd, hash)).trim();
    lines.push({ lineNo, text: raw, kind: isInclude ? 'include' : 'option', keyword, ...(hash < 0 ? {} : { commentAt: hash }) });
    if (body.endsWith('\\') && hash < 0) {
      open = { key, op, parts: [unescapeUnquoted(body.slice(0, -1).trim())], lineNo, isInclude };
      return;
    }
    entries.push({ key, op, value: unescapeUnquoted(body), lineNo, lastLineNo: lineNo, isInclude });
  });
  finish(physical.length);
  return { lines, entries, problems };
}

/** Values by option (as written), in order: GETINFO config-text → Map('Log' → ['notice file …', …]). */
export function collectTorrcValues(entries: readonly TorrcEntry[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const e of entries) {
    if (e.isInclude) continue;
    const list = values.get(e.key) ?? [];
    if (e.op === 'clear') values.set(e.key, []);
    else values.set(e.key, [...list, e.value]);
  }
  return values;
}
