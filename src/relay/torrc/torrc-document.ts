// A torrc with its %include files followed: one section per file in the order tor reads them,
// and the entries in tor's effective order (an included file's entries stand where its %include
// line is). Pure data and walks; reading the files is src/app/session/torrc-loader.ts's job.
import type { ParsedTorrc, TorrcEntry } from './parse-torrc.js';

export interface TorrcSection {
  readonly path: string;
  /** undefined when the file could not be read (see error). */
  readonly parsed: ParsedTorrc | undefined;
  readonly error?: string;
  /** ortop did not read it because it is not plausibly tor's file (system/tor-file-check.ts): why. */
  readonly notShown?: string;
  /** 0 for the torrc itself. */
  readonly depth: number;
  /** The %include line that brought this file in. */
  readonly includedFrom?: { readonly section: number; readonly lineNo: number };
}

export interface TorrcDocument {
  readonly mainPath: string;
  readonly sections: readonly TorrcSection[];
  /** Something was left out (too many files, too deep, too big), said in words. */
  readonly truncated?: string;
}

export interface PlacedEntry {
  readonly section: number;
  readonly entry: TorrcEntry;
}

/** Entries as tor applies them: depth-first through %include lines. */
export function effectiveEntries(doc: TorrcDocument): PlacedEntry[] {
  const children = new Map<string, number[]>();
  doc.sections.forEach((s, i) => {
    if (s.includedFrom === undefined) return;
    const key = `${s.includedFrom.section}:${s.includedFrom.lineNo}`;
    children.set(key, [...(children.get(key) ?? []), i]);
  });
  const out: PlacedEntry[] = [];
  const walk = (section: number, seen: Set<number>) => {
    if (seen.has(section)) return;
    seen.add(section);
    for (const entry of doc.sections[section]?.parsed?.entries ?? []) {
      if (entry.isInclude) for (const child of children.get(`${section}:${entry.lineNo}`) ?? []) walk(child, seen);
      else out.push({ section, entry });
    }
  };
  if (doc.sections.length > 0) walk(0, new Set());
  return out;
}

/** Whether any file uses %include (SAVECONF would then flatten them into one torrc). */
export function includeLines(doc: TorrcDocument): PlacedEntry[] {
  const out: PlacedEntry[] = [];
  doc.sections.forEach((s, section) => {
    for (const entry of s.parsed?.entries ?? []) if (entry.isInclude) out.push({ section, entry });
  });
  return out;
}

/** A %include pattern's last component as a RegExp (tor: '*' any run, '?' one char, '\' escapes). */
export function includePatternRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export const hasWildcard = (text: string): boolean => /(^|[^\\])[*?]/.test(text);
