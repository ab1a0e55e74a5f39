// The log's regex filter and its history of the last five expressions. Smart case: an
// expression with no upper-case letter matches case-insensitively. A bad expression is a value
// ({kind:'error'}) with tor-free wording, never an exception. Matching must stay fast on any text
// tor sends: expressions are capped at MAX_FILTER_LENGTH, back-references and look-arounds are
// refused, and V8 is told to finish a backtracking blow-up ("(a+)+$") with its linear-time engine,
// which it does only for case-sensitive expressions, so smart case lower-cases the text instead of
// using the 'i' flag. No I/O; the one side effect is that V8 switch (idempotent).
import { setFlagsFromString } from 'node:v8';
import type { LogEntry } from './log-entry.js';

export interface LogFilter {
  readonly source: string;
  readonly regex: RegExp;
  /** Smart case chose case-insensitive matching: the text is lower-cased before the (flagless) test. */
  readonly caseInsensitive: boolean;
}

/** Longest expression accepted (the prompt's own cap; logging_filter entries from the config too). */
export const MAX_FILTER_LENGTH = 256;

/** What in an expression makes V8 unable to finish it in linear time: a back-reference or a look-around. */
function nonLinearConstruct(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<'))) return 'back-references';
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(' && source[i + 1] === '?' && /^(?:[=!]|<[=!])/.test(source.slice(i + 2, i + 4))) return 'look-arounds';
  }
  return undefined;
}

export type CompiledFilter = { readonly kind: 'ok'; readonly filter: LogFilter } | { readonly kind: 'error'; readonly message: string };

export const FILTER_HISTORY_SIZE = 5;

export function compileLogFilter(source: string): CompiledFilter {
  if (source.trim() === '') return { kind: 'error', message: 'an empty regular expression matches everything; choose None instead' };
  if (source.length > MAX_FILTER_LENGTH) return { kind: 'error', message: `the expression is longer than ${MAX_FILTER_LENGTH} characters` };
  const slow = nonLinearConstruct(source);
  if (slow !== undefined) return { kind: 'error', message: `${slow} are not allowed in a filter: on one long log line they can take minutes` };
  try {
    setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
    const caseInsensitive = !/[A-Z]/.test(source.replace(/\\[A-Za-z]/g, ''));
    return { kind: 'ok', filter: { source, regex: new RegExp(source), caseInsensitive } };
  } catch (e) {
    const detail = (e as Error).message.replace(/^Invalid regular expression: /, '');
    return { kind: 'error', message: `not a valid regular expression: ${detail}` };
  }
}

/** What the filter is matched against: "[TYPE] message". */
export function filterText(entry: LogEntry): string {
  return `[${entry.type}] ${entry.message}`;
}

export function matchesFilter(entry: LogEntry, filter: LogFilter | undefined): boolean {
  if (filter === undefined) return true;
  const text = filterText(entry);
  return filter.regex.test(filter.caseInsensitive ? text.toLowerCase() : text);
}

/** Newest first, without repeats, at most FILTER_HISTORY_SIZE. */
export function rememberFilter(history: readonly string[], source: string): string[] {
  return [source, ...history.filter((h) => h !== source)].slice(0, FILTER_HISTORY_SIZE);
}
