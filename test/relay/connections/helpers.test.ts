import { describe, expect, it } from 'vitest';
import { parseExitPolicy, parseExitPolicySummary } from '../../../src/protocol/documents/index.js';
import {
  circuitCategory,
  CountryCache,
  formatAge,
  isNonPublicAddress,
  listenerAt,
  parseTorListeners,
  policyAcceptsAnything,
  policyAcceptsEndpoint,
  portUsage,
  streamCategory,
  type Circuit,
  type Stream,
} from '../../../src/relay/connections/index.js';

describe('exit policy by address and port', () => {
  const policy = parseExitPolicy(['reject 0.0.0.0/8:*', 'reject private:*', 'accept 198.51.100.0/24:*', 'reject6 [2001:db8::]/32:*', 'accept6 *:22', 'accept *:80-443', 'reject *:*']);
  it('applies the first matching rule with masks, families and the private keyword', () => {
    expect(policyAcceptsEndpoint(policy, '93.184.216.34', 443)).toBe(true);
    expect(policyAcceptsEndpoint(policy, '93.184.216.34', 25)).toBe(false);
    expect(policyAcceptsEndpoint(policy, '198.51.100.200', 25)).toBe(true);
    expect(policyAcceptsEndpoint(policy, '192.168.1.1', 80)).toBe(false);
    expect(policyAcceptsEndpoint(policy, '2001:db8::5', 22)).toBe(false);
    expect(policyAcceptsEndpoint(policy, '2001:db9::5', 22)).toBe(true);
    expect(policyAcceptsEndpoint(parseExitPolicy(['accept 127.0.0.0/8:*', 'reject *:*']), '127.0.0.1', 5080)).toBe(true);
    expect(policyAcceptsEndpoint(parseExitPolicySummary('accept 80,443'), '1.2.3.4', 443)).toBe(true);
    expect(policyAcceptsEndpoint(parseExitPolicySummary('reject 1-65535'), '1.2.3.4', 443)).toBe(false);
  });
  it('knows a reject-all policy is no exit', () => {
    expect(policyAcceptsAnything(parseExitPolicy(['reject6 *:*', 'reject *:*']))).toBe(false);
    expect(policyAcceptsAnything(policy)).toBe(true);
  });
});

describe('countries', () => {
  it('plans batches of valid public addresses once, answers private ones itself, respects availability', () => {
    const cache = new CountryCache(3);
    cache.ipv4Available = true;
    const batches = cache.plan(['8.8.8.8', '127.0.0.1', 'notanip', '2001:4860:4860::8888', '1.1.1.1', '8.8.8.8', '9.9.9.9'], 2);
    expect(batches).toEqual([['8.8.8.8', '1.1.1.1'], ['9.9.9.9']]);
    expect(cache.get('127.0.0.1')).toBe('??');
    expect(cache.plan(['8.8.8.8'])).toEqual([]);
    cache.record('8.8.8.8', 'US');
    cache.release('1.1.1.1');
    expect(cache.get('8.8.8.8')).toBe('us');
    expect(cache.plan(['1.1.1.1'])).toEqual([['1.1.1.1']]);
    cache.record('1.1.1.1', 'au');
    cache.record('9.9.9.9', 'ch');
    expect(cache.size).toBe(3);
    expect(cache.get('127.0.0.1')).toBeUndefined();
    expect(cache.plan(['a', 'b'], 1, 0)).toEqual([]);
    expect(isNonPublicAddress('100.64.0.1')).toBe(true);
    expect(isNonPublicAddress('fd00::1')).toBe(true);
    expect(isNonPublicAddress('2001:db8::1')).toBe(false);
  });
});

describe('country cache size', () => {
  const ip = (i: number) => `9.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  it('drops the countries of addresses gone from the page once it holds more than twice those in use', () => {
    const cache = new CountryCache();
    for (let i = 0; i < 3000; i++) cache.record(ip(i), 'DE');
    const inUse = new Set([ip(1), ip(2), ip(2999)]);
    expect(cache.retainOnly(inUse, 100)).toBe(2997);
    expect(cache.size).toBe(3);
    expect(cache.get(ip(2999))).toBe('de');
    expect(cache.get(ip(5))).toBeUndefined();
    // Under the threshold nothing is dropped: a connection that closes and comes back is not asked again.
    for (let i = 3000; i < 3050; i++) cache.record(ip(i), 'nl');
    expect(cache.retainOnly(inUse, 100)).toBe(0);
    expect(cache.size).toBe(53);
  });

  it('stays bounded by the addresses in use under endless churn, not by its cap', () => {
    const cache = new CountryCache();
    cache.ipv4Available = true;
    for (let round = 0; round < 200; round++) {
      const inUse = new Set(Array.from({ length: 500 }, (_, k) => ip(round * 500 + k)));
      cache.retainOnly(inUse);
      for (const batch of cache.plan(inUse)) for (const a of batch) cache.record(a, 'us');
      expect(cache.size).toBeLessThanOrEqual(500 * 2 + 1024 + 500);
    }
  });
});

describe('small helpers', () => {
  it('names common ports', () => {
    expect(portUsage(443)).toBe('HTTPS');
    expect(portUsage(6667)).toBe('IRC');
    expect(portUsage(12345)).toBeUndefined();
  });
  it('matches listeners by port with wildcard hosts, IPv6 included', () => {
    const l = parseTorListeners(new Map([['net/listeners/or', '"0.0.0.0:9001" "[::]:9001"'], ['net/listeners/control', '"127.0.0.1:9051" "unix:/run/tor/control"']]));
    expect(listenerAt(l, '203.0.113.1', 9001)).toBe('or');
    expect(listenerAt(l, '2001:db8::1', 9001)).toBe('or');
    expect(listenerAt(l, '127.0.0.1', 9051)).toBe('control');
    expect(listenerAt(l, '10.0.0.1', 9051)).toBeUndefined();
  });
  it('categorises circuits and unattached streams from tor data', () => {
    const c = (purpose: string, flags: string[] = []) => ({ purpose, buildFlags: flags }) as unknown as Circuit;
    expect(circuitCategory(c('GENERAL'))).toBe('circuit');
    expect(circuitCategory(c('GENERAL', ['ONEHOP_TUNNEL', 'IS_INTERNAL']))).toBe('directory');
    expect(circuitCategory(c('HS_CLIENT_REND'))).toBe('onion');
    const s = (purpose: string, host: string) => ({ purpose, targetHost: host }) as unknown as Stream;
    expect(streamCategory(s('DIR_FETCH', '127.0.0.1'))).toBe('directory');
    expect(streamCategory(s('USER', 'x.onion'))).toBe('onion');
    expect(streamCategory(s('USER', 'example.com'))).toBe('socks');
  });
  it('formats ages in Nyx units', () => {
    expect([formatAge(15_400), formatAge(180_000), formatAge(7_560_000), formatAge(181_440_000), formatAge(-5)]).toEqual(['15.4s', '3.0m', '2.1h', '2.1d', '0.0s']);
  });
});
