// One subgraph's body: y-axis labels, columns of bars (newest at the left, as in Nyx) drawn with
// eighth blocks (or '#' without unicode), clipped spikes marked in red, and the x-axis row of
// "time ago" labels. Pure: values in, Lines out.
//    4 MB ▇▆█▅
//         ████▂▁
//    0 B  ██████▃ ▁
//         10s  20s
import { findSpikes } from '../../src/relay/bandwidth/index.js';
import { padToWidth } from '../../src/terminal/width.js';
import { seg, type Color, type Line, type Segment, type Style } from '../../src/terminal/theme.js';
import { formatAgo, formatCount, formatPercent, formatRateValue, formatSize } from './graph-format.js';
import type { GraphBoundChoice } from './graph-view.js';

export type AxisUnit = 'rate' | 'percent' | 'count' | 'size';

export interface SeriesSource {
  readonly length: number;
  newest(count: number): number[];
}

export interface SubgraphInput {
  readonly series: SeriesSource;
  readonly bound: GraphBoundChoice;
  readonly rows: number;
  /** Cells for labels and bars together. */
  readonly width: number;
  readonly intervalSec: number;
  readonly unit: AxisUnit;
  readonly bits: boolean;
  readonly color: Color;
  readonly unicode: boolean;
  /** Enables spike clipping (bandwidth): values above this are impossible for the relay. */
  readonly spikeLimit?: number | undefined;
  readonly detectSpikes: boolean;
  /** Shown across the bars area instead of an empty graph. */
  readonly emptyMessage?: string | undefined;
}

export interface Subgraph {
  /** `rows` bar rows then the x-axis row, each exactly `width` cells. */
  readonly lines: Line[];
  /** The largest value whose bar was clipped, if any. */
  readonly clippedMax: number | undefined;
  /** Where the bars start and how many columns they take (for an x-axis shared with a neighbour). */
  readonly labelWidth: number;
  readonly barCols: number;
}

const BLOCKS = ' ▁▂▃▄▅▆▇█';
const LABEL_STYLE: Style = { fg: 'gray' };
const SPIKE_STYLE: Style = { fg: 'red', bold: true };

export function formatAxisValue(value: number, unit: AxisUnit, bits: boolean): string {
  switch (unit) {
    case 'rate':
      return formatRateValue(value, bits);
    case 'percent':
      return formatPercent(value);
    case 'count':
      return formatCount(value);
    case 'size':
      return formatSize(value);
  }
}

interface Bounds {
  readonly top: number;
  readonly bottom: number;
  readonly spikes: ReadonlySet<number>;
}

function bounds(input: SubgraphInput, visible: readonly number[], domain: readonly number[]): Bounds {
  const spikes = input.detectSpikes ? findSpikes(domain, { hardLimit: input.spikeLimit }) : new Set<number>();
  let top = 0;
  for (let i = 0; i < domain.length; i++) {
    const v = domain[i]!;
    if (Number.isFinite(v) && !spikes.has(i) && v > top) top = v;
  }
  let bottom = 0;
  if (input.bound === 'tight') {
    let min = Infinity;
    for (let i = 0; i < visible.length; i++) {
      const v = visible[i]!;
      if (Number.isFinite(v) && !spikes.has(i) && v < min) min = v;
    }
    bottom = min === Infinity || min >= top ? 0 : min;
  }
  return { top, bottom, spikes };
}

/** Which bar rows carry a y label (top, bottom and every other row between, never touching the bottom one). */
function labelRows(rows: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows - 1; r += 2) if (r === 0 || r <= rows - 3) out.push(r);
  if (rows >= 1) out.push(rows - 1);
  return [...new Set(out)];
}

function yLabels(b: Bounds, input: SubgraphInput): Map<number, string> {
  const labels = new Map<number, string>();
  const rows = input.rows;
  // Nothing above zero yet: one "0" at the baseline says it all.
  if (b.top <= b.bottom && b.bottom === 0) {
    if (rows >= 1) labels.set(rows - 1, formatAxisValue(0, input.unit, input.bits));
    return labels;
  }
  for (const r of labelRows(rows)) {
    const value = r === rows - 1 ? b.bottom : b.bottom + ((b.top - b.bottom) * (rows - r)) / rows;
    labels.set(r, formatAxisValue(value, input.unit, input.bits));
  }
  return labels;
}

function barEighths(value: number, b: Bounds, rows: number, spike: boolean): number {
  if (!Number.isFinite(value)) return -1;
  const full = rows * 8;
  if (spike) return full;
  const span = b.top - b.bottom;
  if (span <= 0 || value <= b.bottom) return 0;
  const h = Math.round(((value - b.bottom) / span) * full);
  return Math.min(full, Math.max(1, h));
}

function cellChar(fill: number, unicode: boolean): string {
  if (unicode) return BLOCKS[fill]!;
  return fill >= 5 ? '#' : fill > 0 ? '.' : ' ';
}

