// ortop's own series for every attached relay, from tor's control port (docs/metrics.md lists each
// with its type and labels). Every label set is bounded: a handful of fixed words per label, tor's
// flags and circuit purposes capped and checked. Pure: inputs in, prom-client metrics filled.
import type { Registry, RegistryContentType } from 'prom-client';
import { customMetric, type MetricValue } from './custom-metric.js';
import type { RelaySummary } from '../relay/fleet/relay-summary.js';
import { cleanLabelValue, type RelayLabels } from './relay-labels.js';
import type { RelayMetricsInput } from './relay-metrics-input.js';

/** Flags always exported (0 or 1), so losing one is a change of value, not a vanished series. */
export const KNOWN_FLAGS = ['Authority', 'BadExit', 'Exit', 'Fast', 'Guard', 'HSDir', 'MiddleOnly', 'NoEdConsensus', 'Running', 'Stable', 'StaleDesc', 'Sybil', 'V2Dir', 'Valid'] as const;
/** At most this many flags and circuit purposes per relay beyond the known ones. */
export const MAX_EXTRA_WORDS = 16;
export const CONTROL_STATES = ['up', 'connecting', 'down', 'hung', 'auth'] as const;
export const VERSION_STATUSES = ['new', 'old', 'unrecommended', 'recommended', 'new in series', 'obsolete', 'unknown'] as const;
export const HIBERNATION_STATES = ['awake', 'soft', 'hard'] as const;

type Kind = 'gauge' | 'counter';
interface Definition {
  readonly name: string;
  readonly kind: Kind;
  readonly help: string;
  readonly labels?: readonly string[];
}

