// Writing the log out: continuous appending of every live entry to write_logs_to (batched on the
// injected clock, so a flood of DEBUG lines costs one write per batch), and the one-off snapshot
// of the shown entries (a), written to a new file — an existing one only replaced after the user said
// so, a symlink never followed (src/system/create-private-file.ts). Lines are sanitised (nothing from
// tor reaches a terminal that cats them) and lose secret options' values.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Clock, Timer } from '../../controller/index.js';
import { redactSecretsInText } from '../../protocol/redact-secrets.js';
import { SECRET_MASK } from '../../protocol/secret-options.js';
import type { LogEntry } from '../../relay/log/index.js';
import { FileTargetError, openPrivateAppendSync, writePrivateFile } from '../../system/create-private-file.js';
import { sanitizeLine } from '../../terminal/sanitize.js';
import { duplicatesSuffix } from '../../../panels/log/index.js';
import { expandUserPath } from './log-file-tail.js';

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * "2026-11-27 12:00:00 [NOTICE] message" in local time; with several relays writing to one file,
 * each line names its relay: "2026-11-27 12:00:00 exit1 [NOTICE] message".
 */
export function formatLogFileLine(entry: LogEntry, duplicates = 0, relay?: string): string {
  const d = new Date(entry.atMs);
  const stamp = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return `${stamp}${relay === undefined ? '' : ` ${sanitizeLine(relay).replace(/\s/g, '_')}`} [${entry.type}] ${redactSecretsInText(sanitizeLine(entry.message), SECRET_MASK)}${duplicatesSuffix(duplicates)}`;
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
  /** The relay's name on each line, when several relays write to the same file. */
  readonly relay?: string;
}

const MAX_PENDING_LINES = 100_000;

/** Appends every entry to `path` (directories created; a new file 0600; never through a symlink). */
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
    : Promise.resolve().then(() => createWriteStream(full, { fd: openPrivateAppendSync(full, { createDirs: true }) }));
  opened.then((s) => {
    stream = s;
    s.on('error', fail);
    if (closing) finish();
    else flush();
  }, fail);
  return {
    write(entry) {
      if (failed || closing) return;
      if (pending.length < MAX_PENDING_LINES) pending.push(formatLogFileLine(entry, 0, options.relay));
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

export type SaveLogResult =
  | { readonly kind: 'saved'; readonly path: string }
  /** A regular file is there: ask the user, then call again with replace. */
  | { readonly kind: 'exists'; readonly path: string; readonly size: number }
  /** A symlink, directory, FIFO…: never written; `reason` says what it is. */
  | { readonly kind: 'refused'; readonly path: string; readonly reason: string };

/**
 * Writes the entries (oldest first) to a new file (0600, directories created). An existing regular
 * file is replaced (atomically) only with `replace`, after the user confirmed; anything else at the
 * path is refused. Other failures (permissions, a full disk) reject.
 */
export async function saveLogSnapshot(
  path: string,
  entries: ReadonlyArray<{ readonly entry: LogEntry; readonly duplicates: number }>,
  options: { readonly replace?: boolean } = {},
): Promise<SaveLogResult> {
  const full = expandUserPath(path);
  const text = entries.map((e) => formatLogFileLine(e.entry, e.duplicates)).join('\n');
  try {
    await writePrivateFile(full, entries.length === 0 ? '' : `${text}\n`, { createDirs: true, replace: options.replace === true });
  } catch (error) {
    if (!(error instanceof FileTargetError)) throw error;
    const target = error.target;
    if (target.kind === 'file') return { kind: 'exists', path: full, size: target.size };
    return { kind: 'refused', path: full, reason: error.message };
  }
  return { kind: 'saved', path: full };
}