/** Merges per-cell (char, style) into segments. */
function runsToLine(chars: string[], styles: Array<Style | undefined>): Segment[] {
  const out: Segment[] = [];
  let text = '';
  let style: Style | undefined = styles[0];
  for (let i = 0; i < chars.length; i++) {
    if (styles[i] !== style) {
      if (text !== '') out.push(seg(text, style));
      text = '';
      style = styles[i];
    }
    text += chars[i];
  }
  if (text !== '') out.push(seg(text, style));
  return out;
}

/** Columns between x labels, chosen so labels fall on round times: 10s, 1m, 1h, 6h, 7d… */
const LABEL_STEPS: Record<number, number> = { 1: 5, 5: 6, 30: 4, 60: 5, 900: 4, 1800: 4, 3600: 6, 86_400: 7 };

export function xLabelStep(intervalSec: number, barCols: number): number {
  const step = LABEL_STEPS[intervalSec] ?? 5;
  return barCols >= 50 ? step * 2 : step;
}

/**
 * The x-axis row: "time ago" labels under the bars, "        10s  20s  30s". Only columns below
 * `axisCols` are labelled, so two subgraphs side by side (bars of slightly different widths) get
 * the same labels.
 */
export function xAxisLine(labelWidth: number, barCols: number, intervalSec: number, width: number, axisCols = barCols): Line {
  const cols = Math.min(barCols, axisCols);
  const step = xLabelStep(intervalSec, cols);
  let text = ' '.repeat(labelWidth + 1);
  for (let c = step; c < cols; c += step) {
    const label = formatAgo(c * intervalSec);
    const at = labelWidth + 1 + c;
    if (at <= text.length) continue;
    if (c + label.length > cols || at + label.length > width) break;
    text = text.padEnd(at) + label;
  }
  return [seg(padToWidth(text, width), LABEL_STYLE)];
}

function centred(message: string, width: number): string {
  const cut = padToWidth(message, Math.min(width, message.length));
  const left = Math.max(0, Math.floor((width - cut.length) / 2));
  return padToWidth(' '.repeat(left) + cut, width);
}

export function selectSubgraph(input: SubgraphInput): Subgraph {
  const width = Math.max(0, input.width);
  const rows = Math.max(0, input.rows);
  if (width === 0) return { lines: new Array(rows + 1).fill([]), clippedMax: undefined, labelWidth: 0, barCols: 0 };
  const domainFor = (visible: number[]) => (input.bound === 'global_max' ? input.series.newest(input.series.length) : visible);
  // Label width depends on the bounds, which (local max) depend on how many columns show.
  let barCols = Math.max(0, width - 7);
  let visible = input.series.newest(barCols);
  let b = bounds(input, visible, domainFor(visible));
  let labels = yLabels(b, input);
  let labelWidth = Math.max(0, ...[...labels.values()].map((l) => l.length));
  const cols = Math.max(0, width - labelWidth - 1);
  if (cols !== barCols) {
    barCols = cols;
    visible = input.series.newest(barCols);
    b = bounds(input, visible, domainFor(visible));
    labels = yLabels(b, input);
    labelWidth = Math.min(width, Math.max(labelWidth, ...[...labels.values()].map((l) => l.length)));
    barCols = Math.max(0, width - labelWidth - 1);
    visible = visible.slice(0, barCols);
  }
  const heights = visible.map((v, i) => barEighths(v, b, rows, b.spikes.has(i)));
  let clippedMax: number | undefined;
  for (const i of b.spikes) if (i < visible.length && (clippedMax === undefined || visible[i]! > clippedMax)) clippedMax = visible[i]!;

  const barStyle: Style = { fg: input.color };
  const empty = visible.every((v) => !Number.isFinite(v)) || visible.length === 0;
  const lines: Line[] = [];
  for (let r = 0; r < rows; r++) {
    const label = padToWidth(labels.get(r) ?? '', labelWidth, 'right');
    const prefix: Segment[] = labelWidth > 0 ? [seg(`${label} `.slice(0, Math.min(width, labelWidth + 1)), LABEL_STYLE)] : [];
    if (empty && input.emptyMessage !== undefined && r === Math.floor((rows - 1) / 2)) {
      lines.push([...prefix, seg(centred(input.emptyMessage, barCols), LABEL_STYLE)]);
      continue;
    }
    const low = (rows - 1 - r) * 8;
    const chars: string[] = new Array(barCols);
    const styles: Array<Style | undefined> = new Array(barCols);
    for (let c = 0; c < barCols; c++) {
      const h = heights[c];
      if (h === undefined || h < 0) {
        chars[c] = h !== undefined && r === rows - 1 ? (input.unicode ? '·' : '.') : ' ';
        styles[c] = LABEL_STYLE;
        continue;
      }
      const fill = Math.min(8, Math.max(0, h - low));
      if (r === 0 && b.spikes.has(c)) {
        chars[c] = input.unicode ? '▲' : '^';
        styles[c] = SPIKE_STYLE;
      } else {
        chars[c] = cellChar(fill, input.unicode);
        styles[c] = fill > 0 ? barStyle : undefined;
      }
    }
    lines.push([...prefix, ...runsToLine(chars, styles)]);
  }
  lines.push(xAxisLine(labelWidth, barCols, input.intervalSec, width));
  return { lines, clippedMax, labelWidth, barCols };
}
