// The Relays page's view state (sort, filter, selection) and the order it shows the relays in.
// Plain data and pure functions; keys change the view in relays-keys.ts. Must not hold model data:
// relays are named by their index in the app's session list, so the selection follows a relay.
import type { RelayState, RelaySummary } from '../../src/relay/fleet/index.js';
import type { TextInput } from '../popups/text-input.js';
import { healthRank } from '../../src/relay/health/evaluate-health.js';

export const RELAYS_SORT_KEYS = ['listed', 'name', 'state', 'health', 'rate', 'connections', 'warnings', 'uptime', 'weight'] as const;
export type RelaysSortKey = (typeof RELAYS_SORT_KEYS)[number];

export const RELAYS_SORT_LABELS: Readonly<Record<RelaysSortKey, string>> = {
  listed: 'as listed',
  name: 'name',
  state: 'worst state',
  health: 'worst health',
  rate: 'rate',
  connections: 'connections',
  warnings: 'warnings',
  uptime: 'uptime',
  weight: 'weight',
};

export interface RelaysView {
  readonly sort: RelaysSortKey;
  /** The sort's natural order turned round. */
  readonly reverse: boolean;
  /** Applied filter ('' = none): text every shown relay contains (case-insensitive). */
  readonly filter: string;
  /** While typing a filter. */
  readonly editingFilter: TextInput | undefined;
  /** The selected relay by its index in the session list; undefined = the first shown. */
  readonly selected: number | undefined;
  /** First list row shown (select keeps the selection in view and returns the value it used). */
  readonly scroll: number;
}

export function initialRelaysView(): RelaysView {
  return { sort: 'listed', reverse: false, filter: '', editingFilter: undefined, selected: undefined, scroll: 0 };
}

const STATE_RANK: Readonly<Record<RelayState['kind'], number>> = {
  disconnected: 0,
  'password-needed': 1,
  'not-answering': 2,
  connecting: 3,
  bootstrapping: 4,
  connected: 5,
};

/** What `/` matches against: names, fingerprint, state, version and flags. */
function haystack(s: RelaySummary): string {
  return [s.name, s.nickname ?? '', s.fingerprint ?? '', s.state.kind, s.torVersion ?? '', ...(s.flags ?? [])].join('\u0000').toLowerCase();
}

const orTotal = (s: RelaySummary) => (s.orConnections === undefined ? undefined : s.orConnections.inbound + s.orConnections.outbound);
const rate = (s: RelaySummary) => (s.readBytesPerSec === undefined && s.writtenBytesPerSec === undefined ? undefined : (s.readBytesPerSec ?? 0) + (s.writtenBytesPerSec ?? 0));
const problems = (s: RelaySummary) => (s.warnings === undefined && s.errors === undefined ? undefined : (s.errors ?? 0) * 1e6 + (s.warnings ?? 0));

/** Natural orders: names A-Z, worst state first, the most (rate, connections, warnings, uptime, weight) first. */
function sortValue(key: RelaysSortKey, s: RelaySummary, index: number): number | string | undefined {
  switch (key) {
    case 'listed':
      return index;
    case 'name':
      return s.name.toLowerCase();
    case 'state':
      return STATE_RANK[s.state.kind];
    case 'health':
      return s.health === undefined ? undefined : -healthRank(s.health);
    case 'rate':
      return negate(rate(s));
    case 'connections':
      return negate(orTotal(s));
    case 'warnings':
      return negate(problems(s));
    case 'uptime':
      return negate(s.uptimeMs);
    case 'weight':
      return negate(s.consensusWeight);
  }
}

const negate = (v: number | undefined) => (v === undefined ? undefined : -v);

/**
 * Indices into `summaries` of the relays shown, in order. Relays without the sorted figure go last
 * either way; ties keep the listed order.
 */
export function visibleRelays(summaries: readonly RelaySummary[], view: Pick<RelaysView, 'sort' | 'reverse' | 'filter'>): number[] {
  const needle = view.filter.trim().toLowerCase();
  const keyed: Array<{ index: number; value: number | string | undefined }> = [];
  summaries.forEach((s, index) => {
    if (needle === '' || haystack(s).includes(needle)) keyed.push({ index, value: sortValue(view.sort, s, index) });
  });
  const direction = view.reverse ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.value === undefined || b.value === undefined) return a.value === b.value ? a.index - b.index : a.value === undefined ? 1 : -1;
    if (a.value !== b.value) return (a.value < b.value ? -1 : 1) * direction;
    return a.index - b.index;
  });
  return keyed.map((k) => k.index);
}

/** Where the selection is among the shown relays (the first when it is hidden or unset). */
export function selectedPosition(order: readonly number[], view: Pick<RelaysView, 'selected'>): number {
  const at = view.selected === undefined ? -1 : order.indexOf(view.selected);
  return Math.max(0, at);
}
