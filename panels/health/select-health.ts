// The Health page as lines: a title (counts by status, where tor's MetricsPort was read), then the
// checks worst first (a coloured status glyph, what ortop sees, the fix wrapped at spaces), then
// tor's overload signals with their values. Pure: checks and view in, lines cut to the size out.
//   ✗ ORPort 9001 reachability not confirmed after 2 h 5 min
//       fix: let connections in: open ORPort 9001 in the firewall, forward it on the router, …
import type { HealthCheck, HealthStatus, OverloadSignal } from '../../src/relay/health/index.js';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { seg, truncateLine, type Line, type Segment, type Style } from '../../src/terminal/theme.js';
import { displayWidth } from '../../src/terminal/width.js';
import { wrapText } from '../config/wrap-text.js';
import type { HealthView } from './health-view.js';

export interface HealthPageInput {
  /** The relay's display name. */
  readonly name: string;
  readonly checks: readonly HealthCheck[];
  readonly signals: readonly OverloadSignal[];
  /** tor's MetricsPort: where, when last read, or why not. */
  readonly metricsSource: string | undefined;
  readonly metricsFetchedAtMs: number | undefined;
  readonly metricsProblem: string | undefined;
  readonly nowMs: number;
}

export interface HealthPageOptions {
  readonly unicode: boolean;
}

export interface HealthPage {
  readonly lines: Line[];
  /** The scroll offset used; store it back into the view. */
  readonly scroll: number;
  /** Body rows on screen (for PgUp/PgDn). */
  readonly pageRows: number;
}

const ORDER: readonly HealthStatus[] = ['bad', 'warn', 'unknown', 'ok'];

export const STATUS_STYLES: Readonly<Record<HealthStatus, Style>> = {
  ok: { fg: 'green' },
  warn: { fg: 'yellow', bold: true },
  bad: { fg: 'red', bold: true },
  unknown: { fg: 'gray' },
};

/** One cell each: ✓ ! ✗ ? (ASCII: + ! x ?). */
export function statusGlyph(status: HealthStatus, unicode: boolean): string {
  if (!unicode) return { ok: '+', warn: '!', bad: 'x', unknown: '?' }[status];
  return { ok: '✓', warn: '!', bad: '✗', unknown: '?' }[status];
}

/** "2 bad, 1 warn, 9 ok" in worst-first order, empty statuses left out. */
function countsOf(checks: readonly HealthCheck[]): Segment[] {
  const out: Segment[] = [];
  for (const status of ORDER) {
    const n = checks.filter((c) => c.status === status).length;
    if (n === 0) continue;
    if (out.length > 0) out.push(seg(', '));
    out.push(seg(`${n} ${status}`, STATUS_STYLES[status]));
  }
  return out;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? `${s} s ago` : s < 7200 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

/** "Health of relay1 (1 bad, 9 ok) - MetricsPort 127.0.0.1:9035 read 3 s ago" */
function titleLine(input: HealthPageInput, width: number): Line {
  const out: Segment[] = [seg('Health', { bold: true }), seg(' of '), seg(sanitizeLine(input.name), { bold: true }), seg(' (')];
  out.push(...countsOf(input.checks), seg(')'));
  if (input.metricsProblem !== undefined) out.push(seg(' - MetricsPort: '), seg(sanitizeLine(input.metricsProblem), { fg: 'gray' }));
  else if (input.metricsSource !== undefined && input.metricsFetchedAtMs !== undefined)
    out.push(seg(` - MetricsPort ${sanitizeLine(input.metricsSource)} read ${ago(input.nowMs - input.metricsFetchedAtMs)}`));
  return truncateLine(out, width);
}

/** A check as rows: the glyph and what (hanging indent 2), then "fix: …" (indent 6), wrapped at spaces. */
function checkLines(check: HealthCheck, width: number, unicode: boolean): Line[] {
  const style = STATUS_STYLES[check.status];
  const what = wrapText(sanitizeLine(check.what), Math.max(1, width - 2));
  const out: Line[] = what.map((text, i) => truncateLine(i === 0 ? [seg(statusGlyph(check.status, unicode), style), seg(' '), seg(text)] : [seg('  '), seg(text)], width));
  if (check.fix !== undefined) {
    const fix = wrapText(`fix: ${sanitizeLine(check.fix)}`, Math.max(1, width - 4), 0, 5);
    fix.forEach((text, i) => out.push(truncateLine(i === 0 ? [seg('    '), seg('fix:', { fg: 'cyan' }), seg(text.slice(4))] : [seg(`    ${text}`)], width)));
  }
  return out;
}

function formatSignal(s: OverloadSignal): string {
  if (s.value === undefined) return '-';
  if (s.unit === 'ratio') return `${(s.value * 100).toFixed(s.value > 0 && s.value < 0.01 ? 2 : 1)}%`;
  if (s.unit === 'bytes') {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = s.value;
    let u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
  }
  return s.value.toLocaleString('en-US');
}

/** "  onionskins dropped            12" in cells of `cell` width; two per row when the width allows. */
function signalLines(signals: readonly OverloadSignal[], width: number, unicode: boolean): Line[] {
  const cell = 38;
  const perRow = width >= cell * 2 + 2 ? 2 : 1;
  const out: Line[] = [truncateLine([seg("tor's overload signals", { bold: true }), seg(' (since tor started)')], width)];
  for (let i = 0; i < signals.length; i += perRow) {
    const row: Segment[] = [];
    for (const s of signals.slice(i, i + perRow)) {
      const value = formatSignal(s);
      const label = `${statusGlyph(s.value === undefined ? 'unknown' : s.tripped ? 'warn' : 'ok', unicode)} ${s.label}`;
      const pad = Math.max(1, cell - 2 - displayWidth(label) - displayWidth(value));
      row.push(seg('  '), seg(label.slice(0, 1), s.value === undefined ? STATUS_STYLES.unknown : s.tripped ? STATUS_STYLES.warn : STATUS_STYLES.ok), seg(label.slice(1)), seg(' '.repeat(pad)), seg(value, s.tripped ? { bold: true } : undefined));
    }
    out.push(truncateLine(row, width));
  }
  return out;
}

export function selectHealthPage(input: HealthPageInput, view: HealthView, width: number, height: number, options: HealthPageOptions): HealthPage {
  const w = Math.max(0, Math.floor(width));
  const h = Math.max(0, Math.floor(height));
  if (w === 0 || h === 0) return { lines: [], scroll: 0, pageRows: 0 };
  const sorted = ORDER.flatMap((status) => input.checks.filter((c) => c.status === status));
  const shown = view.showOk ? sorted : sorted.filter((c) => c.status !== 'ok');
  const body: Line[] = shown.flatMap((c) => checkLines(c, w, options.unicode));
  if (shown.length < sorted.length) body.push([seg(`  ${sorted.length - shown.length} checks ok, hidden (o shows them)`, { fg: 'gray' })]);
  if (sorted.length === 0) body.push([seg('  no checks yet', { fg: 'gray' })]);
  body.push([], ...signalLines(input.signals, w, options.unicode));
  const pageRows = Math.max(0, h - 1);
  const scroll = Math.max(0, Math.min(view.scroll, body.length - pageRows));
  return { lines: [titleLine(input, w), ...body.slice(scroll, scroll + pageRows)], scroll, pageRows };
}
