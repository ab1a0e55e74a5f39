// Reads a torrc and, like tor, every file its %include lines name (files, directories' files in
// lexical order skipping dot files and subdirectories, '*'/'?' wildcards in the last component,
// recursion). Bounded: at most 64 files, 16 levels, 1 MiB per file. Reads only; never writes.
// Files come through torrcFsFor (system/tor-file.ts): a path from tor is shown only when it is
// plausibly tor's; otherwise its section says why not.
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { hasWildcard, includePatternRegExp, type TorrcDocument, type TorrcSection } from '../../relay/torrc/torrc-document.js';
import { parseTorrc } from '../../relay/torrc/parse-torrc.js';
import { TORRC_DIR_RULE, TORRC_RULE, type TorOwner } from '../../system/tor-file-check.js';
import { listTorDir, readTorFile, TorFileRefusedError } from '../../system/tor-file.js';

export interface TorrcFs {
  readFile(path: string): Promise<Uint8Array>;
  kind(path: string): Promise<{ readonly type: 'file' | 'dir' | 'other'; readonly sizeBytes: number }>;
  list(path: string): Promise<string[]>;
}

/** The torrc files of the tor running as `owner`, each judged before it is read or listed. */
export function torrcFsFor(owner: TorOwner): TorrcFs {
  return {
    readFile: (path) => readTorFile(path, owner, TORRC_RULE),
    async kind(path) {
      const s = await stat(path);
      return { type: s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other', sizeBytes: s.size };
    },
    list: (path) => listTorDir(path, owner, TORRC_DIR_RULE),
  };
}

const MAX_FILES = 64;
const MAX_DEPTH = 16;
const MAX_BYTES = 1024 * 1024;

const NOT_REGULAR = 'not a regular file (a FIFO, socket or device): not read';

const WORDS: Readonly<Record<string, string>> = { ENOENT: 'it does not exist', EACCES: 'permission denied', EPERM: 'permission denied', ELOOP: 'a loop of symbolic links' };

/** "ENOENT: it does not exist": the code, then words (node's message repeats the code and the syscall). */
const describe = (error: unknown) => {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e.code !== 'string') return String(e.message ?? error);
  return `${e.code}: ${WORDS[e.code] ?? String(e.message ?? '').replace(new RegExp(`^${e.code}: `), '')}`;
};

export async function loadTorrcDocument(mainPath: string, fs: TorrcFs): Promise<TorrcDocument> {
  const sections: TorrcSection[] = [];
  let truncated: string | undefined;
  const readOne = async (path: string, depth: number, includedFrom: TorrcSection['includedFrom']): Promise<void> => {
    if (sections.length >= MAX_FILES) {
      truncated = `more than ${MAX_FILES} files: the rest are not shown`;
      return;
    }
    const base = { path, depth, ...(includedFrom === undefined ? {} : { includedFrom }) };
    const index = sections.length;
    try {
      const info = await fs.kind(path);
      if (info.type === 'other') {
        // A FIFO or device: reading it could block for ever or never end.
        sections.push({ ...base, parsed: undefined, error: NOT_REGULAR });
        return;
      }
      if (info.sizeBytes > MAX_BYTES) {
        sections.push({ ...base, parsed: undefined, error: `${info.sizeBytes} bytes: too big to show (limit ${MAX_BYTES})` });
        return;
      }
      const text = new TextDecoder('utf-8').decode(await fs.readFile(path));
      sections.push({ ...base, parsed: parseTorrc(text) });
    } catch (error) {
      sections.push({ ...base, parsed: undefined, ...(error instanceof TorFileRefusedError ? { notShown: error.reason } : { error: describe(error) }) });
      return;
    }
    for (const entry of sections[index]!.parsed!.entries) {
      if (!entry.isInclude) continue;
      if (depth + 1 > MAX_DEPTH) {
        truncated = `%include nested deeper than ${MAX_DEPTH} levels`;
        continue;
      }
      for (const target of await expandInclude(entry.value, dirname(path), fs)) {
        if (sections.some((s) => s.path === target.path)) continue;
        if (target.error !== undefined || target.notShown !== undefined) {
          const why = target.notShown !== undefined ? { notShown: target.notShown } : { error: target.error };
          sections.push({ path: target.path, parsed: undefined, ...why, depth: depth + 1, includedFrom: { section: index, lineNo: entry.lineNo } });
          continue;
        }
        await readOne(target.path, depth + 1, { section: index, lineNo: entry.lineNo });
      }
    }
  };
  await readOne(mainPath, 0, undefined);
  return truncated === undefined ? { mainPath, sections } : { mainPath, sections, truncated };
}

type IncludeTarget = { path: string; error?: string; notShown?: string };

const failed = (path: string, error: unknown): IncludeTarget => (error instanceof TorFileRefusedError ? { path, notShown: error.reason } : { path, error: describe(error) });

async function expandInclude(value: string, relativeTo: string, fs: TorrcFs): Promise<IncludeTarget[]> {
  const path = isAbsolute(value) ? value : resolve(relativeTo, value);
  let matches: string[];
  if (hasWildcard(basename(path))) {
    const dir = dirname(path);
    const re = includePatternRegExp(basename(path));
    const dotAllowed = basename(path).startsWith('.');
    try {
      matches = (await fs.list(dir)).filter((n) => re.test(n) && (dotAllowed || !n.startsWith('.'))).sort().map((n) => join(dir, n));
    } catch (error) {
      return [failed(path, error)];
    }
  } else matches = [path];
  const out: IncludeTarget[] = [];
  for (const match of matches) {
    let kind: Awaited<ReturnType<TorrcFs['kind']>>;
    try {
      kind = await fs.kind(match);
    } catch (error) {
      out.push({ path: match, error: describe(error) });
      continue;
    }
    if (kind.type === 'file') out.push({ path: match });
    else if (kind.type === 'dir') {
      let listed: string[];
      try {
        listed = await fs.list(match);
      } catch (error) {
        out.push(failed(match, error));
        continue;
      }
      const names = listed.filter((n) => !n.startsWith('.')).sort();
      for (const name of names) {
        const child = join(match, name);
        const childKind = await fs.kind(child).catch(() => undefined);
        if (childKind?.type === 'file') out.push({ path: child });
      }
    } else out.push({ path: match, error: NOT_REGULAR });
  }
  return out;
}
