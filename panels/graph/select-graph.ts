// The graph panel as lines: title (limits, observed bandwidth and its age, interval, clipped
// spikes), the two subgraphs side by side (stacked when narrow) with their current/avg/total
// headers, and the accounting rows. Pure: (model, view, now, width, height) → Line[].
//   Bandwidth (limit: 1 GB/s, burst: 1 GB/s, observed: 2 MB/s, 3 h old):      each second, local max
//   Download (1.2 MB/s - avg: 800 KB/s, total: 3.4 GB):  Upload (…):
//   4 MB ▇▆█▅ …                                          4 MB ▂▃▁ …
import { intervalSeconds, type GraphModel, type SideSeries } from '../../src/relay/bandwidth/index.js';
import { lineWidth, seg, truncateLine, type Color, type Line, type Style } from '../../src/terminal/theme.js';
import { padToWidth } from '../../src/terminal/width.js';
import { selectSubgraph, xAxisLine, type AxisUnit } from './graph-bars.js';
import { formatAge, formatCount, formatDuration, formatPercent, formatRate, formatSize } from './graph-format.js';
import { BOUND_LABELS, type GraphView } from './graph-view.js';

export interface GraphPanelInput {
  readonly model: GraphModel;
  readonly view: GraphView;
  readonly nowMs: number;
  readonly bits: boolean;
  readonly unicode: boolean;
  readonly showAccounting: boolean;
}

/** Below this width the two subgraphs are stacked. */
export const STACK_BELOW_COLS = 60;

const TITLE: Style = { bold: true };
const NOTE: Style = { fg: 'gray' };
const SPIKE_NOTE: Style = { fg: 'red', bold: true };

interface SideSpec {
  readonly name: string;
  readonly color: Color;
  readonly unit: AxisUnit;
}

const SIDES: Record<'bandwidth' | 'connections' | 'resources', readonly [SideSpec, SideSpec]> = {
  bandwidth: [
    { name: 'Download', color: 'green', unit: 'rate' },
    { name: 'Upload', color: 'cyan', unit: 'rate' },
  ],
  connections: [
    { name: 'Inbound', color: 'green', unit: 'count' },
    { name: 'Outbound', color: 'cyan', unit: 'count' },
  ],
  resources: [
    { name: 'CPU', color: 'green', unit: 'percent' },
    { name: 'Memory', color: 'cyan', unit: 'size' },
  ],
};

function accountingRows(input: GraphPanelInput): number {
  if (input.view.stat !== 'bandwidth' || !input.showAccounting) return 0;
  const a = input.model.accounting;
  return a.kind === 'on' ? 2 : a.kind === 'closed' ? 1 : 0;
}

function isStacked(width: number): boolean {
  return width < STACK_BELOW_COLS;
}

/** Rows the panel wants at this width (0 when the graph is off). */
export function graphPanelHeight(input: GraphPanelInput, width: number): number {
  if (input.view.stat === 'none') return 0;
  const block = input.view.barRows + 2;
  return 1 + (isStacked(width) ? 2 * block : block) + accountingRows(input);
}

function formatValue(value: number, unit: AxisUnit, bits: boolean): string {
  switch (unit) {
    case 'rate':
      return formatRate(value, bits);
    case 'percent':
      return formatPercent(value);
    case 'count':
      return formatCount(value);
    case 'size':
      return formatSize(value);
  }
}

/** "Download (1.2 MB/s - avg: 800 KB/s, total: 3.4 GB):", shortened until it fits. */
function sideHeader(input: GraphPanelInput, spec: SideSpec, side: SideSeries, total: number | undefined, width: number): Line {
  const style: Style = { fg: spec.color, bold: true };
  if (side.latest === undefined) return truncateLine([seg(`${spec.name}:`, style)], width);
  const current = formatValue(side.latest, spec.unit, input.bits);
  let avg = side.mean;
  const m = input.model;
  if (spec.unit === 'rate' && total !== undefined && m.torStartedAtMs !== undefined && input.nowMs > m.torStartedAtMs) {
    avg = total / ((input.nowMs - m.torStartedAtMs) / 1000);
  }
  const avgText = avg === undefined ? undefined : `avg: ${formatValue(avg, spec.unit, input.bits)}`;
  const totalText = total === undefined ? undefined : `total: ${formatSize(total)}`;
  const candidates = [
    `${spec.name} (${current} - ${[avgText, totalText].filter((t) => t !== undefined).join(', ')}):`,
    `${spec.name} (${current} - ${avgText ?? ''}):`,
    `${spec.name} (${current}):`,
    `${spec.name}:`,
  ];
  const text = candidates.find((c) => c.length <= width) ?? candidates[candidates.length - 1]!;
  return truncateLine([seg(text, style)], width);
}

