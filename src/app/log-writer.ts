// Writing the log out: continuous appending of every live entry to write_logs_to (batched on the
// injected clock, so a flood of DEBUG lines costs one write per batch), and the one-off snapshot
// of the shown entries (a), which replaces its file atomically. Lines are sanitised: nothing from tor
// reaches a terminal that cats them.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock, Timer } from '../controller/index.js';
import type { LogEntry } from '../relay/log/index.js';
import { writeFileAtomic } from '../system/atomic-write.js';
import { sanitizeLine } from '../terminal/sanitize.js';
import { duplicatesSuffix } from '../../panels/log/index.js';
import { expandUserPath } from './log-file-tail.js';

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "2026-11-27 12:00:00 [NOTICE] message" in local time. */
export function formatLogFileLine(entry: LogEntry, duplicates = 0): string {
  const d = new Date(entry.atMs);
  const stamp = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return `${stamp} [${entry.type}] ${sanitizeLine(entry.message)}${duplicatesSuffix(duplicates)}`;
}

export interface LogSink {
  write(entry: LogEntry): void;
  /** Writes what is pending and closes the file; resolves once it is closed (or writing failed). */
  close(): Promise<void>;
}

type SinkStream = Pick<WriteStream, 'write' | 'end' | 'on'>;

export interface LogSinkOptions {
  readonly clock: Clock;
  /** Called once if writing fails; the sink then drops everything. */
  readonly onError: (message: string) => void;
  /** Batch period. Default 250 ms. */
  readonly flushEveryMs?: number;
  /** Opens the stream (tests pass a fake). */
  readonly openStream?: (path: string) => SinkStream;
}

const MAX_PENDING_LINES = 100_000;

/** Appends every entry to `path` (directories created, file mode 0600). */
export function openLogSink(path: string, options: LogSinkOptions): LogSink {
  const full = expandUserPath(path);
  let failed = false;
  let closing = false;
  let stream: SinkStream | undefined;
  let pending: string[] = [];
  let timer: Timer | undefined;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    pending = [];
    timer?.cancel();
    options.onError(`could not write the log to ${full}: ${(error as Error).message}; continuous log writing stopped`);
    resolveClosed();
  };
  const flush = () => {
    timer = undefined;
    if (failed || stream === undefined || pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    stream.write(text);
  };
  const finish = () => {
    flush();
    if (stream === undefined) return;
    stream.on('finish', () => resolveClosed());
    stream.end();
  };
  const opened = options.openStream
    ? Promise.resolve().then(() => options.openStream!(full))
    : mkdir(dirname(full), { recursive: true }).then(() => createWriteStream(full, { flags: 'a', mode: 0o600 }));
  opened.then((s) => {
    stream = s;
    s.on('error', fail);
    if (closing) finish();
    else flush();
  }, fail);
  return {
    write(entry) {
      if (failed || closing) return;
      if (pending.length < MAX_PENDING_LINES) pending.push(formatLogFileLine(entry));
      timer ??= options.clock.setTimer(flush, options.flushEveryMs ?? 250);
    },
    close() {
      if (!closing && !failed) {
        closing = true;
        timer?.cancel();
        if (stream !== undefined) finish();
      }
      return closed;
    },
  };
}

/**
 * Writes the entries (oldest first) to a file, replacing it atomically (mode 0600, directories
 * created): a failed save leaves an earlier save of the same name whole. Resolves with the full path.
 */
export async function saveLogSnapshot(path: string, entries: ReadonlyArray<{ readonly entry: LogEntry; readonly duplicates: number }>): Promise<string> {
  const full = expandUserPath(path);
  const text = entries.map((e) => formatLogFileLine(e.entry, e.duplicates)).join('\n');
  await writeFileAtomic(full, entries.length === 0 ? '' : `${text}\n`);
  return full;
}
