// Whether the terminal TERM names can show colours, from its compiled terminfo entry (the "colors"
// number `tput colors` prints): TERM=xterm-mono or vt100 get a monochrome UI. ortop still drives the
// screen as xterm-256color (screen.ts); this only decides colour. Must not guess: an entry that
// cannot be found or read says nothing (undefined), and the caller keeps its default.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readFileBounded, type BoundedRead } from '../system/bounded-read.js';

export interface TerminfoEnv {
  readonly TERM?: string | undefined;
  readonly TERMINFO?: string | undefined;
  readonly TERMINFO_DIRS?: string | undefined;
  readonly HOME?: string | undefined;
}

/** Compiled entries are a few KB; anything bigger is not one. */
const ENTRY_MAX_BYTES = 64 * 1024;
const SYSTEM_DIRS = ['/etc/terminfo', '/lib/terminfo', '/usr/share/terminfo', '/usr/lib/terminfo'];
const LEGACY_MAGIC = 0o432;
const EXTENDED_NUMBERS_MAGIC = 0o1036;
/** Index of "colors" (max_colors) among the numeric capabilities (term.h order). */
const MAX_COLORS_INDEX = 13;

/**
 * The "colors" capability of a compiled terminfo entry (term(5)): -1 when the entry has none (a
 * monochrome terminal), undefined when the bytes are not a terminfo entry.
 */
export function parseTerminfoColors(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12) return undefined;
  const magic = view.getInt16(0, true);
  const width = magic === LEGACY_MAGIC ? 2 : magic === EXTENDED_NUMBERS_MAGIC ? 4 : 0;
  if (width === 0) return undefined;
  const namesBytes = view.getInt16(2, true);
  const boolCount = view.getInt16(4, true);
  const numCount = view.getInt16(6, true);
  if (namesBytes < 0 || boolCount < 0 || numCount < 0) return undefined;
  let offset = 12 + namesBytes + boolCount;
  if (offset % 2 === 1) offset++;
  if (offset + numCount * width > bytes.byteLength) return undefined;
  if (numCount <= MAX_COLORS_INDEX) return -1;
  const at = offset + MAX_COLORS_INDEX * width;
  const value = width === 2 ? view.getInt16(at, true) : view.getInt32(at, true);
  return value < 0 ? -1 : value;
}

/** Where ncurses looks for an entry, in its order. */
export function terminfoDirs(env: TerminfoEnv): string[] {
  const dirs: string[] = [];
  if (env.TERMINFO) dirs.push(env.TERMINFO);
  const home = env.HOME ?? homedir();
  if (home) dirs.push(join(home, '.terminfo'));
  for (const dir of (env.TERMINFO_DIRS ?? '').split(':')) {
    if (dir === '') continue;
    dirs.push(dir);
  }
  dirs.push(...SYSTEM_DIRS);
  return dirs;
}

export type ReadEntry = (path: string) => Promise<BoundedRead>;

const readEntry: ReadEntry = (path) => readFileBounded(path, { maxBytes: ENTRY_MAX_BYTES });

/** TERM's colour count from the first entry found, or undefined when none is found (or TERM is odd). */
export async function terminfoColors(env: TerminfoEnv, read: ReadEntry = readEntry): Promise<number | undefined> {
  const term = env.TERM;
  if (term === undefined || term === '' || term.length > 128 || /[/\\\0]/.test(term) || term.startsWith('.')) return undefined;
  const first = term[0]!;
  for (const dir of terminfoDirs(env)) {
    // Linux keeps entries under the first letter, macOS under its hex code.
    for (const sub of [first, first.charCodeAt(0).toString(16)]) {
      const found = await read(join(dir, sub, term));
      if (found.kind !== 'read') continue;
      const colors = parseTerminfoColors(found.bytes);
      if (colors !== undefined) return colors;
    }
  }
  return undefined;
}

/** False only when TERM's terminfo entry says it has fewer than 8 colours (xterm-mono, vt100). */
export async function terminalHasColors(env: TerminfoEnv, read?: ReadEntry): Promise<boolean> {
  const colors = await terminfoColors(env, read);
  return colors === undefined || colors >= 8;
}