/** The table docs/metrics.md documents (test/metrics/docs.test.ts keeps them equal). */
export const RELAY_FAMILIES = [
  { name: 'ortop_relay_up', kind: 'gauge', help: 'Whether ortop is attached to this tor and it answers (1) or not (0).' },
  { name: 'ortop_relay_control_state', kind: 'gauge', help: 'The control connection: 1 for its current state (up, connecting, down, hung: tor stopped answering, auth: a password is needed), 0 for the others.', labels: ['state'] },
  { name: 'ortop_relay_info', kind: 'gauge', help: "Always 1; tor's version as a label.", labels: ['version'] },
  { name: 'ortop_relay_version_status', kind: 'gauge', help: "tor's opinion of its own version from the consensus: 1 for the current status, 0 for the others.", labels: ['status'] },
  { name: 'ortop_relay_traffic_bytes_total', kind: 'counter', help: 'Bytes tor read or wrote since it started (GETINFO traffic/read, traffic/written plus BW events).', labels: ['direction'] },
  { name: 'ortop_relay_traffic_rate_bytes_per_second', kind: 'gauge', help: 'Bytes per second in the last second tor reported (BW event); absent when older than 2 s.', labels: ['direction'] },
  { name: 'ortop_relay_or_connections', kind: 'gauge', help: 'Open OR connections as tor reports them, by direction (unknown: open before ortop attached and not matched to a socket).', labels: ['direction'] },
  { name: 'ortop_relay_sockets', kind: 'gauge', help: "tor's other sockets from the socket table by category (only when tor runs on this machine).", labels: ['category'] },
  { name: 'ortop_relay_circuits', kind: 'gauge', help: 'Circuits tor reports (those it built), by purpose.', labels: ['purpose'] },
  { name: 'ortop_relay_streams', kind: 'gauge', help: 'Streams tor reports: its own clients\' streams (tor reports no exit streams; an exit\'s are ortop_relay_sockets{category="exit"}).' },
  { name: 'ortop_relay_flag', kind: 'gauge', help: 'Whether the consensus gives this relay the flag (1) or not (0).', labels: ['flag'] },
  { name: 'ortop_relay_consensus_weight', kind: 'gauge', help: "The relay's bandwidth weight in the consensus (w Bandwidth=)." },
  { name: 'ortop_relay_descriptor_bandwidth_bytes_per_second', kind: 'gauge', help: "The descriptor's bandwidth line: average, burst and observed; advertised is the smallest of the three.", labels: ['kind'] },
  { name: 'ortop_relay_uptime_seconds', kind: 'gauge', help: 'Seconds since tor started.' },
  { name: 'ortop_relay_accounting_enabled', kind: 'gauge', help: 'Whether AccountingMax is set (1) or not (0).' },
  { name: 'ortop_relay_accounting_used_bytes', kind: 'gauge', help: 'Bytes used in this accounting interval.', labels: ['direction'] },
  { name: 'ortop_relay_accounting_limit_bytes', kind: 'gauge', help: 'Bytes allowed in this accounting interval (used plus left).', labels: ['direction'] },
  { name: 'ortop_relay_accounting_interval_end_timestamp_seconds', kind: 'gauge', help: 'When the accounting interval ends (Unix time).' },
  { name: 'ortop_relay_hibernating', kind: 'gauge', help: 'Accounting hibernation: 1 for the current state (awake, soft, hard), 0 for the others.', labels: ['state'] },
  { name: 'ortop_relay_bootstrap_ratio', kind: 'gauge', help: "tor's bootstrap progress, 0 to 1." },
  { name: 'ortop_relay_network_live', kind: 'gauge', help: 'Whether tor believes the network is reachable (NETWORK_LIVENESS up = 1).' },
  { name: 'ortop_relay_reachable', kind: 'gauge', help: 'Whether tor confirmed its ORPort or DirPort reachable from outside (status/reachability-succeeded).', labels: ['port'] },
  { name: 'ortop_relay_dormant', kind: 'gauge', help: 'Whether tor is dormant (1) or active (0).' },
  { name: 'ortop_relay_overload_general', kind: 'gauge', help: 'Whether the descriptor carries overload-general (1) or not (0).' },
  { name: 'ortop_relay_overload_general_timestamp_seconds', kind: 'gauge', help: 'When overload-general was last set (Unix time), while the descriptor carries it.' },
  { name: 'ortop_relay_log_messages_total', kind: 'counter', help: "tor's WARN and ERR log messages ortop saw (since tor started, as far as ortop read them).", labels: ['severity'] },
  { name: 'ortop_relay_tor_metrics_up', kind: 'gauge', help: "Whether ortop read tor's MetricsPort on its last try (1) or not (0); absent without a MetricsPort collector." },
] as const satisfies readonly Definition[];

type FamilyName = (typeof RELAY_FAMILIES)[number]['name'];

/** One scrape's relay families, registered in `registry` and filled from `inputs` (each label set once per relay). */
export function addRelayFamilies(registry: Registry<RegistryContentType>, inputs: readonly RelayMetricsInput[]): void {
  const values = new Map<FamilyName, MetricValue[]>();
  const counters = new Set<string>();
  for (const d of RELAY_FAMILIES as readonly Definition[]) {
    values.set(d.name as FamilyName, []);
    if (d.kind === 'counter') counters.add(d.name);
  }
  for (const input of inputs)
    fillRelay(input, (name, labels, value) => {
      if (value === undefined || !Number.isFinite(value)) return;
      values.get(name)!.push({ labels, value: counters.has(name) ? Math.max(0, value) : value });
    });
  for (const d of RELAY_FAMILIES as readonly Definition[]) registry.registerMetric(customMetric(d.name, d.help, d.kind, values.get(d.name as FamilyName)!) as never);
}

type Emit = (name: FamilyName, labels: RelayLabels, value: number | undefined) => void;

const bit = (b: boolean | undefined): number | undefined => (b === undefined ? undefined : b ? 1 : 0);

export function relayLabelsOf(summary: RelaySummary): RelayLabels {
  return { relay: cleanLabelValue(summary.name), nickname: cleanLabelValue(summary.nickname), fingerprint: cleanLabelValue(summary.fingerprint) };
}

