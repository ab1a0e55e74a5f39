// The interpreter history on disk: $XDG_STATE_HOME/ortop/history, one command per line, written
// atomically (mode 600) after each command, filtered of secrets on the way in and out. Writes are
// serialised, and wait for the load, so an older history can never overwrite a newer one. A bad file
// (binary, huge, not a file) is reported once and renamed aside; the history then starts empty.
import { join } from 'node:path';
import { formatHistoryFile, parseHistoryFile } from '../../relay/interpreter/history.js';
import { writeFileAtomic } from '../../system/atomic-write.js';
import { decodeTextFile, type OpenForRead } from '../../system/bounded-read.js';
import { describeBadOwnedFile, OwnedFileFormatError, readOwnedFile } from '../../system/owned-file.js';
import { ortopStateDir } from '../../system/manual/index.js';

export function defaultHistoryPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(ortopStateDir(env), 'history');
}

/**
 * Larger than any history ortop writes (100 lines of at most 2000 characters, 4 UTF-8 bytes
 * each, is 0.8 MB), small enough that a runaway file is not read into memory.
 */
export const HISTORY_MAX_BYTES = 2 * 1024 * 1024;

export interface HistoryStoreOptions {
  /** For the set-aside name. */
  readonly nowMs?: () => number;
  readonly open?: OpenForRead;
}

/** The history file's bytes → lines; throws OwnedFileFormatError for what ortop never writes. */
export function decodeHistoryFile(bytes: Uint8Array): readonly string[] {
  const decoded = decodeTextFile(bytes, true);
  if (decoded.kind === 'binary') throw new OwnedFileFormatError(decoded.problem);
  return parseHistoryFile(decoded.text);
}

export class InterpreterHistoryStore {
  private writing: Promise<void> = Promise.resolve();
  private pending: readonly string[] | undefined;
  /** Why saving is off for this session (a file that could not be read and was left in place). */
  private saveOff: string | undefined;
  /** The save error (code) last reported, so a full disk is reported once, not after every command. */
  private saveError: string | undefined;
  /** The last problem (reading or saving), if any; the page shows it once and clears it. */
  lastError: string | undefined;

  /** path null: keep history in memory only. */
  constructor(
    readonly path: string | null,
    private readonly options: HistoryStoreOptions = {},
  ) {}

  load(): Promise<readonly string[]> {
    const loading = this.read();
    this.writing = this.writing.then(() => loading.then(() => {}));
    return loading;
  }

  private async read(): Promise<readonly string[]> {
    if (this.path === null) return [];
    const result = await readOwnedFile(this.path, {
      maxBytes: HISTORY_MAX_BYTES,
      parse: decodeHistoryFile,
      ...(this.options.nowMs === undefined ? {} : { nowMs: this.options.nowMs }),
      ...(this.options.open === undefined ? {} : { open: this.options.open }),
    });
    if (result.kind === 'loaded') return result.value;
    if (result.kind === 'bad') {
      // A file we could not read and did not move is never overwritten: it may still be good.
      if (result.setAside.kind === 'kept') this.saveOff = result.setAside.reason;
      const then = result.setAside.kind === 'moved' ? 'the history starts empty' : 'the history starts empty and is not saved this session';
      this.report(describeBadOwnedFile('the interpreter history', this.path, result, then));
    }
    return [];
  }

  /** Saves soon; resolves when this (or a newer) history is on disk. */
  save(history: readonly string[]): Promise<void> {
    if (this.path === null) return Promise.resolve();
    const path = this.path;
    const first = this.pending === undefined;
    this.pending = history;
    if (!first) return this.writing;
    this.writing = this.writing.then(async () => {
      const latest = this.pending ?? [];
      this.pending = undefined;
      if (this.saveOff !== undefined) return;
      try {
        await writeFileAtomic(path, formatHistoryFile(latest));
        this.saveError = undefined;
      } catch (error) {
        // Keyed by the error code: the message names a temporary file, new on every attempt.
        const key = String((error as { code?: unknown }).code ?? (error as Error).message);
        if (key !== this.saveError) this.report(`could not save the interpreter history to ${path}: ${(error as Error).message}`);
        this.saveError = key;
      }
    });
    return this.writing;
  }

  private report(message: string): void {
    this.lastError = this.lastError === undefined ? message : `${this.lastError}; ${message}`;
  }

  /** Resolves when every save asked for so far is done. */
  flush(): Promise<void> {
    return this.writing;
  }
}
