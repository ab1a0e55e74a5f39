// The interpreter history on disk: $XDG_STATE_HOME/ortop/history, one command per line, written
// atomically (mode 600) after each command, filtered of secrets on the way in and out. Writes are
// serialised so an older history can never overwrite a newer one.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatHistoryFile, parseHistoryFile } from '../relay/interpreter/history.js';
import { ortopStateDir, writeFileAtomic } from '../system/manual/index.js';

export function defaultHistoryPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(ortopStateDir(env), 'history');
}

export class InterpreterHistoryStore {
  private writing: Promise<void> = Promise.resolve();
  private pending: readonly string[] | undefined;
  /** The last write's error, if any (shown once by the page). */
  lastError: string | undefined;

  /** path null: keep history in memory only. */
  constructor(readonly path: string | null) {}

  async load(): Promise<readonly string[]> {
    if (this.path === null) return [];
    try {
      return parseHistoryFile(await readFile(this.path, 'utf8'));
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') this.lastError = `could not read ${this.path}: ${(error as Error).message}`;
      return [];
    }
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
      try {
        await writeFileAtomic(path, formatHistoryFile(latest));
        this.lastError = undefined;
      } catch (error) {
        this.lastError = `could not save the history to ${path}: ${(error as Error).message}`;
      }
    });
    return this.writing;
  }

  /** Resolves when every save asked for so far is done. */
  flush(): Promise<void> {
    return this.writing;
  }
}