function emptyMessage(input: GraphPanelInput, sideIndex: number): string | undefined {
  const { model, view } = input;
  if (view.stat === 'connections' && !model.connectionsAvailable && model.connections.samples === 0) {
    return sideIndex === 0 ? 'provided by the connections page' : 'not available yet';
  }
  if (view.stat === 'resources' && model.resources.samples === 0) {
    return sideIndex === 0 ? "tor's CPU and memory are not readable yet (/proc)" : 'waiting for /proc';
  }
  if (model.bandwidth.samples === 0 && model.lastSecondAtMs === undefined && intervalSeconds(view.interval) < 900) {
    return sideIndex === 0 ? "waiting for tor's BW events" : '';
  }
  if (intervalSeconds(view.interval) >= 900 && view.stat === 'bandwidth') {
    const h = model.longHistory;
    if (h.kind === 'pending') return "reading tor's state file…";
    if (h.kind === 'unavailable') return sideIndex === 0 ? "no history from tor's state file" : 'fills as ortop runs';
    if (h.periodSec > intervalSeconds(view.interval)) return sideIndex === 0 ? `tor keeps ${periodName(h.periodSec)} totals` : 'fills as ortop runs';
    return 'no data yet';
  }
  return 'no data yet';
}

/** 900 → '15-minute', 86400 → 'daily'. */
export function periodName(sec: number): string {
  if (sec === 86_400) return 'daily';
  if (sec === 3600) return 'hourly';
  return sec % 86_400 === 0 ? `${sec / 86_400}-day` : sec % 3600 === 0 ? `${sec / 3600}-hour` : `${Math.round(sec / 60)}-minute`;
}

interface Block {
  readonly lines: Line[];
  readonly clippedMax: number | undefined;
  readonly labelWidth: number;
  readonly barCols: number;
  readonly width: number;
}

function block(input: GraphPanelInput, sideIndex: 0 | 1, width: number, barRows: number): Block {
  const stat = input.view.stat as 'bandwidth' | 'connections' | 'resources';
  const spec = SIDES[stat][sideIndex];
  const series = input.model.stat(stat);
  const side = sideIndex === 0 ? series.primary : series.secondary;
  const total = stat === 'bandwidth' ? (sideIndex === 0 ? input.model.totalReadBytes : input.model.totalWrittenBytes) : undefined;
  const sub = selectSubgraph({
    series: side.interval(input.view.interval),
    bound: input.view.bound,
    rows: barRows,
    width,
    intervalSec: intervalSeconds(input.view.interval),
    unit: spec.unit,
    bits: input.bits,
    color: spec.color,
    unicode: input.unicode,
    detectSpikes: stat === 'bandwidth',
    spikeLimit: input.model.limits.burstBytesPerSec,
    emptyMessage: emptyMessage(input, sideIndex),
  });
  return { lines: [sideHeader(input, spec, side, total, width), ...sub.lines], clippedMax: sub.clippedMax, labelWidth: sub.labelWidth, barCols: sub.barCols, width };
}

/** Both halves labelled as the narrower one can be, so "30s" is under both or neither. */
function shareXAxis(a: Block, b: Block, intervalSec: number): [Block, Block] {
  const cols = Math.min(a.barCols, b.barCols);
  const relabel = (x: Block): Block =>
    x.lines.length === 0 ? x : { ...x, lines: [...x.lines.slice(0, -1), xAxisLine(x.labelWidth, x.barCols, intervalSec, x.width, cols)] };
  return [relabel(a), relabel(b)];
}

function titleText(input: GraphPanelInput): string {
  const m = input.model;
  switch (input.view.stat) {
    case 'bandwidth': {
      const parts: string[] = [];
      if (m.limits.rateBytesPerSec !== undefined) parts.push(`limit: ${formatRate(m.limits.rateBytesPerSec, input.bits)}`);
      if (m.limits.burstBytesPerSec !== undefined) parts.push(`burst: ${formatRate(m.limits.burstBytesPerSec, input.bits)}`);
      if (m.observed !== undefined) {
        // A published descriptor's figure can lag the real rate by hours: say how old it is.
        const when = m.observed.source === 'fresh' ? 'not published' : `${formatAge(input.nowMs - m.observed.publishedAtMs).replace('just now', 'just published')}${input.nowMs - m.observed.publishedAtMs < 10_000 ? '' : ' old'}`;
        parts.push(`observed: ${formatRate(m.observed.bytesPerSec, input.bits)}, ${when}`);
      }
      return parts.length === 0 ? 'Bandwidth:' : `Bandwidth (${parts.join(', ')}):`;
    }
    case 'connections':
      return 'Connections (OR connections to and from this tor):';
    case 'resources':
      return "Resources (tor's CPU and memory):";
    default:
      return '';
  }
}

