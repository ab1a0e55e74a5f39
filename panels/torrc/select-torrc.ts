// The torrc page as lines: the file and its %include files as sections, syntax coloured, with
// optional line numbers, comments shown or stripped, long lines wrapped (continuations marked ↪)
// and each validation mark at the end of its line. Plus the view state and key reducer (scrolling
// by display line, l, s). Pure.
import type { TorrcMark, TorrcMarkKind } from '../../src/relay/torrc/validate-torrc.js';
import type { TorrcDocument } from '../../src/relay/torrc/torrc-document.js';
import type { TorrcLine } from '../../src/relay/torrc/parse-torrc.js';
import { lineWidth, seg, truncateLine, type Line, type Segment, type Style } from '../../src/terminal/theme.js';
import { wrapRanges } from '../log/log-wrap.js';
import { displayWidth } from '../../src/terminal/width.js';
import { wrapText } from '../config/wrap-text.js';
import { maskSecretTorrcLines } from './mask-secrets.js';
import { colorTorrcLine } from './torrc-syntax.js';

export interface TorrcView {
  readonly showLineNumbers: boolean;
  readonly showComments: boolean;
  readonly scroll: number;
  readonly pageRows: number;
}

export const initialTorrcView = (): TorrcView => ({ showLineNumbers: true, showComments: true, scroll: 0, pageRows: 10 });

export type TorrcStatus =
  | { readonly kind: 'loading' }
  | { readonly kind: 'unavailable'; readonly message: string }
  | { readonly kind: 'ready'; readonly doc: TorrcDocument };

export type ValidationStatus = { readonly kind: 'pending' } | { readonly kind: 'done' } | { readonly kind: 'unavailable'; readonly message: string };

export interface TorrcPageModel {
  readonly status: TorrcStatus;
  readonly marks: readonly TorrcMark[];
  readonly validation: ValidationStatus;
}

export function reduceTorrcKey(view: TorrcView, key: string): { view: TorrcView; used: boolean } {
  const page = Math.max(1, view.pageRows - 1);
  switch (key) {
    case 'l':
      return { view: { ...view, showLineNumbers: !view.showLineNumbers }, used: true };
    case 's':
      return { view: { ...view, showComments: !view.showComments, scroll: 0 }, used: true };
    case 'up':
    case 'k':
      return { view: { ...view, scroll: Math.max(0, view.scroll - 1) }, used: true };
    case 'down':
    case 'j':
      return { view: { ...view, scroll: view.scroll + 1 }, used: true };
    case 'pageup':
      return { view: { ...view, scroll: Math.max(0, view.scroll - page) }, used: true };
    case 'pagedown':
    case 'space':
      return { view: { ...view, scroll: view.scroll + page }, used: true };
    case 'home':
      return { view: { ...view, scroll: 0 }, used: true };
    case 'end':
      return { view: { ...view, scroll: Number.MAX_SAFE_INTEGER }, used: true };
    default:
      return { view, used: false };
  }
}

const SEVERITY: readonly TorrcMarkKind[] = ['syntax', 'unknown-option', 'differs', 'duplicate', 'abbreviation', 'default'];
const MARK_STYLE: Readonly<Record<TorrcMarkKind, Style>> = {
  syntax: { fg: 'red', bold: true },
  'unknown-option': { fg: 'red', bold: true },
  differs: { fg: 'yellow', bold: true },
  duplicate: { fg: 'yellow' },
  abbreviation: { fg: 'cyan' },
  default: { fg: 'blue' },
};

type Row =
  | { readonly kind: 'heading'; readonly text: string; readonly style: Style }
  | { readonly kind: 'line'; readonly line: TorrcLine; readonly marks: readonly TorrcMark[]; readonly numberWidth: number };

function buildRows(doc: TorrcDocument, marks: readonly TorrcMark[], view: TorrcView): Row[] {
  const rows: Row[] = [];
  const bySection = new Map<string, TorrcMark[]>();
  for (const m of marks) {
    const key = `${m.section}:${m.lineNo}`;
    bySection.set(key, [...(bySection.get(key) ?? []), m]);
  }
  doc.sections.forEach((section, index) => {
    if (index > 0) {
      const from = section.includedFrom === undefined ? '' : ` (from ${doc.sections[section.includedFrom.section]?.path ?? '?'} line ${section.includedFrom.lineNo})`;
      rows.push({ kind: 'heading', text: `%include ${section.path}${from}`, style: { fg: 'magenta', bold: true } });
    }
    if (section.parsed === undefined) {
      const text = section.notShown !== undefined ? `not shown: ${section.path}: ${section.notShown}` : `cannot read ${section.path}: ${section.error ?? 'unknown error'}`;
      rows.push({ kind: 'heading', text, style: { fg: 'red' } });
      return;
    }
    const numberWidth = String(section.parsed.lines.length).length;
    for (const line of maskSecretTorrcLines(section.parsed.lines)) {
      if (!view.showComments && (line.kind === 'comment' || line.kind === 'blank')) continue;
      const shown = !view.showComments && line.commentAt !== undefined ? { ...line, text: line.text.slice(0, line.commentAt).trimEnd() } : line;
      const { commentAt: _dropped, ...withoutComment } = shown;
      rows.push({ kind: 'line', line: view.showComments ? shown : withoutComment, marks: bySection.get(`${index}:${line.lineNo}`) ?? [], numberWidth });
    }
  });
  if (doc.truncated !== undefined) rows.push({ kind: 'heading', text: `(${doc.truncated})`, style: { fg: 'yellow' } });
  return rows;
}

