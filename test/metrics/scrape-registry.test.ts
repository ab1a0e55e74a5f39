// The exporter's registry from relay inputs: values, types and labels as docs/metrics.md says,
// bounded label sets, tor's MetricsPort families re-exported under tor's names, and OpenMetrics.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWN_FLAGS, negotiateFormat, renderScrape, RELAY_FAMILIES, type RelayStatusFacts } from '../../src/metrics/index.js';
import { GraphModel } from '../../src/relay/bandwidth/index.js';
import type { Circuit, OrConn } from '../../src/relay/connections/index.js';
import { parseTorMetrics } from '../../src/relay/tor-metrics/parse-tor-metrics.js';
import type { TorMetricsModel } from '../../src/relay/tor-metrics/types.js';
import { checkMetrics, describeWithPromtool } from './promtool.js';
import { readBack, samples, value } from './read-back.js';
import { createConnectionStore, NOW_MS, relayInput } from './relay-input.js';

const FP = 'A'.repeat(40);
const who = { relay: 'r1', nickname: 'relay1', fingerprint: FP };

function circuit(id: string, purpose: string | undefined): Circuit {
  return { id, status: 'BUILT', path: [], purpose, hsState: undefined, rendQuery: undefined, buildFlags: [], createdAtMs: undefined, sinceMs: 0, streamIds: new Set(), readBytes: 0, writtenBytes: 0 };
}

function orConn(key: string, direction: OrConn['direction']): OrConn {
  return { key, id: key, fingerprint: undefined, nickname: undefined, peerAddress: undefined, peerPort: undefined, status: 'CONNECTED', direction, directionSource: undefined, sinceMs: 0, exactAge: false, readBytes: 0, writtenBytes: 0, socket: undefined };
}

const STATUS: RelayStatusFacts = {
  reachability: { or: true, dir: false },
  dormant: false,
  descriptor: { bandwidth: { avgBytesPerSec: 1000, burstBytesPerSec: 2000, observedBytesPerSec: 500 }, overloadGeneral: { version: 1, atMs: NOW_MS - 3_600_000 }, publishedAtMs: NOW_MS, source: 'published' },
};

const TOR: TorMetricsModel = {
  source: '127.0.0.1:9035',
  fetchedAtMs: NOW_MS,
  problem: undefined,
  families: [
    { name: 'tor_relay_traffic_bytes', type: 'counter', help: 'Traffic related counters', samples: [{ name: 'tor_relay_traffic_bytes', labels: { direction: 'read' }, value: 42 }] },
    { name: 'tor_relay_load_onionskins_total', type: 'counter', help: 'Total number of onionskins handled', samples: [{ name: 'tor_relay_load_onionskins_total', labels: { type: 'ntor', action: 'processed' }, value: 7 }] },
    { name: 'tor_relay_connections', type: 'gauge', help: 'Connections', samples: [{ name: 'tor_relay_connections', labels: { type: 'OR', state: 'opened', relay: 'tor says', nickname: 'x' }, value: 3 }] },
  ],
};

