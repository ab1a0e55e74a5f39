// The graph's view state: which stat, interval and bounds are shown and how many rows of bars,
// with the small pure steps the page's keys make (cycle bounds, resize). No drawing here.
import { INTERVAL_NAMES, type IntervalName } from '../../src/relay/bandwidth/index.js';

export const GRAPH_STAT_CHOICES = ['bandwidth', 'connections', 'resources', 'none'] as const;
export type GraphStatChoice = (typeof GRAPH_STAT_CHOICES)[number];
export const GRAPH_BOUND_CHOICES = ['global_max', 'local_max', 'tight'] as const;
export type GraphBoundChoice = (typeof GRAPH_BOUND_CHOICES)[number];

export interface GraphView {
  readonly stat: GraphStatChoice;
  readonly interval: IntervalName;
  readonly bound: GraphBoundChoice;
  /** Rows of bars (graph_height). */
  readonly barRows: number;
}

export const MIN_BAR_ROWS = 1;
export const MAX_BAR_ROWS = 40;

export const BOUND_LABELS: Record<GraphBoundChoice, string> = {
  global_max: 'global max',
  local_max: 'local max',
  tight: 'tight',
};

export const STAT_LABELS: Record<GraphStatChoice, string> = {
  bandwidth: 'bandwidth',
  connections: 'connections',
  resources: 'resources',
  none: 'none (graph hidden)',
};

export function nextBound(bound: GraphBoundChoice): GraphBoundChoice {
  return GRAPH_BOUND_CHOICES[(GRAPH_BOUND_CHOICES.indexOf(bound) + 1) % GRAPH_BOUND_CHOICES.length]!;
}

export function resizeBars(view: GraphView, delta: number): GraphView {
  return { ...view, barRows: Math.min(MAX_BAR_ROWS, Math.max(MIN_BAR_ROWS, view.barRows + delta)) };
}

export function isIntervalName(name: string): name is IntervalName {
  return (INTERVAL_NAMES as readonly string[]).includes(name);
}
