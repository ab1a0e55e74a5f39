// `ortop --snapshot json`: one machine-readable frame of every attached relay (schema
// "ortop.snapshot/1", documented field by field in docs/snapshot-json.md). Strings from tor are kept
// as tor sent them — JSON.stringify escapes quotes, backslashes and control characters — and only cut
// (with a trailing "…") past MAX_JSON_STRING. Pure: inputs and time in, a plain object out.
import type { HeaderFacts } from '../header-facts.js';
import type { HealthCheck, OverloadSignal } from '../health/types.js';
import { summarizeHealth } from '../health/evaluate-health.js';
import type { TorMetricsModel } from '../tor-metrics/types.js';
import type { RelaySummary, RelayState } from './relay-summary.js';
import { totalsOf } from './relay-totals.js';

export const SNAPSHOT_SCHEMA = 'ortop.snapshot/1';
/** Longest string kept (a 1 MB nickname would make the frame 1 MB). */
export const MAX_JSON_STRING = 4096;

export interface SnapshotRelayInput {
  readonly name: string;
  /** How the control connection was described ("127.0.0.1:9051", "/run/tor/control", "demo relay"). */
  readonly target: string;
  /** Raw header facts (unsanitised strings). */
  readonly facts: HeaderFacts;
  /** The fleet summary (for numbers and the state); its strings are not used. */
  readonly summary: RelaySummary;
  readonly checks: readonly HealthCheck[];
  readonly signals: readonly OverloadSignal[];
  readonly metrics: TorMetricsModel;
  /** tor's newest WARN/ERR as received (unsanitised). */
  readonly lastProblem: { readonly atMs: number; readonly type: string; readonly message: string } | undefined;
  /** traffic/read and traffic/written plus every BW event since, when known. */
  readonly totalReadBytes: number | undefined;
  readonly totalWrittenBytes: number | undefined;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const str = (v: string | undefined): string | null => (v === undefined ? null : v.length > MAX_JSON_STRING ? `${v.slice(0, MAX_JSON_STRING)}…` : v);
const num = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);
const iso = (ms: number | undefined): string | null => (ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

function stateOf(state: RelayState, facts: HeaderFacts): { [key: string]: Json } {
  const conn = facts.connection;
  const problem = conn.kind === 'disconnected' ? str(conn.problem ?? conn.reason) : null;
  switch (state.kind) {
    case 'bootstrapping':
      return { kind: state.kind, progress: state.progress };
    case 'not-answering':
      return { kind: state.kind, since: iso(state.sinceMs), lastHeard: iso(state.lastHeardAtMs) };
    case 'password-needed':
    case 'disconnected':
      return { kind: state.kind, since: iso(state.atMs), problem };
    default:
      return { kind: state.kind };
  }
}

function relayOf(r: SnapshotRelayInput): { [key: string]: Json } {
  const { facts, summary: s } = r;
  const health = summarizeHealth(r.checks);
  return {
    name: str(r.name),
    target: str(r.target),
    nickname: str(facts.nickname),
    fingerprint: str(facts.fingerprint),
    state: stateOf(s.state, facts),
    torVersion: str(facts.torVersion),
    versionStatus: str(facts.versionStatus),
    flags: facts.flags === undefined ? null : facts.flags.slice(0, 64).map((f) => str(f)),
    isRelay: facts.isRelay,
    address: str(facts.address),
    orPort: num(facts.orPort),
    dirPort: num(facts.dirPort),
    pid: num(facts.pid),
    uptimeSeconds: s.uptimeMs === undefined ? null : Math.floor(s.uptimeMs / 1000),
    bootstrapProgress: num(facts.bootstrap?.progress),
    networkLiveness: str(facts.liveness),
    fileDescriptors: { used: num(facts.fdUsed), limit: num(facts.fdLimit) },
    bandwidth: {
      readBytesPerSec: num(s.readBytesPerSec),
      writtenBytesPerSec: num(s.writtenBytesPerSec),
      avgReadBytesPerSec: num(s.avgReadBytesPerSec),
      avgWrittenBytesPerSec: num(s.avgWrittenBytesPerSec),
      totalReadBytes: num(r.totalReadBytes),
      totalWrittenBytes: num(r.totalWrittenBytes),
    },
    connections: {
      orInbound: num(s.orConnections?.inbound),
      orOutbound: num(s.orConnections?.outbound),
      exits: num(s.exitConnections),
      circuits: num(s.circuits),
      streams: num(s.streams),
    },
    accounting:
      s.accounting === undefined ? null : { hibernating: str(s.accounting.hibernating), usedBytes: s.accounting.usedBytes, limitBytes: s.accounting.limitBytes, usedPercent: s.accounting.usedPercent },
    consensusWeight: num(s.consensusWeight),
    warnings: num(s.warnings),
    errors: num(s.errors),
    lastProblem: r.lastProblem === undefined ? null : { at: iso(r.lastProblem.atMs), severity: str(r.lastProblem.type), message: str(r.lastProblem.message) },
    health: {
      status: health.status,
      summary: health.text,
      checks: r.checks.map((c) => ({ id: c.id, status: c.status, what: str(c.what), fix: str(c.fix) })),
      overloadSignals: r.signals.map((o) => ({ id: o.id, label: o.label, value: num(o.value), unit: o.unit, tripped: o.tripped })),
    },
    metricsPort: { source: str(r.metrics.source), fetchedAt: iso(r.metrics.fetchedAtMs), problem: str(r.metrics.problem), families: r.metrics.families.length },
  };
}

export function buildSnapshotJson(relays: readonly SnapshotRelayInput[], meta: { readonly nowMs: number; readonly ortopVersion: string }): { [key: string]: Json } {
  const t = totalsOf(relays.map((r) => r.summary));
  const sum = (pick: (r: SnapshotRelayInput) => number | undefined): number | null => {
    let total: number | undefined;
    for (const r of relays) {
      const v = pick(r);
      if (v !== undefined && Number.isFinite(v)) total = (total ?? 0) + v;
    }
    return total ?? null;
  };
  return {
    schema: SNAPSHOT_SCHEMA,
    generatedAt: iso(meta.nowMs),
    ortopVersion: meta.ortopVersion,
    relays: relays.map(relayOf),
    totals: {
      relays: t.relays,
      byState: { ...t.byState },
      readBytesPerSec: num(t.readBytesPerSec),
      writtenBytesPerSec: num(t.writtenBytesPerSec),
      totalReadBytes: sum((r) => r.totalReadBytes),
      totalWrittenBytes: sum((r) => r.totalWrittenBytes),
      orInbound: num(t.orConnections?.inbound),
      orOutbound: num(t.orConnections?.outbound),
      exits: num(t.exitConnections),
      circuits: num(t.circuits),
      streams: num(t.streams),
      consensusWeight: num(t.consensusWeight),
      warnings: num(t.warnings),
      errors: num(t.errors),
      healthBad: relays.filter((r) => summarizeHealth(r.checks).status === 'bad').length,
      healthWarn: relays.filter((r) => summarizeHealth(r.checks).status === 'warn').length,
    },
  };
}

/** The frame as printed: two-space indented JSON (one object, no trailing text). */
export function formatSnapshotJson(frame: { [key: string]: Json }): string {
  return JSON.stringify(frame, null, 2);
}