/** The segments of `line` between character offsets [from, to) of its joined text. */
function sliceSegments(line: Line, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const s of line) {
    const start = Math.max(from, at);
    const end = Math.min(to, at + s.text.length);
    if (end > start) out.push(seg(s.text.slice(start - at, end - at), s.style));
    at += s.text.length;
  }
  return out;
}

const CONTINUATION_MARK = '↪';

/**
 * One torrc row as display lines, wrapped at spaces (a word cut only when wider than the page);
 * continuation lines carry a mark in the line-number column:
 *   12 ExitPolicy accept *:80, accept *:443, accept *:8080,
 *    ↪ reject *:*                               ◀ differs from tor (+1)
 */
function renderRow(row: Row, width: number, view: TorrcView): Line[] {
  if (row.kind === 'heading') return [truncateLine([seg(row.text, row.style)], width)];
  const gutter = view.showLineNumbers ? row.numberWidth + 1 : 2;
  const number: Line = view.showLineNumbers ? [seg(`${String(row.line.lineNo).padStart(row.numberWidth)} `, { fg: 'yellow', bold: true })] : [];
  const mark: Line = [seg(`${' '.repeat(Math.max(0, gutter - 2))}${CONTINUATION_MARK} `, { fg: 'gray' })];
  const text = colorTorrcLine(row.line);
  const plain = text.map((s) => s.text).join('');
  const bodyWidth = Math.max(1, width - gutter);
  const { ranges } = wrapRanges(plain, view.showLineNumbers ? bodyWidth : width, bodyWidth, Number.MAX_SAFE_INTEGER);
  const lines: Line[] = ranges.length === 0 ? [number] : ranges.map(([from, to], i) => [...(i === 0 ? number : mark), ...sliceSegments(text, from, to)]);
  const sorted = [...row.marks].sort((a, b) => SEVERITY.indexOf(a.kind) - SEVERITY.indexOf(b.kind));
  const first = sorted[0];
  if (first !== undefined) {
    const note = seg(`  ◀ ${first.reason}${sorted.length > 1 ? ` (+${sorted.length - 1})` : ''}`, MARK_STYLE[first.kind]);
    const last = lines[lines.length - 1]!;
    // Beside the line's end (cut to fit) when at least half the width is left for it; else below.
    if (lineWidth(last) + displayWidth(note.text) <= width || lineWidth(last) <= Math.floor(width / 2)) lines[lines.length - 1] = [...last, note];
    else lines.push([...mark, seg(note.text.trimStart(), note.style)]);
  }
  return lines.map((l) => truncateLine(l, width));
}

function summary(model: TorrcPageModel): { text: string; style: Style } {
  const unread = model.status.kind === 'ready' ? model.status.doc.sections.filter((s) => s.parsed === undefined).length : 0;
  const notRead = unread === 0 ? '' : `${unread} file${unread === 1 ? '' : 's'} not read`;
  if (model.validation.kind === 'pending') return { text: 'checking against the running tor…', style: { fg: 'gray' } };
  if (model.validation.kind === 'unavailable') return { text: `not checked: ${model.validation.message}`, style: { fg: 'gray' } };
  if (model.marks.length === 0) return unread === 0 ? { text: 'no problems found', style: { fg: 'green' } } : { text: `${notRead}; no problems in the rest`, style: { fg: 'red' } };
  const counts = new Map<TorrcMarkKind, number>();
  for (const m of model.marks) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  const names: Record<TorrcMarkKind, string> = { syntax: 'syntax', 'unknown-option': 'unknown', differs: 'differ from tor', duplicate: 'duplicate', abbreviation: 'abbreviated', default: 'default value' };
  const text = [notRead, ...SEVERITY.filter((k) => counts.has(k)).map((k) => `${counts.get(k)} ${names[k]}`)].filter((t) => t !== '').join(', ');
  return { text, style: { fg: unread > 0 || counts.has('unknown-option') || counts.has('syntax') ? 'red' : 'yellow' } };
}

export interface TorrcSelection {
  readonly lines: Line[];
  readonly scroll: number;
  readonly pageRows: number;
}

export function selectTorrcPage(model: TorrcPageModel, view: TorrcView, width: number, height: number): TorrcSelection {
  const w = Math.max(0, Math.floor(width));
  const h = Math.max(0, Math.floor(height));
  if (w === 0 || h === 0) return { lines: [], scroll: 0, pageRows: 0 };
  const status = model.status;
  const path = status.kind === 'ready' ? status.doc.mainPath : '';
  const title: Line = [seg('Tor configuration file', { bold: true }), seg(path === '' ? '' : ` ${path}`), seg(' (l: line numbers, s: comments)', { fg: 'gray' })];
  if (status.kind !== 'ready') {
    const text = status.kind === 'loading' ? 'Asking tor where its torrc is (GETINFO config-file)…' : status.message;
    return { lines: [truncateLine(title, w), ...wrapText(text, w).map((t): Line => [seg(t, { fg: status.kind === 'loading' ? 'yellow' : 'red' })])].slice(0, h), scroll: 0, pageRows: 0 };
  }
  const check = summary(model);
  const head: Line[] = [truncateLine(title, w)];
  if (h > 2) head.push(truncateLine([seg('Validation: ', { bold: true }), seg(check.text, check.style)], w));
  const rows = buildRows(status.doc, model.marks, view).flatMap((r) => renderRow(r, w, view));
  const room = Math.max(0, h - head.length);
  const scroll = Math.min(view.scroll, Math.max(0, rows.length - room));
  const lines = [...head, ...rows.slice(scroll, scroll + room)];
  return { lines: lines.slice(0, h), scroll, pageRows: room };
}
