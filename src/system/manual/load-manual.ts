// Loads tor's manual for the config page: from ortop's cache when it was made from the same man
// page for the same tor version, else found, read and parsed, then cached (written atomically).
// A cache that cannot be read or written only costs time; it never stops the manual from loading.
// A damaged cache is set aside (renamed .corrupt-<time>) and the load says so in `cacheProblem`.
import { stat } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-write.js';
import type { OpenForRead } from '../bounded-read.js';
import { describeBadOwnedFile, readOwnedFile } from '../owned-file.js';
import { findTorManual, type FindManualOptions } from './find-manual.js';
import { decodeManualCache, MANUAL_CACHE_FORMAT, MANUAL_CACHE_MAX_BYTES, manualCacheFile, type ManualCacheFile, type ManualSource } from './manual-cache.js';
import { parseTorManual, type TorManual } from './parse-manual.js';
import { readManualText } from './read-manual.js';
import { ortopCacheDir } from './xdg.js';

export type ManualLoad =
  | {
      readonly kind: 'loaded';
      readonly manual: TorManual;
      readonly source: ManualSource;
      readonly from: 'cache' | 'parsed';
      /** The cache file (read or written). */
      readonly cacheFile: string | undefined;
      /** Why the cache could not be written, if it could not. */
      readonly cacheError?: string;
      /** A cache file that was there but damaged: one line for ortop's log (path, what, where it went). */
      readonly cacheProblem?: string;
    }
  | { readonly kind: 'missing'; readonly searched: readonly string[]; readonly reason: string; readonly cacheProblem?: string };

export interface LoadManualOptions extends FindManualOptions {
  /** The running tor's version: the cache key (the installed manual should describe that tor). */
  readonly torVersion: string | undefined;
  /** Use this man page instead of searching. */
  readonly manualPath?: string;
  /** Cache directory; null = no cache; default $XDG_CACHE_HOME/ortop. */
  readonly cacheDir?: string | null;
  /** For the set-aside name (default Date.now). */
  readonly nowMs?: () => number;
  /** Opens the cache file for reading (tests inject EACCES, EIO). */
  readonly openCache?: OpenForRead;
}

async function sourceOf(path: string): Promise<ManualSource> {
  const s = await stat(path);
  return { path, sizeBytes: s.size, mtimeMs: Math.trunc(s.mtimeMs) };
}

const sameSource = (a: ManualSource, b: ManualSource) => a.path === b.path && a.sizeBytes === b.sizeBytes && a.mtimeMs === b.mtimeMs;

async function readCache(file: string, torVersion: string, options: LoadManualOptions): Promise<{ cached?: ManualCacheFile; problem?: string }> {
  const result = await readOwnedFile(file, {
    maxBytes: MANUAL_CACHE_MAX_BYTES,
    parse: (bytes) => decodeManualCache(bytes, torVersion),
    ...(options.nowMs === undefined ? {} : { nowMs: options.nowMs }),
    ...(options.openCache === undefined ? {} : { open: options.openCache }),
  });
  if (result.kind === 'missing') return {};
  if (result.kind === 'loaded') return result.value === undefined ? {} : { cached: result.value };
  return { problem: describeBadOwnedFile('the tor manual cache', file, result, 'the manual is read from the man page again') };
}

export async function loadTorManual(options: LoadManualOptions): Promise<ManualLoad> {
  const version = options.torVersion ?? 'unknown';
  const cacheDir = options.cacheDir === undefined ? ortopCacheDir(options.env) : options.cacheDir;
  const cacheFile = cacheDir === null ? undefined : manualCacheFile(cacheDir, options.torVersion);

  // Fast path: the cache names its man page; if that file is unchanged, no search is needed.
  let cacheProblem: string | undefined;
  if (cacheFile !== undefined) {
    const { cached, problem } = await readCache(cacheFile, version, options);
    cacheProblem = problem;
    if (cached !== undefined && (options.manualPath === undefined || options.manualPath === cached.source.path)) {
      const current = await sourceOf(cached.source.path).catch(() => undefined);
      if (current !== undefined && sameSource(current, cached.source)) {
        return { kind: 'loaded', manual: cached.manual, source: current, from: 'cache', cacheFile };
      }
    }
  }
  const problem = cacheProblem === undefined ? {} : { cacheProblem };

  let path = options.manualPath;
  let searched: readonly string[] = path === undefined ? [] : [path];
  if (path === undefined) {
    const found = await findTorManual(options);
    path = found.path;
    searched = found.searched;
  }
  if (path === undefined) return { kind: 'missing', searched, reason: 'no tor(1) man page is installed on this machine', ...problem };
  let source: ManualSource;
  let manual: TorManual;
  try {
    source = await sourceOf(path);
    manual = parseTorManual(await readManualText(path));
  } catch (error) {
    return { kind: 'missing', searched, reason: `could not read ${path}: ${error instanceof Error ? error.message : String(error)}`, ...problem };
  }
  if (manual.entries.length === 0) return { kind: 'missing', searched, reason: `${path} has no option entries ortop can read`, ...problem };
  if (cacheFile === undefined) return { kind: 'loaded', manual, source, from: 'parsed', cacheFile: undefined };
  const content: ManualCacheFile = { format: MANUAL_CACHE_FORMAT, torVersion: version, source, manual };
  try {
    await writeFileAtomic(cacheFile, JSON.stringify(content));
    return { kind: 'loaded', manual, source, from: 'parsed', cacheFile, ...problem };
  } catch (error) {
    return { kind: 'loaded', manual, source, from: 'parsed', cacheFile, cacheError: error instanceof Error ? error.message : String(error), ...problem };
  }
}
