// The Relays page as lines: a title (how many relays in which state, sort, filter), a header row,
// one row per relay, a totals row, and the filter prompt while typing. Columns are dropped by
// priority as the width shrinks; the state, the sparkline and the last warning take what is left.
// Pure: summaries and view in, lines out; every cell is cut to its width here.
import type { RelayStateKind, RelaySummary, RelayTotals } from '../../src/relay/fleet/index.js';
import { totalsOf } from '../../src/relay/fleet/index.js';
import { lineWidth, seg, truncateLine, type Line, type Segment, type Style } from '../../src/terminal/theme.js';
import { displayWidth, truncateToWidth } from '../../src/terminal/width.js';
import { formatCount, formatRateValue } from '../graph/graph-format.js';
import { versionStatusStyle } from '../header/header-format.js';
import { STATUS_STYLES } from '../health/select-health.js';
import type { HealthSummary } from '../../src/relay/health/evaluate-health.js';
import { selectTextInputLine } from '../popups/text-input.js';
import { accountingSegment, flagSegments, formatUptimeShort, problemSegments, sparkline, stateStyle, stateText } from './relay-format.js';
import { RELAYS_SORT_LABELS, selectedPosition, visibleRelays, type RelaysView } from './relays-view.js';

export interface RelaysPageOptions {
  readonly unicode: boolean;
  readonly nowMs: number;
  /** Rates in bits (show_bits). */
  readonly bits?: boolean;
}

export interface RelaysPage {
  readonly lines: Line[];
  /** Relay rows on screen (for PgUp/PgDn). */
  readonly listRows: number;
  /** The scroll offset used (keeps the selection in view); store it back into the view. */
  readonly scroll: number;
  /** Session indices in the order shown. */
  readonly order: readonly number[];
  /** The row the list starts on (mouse clicks). */
  readonly listTop?: number;
}

export type RelaysColumnId =
  | 'name'
  | 'nickname'
  | 'fingerprint'
  | 'state'
  | 'health'
  | 'version'
  | 'flags'
  | 'uptime'
  | 'read'
  | 'written'
  | 'average'
  | 'spark'
  | 'or'
  | 'exits'
  | 'circuits'
  | 'accounting'
  | 'weight'
  | 'problems'
  | 'message';

interface Context extends RelaysPageOptions {
  /** Cells the state column got (the long wording when it has room). */
  readonly stateWidth: number;
  readonly sparkCells: number;
}

interface Column {
  readonly id: RelaysColumnId;
  readonly title: string;
  readonly min: number;
  readonly max: number;
  readonly right?: boolean;
  /** Lower numbers are kept longer. */
  readonly priority: number;
  /** Extra cells worth having (up to max), granted at growPriority. */
  readonly grow?: number;
  readonly growPriority?: number;
  cell(s: RelaySummary, c: Context): Segment[];
  total?(t: RelayTotals, c: Context): Segment[];
}

const DASH: Segment[] = [seg('-', { fg: 'gray' })];
const text = (value: string | undefined, style?: Style): Segment[] => (value === undefined ? DASH : [seg(value, style)]);
const rate = (bps: number | undefined, c: Context) => text(bps === undefined ? undefined : formatRateValue(bps, c.bits ?? false));
const count = (n: number | undefined) => text(n === undefined ? undefined : formatCount(n));
const orPair = (o: { inbound: number; outbound: number } | undefined) => text(o === undefined ? undefined : `${formatCount(o.inbound)}/${formatCount(o.outbound)}`);

function problemCounts(warnings: number | undefined, errors: number | undefined): Segment[] {
  if (warnings === undefined || errors === undefined) return DASH;
  const style: Style | undefined = errors > 0 ? { fg: 'red', bold: true } : warnings > 0 ? { fg: 'yellow' } : undefined;
  return [seg(`${formatCount(warnings)}/${formatCount(errors)}`, style)];
}

/** "ok", "2 warn", "overload" in its status colour; "?" when nothing could be checked; "-" while not attached (the facts are old). */
function healthCell(h: HealthSummary | undefined, state: RelaySummary['state']): Segment[] {
  if (h === undefined || state.kind === 'disconnected' || state.kind === 'password-needed' || state.kind === 'connecting') return DASH;
  return [seg(h.text, h.text === '?' ? STATUS_STYLES.unknown : STATUS_STYLES[h.status === 'unknown' ? 'ok' : h.status])];
}

