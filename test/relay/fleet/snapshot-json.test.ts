// `--snapshot json` as data: the frame parses, every field it holds is documented in
// docs/snapshot-json.md and every documented field is there, and strings from tor come back exactly
// as tor sent them (JSON-escaped on the wire, never sanitised).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSnapshotJson, formatSnapshotJson, MAX_JSON_STRING, SNAPSHOT_SCHEMA, summarizeRelay, type RelaySummaryInput, type SnapshotRelayInput } from '../../../src/relay/fleet/index.js';
import { evaluateHealth, NO_HEALTH_FACTS, overloadSignals } from '../../../src/relay/health/index.js';
import type { TorMetricsModel } from '../../../src/relay/tor-metrics/index.js';
import { metricsWith } from '../../panels/health/health-fixtures.js';
import { hostileDisconnected, hostileRelay, mixedFleet, NOW_MS } from './fleet-fixtures.js';

const DOC = readFileSync(new URL('../../../docs/snapshot-json.md', import.meta.url), 'utf8');
const NO_METRICS: TorMetricsModel = { source: undefined, fetchedAtMs: undefined, families: [], problem: 'no MetricsPort configured' };

function relayInput(r: RelaySummaryInput, metrics: TorMetricsModel): SnapshotRelayInput {
  const newest = r.logs?.problems.newest;
  return {
    name: r.name,
    target: r.facts.controlTarget ?? 'x',
    facts: r.facts,
    summary: summarizeRelay(r, NOW_MS),
    checks: evaluateHealth({ facts: r.facts, control: NO_HEALTH_FACTS, metrics, earlierMetrics: undefined, orConnections: 3, accounting: r.graph?.accounting, nowMs: NOW_MS }),
    signals: overloadSignals(metrics),
    metrics,
    lastProblem: newest === undefined ? undefined : { atMs: newest.atMs, type: newest.type, message: newest.message },
    totalReadBytes: r.graph?.totalReadBytes,
    totalWrittenBytes: r.graph?.totalWrittenBytes,
  };
}

function frame(): string {
  const inputs = [...mixedFleet().map((r, i) => relayInput(r, i === 0 ? metricsWith() : NO_METRICS)), relayInput(hostileRelay(), metricsWith()), relayInput(hostileDisconnected(), NO_METRICS)];
  return formatSnapshotJson(buildSnapshotJson(inputs, { nowMs: NOW_MS, ortopVersion: '0.1.0' }));
}

/** `relays[].health.checks[].id` for every leaf and object in the value, arrays as []. */
function pathsOf(value: unknown, prefix: string, out: Set<string>, nulls: Set<string>): void {
  if (prefix !== '' && !prefix.endsWith('[]')) out.add(prefix);
  if (value === null) {
    nulls.add(prefix);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) if (v !== null && typeof v === 'object') pathsOf(v, `${prefix}[]`, out, nulls);
    return;
  }
  if (typeof value === 'object') for (const [k, v] of Object.entries(value as Record<string, unknown>)) pathsOf(v, prefix === '' ? k : `${prefix}.${k}`, out, nulls);
}

/** The first column of docs/snapshot-json.md's "Fields" table. */
function documentedPaths(): Set<string> {
  const section = DOC.slice(DOC.indexOf('## Fields'), DOC.indexOf('## Health check ids'));
  return new Set([...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!));
}

describe('--snapshot json frame', () => {
  it('parses, names its schema, and holds exactly the documented fields', () => {
    const parsed = JSON.parse(frame()) as { schema: string; relays: unknown[] };
    expect(parsed.schema).toBe(SNAPSHOT_SCHEMA);
    expect(parsed.relays).toHaveLength(9);
    const seen = new Set<string>();
    const nulls = new Set<string>();
    pathsOf(parsed, '', seen, nulls);
    const documented = documentedPaths();
    expect([...seen].filter((p) => !documented.has(p))).toEqual([]);
    // A documented field may be absent only under a parent that is null or an unused state variant.
    const stateVariant = /^relays\[\]\.state\.(progress|since|lastHeard|problem)$/;
    const missing = [...documented].filter((p) => !seen.has(p) && !stateVariant.test(p) && ![...nulls].some((n) => p.startsWith(`${n}.`)));
    expect(missing).toEqual([]);
    for (const p of ['relays[].state.progress', 'relays[].state.since', 'relays[].state.lastHeard', 'relays[].state.problem']) expect(seen.has(p), p).toBe(true);
  });

  it('keeps strings from tor as tor sent them: escapes, quotes, backslashes, bidi, newlines', () => {
    const text = frame();
    // Escaped on the wire: no raw control character in the output at all.
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).toContain('\\u001b]0;pwned\\u0007');
    const parsed = JSON.parse(text) as { relays: Array<Record<string, unknown>> };
    const evil = parsed.relays.find((r) => String(r.name).startsWith('evil\u001b'))!;
    const raw = hostileRelay();
    expect(evil.name).toBe(raw.name);
    expect(evil.fingerprint).toBe(raw.facts.fingerprint);
    expect(evil.torVersion).toBe(raw.facts.torVersion);
    expect(evil.flags).toEqual(raw.facts.flags);
    // Past 4096 characters a string is cut, visibly; what is kept is tor's text unchanged.
    const message = raw.logs!.problems.newest!.message;
    expect(message.length).toBeGreaterThan(MAX_JSON_STRING);
    expect((evil.lastProblem as { message: string }).message).toBe(`${message.slice(0, MAX_JSON_STRING)}…`);
    expect(String(evil.nickname)).toHaveLength(MAX_JSON_STRING + 1);
    expect(String(evil.nickname).endsWith('…')).toBe(true);
    const down = parsed.relays.find((r) => r.name === 'evil-down')!;
    expect((down.state as { problem: string }).problem).toBe('nothing\u001b]0;pwned\u0007 listening\u202e');
  });

  it('carries health, bandwidth totals and connection counts', () => {
    const parsed = JSON.parse(frame()) as { relays: Array<Record<string, any>>; totals: Record<string, any> };
    const guard = parsed.relays[0]!;
    expect(guard.health.checks.map((c: { id: string }) => c.id)).toContain('onionskin-drops');
    expect(guard.metricsPort).toMatchObject({ source: '127.0.0.1:9035', problem: null });
    expect(guard.connections).toMatchObject({ orInbound: 310, orOutbound: 42, circuits: 57 });
    const noPort = parsed.relays[1]!;
    expect(noPort.health.checks.find((c: { id: string }) => c.id === 'metrics-port')).toMatchObject({ status: 'unknown', fix: expect.stringContaining('MetricsPort') });
    expect(noPort.health.overloadSignals.every((s: { value: unknown }) => s.value === null)).toBe(true);
    expect(parsed.totals.relays).toBe(9);
    expect(parsed.totals.orInbound).toBe(parsed.relays.reduce((n, r) => n + (r.connections.orInbound ?? 0), 0));
  });
});
