// Builds RelayMetricsInput values for the exporter tests from the real model types (HeaderFacts,
// GraphModel, ConnectionStore), with a few fields set: no session, no tor.
import type { RelayMetricsInput, RelayStatusFacts } from '../../src/metrics/index.js';
import { NO_RELAY_STATUS } from '../../src/metrics/index.js';
import { GraphModel } from '../../src/relay/bandwidth/index.js';
import { createConnectionStore, type ConnectionStore } from '../../src/relay/connections/index.js';
import { summarizeRelay } from '../../src/relay/fleet/relay-summary.js';
import { emptyHeaderFacts, type HeaderFacts } from '../../src/relay/header-facts.js';
import type { TorMetricsModel } from '../../src/relay/tor-metrics/types.js';

export const NOW_MS = Date.UTC(2026, 11, 7, 12, 0, 0);

export interface InputParts {
  readonly name?: string;
  readonly facts?: Partial<HeaderFacts>;
  readonly graph?: GraphModel;
  readonly connections?: ConnectionStore;
  readonly status?: RelayStatusFacts;
  readonly torMetrics?: TorMetricsModel;
}

export function connectedFacts(patch: Partial<HeaderFacts> = {}): HeaderFacts {
  return {
    ...emptyHeaderFacts({ hostname: 'h', osName: 'Linux', osRelease: '6' }, '127.0.0.1:9051'),
    connection: { kind: 'connected', target: '127.0.0.1:9051', authMethod: 'SAFECOOKIE', sinceMs: NOW_MS - 60_000 },
    nickname: 'relay1',
    fingerprint: 'A'.repeat(40),
    torVersion: '0.4.9.11',
    versionStatus: 'recommended',
    flags: ['Fast', 'Running', 'Valid', 'Exit'],
    torStartedAtMs: NOW_MS - 3_600_000,
    ...patch,
  };
}

export function relayInput(parts: InputParts = {}): RelayMetricsInput {
  const facts = connectedFacts(parts.facts);
  const graph = parts.graph ?? new GraphModel();
  return {
    summary: summarizeRelay({ name: parts.name ?? 'r1', facts, graph, connections: parts.connections }, NOW_MS),
    graph,
    connections: parts.connections,
    liveness: facts.liveness,
    bootstrap: facts.bootstrap,
    status: parts.status ?? NO_RELAY_STATUS,
    torMetrics: parts.torMetrics,
  };
}

export { createConnectionStore };