/** "2 bad" (relays with a bad check) or "all ok". */
function healthTotal(t: RelayTotals): Segment[] {
  if (t.healthBad === undefined) return DASH;
  if (t.healthBad > 0) return [seg(`${t.healthBad} bad`, STATUS_STYLES.bad)];
  return t.healthWarn! > 0 ? [seg(`${t.healthWarn} warn`, STATUS_STYLES.warn)] : [seg('all ok', STATUS_STYLES.ok)];
}

const RATE_WIDTH = 7;
/** The state's long wording ('disconnected since 14:03:09: nothing listening') needs this much. */
const LONG_STATE_WIDTH = 28;

function average(read: number | undefined, written: number | undefined, c: Context): Segment[] {
  if (read === undefined || written === undefined) return DASH;
  return [seg(`${formatRateValue(read, c.bits ?? false)}/${formatRateValue(written, c.bits ?? false)}`)];
}

/**
 * Display order, left to right. `priority` orders what is given room as the width grows (lower
 * first): a column's minimum, and separately (`growPriority`) its extra room up to `max`.
 */
const COLUMNS: readonly Column[] = [
  { id: 'name', title: 'Relay', min: 6, max: 20, priority: 0, cell: (s) => [seg(s.name, { bold: true })], total: (t) => [seg(`Total (${t.relays})`, { bold: true })] },
  { id: 'nickname', title: 'Nickname', min: 19, max: 19, priority: 19, cell: (s) => text(s.nickname) },
  { id: 'fingerprint', title: 'Fingerprint', min: 11, max: 11, priority: 20, cell: (s) => text(s.fingerprint) },
  {
    id: 'state',
    title: 'State',
    min: 17,
    max: 48,
    priority: 1,
    growPriority: 9,
    grow: LONG_STATE_WIDTH - 17,
    cell: (s, c) => [seg(stateText(s.state, c.stateWidth >= LONG_STATE_WIDTH), stateStyle(s.state))],
    total: (t) => [seg(`${t.byState.connected}/${t.relays} connected`, t.byState.connected === t.relays ? { fg: 'green' } : { fg: 'yellow' })],
  },
  { id: 'health', title: 'Health', min: 8, max: 8, priority: 5.5, cell: (s) => healthCell(s.health, s.state), total: (t) => healthTotal(t) },
  { id: 'version', title: 'Tor', min: 10, max: 10, priority: 11, cell: (s) => text(s.torVersion, s.versionStatus === undefined ? undefined : versionStatusStyle(s.versionStatus)) },
  { id: 'flags', title: 'Flags', min: 9, max: 9, priority: 8, cell: (s) => flagSegments(s.flags) },
  { id: 'uptime', title: 'Uptime', min: 7, max: 7, right: true, priority: 7, cell: (s) => text(s.uptimeMs === undefined ? undefined : formatUptimeShort(s.uptimeMs)) },
  { id: 'read', title: 'Read/s', min: RATE_WIDTH, max: RATE_WIDTH, right: true, priority: 2, cell: (s, c) => rate(s.readBytesPerSec, c), total: (t, c) => rate(t.readBytesPerSec, c) },
  { id: 'written', title: 'Write/s', min: RATE_WIDTH, max: RATE_WIDTH, right: true, priority: 3, cell: (s, c) => rate(s.writtenBytesPerSec, c), total: (t, c) => rate(t.writtenBytesPerSec, c) },
  {
    id: 'average',
    title: '1-min average',
    min: 15,
    max: 15,
    right: true,
    priority: 14,
    cell: (s, c) => average(s.avgReadBytesPerSec, s.avgWrittenBytesPerSec, c),
    total: (t, c) => average(t.avgReadBytesPerSec, t.avgWrittenBytesPerSec, c),
  },
  {
    id: 'spark',
    title: 'Last 60s',
    min: 10,
    max: 30,
    priority: 5,
    growPriority: 15,
    grow: 20,
    cell: (s, c) => [seg(sparkline(s.lastMinute, c.sparkCells, c.unicode), { fg: 'cyan' })],
    total: (t, c) => [seg(sparkline(t.lastMinute, c.sparkCells, c.unicode), { fg: 'cyan' })],
  },
  { id: 'or', title: 'OR in/out', min: 9, max: 9, right: true, priority: 6, cell: (s) => orPair(s.orConnections), total: (t) => orPair(t.orConnections) },
  { id: 'exits', title: 'Exits', min: 5, max: 5, right: true, priority: 13, cell: (s) => count(s.exitConnections), total: (t) => count(t.exitConnections) },
  { id: 'circuits', title: 'Circs', min: 5, max: 5, right: true, priority: 10, cell: (s) => count(s.circuits), total: (t) => count(t.circuits) },
  { id: 'accounting', title: 'Accounting', min: 15, max: 15, right: true, priority: 16, cell: (s) => (s.accounting === undefined ? DASH : [accountingSegment(s.accounting)]) },
  { id: 'weight', title: 'Weight', min: 6, max: 6, right: true, priority: 12, cell: (s) => count(s.consensusWeight), total: (t) => count(t.consensusWeight) },
  { id: 'problems', title: 'W/E', min: 7, max: 7, right: true, priority: 4, cell: (s) => problemCounts(s.warnings, s.errors), total: (t) => problemCounts(t.warnings, t.errors) },
  { id: 'message', title: 'Last warning', min: 16, max: Number.MAX_SAFE_INTEGER, priority: 17, cell: (s, c) => (s.lastProblem === undefined ? [] : problemSegments(s.lastProblem, c.nowMs)) },
];

