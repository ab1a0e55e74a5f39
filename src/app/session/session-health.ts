// One relay's health checks from its session's model: the header facts, the health facts, tor's
// MetricsPort (now and a few minutes ago), OR connections and accounting. Reads, never collects.
import { evaluateHealth, summarizeHealth, type HealthCheck, type HealthSummary } from '../../relay/health/index.js';
import type { RelaySession } from './relay-session.js';

/** Mean bytes per second over the last minute of BW events; undefined before any. */
function recentRateOf(session: RelaySession): { readBytesPerSec: number; writtenBytesPerSec: number } | undefined {
  const bw = session.graph.model.bandwidth;
  const mean = (values: ReadonlyArray<number | undefined>) => {
    const ok = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
    return ok.length === 0 ? undefined : ok.reduce((a, b) => a + b, 0) / ok.length;
  };
  const read = mean(bw.primary.interval('each second').newest(60));
  const written = mean(bw.secondary.interval('each second').newest(60));
  return read === undefined || written === undefined ? undefined : { readBytesPerSec: read, writtenBytesPerSec: written };
}

export function healthChecksOf(session: RelaySession, nowMs: number): HealthCheck[] {
  const conns = session.connectionCounts();
  return evaluateHealth({
    facts: session.facts,
    control: session.healthFacts.facts,
    metrics: session.torMetrics.model,
    earlierMetrics: session.torMetrics.earlier,
    orConnections: conns === undefined ? undefined : conns.inbound + conns.outbound,
    accounting: session.graph.model.accounting,
    recentRate: recentRateOf(session),
    nowMs,
  });
}

export function healthSummaryOf(session: RelaySession, nowMs: number): HealthSummary {
  return summarizeHealth(healthChecksOf(session, nowMs));
}
