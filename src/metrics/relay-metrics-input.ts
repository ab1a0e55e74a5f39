// What the exporter reads of one relay at scrape time, as plain read-only data: the fleet summary
// (already sanitised), the model pieces it does not carry, and tor's MetricsPort families.
// src/app/shell/metrics-server.ts builds it from a RelaySession; tests and benchmarks build it directly.
import type { GraphModel } from '../relay/bandwidth/index.js';
import type { ConnectionStore } from '../relay/connections/index.js';
import type { RelaySummary } from '../relay/fleet/relay-summary.js';
import type { BootstrapState, Liveness } from '../relay/header-facts.js';
import type { TorMetricsModel } from '../relay/tor-metrics/types.js';
import type { RelayStatusFacts } from './relay-status.js';

export interface RelayMetricsInput {
  readonly summary: RelaySummary;
  readonly graph: GraphModel | undefined;
  /** Undefined until the connections were first read. */
  readonly connections: ConnectionStore | undefined;
  readonly liveness: Liveness;
  readonly bootstrap: BootstrapState | undefined;
  readonly status: RelayStatusFacts;
  /** Undefined when the session has no MetricsPort collector. */
  readonly torMetrics: TorMetricsModel | undefined;
}