const GAP = 1;
/** Room left after every column that fits goes to these, in turn, up to their max (the state's problem words, then the message). */
const FILL: readonly RelaysColumnId[] = ['name', 'state', 'message'];

interface Placed {
  readonly column: Column;
  readonly width: number;
}

interface Demand {
  readonly column: Column;
  readonly cells: number;
  readonly priority: number;
  readonly extra: boolean;
}

/**
 * The columns that fit `width` and how wide each is: minimums and extras are granted in priority
 * order until the next one does not fit (so a narrower screen only ever loses columns); what is
 * left widens the name, then the last warning.
 */
export function layoutRelayColumns(width: number, longestName: number): Placed[] {
  const w = Math.max(0, Math.floor(width));
  const nameMax = Math.max(6, Math.min(20, longestName));
  const columns = COLUMNS.map((c) => (c.id === 'name' ? { ...c, min: Math.min(nameMax, 12), max: nameMax } : c));
  const demands: Demand[] = [];
  for (const c of columns) {
    demands.push({ column: c, cells: c.min, priority: c.priority, extra: false });
    if (c.grow !== undefined && c.growPriority !== undefined) demands.push({ column: c, cells: c.grow, priority: c.growPriority, extra: true });
  }
  demands.sort((a, b) => a.priority - b.priority);
  const widths = new Map<RelaysColumnId, number>();
  let used = 0;
  for (const d of demands) {
    const gap = d.extra || widths.size === 0 ? 0 : GAP;
    // The sparkline takes whatever part of its extra fits; everything else all or nothing.
    const cells = d.extra && d.column.id === 'spark' ? Math.min(d.cells, w - used) : d.cells;
    if (cells <= 0 || used + gap + cells > w) break;
    widths.set(d.column.id, (widths.get(d.column.id) ?? 0) + cells);
    used += gap + cells;
    if (cells < d.cells) break;
  }
  if (widths.size === 0) return [{ column: columns[0]!, width: w }];
  let left = w - used;
  for (const id of FILL) {
    const c = columns.find((x) => x.id === id);
    const now = widths.get(id);
    if (c === undefined || now === undefined) continue;
    const grow = Math.min(left, c.max - now);
    widths.set(id, now + grow);
    left -= grow;
  }
  return columns.filter((c) => widths.has(c.id)).map((column) => ({ column, width: widths.get(column.id)! }));
}

/** Exactly `width` cells: cut with an ellipsis, padded on the right (or the left for numbers). */
function fitCell(segments: readonly Segment[], width: number, right: boolean): Segment[] {
  const cut = [...truncateLine(segments, width)];
  const pad = ' '.repeat(Math.max(0, width - lineWidth(cut)));
  if (pad === '') return cut;
  return right ? [seg(pad), ...cut] : [...cut, seg(pad)];
}

function row(placed: readonly Placed[], cells: (c: Column) => Segment[], width: number, extra?: Style): Line {
  const out: Segment[] = [];
  placed.forEach((p, i) => {
    if (i > 0) out.push(seg(' '.repeat(GAP)));
    out.push(...fitCell(cells(p.column), p.width, p.column.right === true));
  });
  const line = truncateLine(out, width);
  return extra === undefined ? line : line.map((s) => seg(s.text, { ...s.style, ...extra }));
}

