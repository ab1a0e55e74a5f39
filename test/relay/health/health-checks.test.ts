// The health checks as pure functions: each signal from tor's MetricsPort and each control-port fact
// moves its check to the status an operator would expect, with a fix whenever something is wrong.
import { describe, expect, it } from 'vitest';
import {
  clockSkewOf,
  descriptorOverload,
  evaluateHealth,
  extraInfoOverload,
  familyMemberState,
  NO_HEALTH_FACTS,
  overloadSignals,
  parseReachabilityReply,
  summarizeHealth,
  type HealthCheck,
  type HealthInput,
} from '../../../src/relay/health/index.js';
import type { TorMetricsModel } from '../../../src/relay/tor-metrics/index.js';
import { parseStatusEvent } from '../../../src/protocol/events/status.js';
import { capturedMetrics, HEALTH_NOW_MS, HEALTHY_CONTROL_FACTS, healthyRelayFacts } from '../../helpers/health-inputs.js';

const NOW = HEALTH_NOW_MS;
const metrics = (set: Record<string, number> = {}, atMs = NOW) => capturedMetrics(set, atMs);
const RELAY = healthyRelayFacts('hm');
const GOOD_FACTS = HEALTHY_CONTROL_FACTS;

function input(patch: Partial<HealthInput> = {}): HealthInput {
  return { facts: RELAY, control: GOOD_FACTS, metrics: metrics(), earlierMetrics: undefined, orConnections: 100, accounting: { kind: 'off' }, nowMs: NOW, ...patch };
}

const check = (checks: readonly HealthCheck[], id: string): HealthCheck => {
  const c = checks.find((x) => x.id === id);
  if (c === undefined) throw new Error(`no check ${id}: ${checks.map((x) => x.id).join(', ')}`);
  return c;
};