describe('the scrape registry', () => {
  it('exports what the control port says, with the relay labels on every relay series', async () => {
    const graph = new GraphModel();
    graph.seedTotals(123_456, 654_321);
    graph.accounting = { kind: 'on', facts: { hibernating: 'soft', readBytes: 10, writtenBytes: 20, readLimitBytes: 100, writtenLimitBytes: 200, intervalEndMs: NOW_MS + 86_400_000, atMs: NOW_MS } };
    const store = createConnectionStore();
    store.orConns.set('1', orConn('1', 'inbound'));
    store.orConns.set('2', orConn('2', 'inbound'));
    store.orConns.set('3', orConn('3', 'outbound'));
    store.orConns.set('4', orConn('4', undefined));
    store.circuits.set('1', circuit('1', 'GENERAL'));
    store.circuits.set('2', circuit('2', 'GENERAL'));
    store.circuits.set('3', circuit('3', 'HS_VANGUARDS'));
    const input = relayInput({ graph, connections: store, status: STATUS, facts: { liveness: 'up', bootstrap: { progress: 100, tag: 'done', summary: 'Done', warning: undefined } } });
    const { body, contentType } = await renderScrape([input], { format: 'prometheus' });
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const f = readBack(body);
    expect(value(f, 'ortop_relay_up', who)).toBe(1);
    expect(value(f, 'ortop_relay_control_state', { ...who, state: 'up' })).toBe(1);
    expect(value(f, 'ortop_relay_control_state', { ...who, state: 'down' })).toBe(0);
    expect(value(f, 'ortop_relay_traffic_bytes_total', { ...who, direction: 'read' })).toBe(123_456);
    expect(value(f, 'ortop_relay_traffic_bytes_total', { ...who, direction: 'written' })).toBe(654_321);
    expect(f.find((x) => x.name === 'ortop_relay_traffic_bytes_total')?.type).toBe('counter');
    expect(value(f, 'ortop_relay_flag', { ...who, flag: 'Exit' })).toBe(1);
    expect(value(f, 'ortop_relay_flag', { ...who, flag: 'Guard' })).toBe(0);
    expect(samples(f, 'ortop_relay_flag')).toHaveLength(KNOWN_FLAGS.length);
    expect(value(f, 'ortop_relay_version_status', { ...who, status: 'recommended' })).toBe(1);
    expect(value(f, 'ortop_relay_version_status', { ...who, status: 'obsolete' })).toBe(0);
    expect(value(f, 'ortop_relay_info', { ...who, version: '0.4.9.11' })).toBe(1);
    expect(value(f, 'ortop_relay_uptime_seconds', who)).toBe(3600);
    expect(value(f, 'ortop_relay_or_connections', { ...who, direction: 'inbound' })).toBe(2);
    expect(value(f, 'ortop_relay_or_connections', { ...who, direction: 'outbound' })).toBe(1);
    expect(value(f, 'ortop_relay_or_connections', { ...who, direction: 'unknown' })).toBe(1);
    expect(value(f, 'ortop_relay_circuits', { ...who, purpose: 'GENERAL' })).toBe(2);
    expect(value(f, 'ortop_relay_circuits', { ...who, purpose: 'HS_VANGUARDS' })).toBe(1);
    expect(value(f, 'ortop_relay_accounting_used_bytes', { ...who, direction: 'written' })).toBe(20);
    expect(value(f, 'ortop_relay_accounting_limit_bytes', { ...who, direction: 'read' })).toBe(100);
    expect(value(f, 'ortop_relay_accounting_interval_end_timestamp_seconds', who)).toBe((NOW_MS + 86_400_000) / 1000);
    expect(value(f, 'ortop_relay_hibernating', { ...who, state: 'soft' })).toBe(1);
    expect(value(f, 'ortop_relay_hibernating', { ...who, state: 'awake' })).toBe(0);
    expect(value(f, 'ortop_relay_bootstrap_ratio', who)).toBe(1);
    expect(value(f, 'ortop_relay_network_live', who)).toBe(1);
    expect(value(f, 'ortop_relay_reachable', { ...who, port: 'or' })).toBe(1);
    expect(value(f, 'ortop_relay_reachable', { ...who, port: 'dir' })).toBe(0);
    expect(value(f, 'ortop_relay_dormant', who)).toBe(0);
    expect(value(f, 'ortop_relay_overload_general', who)).toBe(1);
    expect(value(f, 'ortop_relay_overload_general_timestamp_seconds', who)).toBe((NOW_MS - 3_600_000) / 1000);
    expect(value(f, 'ortop_relay_descriptor_bandwidth_bytes_per_second', { ...who, kind: 'advertised' })).toBe(500);
    expect(value(f, 'ortop_relay_descriptor_bandwidth_bytes_per_second', { ...who, kind: 'burst' })).toBe(2000);
    expect(value(f, 'ortop_relays')).toBe(1);
  });

  it('says a relay is down, and keeps what is known of it', async () => {
    const input = relayInput({ facts: { connection: { kind: 'disconnected', target: 't', atMs: NOW_MS - 5000, reason: 'closed', retryAtMs: undefined } } });
    const f = readBack((await renderScrape([input], { format: 'prometheus' })).body);
    expect(value(f, 'ortop_relay_up', who)).toBe(0);
    expect(value(f, 'ortop_relay_control_state', { ...who, state: 'down' })).toBe(1);
    expect(value(f, 'ortop_relay_control_state', { ...who, state: 'up' })).toBe(0);
    const hung = relayInput({ facts: { connection: { kind: 'connected', target: 't', authMethod: 'NULL', sinceMs: 0, silence: { command: 'GETINFO', askedAtMs: 1, lastHeardAtMs: 1, dropAtMs: 2 } } } });
    const g = readBack((await renderScrape([hung], { format: 'prometheus' })).body);
    expect(value(g, 'ortop_relay_control_state', { ...who, state: 'hung' })).toBe(1);
    expect(value(g, 'ortop_relay_up', who)).toBe(0);
  });

  it('bounds what tor names: flags and circuit purposes beyond the known ones are capped', async () => {
    const store = createConnectionStore();
    for (let i = 0; i < 500; i++) store.circuits.set(String(i), circuit(String(i), `PURPOSE_${i}`));
    store.circuits.set('bad', circuit('bad', 'not "a" purpose\n'));
    const flags = [...Array.from({ length: 100 }, (_, i) => `Flag${i}`), 'bad flag"\n'];
    const f = readBack((await renderScrape([relayInput({ connections: store, facts: { flags } })], { format: 'prometheus' })).body);
    const purposes = samples(f, 'ortop_relay_circuits');
    expect(purposes.length).toBeLessThanOrEqual(17);
    expect(purposes.reduce((n, s) => n + s.value, 0)).toBe(501);
    expect(purposes.every((s) => /^[A-Z0-9_]+$/.test(s.labels.purpose!))).toBe(true);
    expect(samples(f, 'ortop_relay_flag').length).toBeLessThanOrEqual(KNOWN_FLAGS.length + 16);
  });

  it("re-exports tor's MetricsPort families under tor's names, with ortop's relay labels winning", async () => {
    const f = readBack((await renderScrape([relayInput({ torMetrics: TOR })], { format: 'prometheus' })).body);
    expect(value(f, 'tor_relay_traffic_bytes', { ...who, direction: 'read' })).toBe(42);
    expect(f.find((x) => x.name === 'tor_relay_traffic_bytes')?.type).toBe('counter');
    expect(value(f, 'tor_relay_load_onionskins_total', { ...who, type: 'ntor', action: 'processed' })).toBe(7);
    expect(value(f, 'tor_relay_connections', { ...who, type: 'OR', state: 'opened' })).toBe(3);
    expect(value(f, 'ortop_relay_tor_metrics_up', who)).toBe(1);
  });

  it('merges the same tor family from several relays into one', async () => {
    const inputs = [relayInput({ name: 'a', torMetrics: TOR }), relayInput({ name: 'b', torMetrics: TOR })];
    const body = (await renderScrape(inputs, { format: 'prometheus' })).body;
    expect(body.match(/^# TYPE tor_relay_traffic_bytes /gm)).toHaveLength(1);
    expect(samples(readBack(body), 'tor_relay_traffic_bytes').map((s) => s.labels.relay)).toEqual(['a', 'b']);
  });

  it('speaks OpenMetrics when asked: counters end in _total, tor counters without it keep their name as unknown', async () => {
    const graph = new GraphModel();
    graph.seedTotals(5, 6);
    const { body, contentType } = await renderScrape([relayInput({ torMetrics: TOR, graph })], { format: 'openmetrics' });
    expect(contentType).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(body.endsWith('# EOF\n')).toBe(true);
    expect(body).toMatch(/^# TYPE ortop_relay_traffic_bytes counter$/m);
    expect(body).toMatch(/^ortop_relay_traffic_bytes_total\{relay="r1",.*direction="read"\} 5$/m);
    expect(body).toMatch(/^# TYPE tor_relay_traffic_bytes unknown$/m);
    expect(body).toMatch(/^tor_relay_traffic_bytes\{/m);
    expect(body).toMatch(/^# TYPE tor_relay_load_onionskins counter$/m);
    expect(body).toMatch(/^tor_relay_load_onionskins_total\{/m);
  });

  it('documents every relay family in docs/metrics.md', async () => {
    const doc = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
    for (const f of RELAY_FAMILIES) expect(doc, f.name).toContain(`| \`${f.name}\` | ${f.kind} |`);
  });
});

describe('negotiateFormat', () => {
  it("picks OpenMetrics for Prometheus's Accept header and the text format otherwise", () => {
    expect(negotiateFormat('application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1')).toBe('openmetrics');
    expect(negotiateFormat(undefined)).toBe('prometheus');
    expect(negotiateFormat('*/*')).toBe('prometheus');
    expect(negotiateFormat('text/plain;version=0.0.4')).toBe('prometheus');
    expect(negotiateFormat('text/plain;q=1,application/openmetrics-text;q=0.5')).toBe('prometheus');
    expect(negotiateFormat('application/openmetrics-text;q=0')).toBe('prometheus');
    expect(negotiateFormat('garbage;;;q=x,,')).toBe('prometheus');
  });
});

describe("tor 0.4.9.11's real MetricsPort answer re-exported", () => {
  const fixture = readFileSync(new URL('../fixtures/tor-metrics/tor-0.4.9.11-relay.prom', import.meta.url), 'utf8');
  const parsed = parseTorMetrics(fixture);
  if (parsed.kind !== 'ok') throw new Error(parsed.message);
  const torMetrics: TorMetricsModel = { source: '127.0.0.1:9035', fetchedAtMs: NOW_MS, problem: undefined, families: parsed.families };
  const inputs = [relayInput({ name: 'a', torMetrics }), relayInput({ name: 'b', torMetrics })];
  const sampleNames = new Set(parsed.families.flatMap((f) => f.samples.map((s) => s.name)));

  it('keeps every sample of every family, for each relay, in the text format', async () => {
    const f = readBack((await renderScrape(inputs, { format: 'prometheus' })).body);
    for (const name of sampleNames) expect(samples(f, name).length, name).toBe(2 * parsed.families.flatMap((x) => x.samples).filter((s) => s.name === name).length);
  });

  it('keeps every family once in OpenMetrics, where _total counters and their stripped names could clash', async () => {
    const { body } = await renderScrape(inputs, { format: 'openmetrics' });
    const types = [...body.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => m[1]!);
    expect(new Set(types).size).toBe(types.length);
    const lines = body.split('\n').filter((l) => l.startsWith('tor_'));
    for (const name of sampleNames) expect(lines.some((l) => l.startsWith(`${name}{`)), name).toBe(true);
  });
});

describeWithPromtool("promtool on tor's families re-exported", () => {
  it('reports lint problems only on tor_* names, and no format error', async () => {
    const fixture = readFileSync(new URL('../fixtures/tor-metrics/tor-0.4.9.11-relay.prom', import.meta.url), 'utf8');
    const parsed = parseTorMetrics(fixture);
    if (parsed.kind !== 'ok') throw new Error(parsed.message);
    const torMetrics: TorMetricsModel = { source: 's', fetchedAtMs: NOW_MS, problem: undefined, families: parsed.families };
    const graph = new GraphModel();
    graph.seedTotals(1, 2);
    const { body } = await renderScrape([relayInput({ torMetrics, graph })], { format: 'prometheus' });
    const r = checkMetrics(body);
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) expect(p).toMatch(/^tor_\S+ (counter metrics should have "_total" suffix|non-counter metrics should not have "_total" suffix|non-histogram and non-summary metrics should not have "_count" suffix)$/);
  });
});
