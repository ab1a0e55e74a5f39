// The log's regex filter and its history of the last five expressions. Smart case: an
// expression with no upper-case letter matches case-insensitively. A bad expression is a value
// ({kind:'error'}) with tor-free wording, never an exception. Pure.
import type { LogEntry } from './log-entry.js';

export interface LogFilter {
  readonly source: string;
  readonly regex: RegExp;
}

export type CompiledFilter = { readonly kind: 'ok'; readonly filter: LogFilter } | { readonly kind: 'error'; readonly message: string };

export const FILTER_HISTORY_SIZE = 5;

export function compileLogFilter(source: string): CompiledFilter {
  if (source.trim() === '') return { kind: 'error', message: 'an empty regular expression matches everything; choose None instead' };
  try {
    const flags = /[A-Z]/.test(source.replace(/\\[A-Za-z]/g, '')) ? '' : 'i';
    return { kind: 'ok', filter: { source, regex: new RegExp(source, flags) } };
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
  return filter === undefined || filter.regex.test(filterText(entry));
}

/** Newest first, without repeats, at most FILTER_HISTORY_SIZE. */
export function rememberFilter(history: readonly string[], source: string): string[] {
  return [source, ...history.filter((h) => h !== source)].slice(0, FILTER_HISTORY_SIZE);
}
