// Parses tor(1) as installed (roff, as docbook or a hand-written man page produces it) into option
// entries: name(s), usage, section (the category), summary and paragraphs. Pure: text in, data out;
// never reads files and never keeps tor's text anywhere but in the returned value.
//
// What it understands (man(7) and the subset of groff the tor manual uses):
//   .SH "GENERAL OPTIONS"                 section heading → category "General"
//   .PP / \fBName\fR usage / .RS … .RE    an entry whose body is the indented block (docbook style)
//   .TP / \fBName\fR usage / body…        a tagged paragraph (hand-written style); .B/.BI tag lines too
//   .IP "\fBName\fR usage"                an indented paragraph whose tag names an option
//   "\fBA\fR usage, \fBB\fR usage"         one entry documenting several options
//   .sp .br blank lines → paragraph breaks; .nf/.fi → preformatted lines; .RS/.RE → indent;
//   .ie n / .if n blocks are taken (nroff), .el and .if t blocks skipped.
import { parseRoffRuns, roffToText, type RoffFont, type RoffRun } from './roff-inline.js';

export interface ManualParagraph {
  readonly text: string;
  /** Nesting below the entry's own body (0 = body text). */
  readonly indent: number;
  /** Lines to keep as they are (examples). */
  readonly preformatted?: boolean;
}

export interface ManualEntry {
  /** Option name as the manual spells it. */
  readonly name: string;
  /** From the section heading: "General", "Client", "Server", "Hidden Service"… */
  readonly category: string;
  /** What follows the name on the tag line: "[address:]port|unix:path|auto [flags]". */
  readonly usage: string;
  /** The description's first sentence. */
  readonly summary: string;
  readonly description: readonly ManualParagraph[];
  /** Position in the manual (entries sharing a tag share it). */
  readonly index: number;
}

export interface TorManual {
  readonly entries: readonly ManualEntry[];
  /** Categories in manual order. */
  readonly categories: readonly string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SMALL_WORDS = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'to', 'a']);

/** "DENIAL OF SERVICE MITIGATION OPTIONS" → "Denial of Service Mitigation". */
export function categoryFromHeading(heading: string): string {
  const words = heading.replace(/\s+OPTIONS\s*$/i, '').trim().toLowerCase().split(/\s+/);
  return words
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : w.replace(/(^|-)([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase())))
    .join(' ');
}

interface TagName {
  readonly name: string;
  readonly usage: string;
}

/** Option names on a tag line: bold identifiers at its start or right after a comma. */
export function parseTagLine(runs: readonly RoffRun[]): TagName[] {
  const found: Array<{ name: string; at: number }> = [];
  let before = '';
  runs.forEach((run, i) => {
    const word = run.text.trim();
    if (run.font === 'B' && NAME.test(word) && (found.length === 0 ? before.trim() === '' : /,\s*$/.test(before))) {
      found.push({ name: word, at: i });
      before = '';
      return;
    }
    if (found.length === 0 && before.trim() === '' && run.font !== 'B' && run.text.trim() !== '') before = run.text;
    else before += run.text;
  });
  if (found.length === 0 || found[0]!.at !== firstVisible(runs)) return [];
  return found.map((f, k) => {
    const end = k + 1 < found.length ? found[k + 1]!.at : runs.length;
    const usage = runs
      .slice(f.at + 1, end)
      .map((r) => r.text)
      .join('')
      .replace(/,\s*$/, '')
      .replace(/\s+/g, ' ')
      .trim();
    return { name: f.name, usage };
  });
}

function firstVisible(runs: readonly RoffRun[]): number {
  const i = runs.findIndex((r) => r.text.trim() !== '');
  return i < 0 ? 0 : i;
}

/** .B/.I/.BI/.BR… arguments as one inline line with font escapes. */
function macroLine(macro: string, rest: string): string {
  const args: string[] = [];
  const re = /"((?:[^"]|"")*)"|(\S+)/g;
  for (let m = re.exec(rest); m !== null; m = re.exec(rest)) args.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!);
  const fonts = macro.length === 1 ? [macro] : macro.split('');
  if (macro.length === 1) return `\\f${macro}${args.join(' ')}\\fR`;
  return args.map((a, i) => `\\f${fonts[i % fonts.length]}${a}`).join('') + '\\fR';
}