describe('evaluateHealth', () => {
  it('a healthy relay: every check ok, none with a fix, summary "ok"', () => {
    const checks = evaluateHealth(input());
    expect(checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(checks.every((c) => c.fix === undefined)).toBe(true);
    expect(summarizeHealth(checks)).toMatchObject({ status: 'ok', text: 'ok' });
  });

  it('reads the overload signals: onionskin drop ratio, OOM, TCP exhaustion, sockets, rate limit, DoS', () => {
    const m = metrics({
      'tor_relay_load_onionskins_total{type="ntor",action="processed"}': 900,
      'tor_relay_load_onionskins_total{type="ntor",action="dropped"}': 100,
      'tor_relay_load_oom_bytes_total{subsys="cell"}': 3 * 1024 * 1024,
      'tor_relay_load_tcp_exhaustion_total': 7,
      'tor_relay_load_socket_total{state="opened"}': 19000,
      'tor_relay_load_global_rate_limit_reached_total{side="write"}': 4,
      'tor_relay_dos_total{type="circuit_rejected"}': 12,
    });
    const checks = evaluateHealth(input({ metrics: m }));
    expect(check(checks, 'onionskin-drops')).toMatchObject({ status: 'bad', what: expect.stringContaining('100 dropped of 1,000 (10.0%)') });
    expect(check(checks, 'oom')).toMatchObject({ status: 'bad', what: expect.stringContaining('cell 3.0 MiB') });
    expect(check(checks, 'tcp-exhaustion').status).toBe('bad');
    expect(check(checks, 'sockets')).toMatchObject({ status: 'bad', what: expect.stringContaining('19,000 sockets open of tor\'s limit 19,968') });
    expect(check(checks, 'rate-limit')).toMatchObject({ status: 'warn', what: expect.stringContaining('write 4') });
    expect(check(checks, 'dos')).toMatchObject({ status: 'warn', what: expect.stringContaining('circuit rejected 12') });
    for (const c of checks.filter((x) => x.status !== 'ok')) expect(c.fix, c.id).toMatch(/\w{3,}/);
    expect(summarizeHealth(checks).text).toBe('overload');
    const signals = overloadSignals(m);
    expect(signals.find((s) => s.id === 'onionskin-drop-ratio')).toMatchObject({ value: 0.1, tripped: true });
    expect(signals.find((s) => s.id === 'oom-bytes')).toMatchObject({ value: 3 * 1024 * 1024, unit: 'bytes', tripped: true });
  });

  it('a few dropped onionskins warn; many are bad', () => {
    const few = metrics({ 'tor_relay_load_onionskins_total{type="ntor",action="processed"}': 10_000, 'tor_relay_load_onionskins_total{type="ntor",action="dropped"}': 1 });
    expect(check(evaluateHealth(input({ metrics: few })), 'onionskin-drops').status).toBe('warn');
  });

  it('exit DNS errors: rising since the earlier scrape is bad past 5 % of queries; old errors alone are not', () => {
    const exitFacts = { ...GOOD_FACTS, exitRelay: '1' };
    const earlier = metrics({ 'tor_relay_exit_dns_error_total{reason="serverfailed"}': 50, 'tor_relay_exit_dns_query_total': 1000 }, NOW - 600_000);
    const same = metrics({ 'tor_relay_exit_dns_error_total{reason="serverfailed"}': 50, 'tor_relay_exit_dns_query_total': 2000 });
    const rising = metrics({ 'tor_relay_exit_dns_error_total{reason="serverfailed"}': 150, 'tor_relay_exit_dns_query_total': 2000 });
    expect(check(evaluateHealth(input({ control: exitFacts, metrics: same, earlierMetrics: earlier })), 'dns-errors')).toMatchObject({ status: 'ok', what: expect.stringContaining('no new DNS errors in the last 10 min') });
    expect(check(evaluateHealth(input({ control: exitFacts, metrics: rising, earlierMetrics: earlier })), 'dns-errors')).toMatchObject({ status: 'bad', what: 'DNS errors rising: 100 in the last 10 min (10.0% of queries)' });
    // NXDOMAIN is a resolver doing its job.
    const nx = metrics({ 'tor_relay_exit_dns_error_total{reason="notexist"}': 900 });
    expect(check(evaluateHealth(input({ control: exitFacts, metrics: nx, earlierMetrics: earlier })), 'dns-errors').status).toBe('ok');
    expect(check(evaluateHealth(input({ metrics: rising, earlierMetrics: earlier })), 'dns-errors').what).toMatch(/not an exit/);
  });

  it('without a MetricsPort: one unknown check that says why and how to add one', () => {
    const none: TorMetricsModel = { source: undefined, fetchedAtMs: undefined, families: [], problem: 'no MetricsPort configured' };
    const checks = evaluateHealth(input({ metrics: none }));
    expect(checks.filter((c) => c.id === 'metrics-port')).toEqual([
      { id: 'metrics-port', status: 'unknown', what: 'overload signals unknown: no MetricsPort configured', fix: expect.stringContaining('MetricsPort 127.0.0.1:9035') },
    ]);
    expect(summarizeHealth(checks)).toMatchObject({ status: 'unknown', text: 'ok' });
    expect(overloadSignals(none).every((s) => s.value === undefined && !s.tripped)).toBe(true);
  });

  it('overload-general in the descriptor is bad and says when it was set and when it clears', () => {
    const at = NOW - 5 * 3600_000;
    const checks = evaluateHealth(input({ control: { ...GOOD_FACTS, descriptor: { overloadAtMs: at, publishedAtMs: NOW - 3600_000, source: 'published' } } }));
    expect(check(checks, 'overload-general')).toMatchObject({ status: 'bad', what: expect.stringMatching(/^overload-general set 2026-12-07 07:00 UTC \(5 h 0 min ago\).*clears in 2 d 19 h/) });
    expect(summarizeHealth(checks).text).toBe('overload');
  });

  it("the extra-info's overload lines: file descriptors ran out is bad, the rate limit hit warns", () => {
    const fd = { ...GOOD_FACTS, extraInfo: { fdExhaustedAtMs: NOW - 3600_000, rateLimitsAtMs: NOW - 60_000 } };
    expect(check(evaluateHealth(input({ control: fd })), 'extra-info-overload')).toMatchObject({ status: 'bad', what: expect.stringContaining('ran out of file descriptors 2026-12-07 11:00 UTC (1 h 0 min ago; overload-fd-exhausted'), fix: expect.stringContaining('LimitNOFILE') });
    const rate = { ...GOOD_FACTS, extraInfo: { fdExhaustedAtMs: undefined, rateLimitsAtMs: NOW - 60_000 } };
    expect(check(evaluateHealth(input({ control: rate })), 'extra-info-overload')).toMatchObject({ status: 'warn', what: expect.stringContaining('BandwidthRate/BandwidthBurst') });
    const text = 'router hm 127.0.0.1 9001 0 0\nextra-info hm F0AD\npublished 2026-12-07 10:00:00\noverload-ratelimits 1 2026-12-07 09:00:00 1000 2000 3 4\noverload-fd-exhausted 1 2026-12-07 08:00:00\n';
    expect(extraInfoOverload(text)).toEqual({ fdExhaustedAtMs: Date.UTC(2026, 11, 7, 8), rateLimitsAtMs: Date.UTC(2026, 11, 7, 9) });
    expect(extraInfoOverload('router hm 127.0.0.1 9001 0 0\n')).toBeUndefined();
  });

  it('reachability: a warning while tor is still testing, bad after 20 minutes; DirPort only when set', () => {
    const notYet = { ...GOOD_FACTS, reachability: { or: false, dir: false } };
    expect(check(evaluateHealth(input({ control: notYet, facts: { ...RELAY, torStartedAtMs: NOW - 5 * 60_000 } })), 'reachability')).toMatchObject({ status: 'warn', what: 'ORPort 9001 reachability not confirmed after 5 min (tor is still testing)' });
    expect(check(evaluateHealth(input({ control: notYet })), 'reachability')).toMatchObject({ status: 'bad', fix: expect.stringContaining('firewall') });
    const dir = { ...GOOD_FACTS, reachability: { or: true, dir: false } };
    expect(check(evaluateHealth(input({ control: dir, facts: { ...RELAY, dirPort: 9030 } })), 'reachability').what).toMatch(/^DirPort 9030 reachability not confirmed/);
  });

  it.each([
    ['obsolete', 'bad'],
    ['unrecommended', 'warn'],
    ['old', 'warn'],
    ['new in series', 'ok'],
    ['unknown', 'unknown'],
  ] as const)('version %s is %s', (versionStatus, status) => {
    expect(check(evaluateHealth(input({ facts: { ...RELAY, versionStatus } })), 'version').status).toBe(status);
  });

  it('clock skew from a CLOCK_SKEW event: a minute or more is bad', () => {
    const line = 'STATUS_GENERAL WARN CLOCK_SKEW SKEW=-3600 SOURCE=OR:192.0.2.1:9001';
    const event = parseStatusEvent(line, 'STATUS_GENERAL '.length, 'STATUS_GENERAL', 'STATUS_GENERAL');
    const skew = clockSkewOf(event, NOW);
    expect(skew).toEqual({ skewSeconds: -3600, source: 'OR:192.0.2.1:9001', atMs: NOW });
    expect(check(evaluateHealth(input({ control: { ...GOOD_FACTS, clockSkew: skew } })), 'clock-skew')).toMatchObject({ status: 'bad', what: expect.stringContaining('1 h 0 min behind'), fix: expect.stringContaining('NTP') });
  });

  it('file descriptors: connections near the limit, or a low limit on a relay', () => {
    expect(check(evaluateHealth(input({ orConnections: 900, facts: { ...RELAY, fdLimit: 1000 } })), 'fd-limit').status).toBe('bad');
    expect(check(evaluateHealth(input({ orConnections: 10, facts: { ...RELAY, fdLimit: 1024 } })), 'fd-limit')).toMatchObject({ status: 'warn', what: expect.stringContaining('low for a relay') });
  });

  it('accounting: hibernating is bad, 90 % used warns', () => {
    const facts = (hibernating: string, readBytes: number) => ({ kind: 'on' as const, facts: { hibernating, readBytes, writtenBytes: 0, readLimitBytes: 1000, writtenLimitBytes: 1000, intervalEndMs: NOW + 86_400_000, atMs: NOW } });
    expect(check(evaluateHealth(input({ accounting: facts('awake', 950) })), 'accounting')).toMatchObject({ status: 'warn', what: expect.stringContaining('95% of the accounting allowance used: hibernates soon') });
    expect(check(evaluateHealth(input({ accounting: facts('hard', 1000) })), 'accounting').status).toBe('bad');
    expect(check(evaluateHealth(input({ accounting: facts('awake', 10) })), 'accounting').status).toBe('ok');
    // 50 % used, 500 bytes left, 1 B/s: runs out in 8 min, a day before the interval ends.
    const projected = check(evaluateHealth(input({ accounting: facts('awake', 500), recentRate: { readBytesPerSec: 1, writtenBytesPerSec: 0 } })), 'accounting');
    expect(projected).toMatchObject({ status: 'warn', what: expect.stringContaining("at the last minute's rate it runs out in 8 min, before the interval ends") });
    expect(check(evaluateHealth(input({ accounting: facts('awake', 500), recentRate: { readBytesPerSec: 0.001, writtenBytesPerSec: 0 } })), 'accounting').status).toBe('ok');
  });

  it('an exit without ContactInfo is bad; a middle relay without it only warns', () => {
    const noContact = { ...GOOD_FACTS, contactInfo: '' };
    expect(check(evaluateHealth(input({ control: { ...noContact, exitRelay: '1' } })), 'contact-info').status).toBe('bad');
    expect(check(evaluateHealth(input({ control: { ...noContact, exitRelay: 'auto' }, facts: { ...RELAY, exitPolicy: { rules: [], tail: 'default' } } })), 'contact-info').status).toBe('bad');
    expect(check(evaluateHealth(input({ control: noContact })), 'contact-info').status).toBe('warn');
  });

  it('family members that do not name us back, or are missing from the consensus', () => {
    const family = { ...GOOD_FACTS, myFamily: ['$AA', '$BB', '$CC'], family: [{ member: '$AA', state: 'mutual' as const }, { member: '$BB', state: 'one-sided' as const }, { member: '$CC', state: 'absent' as const }] };
    expect(check(evaluateHealth(input({ control: family })), 'family')).toMatchObject({ status: 'warn', what: '1 of 3 MyFamily members do not name this relay ($BB); 1 not in the consensus ($CC)' });
    expect(check(evaluateHealth(input({ control: { ...GOOD_FACTS, familyIds: ['k'], familyIdsPublished: false } })), 'family').status).toBe('warn');
  });

  it('unread facts are unknown, not ok', () => {
    const checks = evaluateHealth(input({ control: NO_HEALTH_FACTS, facts: { ...RELAY, versionStatus: undefined, fdLimit: undefined } }));
    for (const id of ['overload-general', 'extra-info-overload', 'reachability', 'version', 'fd-limit', 'contact-info', 'family']) expect(check(checks, id).status, id).toBe('unknown');
  });
});

describe('health fact readers', () => {
  it('reachability replies', () => {
    expect(parseReachabilityReply('OR=1 DIR=0')).toEqual({ or: true, dir: false });
    expect(parseReachabilityReply('OR=2')).toBeUndefined();
  });

  it("a descriptor's overload-general line, and none", () => {
    const desc = (extra: string) =>
      ['router hm 127.0.0.1 9001 0 0', 'published 2026-12-07 10:00:00', 'fingerprint F0AD D881 DF58 F4DA BA66 38CB 1CA4 8D30 79F7 3E40', 'bandwidth 1000 2000 300', extra, 'reject *:*'].filter((l) => l !== '').join('\n');
    expect(descriptorOverload(desc('overload-general 1 2026-12-07 09:00:00'), 'published')).toEqual({ overloadAtMs: Date.UTC(2026, 11, 7, 9), publishedAtMs: Date.UTC(2026, 11, 7, 10), source: 'published' });
    expect(descriptorOverload(desc(''), 'fresh')?.overloadAtMs).toBeUndefined();
    expect(descriptorOverload('garbage', 'fresh')).toBeUndefined();
  });

  it("a family member's microdescriptor names us or not", () => {
    const ours = 'F0ADD881DF58F4DABA6638CB1CA48D3079F73E40';
    const md = (family: string) => `onion-key\nntor-onion-key AAAA\n${family}\n`;
    expect(familyMemberState('$AA', md(`family $${ours} $BBBB`), ours, 'hm')).toBe('mutual');
    expect(familyMemberState('$AA', md('family $BBBB'), ours, 'hm')).toBe('one-sided');
    expect(familyMemberState('$AA', undefined, ours, 'hm')).toBe('absent');
  });
});
