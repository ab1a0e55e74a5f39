// Health checks from tor's MetricsPort: the overload signals tor_relay_load_* (onionskins dropped, OOM,
// TCP port exhaustion, sockets, global rate limit), DoS defenses, congestion control and an exit's DNS
// errors. Pure: the current scrape and an earlier one (for "rising") in, checks out.
import type { TorMetricsModel } from '../tor-metrics/types.js';
import { sumByLabel, sumMetric } from './metric-values.js';
import type { HealthCheck, OverloadSignal } from './types.js';

/** Onionskin drop ratio at or over this is bad (any drop at all is a warning). */
export const ONIONSKIN_DROP_BAD = 0.01;
/** Share of the socket limit in use: warn, bad. */
export const SOCKETS_WARN = 0.75;
export const SOCKETS_BAD = 0.9;
/** Share of an exit's DNS queries that failed since the earlier scrape, at or over which it is bad. */
export const DNS_ERRORS_BAD = 0.05;
/** Answers that are a resolver doing its job, not failing: success, no such name, no data. */
const DNS_NOT_ERRORS = new Set(['success', 'notexist', 'nodata']);

const ONIONSKINS = 'tor_relay_load_onionskins_total';
const OOM = 'tor_relay_load_oom_bytes_total';
const TCP_EXHAUSTION = 'tor_relay_load_tcp_exhaustion_total';
const SOCKETS = 'tor_relay_load_socket_total';
const RATE_LIMIT = 'tor_relay_load_global_rate_limit_reached_total';
const DOS = 'tor_relay_dos_total';
const CC_TOTAL = 'tor_relay_congestion_control_total';
const DNS_ERRORS = 'tor_relay_exit_dns_error_total';
const DNS_QUERIES = 'tor_relay_exit_dns_query_total';

export interface MetricsHealthInput {
  readonly metrics: TorMetricsModel | undefined;
  /** A scrape some minutes older than `metrics`, for what is rising; undefined at first. */
  readonly earlier: TorMetricsModel | undefined;
  readonly isExit: boolean;
}

const fmt = (n: number): string => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(2));
const pct = (r: number): string => (r === 0 ? '0%' : `${(r * 100).toFixed(r < 0.01 ? 2 : 1)}%`);

function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** "overload signals unknown: no MetricsPort configured" — why every MetricsPort check is unknown. */
function unread(id: string, subject: string, metrics: TorMetricsModel | undefined): HealthCheck {
  const why = metrics?.problem ?? 'not read yet';
  const fix = metrics?.source === undefined ? 'add "MetricsPort 127.0.0.1:9035" and "MetricsPortPolicy accept 127.0.0.1" to the torrc and reload tor' : undefined;
  return { id, status: 'unknown', what: `${subject}: ${why}`, fix };
}

const hasData = (m: TorMetricsModel | undefined): m is TorMetricsModel => m !== undefined && m.families.length > 0;

export interface OnionskinCounts {
  readonly processed: number;
  readonly dropped: number;
  readonly ratio: number;
}

export function onionskinCounts(metrics: TorMetricsModel | undefined): OnionskinCounts | undefined {
  const processed = sumMetric(metrics, ONIONSKINS, { action: 'processed' });
  const dropped = sumMetric(metrics, ONIONSKINS, { action: 'dropped' });
  if (processed === undefined || dropped === undefined) return undefined;
  const total = processed + dropped;
  return { processed, dropped, ratio: total === 0 ? 0 : dropped / total };
}

/** The signals tor itself counts as overload, for the page's table (values since tor started). */
export function overloadSignals(metrics: TorMetricsModel | undefined): readonly OverloadSignal[] {
  const m = hasData(metrics) ? metrics : undefined;
  const onion = onionskinCounts(m);
  const oom = sumMetric(m, OOM);
  const tcp = sumMetric(m, TCP_EXHAUSTION);
  const opened = sumMetric(m, SOCKETS, { state: 'opened' });
  const limit = sumMetric(m, SOCKETS, { state: undefined });
  const socketShare = opened !== undefined && limit !== undefined && limit > 0 ? opened / limit : undefined;
  const rate = sumMetric(m, RATE_LIMIT);
  const dos = sumMetric(m, DOS);
  return [
    { id: 'onionskins-dropped', label: 'onionskins dropped', value: onion?.dropped, unit: 'count', tripped: (onion?.dropped ?? 0) > 0 },
    { id: 'onionskin-drop-ratio', label: 'onionskin drop ratio', value: onion?.ratio, unit: 'ratio', tripped: (onion?.ratio ?? 0) > 0 },
    { id: 'oom-bytes', label: 'OOM handler freed', value: oom, unit: 'bytes', tripped: (oom ?? 0) > 0 },
    { id: 'tcp-exhaustion', label: 'TCP port exhaustion', value: tcp, unit: 'count', tripped: (tcp ?? 0) > 0 },
    { id: 'sockets-used', label: 'sockets in use of limit', value: socketShare, unit: 'ratio', tripped: (socketShare ?? 0) >= SOCKETS_WARN },
    { id: 'rate-limit-reached', label: 'global rate limit reached', value: rate, unit: 'count', tripped: (rate ?? 0) > 0 },
    { id: 'dos-defenses', label: 'DoS defenses triggered', value: dos, unit: 'count', tripped: (dos ?? 0) > 0 },
  ];
}