export function controlStateOf(summary: RelaySummary): (typeof CONTROL_STATES)[number] {
  switch (summary.state.kind) {
    case 'connected':
    case 'bootstrapping':
      return 'up';
    case 'connecting':
      return 'connecting';
    case 'not-answering':
      return 'hung';
    case 'password-needed':
      return 'auth';
    case 'disconnected':
      return 'down';
  }
}

function fillRelay(input: RelayMetricsInput, emit: Emit): void {
  const s = input.summary;
  const base = relayLabelsOf(s);
  const l = (extra: Record<string, string>): RelayLabels => ({ ...base, ...extra });
  const state = controlStateOf(s);
  const up = state === 'up';
  emit('ortop_relay_up', base, up ? 1 : 0);
  for (const st of CONTROL_STATES) emit('ortop_relay_control_state', l({ state: st }), st === state ? 1 : 0);
  if (s.torVersion !== undefined) emit('ortop_relay_info', l({ version: cleanLabelValue(s.torVersion) }), 1);
  if (s.versionStatus !== undefined) {
    const current = VERSION_STATUSES.find((v) => v === s.versionStatus) ?? 'unknown';
    for (const v of VERSION_STATUSES) emit('ortop_relay_version_status', l({ status: v }), v === current ? 1 : 0);
  }
  fillTraffic(input, base, emit);
  fillConnections(input, base, emit);
  if (s.flags !== undefined) {
    const extra = s.flags.filter((f) => !(KNOWN_FLAGS as readonly string[]).includes(f) && /^[A-Za-z0-9]{1,32}$/.test(f)).slice(0, MAX_EXTRA_WORDS);
    for (const f of [...KNOWN_FLAGS, ...extra]) emit('ortop_relay_flag', l({ flag: f }), s.flags.includes(f) ? 1 : 0);
  }
  emit('ortop_relay_consensus_weight', base, s.consensusWeight);
  fillDescriptor(input, base, emit);
  if (s.uptimeMs !== undefined) emit('ortop_relay_uptime_seconds', base, s.uptimeMs / 1000);
  fillAccounting(input, base, emit);
  if (input.bootstrap !== undefined) emit('ortop_relay_bootstrap_ratio', base, Math.max(0, Math.min(100, input.bootstrap.progress)) / 100);
  if (input.liveness !== undefined) emit('ortop_relay_network_live', base, input.liveness === 'up' ? 1 : 0);
  const reach = input.status.reachability;
  if (reach !== undefined) {
    emit('ortop_relay_reachable', l({ port: 'or' }), bit(reach.or));
    emit('ortop_relay_reachable', l({ port: 'dir' }), bit(reach.dir));
  }
  emit('ortop_relay_dormant', base, bit(input.status.dormant));
  const desc = input.status.descriptor;
  if (desc !== undefined) {
    emit('ortop_relay_overload_general', base, desc.overloadGeneral === undefined ? 0 : 1);
    if (desc.overloadGeneral !== undefined) emit('ortop_relay_overload_general_timestamp_seconds', base, desc.overloadGeneral.atMs / 1000);
  }
  emit('ortop_relay_log_messages_total', l({ severity: 'WARN' }), s.warnings);
  emit('ortop_relay_log_messages_total', l({ severity: 'ERR' }), s.errors);
  if (input.torMetrics !== undefined) emit('ortop_relay_tor_metrics_up', base, input.torMetrics.problem === undefined && input.torMetrics.fetchedAtMs !== undefined ? 1 : 0);
}

function fillTraffic(input: RelayMetricsInput, base: RelayLabels, emit: Emit): void {
  const g = input.graph;
  const s = input.summary;
  emit('ortop_relay_traffic_bytes_total', { ...base, direction: 'read' }, g?.totalReadBytes);
  emit('ortop_relay_traffic_bytes_total', { ...base, direction: 'written' }, g?.totalWrittenBytes);
  emit('ortop_relay_traffic_rate_bytes_per_second', { ...base, direction: 'read' }, s.readBytesPerSec);
  emit('ortop_relay_traffic_rate_bytes_per_second', { ...base, direction: 'written' }, s.writtenBytesPerSec);
}

