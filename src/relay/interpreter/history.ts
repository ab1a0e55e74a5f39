// The interpreter's command history: bounded, newest last, no repeats in a row, and never a line
// that carries a secret (AUTHENTICATE, passwords, keys) — neither in memory nor in the saved file.
// Pure: the file is read and written by src/app/session/interpreter-history-store.ts.
import { isSecretCommand } from './secrets.js';

export const HISTORY_LIMIT = 100;
/** Longer lines are not kept (a pasted document is not a command worth recalling). */
const MAX_LINE_CHARS = 2000;

export function addToHistory(history: readonly string[], line: string, limit = HISTORY_LIMIT): readonly string[] {
  const entry = line.trim();
  if (entry === '' || entry.length > MAX_LINE_CHARS || /[\r\n\0]/.test(entry) || isSecretCommand(entry)) return history;
  if (history[history.length - 1] === entry) return history;
  const next = [...history, entry];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

/** The file's lines back to a history (dropping anything a hand edit may have put there that we would not keep). */
export function parseHistoryFile(text: string, limit = HISTORY_LIMIT): readonly string[] {
  let history: readonly string[] = [];
  for (const line of text.split('\n')) history = addToHistory(history, line, limit);
  return history;
}

export function formatHistoryFile(history: readonly string[]): string {
  const kept = history.filter((l) => !isSecretCommand(l) && !/[\r\n\0]/.test(l));
  return kept.length === 0 ? '' : `${kept.join('\n')}\n`;
}
