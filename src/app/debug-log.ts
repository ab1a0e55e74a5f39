// ortop's own debug log (-d PATH): timestamped lines about what ortop did and saw — versions,
// connection changes, warnings. Never a password or cookie: callers pass only descriptions.
// Appended (O_APPEND, one write per line, created 0600): lines from two ortops interleave whole.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { sanitizeLine } from '../terminal/sanitize.js';

export interface DebugLog {
  write(message: string): void;
}

export const NO_DEBUG_LOG: DebugLog = { write: () => {} };

/** Opens (appends to) the debug log; throws with a clear message when the path is unusable. */
export function openDebugLog(path: string, nowMs: () => number = Date.now): DebugLog {
  try {
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, '', { mode: 0o600 });
  } catch (e) {
    throw new Error(`cannot write the debug log ${path}: ${(e as Error).message}`);
  }
  return {
    write(message: string) {
      try {
        appendFileSync(path, `${new Date(nowMs()).toISOString()} ${sanitizeLine(message)}\n`, { mode: 0o600 });
      } catch {
        // A debug log that stops working must not take the monitor down.
      }
    },
  };
}
