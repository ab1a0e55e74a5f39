// ortop's own debug log (-d PATH): timestamped lines about what ortop did and saw — versions,
// connection changes, warnings. Never a password or cookie: callers pass only descriptions, and every
// line loses secret options' values (src/protocol/redact-secrets.ts) on its way to the file.
// Appended (O_APPEND, one write per line): lines from two ortops interleave whole. Created 0600; never
// written through a symlink, into a FIFO or a device (src/system/create-private-file.ts).
import { closeSync } from 'node:fs';
import { redactSecretsInText } from '../../protocol/redact-secrets.js';
import { SECRET_MASK } from '../../protocol/secret-options.js';
import { openPrivateAppendSync, writeAllSync } from '../../system/create-private-file.js';
import { sanitizeLine } from '../../terminal/sanitize.js';

export interface DebugLog {
  write(message: string): void;
}

export const NO_DEBUG_LOG: DebugLog = { write: () => {} };

/** One line as the debug log writes it: sanitised, secrets cut. */
export function formatDebugLine(atMs: number, message: string): string {
  return `${new Date(atMs).toISOString()} ${redactSecretsInText(sanitizeLine(message), SECRET_MASK)}\n`;
}

/** Opens (appends to) the debug log; throws with a clear message when the path is unusable. */
export function openDebugLog(path: string, nowMs: () => number = Date.now): DebugLog {
  try {
    closeSync(openPrivateAppendSync(path, { createDirs: true }));
  } catch (e) {
    throw new Error(`cannot write the debug log ${path}: ${(e as Error).message}`);
  }
  return {
    write(message: string) {
      // Opened per line (lines are rare): a log rotated away is recreated, and a link put in its place is refused.
      try {
        const fd = openPrivateAppendSync(path);
        try {
          writeAllSync(fd, Buffer.from(formatDebugLine(nowMs(), message), 'utf8'));
        } finally {
          closeSync(fd);
        }
      } catch {
        // A debug log that stops working must not take the monitor down.
      }
    },
  };
}
