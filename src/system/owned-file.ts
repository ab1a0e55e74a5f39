// Reading back a file ortop owns and rewrites itself (interpreter history, manual cache): bounded,
// checked by the caller's parser, and a bad copy renamed aside (<name>.corrupt-<UTC time>) so the
// next save starts clean and the user can still look at it. Never for a user's own file (config, torrc).
import { lstat, rename } from 'node:fs/promises';
import { describeNonFile, isDevice } from './atomic-write.js';
import { readFileBounded, type OpenForRead } from './bounded-read.js';

export type SetAside =
  | { readonly kind: 'moved'; readonly to: string }
  /** Left where it is: the error may pass (so the file may be fine), or the rename failed. */
  | { readonly kind: 'kept'; readonly reason: string };

export type OwnedFileRead<T> =
  | { readonly kind: 'missing' }
  | { readonly kind: 'loaded'; readonly value: T }
  | { readonly kind: 'bad'; readonly problem: string; readonly setAside: SetAside };

/** What the parser throws for content it will not take; its message says what was wrong. */
export class OwnedFileFormatError extends Error {
  override readonly name = 'OwnedFileFormatError';
}

export interface ReadOwnedFileOptions<T> {
  readonly maxBytes: number;
  /** Bytes → value; throws (an OwnedFileFormatError or any Error) when the content is bad. */
  readonly parse: (bytes: Buffer) => T;
  /** For the set-aside name (default Date.now). */
  readonly nowMs?: () => number;
  readonly open?: OpenForRead;
}

/** "2026-11-27T12:00:00.123Z" → "20261127T120000Z": sortable, no characters a shell or Windows minds. */
export function corruptSuffix(atMs: number): string {
  return `corrupt-${new Date(atMs).toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '')}`;
}

/** Renames `path` to `path.corrupt-<time>` (then -2, -3… if that exists); never overwrites anything. */
export async function setAsideFile(path: string, atMs: number): Promise<SetAside> {
  // A device (a path set to /dev/null) is never ortop's: left alone, even as root.
  const st = await lstat(path).catch(() => undefined);
  if (st !== undefined && isDevice(st)) return { kind: 'kept', reason: `it is ${describeNonFile(st)}, which ortop never moves` };
  const base = `${path}.${corruptSuffix(atMs)}`;
  for (let n = 1; n <= 20; n++) {
    const to = n === 1 ? base : `${base}-${n}`;
    const taken = await lstat(to).then(
      () => true,
      () => false,
    );
    if (taken) continue;
    try {
      await rename(path, to);
      return { kind: 'moved', to };
    } catch (error) {
      return { kind: 'kept', reason: `renaming it aside failed: ${(error as Error).message}` };
    }
  }
  return { kind: 'kept', reason: `${base} and 19 more set-aside names are taken` };
}

export async function readOwnedFile<T>(path: string, options: ReadOwnedFileOptions<T>): Promise<OwnedFileRead<T>> {
  // noFollow: a symlink in place of the file is set aside like any bad copy (the next save replaces the link, not its target).
  const read = await readFileBounded(path, { maxBytes: options.maxBytes, noFollow: true, ...(options.open === undefined ? {} : { open: options.open }) });
  if (read.kind === 'missing') return read;
  const nowMs = options.nowMs ?? Date.now;
  if (read.kind === 'refused') {
    if (read.transient) return { kind: 'bad', problem: read.problem, setAside: { kind: 'kept', reason: 'the error may pass' } };
    return { kind: 'bad', problem: read.problem, setAside: await setAsideFile(path, nowMs()) };
  }
  let value: T;
  try {
    value = options.parse(read.bytes);
  } catch (error) {
    return { kind: 'bad', problem: error instanceof Error ? error.message : String(error), setAside: await setAsideFile(path, nowMs()) };
  }
  return { kind: 'loaded', value };
}

/** One line for ortop's log: what the file is, where, what was wrong, and where it went. */
export function describeBadOwnedFile(what: string, path: string, bad: { readonly problem: string; readonly setAside: SetAside }, then: string): string {
  const where = bad.setAside.kind === 'moved' ? `moved it aside to ${bad.setAside.to}` : `left it in place (${bad.setAside.reason})`;
  return `${what} ${path} could not be used: ${bad.problem}; ${where}; ${then}`;
}