function onionskinCheck(m: TorMetricsModel): HealthCheck {
  const c = onionskinCounts(m);
  if (c === undefined) return { id: 'onionskin-drops', status: 'unknown', what: 'tor reports no onionskin counts (a client, or an old tor)', fix: undefined };
  const what = `onionskins: ${fmt(c.dropped)} dropped of ${fmt(c.processed + c.dropped)} (${pct(c.ratio)}) since tor started`;
  if (c.dropped === 0) return { id: 'onionskin-drops', status: 'ok', what, fix: undefined };
  return {
    id: 'onionskin-drops',
    status: c.ratio >= ONIONSKIN_DROP_BAD ? 'bad' : 'warn',
    what,
    fix: 'the CPU cannot keep up with circuit creation: give tor more cores (NumCPUs), check nothing else eats the CPU, or lower RelayBandwidthRate',
  };
}

function oomCheck(m: TorMetricsModel): HealthCheck {
  const total = sumMetric(m, OOM);
  if (total === undefined) return { id: 'oom', status: 'unknown', what: 'tor reports no out-of-memory counts', fix: undefined };
  if (total === 0) return { id: 'oom', status: 'ok', what: "tor's out-of-memory handler never ran", fix: undefined };
  const parts = sumByLabel(m, OOM, 'subsys').filter(([, v]) => v > 0).map(([k, v]) => `${k} ${bytes(v)}`);
  return {
    id: 'oom',
    status: 'bad',
    what: `tor's out-of-memory handler freed ${bytes(total)} (${parts.join(', ')})`,
    fix: 'tor ran short of memory for queues: add RAM, or set MaxMemInQueues to what the machine can spare',
  };
}

function tcpCheck(m: TorMetricsModel): HealthCheck {
  const n = sumMetric(m, TCP_EXHAUSTION);
  if (n === undefined) return { id: 'tcp-exhaustion', status: 'unknown', what: 'tor reports no TCP port exhaustion count', fix: undefined };
  if (n === 0) return { id: 'tcp-exhaustion', status: 'ok', what: 'no TCP port exhaustion', fix: undefined };
  return {
    id: 'tcp-exhaustion',
    status: 'bad',
    what: `ran out of local TCP ports ${fmt(n)} times`,
    fix: 'widen the ephemeral port range (sysctl net.ipv4.ip_local_port_range="1024 65535") or add outbound addresses (OutboundBindAddressExit)',
  };
}

function socketsCheck(m: TorMetricsModel): HealthCheck {
  const opened = sumMetric(m, SOCKETS, { state: 'opened' });
  const limit = sumMetric(m, SOCKETS, { state: undefined });
  if (opened === undefined || limit === undefined || limit <= 0) return { id: 'sockets', status: 'unknown', what: 'tor reports no socket counts', fix: undefined };
  const share = opened / limit;
  const what = `${fmt(opened)} sockets open of tor's limit ${fmt(limit)} (${pct(share)})`;
  if (share < SOCKETS_WARN) return { id: 'sockets', status: 'ok', what, fix: undefined };
  return {
    id: 'sockets',
    status: share >= SOCKETS_BAD ? 'bad' : 'warn',
    what,
    fix: 'raise the file-descriptor limit of tor (LimitNOFILE= in its systemd unit, or ulimit -n) and restart tor',
  };
}

function rateLimitCheck(m: TorMetricsModel): HealthCheck {
  const read = sumMetric(m, RATE_LIMIT, { side: 'read' }) ?? 0;
  const write = sumMetric(m, RATE_LIMIT, { side: 'write' }) ?? 0;
  if (sumMetric(m, RATE_LIMIT) === undefined) return { id: 'rate-limit', status: 'unknown', what: 'tor reports no rate-limit count', fix: undefined };
  if (read + write === 0) return { id: 'rate-limit', status: 'ok', what: 'never held back by its bandwidth rate', fix: undefined };
  return {
    id: 'rate-limit',
    status: 'warn',
    what: `held back by its bandwidth rate ${fmt(read + write)} times (read ${fmt(read)}, write ${fmt(write)})`,
    fix: 'tor reached BandwidthRate/BandwidthBurst (RelayBandwidthRate has its own bucket): raise them if the line allows, or leave them if the cap is intended',
  };
}