/**
 * The title on the left, notes on the right: a clipped spike (always shown, the title is cut
 * for it) and the interval and bounds (only when there is room).
 */
function title(input: GraphPanelInput, clippedMax: number | undefined, width: number): Line {
  const left = titleText(input);
  const spike: Line = clippedMax === undefined ? [] : [seg(`spike clipped: ${formatRate(clippedMax, input.bits)}`, SPIKE_NOTE)];
  const view: Line = [seg(`${input.view.interval}, ${BOUND_LABELS[input.view.bound]}`, NOTE)];
  const both: Line = spike.length === 0 ? view : [...spike, seg('  '), ...view];
  for (const right of [both, spike]) {
    const rw = lineWidth(right);
    if (rw > 0 && left.length + 2 + rw <= width) return [seg(left, TITLE), seg(' '.repeat(width - left.length - rw)), ...right];
  }
  if (spike.length > 0 && lineWidth(spike) + 12 <= width) {
    const room = width - lineWidth(spike) - 2;
    return [...truncateLine([seg(left, TITLE)], room), seg(' '.repeat(Math.max(2, width - Math.min(left.length, room) - lineWidth(spike)))), ...spike];
  }
  return truncateLine([seg(left, TITLE)], width);
}

function accountingLines(input: GraphPanelInput, width: number, stacked: boolean): Line[] {
  const a = input.model.accounting;
  if (a.kind === 'closed') return [truncateLine([seg('Accounting: connection closed…', NOTE)], width)];
  if (a.kind !== 'on') return [];
  const facts = a.facts;
  if (facts === undefined) return [truncateLine([seg('Accounting: waiting for tor…', NOTE)], width), []];
  const color: Color = facts.hibernating === 'awake' ? 'green' : facts.hibernating === 'soft' ? 'yellow' : 'red';
  const reset = facts.intervalEndMs === undefined ? 'unknown' : formatDuration((facts.intervalEndMs - input.nowMs) / 1000);
  const first: Line = [seg('Accounting (', { bold: true }), seg(facts.hibernating, { fg: color, bold: true }), seg(')', { bold: true }), seg(`   Time to reset: ${reset}`)];
  const read = `${formatSize(facts.readBytes)} / ${formatSize(facts.readLimitBytes)}`;
  const written = `${formatSize(facts.writtenBytes)} / ${formatSize(facts.writtenLimitBytes)}`;
  let second: Line;
  if (stacked) second = [seg(`read ${read}, written ${written}`)];
  else {
    const half = Math.floor(width / 2);
    second = [seg(padToWidth(`  ${read}`, half), { fg: 'green' }), seg(`  ${written}`, { fg: 'cyan' })];
  }
  return [truncateLine(first, width), truncateLine(second, width)];
}

/** The panel's rows: at most `height`, fewer bar rows when the height is short. */
export function selectGraphLines(input: GraphPanelInput, width: number, height: number): Line[] {
  const w = Math.max(0, Math.floor(width));
  const h = Math.max(0, Math.floor(height));
  if (input.view.stat === 'none' || w === 0 || h === 0) return [];
  const stacked = isStacked(w);
  const blocks = stacked ? 2 : 1;
  const fixed = 1 + blocks * 2 + accountingRows(input);
  const barRows = Math.max(1, Math.min(input.view.barRows, Math.floor((h - fixed) / blocks)));
  let body: Line[];
  let clipped: number | undefined;
  const note = (c: number | undefined) => {
    if (c !== undefined && (clipped === undefined || c > clipped)) clipped = c;
  };
  if (stacked) {
    const [down, up] = shareXAxis(block(input, 0, w, barRows), block(input, 1, w, barRows), intervalSeconds(input.view.interval));
    note(down.clippedMax);
    note(up.clippedMax);
    body = [...down.lines, ...up.lines];
  } else {
    const leftWidth = Math.floor(w / 2);
    const [down, up] = shareXAxis(block(input, 0, leftWidth - 1, barRows), block(input, 1, w - leftWidth, barRows), intervalSeconds(input.view.interval));
    note(down.clippedMax);
    note(up.clippedMax);
    body = down.lines.map((l, i) => [...l, seg(' '.repeat(Math.max(0, leftWidth - lineWidth(l)))), ...(up.lines[i] ?? [])]);
  }
  const rows = [title(input, input.view.stat === 'bandwidth' ? clipped : undefined, w), ...body, ...(input.view.stat === 'bandwidth' && input.showAccounting ? accountingLines(input, w, stacked) : [])];
  return rows.slice(0, h).map((l) => truncateLine(l, w));
}
