// Checks a torrc (with its includes) against the running tor, as arm did and Nyx dropped: options
// this tor does not know, single-valued options given twice (the earlier line is dead), values
// that differ from what tor runs with (file edited without a reload, or changed by a controller),
// and values equal to tor's default. One short reason per marked line. Pure.
import { formatConfValue, isLineListType, normalizeConfValue, sameConfValues } from '../config/value-units.js';
import type { TorrcDocument } from './torrc-document.js';
import { SCREEN_MASK, secretOptionNamed } from '../../protocol/secret-options.js';
import { effectiveEntries, type PlacedEntry } from './torrc-document.js';

export type TorrcMarkKind = 'unknown-option' | 'abbreviation' | 'duplicate' | 'differs' | 'default' | 'syntax';

export interface TorrcMark {
  readonly section: number;
  readonly lineNo: number;
  readonly kind: TorrcMarkKind;
  readonly reason: string;
}

export interface TorrcValidationInput {
  /** Option types by lower-cased name (config/names). */
  readonly types: ReadonlyMap<string, { readonly name: string; readonly type: string }>;
  /** Names config/names does not list: lower-cased written name → canonical name (an old alias), or null = unknown. */
  readonly aliases: ReadonlyMap<string, string | null>;
  /** Running values by lower-cased canonical name (GETCONF). Options missing here are not compared. */
  readonly running: ReadonlyMap<string, readonly string[]>;
  /** Defaults by lower-cased name (config/defaults). */
  readonly defaults: ReadonlyMap<string, readonly string[]>;
}

/** Names the file uses that config/names does not list (see resolveOptionAliases). */
export function unlistedNames(doc: TorrcDocument, types: ReadonlyMap<string, unknown>): string[] {
  const out = new Set<string>();
  for (const { entry } of effectiveEntries(doc)) if (!types.has(entry.key.toLowerCase())) out.add(entry.key);
  return [...out];
}

/** Canonical names the file sets (for the GETCONF of running values). */
export function canonicalNames(doc: TorrcDocument, input: Pick<TorrcValidationInput, 'types' | 'aliases'>): string[] {
  const out = new Set<string>();
  for (const { entry } of effectiveEntries(doc)) {
    const name = resolveName(entry.key, input);
    if (name !== undefined && input.types.get(name.toLowerCase())?.type !== 'Virtual') out.add(name);
  }
  return [...out];
}

function resolveName(key: string, input: Pick<TorrcValidationInput, 'types' | 'aliases'>): string | undefined {
  const listed = input.types.get(key.toLowerCase());
  if (listed !== undefined) return listed.name;
  return input.aliases.get(key.toLowerCase()) ?? undefined;
}

const show = (type: string, values: readonly string[]) => (values.length === 0 ? '(nothing)' : values.map((v) => (v === '' ? '""' : formatConfValue(type, v))).join('; '));
const clip = (text: string, max = 60) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function validateTorrc(doc: TorrcDocument, input: TorrcValidationInput): TorrcMark[] {
  const marks: TorrcMark[] = [];
  const mark = (p: PlacedEntry, kind: TorrcMarkKind, reason: string) => marks.push({ section: p.section, lineNo: p.entry.lineNo, kind, reason });
  const place = (p: PlacedEntry) => (p.section === 0 ? `line ${p.entry.lineNo}` : `line ${p.entry.lineNo} of ${doc.sections[p.section]?.path ?? '?'}`);

  doc.sections.forEach((s, section) => {
    for (const problem of s.parsed?.problems ?? []) marks.push({ section, lineNo: problem.lineNo, kind: 'syntax', reason: problem.message });
  });

  const byOption = new Map<string, { name: string; type: string; placed: PlacedEntry[]; values: string[] }>();
  for (const p of effectiveEntries(doc)) {
    const name = resolveName(p.entry.key, input);
    if (name === undefined) {
      mark(p, 'unknown-option', `this tor has no option "${p.entry.key}": it would refuse to start or reload`);
      continue;
    }
    if (name.toLowerCase() !== p.entry.key.toLowerCase()) mark(p, 'abbreviation', `old name: tor reads this as ${name}`);
    const type = input.types.get(name.toLowerCase())?.type ?? 'String';
    const group = byOption.get(name.toLowerCase()) ?? { name, type, placed: [], values: [] };
    byOption.set(name.toLowerCase(), group);
    if (p.entry.op === 'clear') {
      group.values = [];
      group.placed = [p];
      continue;
    }
    if (isLineListType(type)) {
      const same = group.placed.find((q) => q.entry.op !== 'clear' && normalizeConfValue(type, q.entry.value) === normalizeConfValue(type, p.entry.value));
      if (same !== undefined) mark(p, 'duplicate', `same ${name} line as ${place(same)}`);
      group.values.push(p.entry.value);
      group.placed.push(p);
      continue;
    }
    const earlier = group.placed[group.placed.length - 1];
    if (earlier !== undefined && earlier.entry.op !== 'clear') {
      marks.push({ section: earlier.section, lineNo: earlier.entry.lineNo, kind: 'duplicate', reason: `${name} is set again at ${place(p)}: this line has no effect` });
    }
    group.values = [p.entry.value];
    group.placed = [p];
  }

  for (const [lower, group] of byOption) {
    const last = group.placed[group.placed.length - 1];
    if (last === undefined) continue;
    const running = input.running.get(lower);
    const checkable = group.type !== 'Virtual' && !/^hiddenservice/.test(lower);
    if (running !== undefined && checkable && !sameConfValues(group.type, group.values, running)) {
      const secret = secretOptionNamed(group.name) !== undefined;
      mark(last, 'differs', `tor runs with ${secret ? `a different value (${SCREEN_MASK}: a secret option)` : clip(show(group.type, running))}: file changed since tor read it, or a controller changed it`);
      continue;
    }
    const defaults = input.defaults.get(lower);
    if (defaults !== undefined && defaults.length > 0 && group.values.length > 0 && sameConfValues(group.type, group.values, defaults)) {
      mark(last, 'default', `same as tor's default (${secretOptionNamed(group.name) !== undefined ? SCREEN_MASK : clip(show(group.type, defaults), 30)}): the line can go`);
    }
  }
  return marks.sort((a, b) => a.section - b.section || a.lineNo - b.lineNo);
}