function dosCheck(m: TorMetricsModel): HealthCheck {
  const total = sumMetric(m, DOS);
  if (total === undefined) return { id: 'dos', status: 'unknown', what: 'tor reports no DoS-defense counts', fix: undefined };
  if (total === 0) return { id: 'dos', status: 'ok', what: 'DoS defenses have not acted', fix: undefined };
  const parts = sumByLabel(m, DOS, 'type')
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, v]) => `${k.replace(/_/g, ' ')} ${fmt(v)}`);
  return {
    id: 'dos',
    status: 'warn',
    what: `DoS defenses acted ${fmt(total)} times (${parts.join(', ')})`,
    fix: "tor's defenses are working: nothing to do unless the relay struggles; then see the DoS* options in tor(1)",
  };
}

function congestionCheck(m: TorMetricsModel): HealthCheck {
  const created = sumMetric(m, CC_TOTAL, { state: 'cc_circuits', action: 'circs_created' });
  if (created === undefined) return { id: 'congestion', status: 'unknown', what: 'tor reports no congestion-control counts', fix: undefined };
  const exited = sumMetric(m, CC_TOTAL, { state: 'cc_circuits', action: 'circs_exited_ss' }) ?? 0;
  const xoff = sumMetric(m, CC_TOTAL, { state: 'flow_control', action: 'xoff_num_sent' }) ?? 0;
  const resets = sumMetric(m, CC_TOTAL, { state: 'starvation', action: 'rtt_reset' }) ?? 0;
  return {
    id: 'congestion',
    status: 'ok',
    what: `congestion control: ${fmt(created)} circuits, ${fmt(exited)} left slow start, ${fmt(xoff)} XOFF sent, ${fmt(resets)} RTT resets`,
    fix: undefined,
  };
}

function dnsErrors(m: TorMetricsModel | undefined): number | undefined {
  const f = m?.families.find((x) => x.name === DNS_ERRORS);
  if (f === undefined) return undefined;
  let n = 0;
  for (const s of f.samples) if (!DNS_NOT_ERRORS.has(s.labels.reason ?? '') && Number.isFinite(s.value)) n += s.value;
  return n;
}

function dnsCheck(input: MetricsHealthInput, m: TorMetricsModel): HealthCheck {
  if (!input.isExit) return { id: 'dns-errors', status: 'ok', what: 'not an exit: resolves no names', fix: undefined };
  const errors = dnsErrors(m);
  if (errors === undefined) return { id: 'dns-errors', status: 'unknown', what: 'tor reports no DNS counts', fix: undefined };
  const fix = 'the exit\'s resolver fails: run a local caching resolver (unbound) instead of a shared or public one, and check /etc/resolv.conf';
  if (errors === 0) return { id: 'dns-errors', status: 'ok', what: 'no DNS errors since tor started', fix: undefined };
  const before = hasData(input.earlier) ? dnsErrors(input.earlier) : undefined;
  if (before === undefined || input.earlier?.fetchedAtMs === undefined || m.fetchedAtMs === undefined) {
    return { id: 'dns-errors', status: 'warn', what: `${fmt(errors)} DNS errors since tor started (whether they are rising shows in a few minutes)`, fix };
  }
  const minutes = Math.max(1, Math.round((m.fetchedAtMs - input.earlier.fetchedAtMs) / 60_000));
  const rise = Math.max(0, errors - before);
  if (rise === 0) return { id: 'dns-errors', status: 'ok', what: `no new DNS errors in the last ${minutes} min (${fmt(errors)} since tor started)`, fix: undefined };
  const queries = Math.max(0, (sumMetric(m, DNS_QUERIES) ?? 0) - (sumMetric(input.earlier, DNS_QUERIES) ?? 0));
  const share = queries > 0 ? rise / queries : 1;
  return {
    id: 'dns-errors',
    status: share >= DNS_ERRORS_BAD ? 'bad' : 'warn',
    what: `DNS errors rising: ${fmt(rise)} in the last ${minutes} min${queries > 0 ? ` (${pct(share)} of queries)` : ''}`,
    fix,
  };
}

export function metricsChecks(input: MetricsHealthInput): HealthCheck[] {
  const m = input.metrics;
  if (!hasData(m)) {
    // One line says why, not eight identical ones.
    return [unread('metrics-port', 'overload signals unknown', m)];
  }
  return [onionskinCheck(m), oomCheck(m), tcpCheck(m), socketsCheck(m), rateLimitCheck(m), dosCheck(m), congestionCheck(m), dnsCheck(input, m)];
}
