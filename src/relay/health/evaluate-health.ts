// A relay's whole health: the control-port checks, then the MetricsPort ones; the worst status and
// the short summary the Relays overview shows ("ok", "2 warn", "overload"). Pure.
import type { AccountingState } from '../bandwidth/graph-model.js';
import type { HeaderFacts } from '../header-facts.js';
import type { TorMetricsModel } from '../tor-metrics/types.js';
import { controlChecks } from './control-checks.js';
import { metricsChecks } from './metrics-checks.js';
import type { HealthCheck, HealthControlFacts, HealthStatus } from './types.js';

export interface HealthInput {
  readonly facts: HeaderFacts;
  readonly control: HealthControlFacts;
  readonly metrics: TorMetricsModel | undefined;
  /** A scrape some minutes older than `metrics` (TorMetricsCollector.earlier). */
  readonly earlierMetrics: TorMetricsModel | undefined;
  readonly orConnections: number | undefined;
  readonly accounting: AccountingState | undefined;
  /** Traffic over the last minute (accounting: does the allowance last?). */
  readonly recentRate?: { readonly readBytesPerSec: number; readonly writtenBytesPerSec: number } | undefined;
  readonly nowMs: number;
}

/** An exit: the Exit flag, ExitRelay 1, or a policy that accepts something (the default one does). */
export function isExitRelay(facts: HeaderFacts, exitRelay: string | undefined): boolean {
  if (!facts.isRelay || exitRelay === '0') return false;
  if (facts.flags?.includes('Exit') === true || exitRelay === '1') return true;
  const p = facts.exitPolicy;
  return p !== undefined && (p.tail === 'default' || p.rules.some((r) => r.action === 'accept'));
}

export function evaluateHealth(input: HealthInput): HealthCheck[] {
  const isExit = isExitRelay(input.facts, input.control.exitRelay);
  return [
    ...controlChecks({ facts: input.facts, control: input.control, orConnections: input.orConnections, accounting: input.accounting, recentRate: input.recentRate, isExit, nowMs: input.nowMs }),
    ...metricsChecks({ metrics: input.metrics, earlier: input.earlierMetrics, isExit }),
  ];
}

const RANK: Readonly<Record<HealthStatus, number>> = { ok: 0, unknown: 1, warn: 2, bad: 3 };

/** The worst status of a list; 'unknown' only when nothing is worse and something is unknown. */
export function worstStatus(checks: readonly HealthCheck[]): HealthStatus {
  let worst: HealthStatus = 'ok';
  for (const c of checks) if (RANK[c.status] > RANK[worst]) worst = c.status;
  return worst;
}

/** Checks whose bad status means tor is (or recently was) overloaded. */
const OVERLOAD_IDS = new Set(['overload-general', 'extra-info-overload', 'onionskin-drops', 'oom', 'tcp-exhaustion', 'sockets']);

export interface HealthSummary {
  readonly status: HealthStatus;
  /** "ok", "2 warn", "1 bad", "overload", "?" */
  readonly text: string;
  readonly bad: number;
  readonly warn: number;
  readonly unknown: number;
}

export function summarizeHealth(checks: readonly HealthCheck[]): HealthSummary {
  const count = (s: HealthStatus) => checks.filter((c) => c.status === s).length;
  const bad = count('bad');
  const warn = count('warn');
  const unknown = count('unknown');
  const status = worstStatus(checks);
  const overload = checks.some((c) => c.status === 'bad' && OVERLOAD_IDS.has(c.id));
  const text = overload ? 'overload' : bad > 0 ? `${bad} bad` : warn > 0 ? `${warn} warn` : unknown === checks.length && checks.length > 0 ? '?' : 'ok';
  return { status, text, bad, warn, unknown };
}

/** For sorting: worse first (bad 3 … ok 0), then more problems first. */
export function healthRank(summary: HealthSummary | undefined): number {
  if (summary === undefined) return -1;
  return RANK[summary.status] * 1000 + summary.bad * 10 + summary.warn;
}
