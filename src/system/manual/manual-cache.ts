// The parsed-manual cache file ($XDG_CACHE_HOME/ortop/tor-manual-<tor version>.json): its name, its
// shape, and the check that what is read back is that shape all the way down, so a damaged or
// hand-edited cache is refused (and set aside by the loader) instead of reaching the config page.
import { join } from 'node:path';
import { decodeTextFile } from '../bounded-read.js';
import { OwnedFileFormatError } from '../owned-file.js';
import type { ManualEntry, ManualParagraph, TorManual } from './parse-manual.js';

/** Bump when the parsed shape changes, so old caches are re-parsed. */
export const MANUAL_CACHE_FORMAT = 1;

/** tor 0.4.9's parsed manual is about 250 KB; a cache many times that is not one ortop wrote. */
export const MANUAL_CACHE_MAX_BYTES = 16 * 1024 * 1024;

export interface ManualSource {
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
}

export interface ManualCacheFile {
  readonly format: number;
  readonly torVersion: string;
  readonly source: ManualSource;
  readonly manual: TorManual;
}

export function manualCacheFile(cacheDir: string, torVersion: string | undefined): string {
  const key = (torVersion ?? 'unknown').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  return join(cacheDir, `tor-manual-${key}.json`);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isParagraph(v: unknown): v is ManualParagraph {
  return isObject(v) && isString(v.text) && isNumber(v.indent) && (v.preformatted === undefined || typeof v.preformatted === 'boolean');
}

function isEntry(v: unknown): v is ManualEntry {
  return (
    isObject(v) &&
    isString(v.name) &&
    isString(v.category) &&
    isString(v.usage) &&
    isString(v.summary) &&
    isNumber(v.index) &&
    Array.isArray(v.description) &&
    v.description.every(isParagraph)
  );
}

function checkManual(v: unknown): TorManual {
  if (!isObject(v)) throw new OwnedFileFormatError('"manual" is not an object');
  if (!Array.isArray(v.categories) || !v.categories.every(isString)) throw new OwnedFileFormatError('"manual.categories" is not a list of names');
  if (!Array.isArray(v.entries)) throw new OwnedFileFormatError('"manual.entries" is not a list');
  const bad = v.entries.findIndex((e) => !isEntry(e));
  if (bad >= 0) throw new OwnedFileFormatError(`"manual.entries"[${bad}] is not a manual entry`);
  return v as unknown as TorManual;
}

function checkSource(v: unknown): ManualSource {
  if (!isObject(v) || !isString(v.path) || !isNumber(v.sizeBytes) || !isNumber(v.mtimeMs)) throw new OwnedFileFormatError('"source" does not name a man page');
  return { path: v.path, sizeBytes: v.sizeBytes, mtimeMs: v.mtimeMs };
}

/**
 * A cache file's bytes → its content; undefined when it is sound but stale (another cache format
 * or tor version: simply rewritten). Throws OwnedFileFormatError naming what is wrong otherwise.
 */
export function decodeManualCache(bytes: Uint8Array, torVersion: string): ManualCacheFile | undefined {
  const decoded = decodeTextFile(bytes, true);
  if (decoded.kind === 'binary') throw new OwnedFileFormatError(decoded.problem);
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch (error) {
    // JSON.parse quotes the input; escaped so nothing from the file reaches a terminal as it is.
    const said = (error as Error).message.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    throw new OwnedFileFormatError(`it is not JSON (${said})`);
  }
  if (!isObject(value)) throw new OwnedFileFormatError('it is not a JSON object');
  if (!isNumber(value.format)) throw new OwnedFileFormatError('it has no "format" number');
  if (value.format !== MANUAL_CACHE_FORMAT || value.torVersion !== torVersion) return undefined;
  return { format: value.format, torVersion, source: checkSource(value.source), manual: checkManual(value.manual) };
}
