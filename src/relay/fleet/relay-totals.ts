// The fleet page's totals row: sums over the relays' summaries (rates, the last minute second by
// second, connections, circuits, weight, warnings) and how many relays are in each state. Pure.
import { LAST_MINUTE_SECONDS, type RelayStateKind, type RelaySummary } from './relay-summary.js';

export interface RelayTotals {
  readonly relays: number;
  readonly byState: Readonly<Record<RelayStateKind, number>>;
  /** Sums over the relays that have the figure; undefined when none has it. */
  readonly readBytesPerSec: number | undefined;
  readonly writtenBytesPerSec: number | undefined;
  readonly avgReadBytesPerSec: number | undefined;
  readonly avgWrittenBytesPerSec: number | undefined;
  /** Second by second; undefined where no relay has data. */
  readonly lastMinute: ReadonlyArray<number | undefined>;
  readonly orConnections: { readonly inbound: number; readonly outbound: number } | undefined;
  readonly exitConnections: number | undefined;
  readonly circuits: number | undefined;
  readonly streams: number | undefined;
  readonly consensusWeight: number | undefined;
  readonly warnings: number | undefined;
  readonly errors: number | undefined;
  /** Relays whose worst health check is bad / warn; undefined when no relay's health was evaluated. */
  readonly healthBad: number | undefined;
  readonly healthWarn: number | undefined;
}

function sum(summaries: readonly RelaySummary[], pick: (s: RelaySummary) => number | undefined): number | undefined {
  let total: number | undefined;
  for (const s of summaries) {
    const v = pick(s);
    if (v !== undefined) total = (total ?? 0) + v;
  }
  return total;
}

export function totalsOf(summaries: readonly RelaySummary[]): RelayTotals {
  const byState: Record<RelayStateKind, number> = { connecting: 0, connected: 0, bootstrapping: 0, 'not-answering': 0, 'password-needed': 0, disconnected: 0 };
  const lastMinute = new Array<number | undefined>(LAST_MINUTE_SECONDS).fill(undefined);
  for (const s of summaries) {
    byState[s.state.kind]++;
    s.lastMinute.forEach((v, i) => {
      if (v !== undefined && i < LAST_MINUTE_SECONDS) lastMinute[i] = (lastMinute[i] ?? 0) + v;
    });
  }
  const inbound = sum(summaries, (s) => s.orConnections?.inbound);
  const outbound = sum(summaries, (s) => s.orConnections?.outbound);
  return {
    relays: summaries.length,
    byState,
    readBytesPerSec: sum(summaries, (s) => s.readBytesPerSec),
    writtenBytesPerSec: sum(summaries, (s) => s.writtenBytesPerSec),
    avgReadBytesPerSec: sum(summaries, (s) => s.avgReadBytesPerSec),
    avgWrittenBytesPerSec: sum(summaries, (s) => s.avgWrittenBytesPerSec),
    lastMinute,
    orConnections: inbound === undefined || outbound === undefined ? undefined : { inbound, outbound },
    exitConnections: sum(summaries, (s) => s.exitConnections),
    circuits: sum(summaries, (s) => s.circuits),
    streams: sum(summaries, (s) => s.streams),
    consensusWeight: sum(summaries, (s) => s.consensusWeight),
    warnings: sum(summaries, (s) => s.warnings),
    errors: sum(summaries, (s) => s.errors),
    healthBad: sum(summaries, (s) => (s.health === undefined ? undefined : s.health.status === 'bad' ? 1 : 0)),
    healthWarn: sum(summaries, (s) => (s.health === undefined ? undefined : s.health.status === 'warn' ? 1 : 0)),
  };
}
