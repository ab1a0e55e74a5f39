// Health page inputs for snapshot tests: a healthy relay, a troubled exit (overload, unreachable,
// obsolete, DNS errors rising), one without a MetricsPort, and one whose strings from tor are hostile.
import type { HealthPageInput } from '../../../panels/health/index.js';
import { evaluateHealth, NO_HEALTH_FACTS, overloadSignals, type HealthInput } from '../../../src/relay/health/index.js';
import type { TorMetricsModel } from '../../../src/relay/tor-metrics/index.js';
import { capturedMetrics, HEALTH_NOW_MS, HEALTHY_CONTROL_FACTS, healthyRelayFacts } from '../../helpers/health-inputs.js';

export const NOW_MS = HEALTH_NOW_MS;

export function metricsWith(set: Record<string, number> = {}, atMs = NOW_MS - 3000): TorMetricsModel {
  return capturedMetrics(set, atMs);
}

const RELAY = healthyRelayFacts('ortopHealth');
const GOOD = HEALTHY_CONTROL_FACTS;

function pageInput(name: string, h: HealthInput): HealthPageInput {
  const m = h.metrics;
  return { name, checks: evaluateHealth(h), signals: overloadSignals(m), metricsSource: m?.source, metricsFetchedAtMs: m?.fetchedAtMs, metricsProblem: m?.problem, nowMs: NOW_MS };
}

const base = (patch: Partial<HealthInput> = {}): HealthInput => ({ facts: RELAY, control: GOOD, metrics: metricsWith(), earlierMetrics: undefined, orConnections: 420, accounting: { kind: 'off' }, nowMs: NOW_MS, ...patch });

export function healthy(): HealthPageInput {
  return pageInput('guard-1', base());
}

export function troubled(): HealthPageInput {
  const earlier = metricsWith({ 'tor_relay_exit_dns_error_total{reason="tor_timeout"}': 10, 'tor_relay_exit_dns_query_total': 1000 }, NOW_MS - 600_000);
  return pageInput(
    'exit-de',
    base({
      facts: { ...RELAY, versionStatus: 'obsolete', torVersion: '0.4.7.16', fdLimit: 4096, flags: ['Exit', 'Fast', 'Running', 'Valid'] },
      control: {
        ...GOOD,
        exitRelay: '1',
        contactInfo: '',
        reachability: { or: false, dir: false },
        descriptor: { overloadAtMs: NOW_MS - 5 * 3600_000, publishedAtMs: NOW_MS - 3600_000, source: 'published' },
        myFamily: ['$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'],
        family: [
          { member: '$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', state: 'mutual' },
          { member: '$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB', state: 'one-sided' },
        ],
        clockSkew: { skewSeconds: -95, source: 'OR:192.0.2.1:9001', atMs: NOW_MS - 60_000 },
      },
      orConnections: 3500,
      accounting: { kind: 'on', facts: { hibernating: 'awake', readBytes: 950, writtenBytes: 10, readLimitBytes: 1000, writtenLimitBytes: 1000, intervalEndMs: NOW_MS + 86_400_000, atMs: NOW_MS } },
      metrics: metricsWith({
        'tor_relay_load_onionskins_total{type="ntor",action="processed"}': 90_000,
        'tor_relay_load_onionskins_total{type="ntor",action="dropped"}': 4_500,
        'tor_relay_load_oom_bytes_total{subsys="cell"}': 52_428_800,
        'tor_relay_load_socket_total{state="opened"}': 3_600,
        'tor_relay_load_socket_total': 4096,
        'tor_relay_dos_total{type="circuit_rejected"}': 1234,
        'tor_relay_exit_dns_error_total{reason="tor_timeout"}': 210,
        'tor_relay_exit_dns_query_total': 3000,
      }),
      earlierMetrics: earlier,
    }),
  );
}

export function noMetricsPort(): HealthPageInput {
  return pageInput('middle-fr', base({ metrics: { source: undefined, fetchedAtMs: undefined, families: [], problem: 'no MetricsPort configured' }, control: NO_HEALTH_FACTS }));
}

const ESC = '\x1b';
/** Strings tor controls (version, family entries as written, clock-skew source, the relay name) with escapes, tags, bidi and newlines. */
export function hostile(): HealthPageInput {
  return pageInput(
    `evil${ESC}[2J{red-fg}name\u202e`,
    base({
      facts: { ...RELAY, torVersion: `0.4.9${ESC}]0;pwned\x07{bold}`, versionStatus: `weird\n${ESC}[5mstatus` },
      control: {
        ...GOOD,
        myFamily: [`$C${ESC}[31m\u202e{/red-fg}`],
        family: [{ member: `$C${ESC}[31m\u202e{/red-fg}\nnext`, state: 'one-sided' }],
        clockSkew: { skewSeconds: 7200, source: `OR:${ESC}[2J"quoted"\\back\nslash`, atMs: NOW_MS },
      },
      metrics: { source: `127.0.0.1:9035${ESC}[2J`, fetchedAtMs: undefined, families: [], problem: `MetricsPort 127.0.0.1:9035: HTTP 500 ${ESC}]0;pwned\x07\u202e` },
    }),
  );
}