/** The first sentence, for the one-line summary. */
export function firstSentence(text: string, maxChars = 240): string {
  const re = /[.!?](?=\s+[A-Z("]|\s*$)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const upTo = text.slice(0, m.index + 1);
    if (/\b(?:e\.g|i\.e|etc|vs|approx|cf)\.$/i.test(upTo)) continue;
    return upTo.length <= maxChars ? upTo : `${upTo.slice(0, maxChars - 1)}…`;
  }
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

interface OpenEntry {
  readonly names: TagName[];
  readonly category: string;
  readonly depth: number;
  /** 'rs': the body is the .RS block right after the tag; 'flow': text until the next tag. */
  form: 'pending' | 'rs' | 'flow';
  readonly paragraphs: ManualParagraph[];
}

export function parseTorManual(roff: string): TorManual {
  const lines = roff.split(/\r?\n/);
  const entries: ManualEntry[] = [];
  const categories: string[] = [];
  const seen = new Set<string>();
  let category = '';
  let depth = 0;
  let entry: OpenEntry | undefined;
  let pendingTag: 'pp' | 'tp' | 'sp' | undefined;
  /** Names tagged on their own (".sp / \\fBA\\fR usage") that share the next entry's text. */
  let groupNames: TagName[] = [];
  let paragraph = '';
  let paragraphDepth = 0;
  let prefix = '';
  let nofill = false;
  let joinNext = false;
  let font: RoffFont = 'R';
  let skipDepth = 0; // > 0 while inside a skipped conditional block
  let lastWasIe: boolean | undefined;
  let index = 0;

  const flush = () => {
    const text = nofill ? paragraph.replace(/\s+$/, '') : paragraph.replace(/\s+/g, ' ').trim();
    if (text !== '' && entry !== undefined && entry.form !== 'pending') {
      const indent = Math.max(0, paragraphDepth - entry.depth - (entry.form === 'rs' ? 1 : 0));
      entry.paragraphs.push(nofill ? { text, indent, preformatted: true } : { text, indent });
    }
    paragraph = '';
    prefix = '';
    joinNext = false;
  };
  const close = () => {
    flush();
    if (entry === undefined) return;
    const e = entry;
    entry = undefined;
    if (e.form === 'pending') e.form = 'flow';
    const summary = firstSentence(e.paragraphs.find((p) => !p.preformatted)?.text ?? '');
    for (const { name, usage } of e.names) {
      const key = name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ name, category: e.category, usage, summary, description: e.paragraphs, index });
    }
    index++;
  };
  const startEntry = (names: TagName[], inline?: string) => {
    close();
    entry = { names: [...groupNames, ...names], category, depth, form: 'pending', paragraphs: [] };
    groupNames = [];
    if (inline !== undefined) {
      entry.form = 'flow';
      entry.paragraphs.push({ text: inline, indent: 0 });
    }
  };
  const text = (line: string) => {
    const parsed = parseRoffRuns(line, font);
    font = parsed.font;
    if (pendingTag !== undefined) {
      const kind = pendingTag;
      pendingTag = undefined;
      const atTop = entry === undefined ? depth === 0 : depth <= entry.depth;
      const names = atTop && (kind === 'tp' || depth === 0) ? parseTagLine(parsed.runs) : [];
      const last = names[names.length - 1];
      // "\fBFamilyKeyDirectory\fR \fIdirectory\fR: Configure a directory…" — tag and text on one line.
      const inline = last === undefined ? null : /^(.*?):\s+([A-Z].*)$/.exec(last.usage);
      if (last !== undefined && inline !== null) {
        startEntry([...names.slice(0, -1), { name: last.name, usage: inline[1]!.trim() }], inline[2]!);
        return;
      }
      if (names.length > 0 && kind === 'sp') {
        groupNames.push(...names);
        return;
      }
      if (names.length > 0) {
        startEntry(names);
        return;
      }
      if (kind === 'sp') groupNames = [];
    }
    if (entry !== undefined && entry.form === 'pending') entry.form = 'flow';
    const plain = parsed.runs.map((r) => r.text).join('');
    if (paragraph === '' && !joinNext) {
      paragraphDepth = depth;
      paragraph = prefix + plain;
      prefix = '';
    } else if (nofill) paragraph += `\n${plain}`;
    else paragraph += (joinNext ? '' : ' ') + plain;
    joinNext = parsed.continues;
  };

  for (const raw of lines) {
    if (skipDepth > 0) {
      if (/\\\{/.test(raw)) skipDepth++;
      if (/^\s*[.']\s*\\\}/.test(raw) || /\\\}\s*$/.test(raw)) skipDepth--;
      continue;
    }
    if (raw.startsWith('.') || raw.startsWith("'")) {
      const request = raw.slice(1).trimStart();
      if (request.startsWith('\\"') || request === '') continue;
      if (request.startsWith('\\}')) continue;
      const m = /^(\S+)\s*(.*)$/.exec(request);
      const name = m?.[1] ?? '';
      const rest = m?.[2] ?? '';
      if (name === 'ie' || name === 'if' || name === 'el') {
        const opensBlock = /\\\{\\?\s*$/.test(rest);
        const cond = name === 'el' ? lastWasIe === false : /^n\b/.test(rest);
        if (name === 'ie') lastWasIe = /^n\b/.test(rest);
        if (opensBlock && !cond) skipDepth = 1;
        continue;
      }
      switch (name) {
        case 'SH':
        case 'SS': {
          close();
          depth = 0;
          pendingTag = undefined;
          groupNames = [];
          if (name === 'SH') {
            category = categoryFromHeading(roffToText(rest.replace(/^"|"$/g, '')));
            if (!categories.includes(category)) categories.push(category);
          }
          break;
        }
        case 'PP':
        case 'P':
        case 'LP':
          flush();
          if (entry !== undefined && entry.form === 'flow' && depth <= entry.depth) close();
          pendingTag = 'pp';
          break;
        case 'TP':
          flush();
          if (entry !== undefined && depth <= entry.depth) close();
          pendingTag = 'tp';
          break;
        case 'IP': {
          flush();
          const tagText = rest.match(/^"((?:[^"]|"")*)"|^(\S+)/);
          const tag = tagText?.[1] ?? tagText?.[2] ?? '';
          const names = depth === 0 ? parseTagLine(parseRoffRuns(tag).runs) : [];
          if (names.length > 0) startEntry(names);
          else if (tag.trim() !== '') prefix = `${roffToText(tag).trim()} `;
          break;
        }
        case 'RS':
          flush();
          if (entry !== undefined && entry.form === 'pending') entry.form = 'rs';
          depth++;
          break;
        case 'RE':
          flush();
          depth = Math.max(0, depth - 1);
          if (entry !== undefined && entry.form === 'rs' && depth <= entry.depth) close();
          break;
        case 'sp':
          flush();
          if (entry === undefined && depth === 0) pendingTag = 'sp';
          break;
        case 'br':
        case 'ne':
          flush();
          break;
        case 'nf':
          flush();
          nofill = true;
          break;
        case 'fi':
          flush();
          nofill = false;
          break;
        case 'B':
        case 'I':
        case 'BI':
        case 'IB':
        case 'BR':
        case 'RB':
        case 'IR':
        case 'RI':
          if (rest !== '') text(macroLine(name, rest));
          break;
        default:
          break; // .TH .nh .ad .ps .it .nr .ft .in .ds … change nothing we keep
      }
      continue;
    }
    if (raw.trim() === '') {
      if (nofill) {
        if (paragraph !== '') paragraph += '\n';
      } else flush();
      continue;
    }
    text(raw);
  }
  close();
  return { entries, categories: categories.filter((c) => entries.some((e) => e.category === c)) };
}

/** Lookup by option name, case-insensitively (tor's option names are). */
export function indexManual(manual: TorManual): Map<string, ManualEntry> {
  const map = new Map<string, ManualEntry>();
  for (const entry of manual.entries) map.set(entry.name.toLowerCase(), entry);
  return map;
}
