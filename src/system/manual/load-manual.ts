// Loads tor's manual for the config page: from ortop's cache when it was made from the same man
// page for the same tor version, else found, read and parsed, then cached (written atomically).
// A cache that cannot be read or written only costs time; it never stops the manual from loading.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { findTorManual, type FindManualOptions } from './find-manual.js';
import { parseTorManual, type TorManual } from './parse-manual.js';
import { readManualText } from './read-manual.js';
import { ortopCacheDir } from './xdg.js';

/** Bump when the parsed shape changes, so old caches are re-parsed. */
export const MANUAL_CACHE_FORMAT = 1;

export interface ManualSource {
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
}

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
    }
  | { readonly kind: 'missing'; readonly searched: readonly string[]; readonly reason: string };

export interface LoadManualOptions extends FindManualOptions {
  /** The running tor's version: the cache key (the installed manual should describe that tor). */
  readonly torVersion: string | undefined;
  /** Use this man page instead of searching. */
  readonly manualPath?: string;
  /** Cache directory; null = no cache; default $XDG_CACHE_HOME/ortop. */
  readonly cacheDir?: string | null;
}

interface CacheFile {
  readonly format: number;
  readonly torVersion: string;
  readonly source: ManualSource;
  readonly manual: TorManual;
}

export function manualCacheFile(cacheDir: string, torVersion: string | undefined): string {
  const key = (torVersion ?? 'unknown').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  return join(cacheDir, `tor-manual-${key}.json`);
}

async function sourceOf(path: string): Promise<ManualSource> {
  const s = await stat(path);
  return { path, sizeBytes: s.size, mtimeMs: Math.trunc(s.mtimeMs) };
}

const sameSource = (a: ManualSource, b: ManualSource) => a.path === b.path && a.sizeBytes === b.sizeBytes && a.mtimeMs === b.mtimeMs;

async function readCache(file: string, torVersion: string): Promise<CacheFile | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheFile>;
    if (parsed.format !== MANUAL_CACHE_FORMAT || parsed.torVersion !== torVersion) return undefined;
    if (parsed.source === undefined || !Array.isArray(parsed.manual?.entries)) return undefined;
    return parsed as CacheFile;
  } catch {
    return undefined;
  }
}

export async function loadTorManual(options: LoadManualOptions): Promise<ManualLoad> {
  const version = options.torVersion ?? 'unknown';
  const cacheDir = options.cacheDir === undefined ? ortopCacheDir(options.env) : options.cacheDir;
  const cacheFile = cacheDir === null ? undefined : manualCacheFile(cacheDir, options.torVersion);

  // Fast path: the cache names its man page; if that file is unchanged, no search is needed.
  if (cacheFile !== undefined) {
    const cached = await readCache(cacheFile, version);
    if (cached !== undefined && (options.manualPath === undefined || options.manualPath === cached.source.path)) {
      const current = await sourceOf(cached.source.path).catch(() => undefined);
      if (current !== undefined && sameSource(current, cached.source)) {
        return { kind: 'loaded', manual: cached.manual, source: current, from: 'cache', cacheFile };
      }
    }
  }

  let path = options.manualPath;
  let searched: readonly string[] = path === undefined ? [] : [path];
  if (path === undefined) {
    const found = await findTorManual(options);
    path = found.path;
    searched = found.searched;
  }
  if (path === undefined) return { kind: 'missing', searched, reason: 'no tor(1) man page is installed on this machine' };
  let source: ManualSource;
  let manual: TorManual;
  try {
    source = await sourceOf(path);
    manual = parseTorManual(await readManualText(path));
  } catch (error) {
    return { kind: 'missing', searched, reason: `could not read ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (manual.entries.length === 0) return { kind: 'missing', searched, reason: `${path} has no option entries ortop can read` };
  if (cacheFile === undefined) return { kind: 'loaded', manual, source, from: 'parsed', cacheFile: undefined };
  const content: CacheFile = { format: MANUAL_CACHE_FORMAT, torVersion: version, source, manual };
  try {
    await writeFileAtomic(cacheFile, JSON.stringify(content));
    return { kind: 'loaded', manual, source, from: 'parsed', cacheFile };
  } catch (error) {
    return { kind: 'loaded', manual, source, from: 'parsed', cacheFile, cacheError: error instanceof Error ? error.message : String(error) };
  }
}