function fillConnections(input: RelayMetricsInput, base: RelayLabels, emit: Emit): void {
  const store = input.connections;
  if (store === undefined) return;
  let inbound = 0;
  let outbound = 0;
  let unknown = 0;
  for (const c of store.orConns.values()) {
    if (c.direction === 'inbound') inbound++;
    else if (c.direction === 'outbound') outbound++;
    else unknown++;
  }
  emit('ortop_relay_or_connections', { ...base, direction: 'inbound' }, inbound);
  emit('ortop_relay_or_connections', { ...base, direction: 'outbound' }, outbound);
  emit('ortop_relay_or_connections', { ...base, direction: 'unknown' }, unknown);
  if (store.sockets.kind === 'sockets') {
    const counts = new Map<string, number>([['exit', 0], ['directory', 0], ['control', 0], ['socks', 0]]);
    for (const row of store.socketConns.values()) counts.set(row.category, (counts.get(row.category) ?? 0) + 1);
    for (const [category, n] of counts) emit('ortop_relay_sockets', { ...base, category }, n);
  }
  const purposes = new Map<string, number>();
  for (const c of store.circuits.values()) {
    const p = c.purpose !== undefined && /^[A-Z0-9_]{1,40}$/.test(c.purpose) ? c.purpose : 'OTHER';
    const key = purposes.has(p) || purposes.size < MAX_EXTRA_WORDS ? p : 'OTHER';
    purposes.set(key, (purposes.get(key) ?? 0) + 1);
  }
  for (const [purpose, n] of purposes) emit('ortop_relay_circuits', { ...base, purpose }, n);
  emit('ortop_relay_streams', base, store.streams.size);
}

function fillDescriptor(input: RelayMetricsInput, base: RelayLabels, emit: Emit): void {
  const bw = input.status.descriptor?.bandwidth;
  const kind = (k: string): RelayLabels => ({ ...base, kind: k });
  if (bw !== undefined) {
    emit('ortop_relay_descriptor_bandwidth_bytes_per_second', kind('average'), bw.avgBytesPerSec);
    emit('ortop_relay_descriptor_bandwidth_bytes_per_second', kind('burst'), bw.burstBytesPerSec);
    emit('ortop_relay_descriptor_bandwidth_bytes_per_second', kind('observed'), bw.observedBytesPerSec);
    emit('ortop_relay_descriptor_bandwidth_bytes_per_second', kind('advertised'), Math.min(bw.avgBytesPerSec, bw.burstBytesPerSec, bw.observedBytesPerSec));
  } else if (input.graph?.observed !== undefined) {
    emit('ortop_relay_descriptor_bandwidth_bytes_per_second', kind('observed'), input.graph.observed.bytesPerSec);
  }
}

function fillAccounting(input: RelayMetricsInput, base: RelayLabels, emit: Emit): void {
  const a = input.graph?.accounting;
  if (a === undefined || a.kind === 'unknown' || a.kind === 'closed') return;
  emit('ortop_relay_accounting_enabled', base, a.kind === 'on' ? 1 : 0);
  if (a.kind !== 'on' || a.facts === undefined) return;
  const f = a.facts;
  emit('ortop_relay_accounting_used_bytes', { ...base, direction: 'read' }, f.readBytes);
  emit('ortop_relay_accounting_used_bytes', { ...base, direction: 'written' }, f.writtenBytes);
  emit('ortop_relay_accounting_limit_bytes', { ...base, direction: 'read' }, f.readLimitBytes);
  emit('ortop_relay_accounting_limit_bytes', { ...base, direction: 'written' }, f.writtenLimitBytes);
  if (f.intervalEndMs !== undefined) emit('ortop_relay_accounting_interval_end_timestamp_seconds', base, f.intervalEndMs / 1000);
  for (const h of HIBERNATION_STATES) emit('ortop_relay_hibernating', { ...base, state: h }, h === f.hibernating ? 1 : 0);
}
