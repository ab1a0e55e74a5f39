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
