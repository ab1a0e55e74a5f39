// Loads tor's manual for the config page: from ortop's cache when it was made from the same man
// page for the same tor version, else found, read and parsed, then cached (written atomically).
// A cache that cannot be read or written only costs time; it never stops the manual from loading.
// A damaged cache is set aside (renamed .corrupt-<time>) and the load says so in `cacheProblem`.
// With no live manual readable, the copy shipped with ortop (bundled-manual.ts) is used, and the load
// says which tor version it describes in `notice`; a live manual installed later wins again.
import { stat } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-write.js';
import type { OpenForRead } from '../bounded-read.js';
import { describeBadOwnedFile, readOwnedFile } from '../owned-file.js';
import { findBundledTorManual, type BundledManual } from './bundled-manual.js';
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
      /** Set when this is the manual shipped with ortop: the tor version it describes and why no live one was used. */
      readonly bundled?: { readonly torVersion: string; readonly reason: string };
      /** With `bundled`: one line for ortop's log naming that version. */
      readonly notice?: string;
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
  /** The manual to use when no live one can be read; default the one in ortop's assets/; null = none. */
  readonly bundledManual?: BundledManual | null;
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

type ParsedAt = { readonly kind: 'parsed'; readonly manual: TorManual; readonly source: ManualSource } | { readonly kind: 'failed'; readonly reason: string };

async function parseManualAt(path: string): Promise<ParsedAt> {
  try {
    const source = await sourceOf(path);
    const manual = parseTorManual(await readManualText(path));
    if (manual.entries.length === 0) return { kind: 'failed', reason: `${path} has no option entries ortop can read` };
    return { kind: 'parsed', manual, source };
  } catch (error) {
    return { kind: 'failed', reason: `could not read ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The notice for the shipped manual: which tor it describes, and that this tor may differ. */
export function bundledManualNotice(bundled: BundledManual, reason: string, torVersion: string | undefined): string {
  const differs = torVersion !== undefined && torVersion !== bundled.torVersion ? ` (this tor is ${torVersion}: options it added or changed since may be missing or described differently)` : '';
  return `tor's manual: ${reason}; showing the manual of tor ${bundled.torVersion} that ships with ortop${differs}`;
}

export async function loadTorManual(options: LoadManualOptions): Promise<ManualLoad> {
  const version = options.torVersion ?? 'unknown';
  const cacheDir = options.cacheDir === undefined ? ortopCacheDir(options.env) : options.cacheDir;
  const cacheFile = cacheDir === null ? undefined : manualCacheFile(cacheDir, options.torVersion);
  const bundled = options.bundledManual === undefined ? await findBundledTorManual() : (options.bundledManual ?? undefined);

  let cached: ManualCacheFile | undefined;
  let cacheProblem: string | undefined;
  if (cacheFile !== undefined) ({ cached, problem: cacheProblem } = await readCache(cacheFile, version, options));
  const problem = cacheProblem === undefined ? {} : { cacheProblem };
  const unchanged = async (c: ManualCacheFile) => {
    const current = await sourceOf(c.source.path).catch(() => undefined);
    return current !== undefined && sameSource(current, c.source) ? current : undefined;
  };

  // Fast path: the cache names its man page; if that file is unchanged, no search is needed. Not for
  // a cache of the shipped manual: a live one installed since must win.
  if (cached !== undefined && cached.source.path !== bundled?.path && (options.manualPath === undefined || options.manualPath === cached.source.path)) {
    const current = await unchanged(cached);
    if (current !== undefined) return { kind: 'loaded', manual: cached.manual, source: current, from: 'cache', cacheFile: cacheFile! };
  }

  const store = async (manual: TorManual, source: ManualSource, extra: Pick<Extract<ManualLoad, { kind: 'loaded' }>, 'bundled' | 'notice'>): Promise<ManualLoad> => {
    if (cacheFile === undefined) return { kind: 'loaded', manual, source, from: 'parsed', cacheFile: undefined, ...extra };
    const content: ManualCacheFile = { format: MANUAL_CACHE_FORMAT, torVersion: version, source, manual };
    try {
      await writeFileAtomic(cacheFile, JSON.stringify(content));
      return { kind: 'loaded', manual, source, from: 'parsed', cacheFile, ...problem, ...extra };
    } catch (error) {
      return { kind: 'loaded', manual, source, from: 'parsed', cacheFile, cacheError: error instanceof Error ? error.message : String(error), ...problem, ...extra };
    }
  };

  let path = options.manualPath;
  let searched: readonly string[] = path === undefined ? [] : [path];
  if (path === undefined) {
    const found = await findTorManual(options);
    path = found.path;
    searched = found.searched;
  }
  let reason = 'no tor(1) man page is installed on this machine';
  if (path !== undefined) {
    const live = await parseManualAt(path);
    if (live.kind === 'parsed') return store(live.manual, live.source, {});
    reason = live.reason;
  }
  if (bundled === undefined) return { kind: 'missing', searched, reason, ...problem };

  const fallback = { bundled: { torVersion: bundled.torVersion, reason }, notice: bundledManualNotice(bundled, reason, options.torVersion) };
  if (cached !== undefined && cached.source.path === bundled.path) {
    const current = await unchanged(cached);
    if (current !== undefined) return { kind: 'loaded', manual: cached.manual, source: current, from: 'cache', cacheFile: cacheFile!, ...fallback };
  }
  const shipped = await parseManualAt(bundled.path);
  if (shipped.kind === 'failed') return { kind: 'missing', searched: [...searched, bundled.path], reason: `${reason}; the manual shipped with ortop did not load either (${shipped.reason})`, ...problem };
  return store(shipped.manual, shipped.source, fallback);
}