const STATE_ORDER: ReadonlyArray<[RelayStateKind, string]> = [
  ['connected', 'connected'],
  ['bootstrapping', 'bootstrapping'],
  ['connecting', 'connecting'],
  ['not-answering', 'not answering'],
  ['password-needed', 'password needed'],
  ['disconnected', 'disconnected'],
];

const STATE_STYLES: Readonly<Record<RelayStateKind, Style>> = {
  connected: { fg: 'green' },
  bootstrapping: { fg: 'yellow' },
  connecting: { fg: 'cyan' },
  'not-answering': { fg: 'yellow', bold: true },
  'password-needed': { fg: 'yellow', bold: true },
  disconnected: { fg: 'red', bold: true },
};

/** "Relays (6, sorted by rate, 1 matching "de" - Esc clears): 2 connected, 1 not answering, 1 disconnected". */
function titleLine(totals: RelayTotals, view: RelaysView, shown: number, width: number): Line {
  const sorted = view.sort === 'listed' ? 'as listed' : `sorted by ${RELAYS_SORT_LABELS[view.sort]}`;
  const out: Segment[] = [seg('Relays', { bold: true }), seg(` (${totals.relays}, ${sorted}${view.reverse ? ', reversed' : ''}`)];
  if (view.filter !== '') out.push(seg(`, ${shown} matching "`), seg(view.filter, { fg: 'cyan' }), seg('" - Esc clears'));
  out.push(seg(')'));
  let first = true;
  for (const [kind, words] of STATE_ORDER) {
    const n = totals.byState[kind];
    if (n === 0) continue;
    out.push(seg(first ? ': ' : ', '), seg(`${n} ${words}`, STATE_STYLES[kind]));
    first = false;
  }
  return truncateLine(out, width);
}

export function selectRelaysPage(summaries: readonly RelaySummary[], view: RelaysView, width: number, height: number, options: RelaysPageOptions): RelaysPage {
  const w = Math.max(0, Math.floor(width));
  const h = Math.max(0, Math.floor(height));
  const order = visibleRelays(summaries, view);
  if (w === 0 || h === 0) return { lines: [], listRows: 0, scroll: 0, order };
  const totals = totalsOf(summaries);
  const shown = order.map((i) => summaries[i]!);
  // The totals row adds up what is listed: with a filter, the matching relays only.
  const listed = view.filter === '' ? totals : totalsOf(shown);
  const longestName = Math.max(displayWidth(`Total (${listed.relays})`), ...shown.map((s) => displayWidth(truncateToWidth(s.name, 21))));
  const placed = layoutRelayColumns(w, longestName);
  const ctx: Context = { ...options, stateWidth: placed.find((p) => p.column.id === 'state')?.width ?? 0, sparkCells: placed.find((p) => p.column.id === 'spark')?.width ?? 0 };

  const top: Line[] = [titleLine(totals, view, order.length, w), row(placed, (c) => [seg(c.title)], w, { bold: true })];
  const bottom: Line[] = [row(placed, (c) => c.total?.(listed, ctx) ?? [], w, { bold: true })];
  if (view.editingFilter !== undefined) bottom.push(selectTextInputLine(view.editingFilter, 'Filter relays (Enter applies, Esc cancels): ', w));
  const listRows = Math.max(0, h - top.length - bottom.length);

  const at = selectedPosition(order, view);
  let scroll = Math.min(Math.max(0, view.scroll), Math.max(0, order.length - listRows));
  if (at < scroll) scroll = at;
  if (listRows > 0 && at >= scroll + listRows) scroll = at - listRows + 1;

  const body: Line[] = [];
  if (order.length === 0) {
    const note = summaries.length === 0 ? 'No relays attached.' : `No relay matches "${view.filter}".`;
    body.push(truncateLine([seg(note, { fg: 'gray' })], w));
  }
  order.slice(scroll, scroll + listRows).forEach((index, k) => {
    const s = summaries[index]!;
    body.push(row(placed, (c) => c.cell(s, ctx), w, scroll + k === at ? { inverse: true } : undefined));
  });
  const lines = [...top, ...body.slice(0, Math.max(0, listRows)), ...bottom];
  // Small terminals: the title first, then the filter prompt, so typing is never blind.
  const prompt = view.editingFilter !== undefined ? bottom[bottom.length - 1] : undefined;
  const fitted = lines.length <= h ? lines : prompt !== undefined && h >= 2 ? [...lines.slice(0, h - 1), prompt] : lines.slice(0, h);
  return { lines: fitted, listRows, scroll, order, listTop: top.length };
}
