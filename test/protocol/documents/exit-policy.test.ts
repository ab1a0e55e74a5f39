import { describe, expect, it } from 'vitest';
import {
  acceptedPortRanges,
  parseExitPolicy,
  parseExitPolicyRule,
  parseExitPolicySummary,
  parsePortList,
  policyAllowsPort,
  summarizeExitPolicy,
} from '../../../src/protocol/documents/index.js';
import { ProtocolError } from '../../../src/protocol/index.js';

// GETINFO exit-policy/default, captured on tor 0.4.9.11.
const DEFAULT_POLICY =
  'reject *:25,reject *:119,reject *:135-139,reject *:445,reject *:563,reject *:1214,reject *:4661-4666,reject *:6346-6429,reject *:6699,reject *:6881-6999,accept *:*';
// GETINFO exit-policy/full on the test-network exit r2 (captured).
const R2_FULL = 'reject6 *:*\naccept 127.0.0.0/8:*\nreject *:*';

describe('policy summaries (p, p6, ipv6-policy)', () => {
  it('parses port lists', () => {
    expect(parsePortList('80,110,143,443')).toEqual([80, 110, 143, 443].map((p) => ({ minPort: p, maxPort: p })));
    expect(parsePortList('1-65535')).toEqual([{ minPort: 1, maxPort: 65535 }]);
  });

  it.each(['', 'blarg', 'reject', 'reject -50', 'accept 80,', 'accept ,80', 'accept 0', 'accept 65536', 'accept 90-80', 'allow 80', 'accept 80 443'])(
    'rejects %j',
    (text) => {
      expect(() => parseExitPolicySummary(text)).toThrow(ProtocolError);
    },
  );

  it.each([
    ['reject 1-65535', 'reject all'],
    ['accept 1-65535', 'accept all'],
    ['accept 80,443', 'accept 80, 443'],
    ['reject 25,119', 'reject 25, 119'],
    ['accept 443,80,81-90,85', 'accept 80-90, 443'],
    ['reject 1-79,81-65535', 'reject 1-79, 81-65535'],
  ])('summarises %j as %j', (text, summary) => {
    expect(summarizeExitPolicy(parseExitPolicySummary(text))).toBe(summary);
  });

  it('answers per port', () => {
    const accept = parseExitPolicySummary('accept 80,443,1000-2000');
    const reject = parseExitPolicySummary('reject 25,6000-7000');
    expect([80, 443, 1000, 1500, 2000, 22, 2001].map((p) => policyAllowsPort(accept, p))).toEqual([true, true, true, true, true, false, false]);
    expect([25, 6500, 80].map((p) => policyAllowsPort(reject, p))).toEqual([false, false, true]);
    expect([0, -1, 65536, 1.5].map((p) => policyAllowsPort(parseExitPolicySummary('reject 25'), p))).toEqual([false, false, false, false]);
  });
});

describe('full policy rules', () => {
  it.each([
    ['accept *:80', { action: 'accept', family: 'any', address: '*', maskBits: undefined, minPort: 80, maxPort: 80 }],
    ['reject 127.0.0.0/8:*', { action: 'reject', family: 'ipv4', address: '127.0.0.0', maskBits: 8, minPort: 1, maxPort: 65535 }],
    ['reject 10.0.0.0/255.0.0.0:*', { action: 'reject', family: 'ipv4', address: '10.0.0.0', maskBits: 8, minPort: 1, maxPort: 65535 }],
    ['reject 0.0.0.0/0.0.0.0:25', { action: 'reject', family: 'ipv4', address: '0.0.0.0', maskBits: 0, minPort: 25, maxPort: 25 }],
    ['accept 192.0.2.10:1000-2000', { action: 'accept', family: 'ipv4', address: '192.0.2.10', maskBits: 32, minPort: 1000, maxPort: 2000 }],
    ['accept [2001:db8::]/32:443', { action: 'accept', family: 'ipv6', address: '2001:db8::', maskBits: 32, minPort: 443, maxPort: 443 }],
    ['reject6 *:*', { action: 'reject', family: 'ipv6', address: '*', maskBits: undefined, minPort: 1, maxPort: 65535 }],
    ['accept *4:*', { action: 'accept', family: 'ipv4', address: '*4', maskBits: undefined, minPort: 1, maxPort: 65535 }],
    ['accept6 [::1]:22', { action: 'accept', family: 'ipv6', address: '::1', maskBits: 128, minPort: 22, maxPort: 22 }],
    ['reject *:0', { action: 'reject', family: 'any', address: '*', maskBits: undefined, minPort: 0, maxPort: 0 }],
    ['reject private:*', { action: 'reject', family: 'any', address: 'private', maskBits: undefined, minPort: 1, maxPort: 65535 }],
  ])('%s', (text, rule) => {
    expect(parseExitPolicyRule(text)).toEqual(rule);
  });

  it.each([
    'allow *:80', 'accept *', 'accept *:http', 'accept *:80-70', 'accept *:65536', 'accept 1.2.3:80', 'accept 1.2.3.4/33:80',
    'reject 10.0.0.0/255.0.255.0:*', 'accept [2001:db8::/32:80', 'accept [1.2.3.4]:80', 'accept6 1.2.3.4:80', 'accept [::1]/129:80', 'accept',
  ])('rejects %j', (text) => {
    expect(() => parseExitPolicyRule(text)).toThrow(ProtocolError);
    expect(() => parseExitPolicyRule(text)).toThrow(/exit policy rule/);
  });

  it('exit-policy/default (comma separated)', () => {
    const policy = parseExitPolicy(DEFAULT_POLICY);
    expect(policy.rules).toHaveLength(11);
    expect(summarizeExitPolicy(policy)).toBe('reject 25, 119, 135-139, 445, 563, 1214, 4661-4666, 6346-6429, 6699, 6881-6999');
    expect([80, 25, 6350, 6999, 7000].map((p) => policyAllowsPort(policy, p))).toEqual([true, false, false, false, true]);
  });

  it('exit-policy/full of the test-network exit: only private addresses → reject all, as tor summarises it', () => {
    const policy = parseExitPolicy(R2_FULL);
    expect(summarizeExitPolicy(policy)).toBe('reject all');
    expect(summarizeExitPolicy(policy, { family: 'ipv6' })).toBe('reject all');
    expect(policyAllowsPort(policy, 80)).toBe(false);
  });

  it('first match wins; rules for particular addresses do not decide a port in general', () => {
    const policy = parseExitPolicy(['accept 1.2.3.4:22', 'reject *:22', 'reject 10.0.0.0/8:80', 'accept *:20-90', 'reject *:*']);
    expect(acceptedPortRanges(policy)).toEqual([{ minPort: 20, maxPort: 21 }, { minPort: 23, maxPort: 90 }]);
    expect(summarizeExitPolicy(policy)).toBe('accept 20-21, 23-90');
    expect([22, 80, 91].map((p) => policyAllowsPort(policy, p))).toEqual([false, true, false]);
  });

  it('family decides which rules apply', () => {
    const policy = parseExitPolicy(['accept6 *:443', 'reject6 *:*', 'accept *4:80', 'reject *:*']);
    expect(summarizeExitPolicy(policy)).toBe('accept 80');
    expect(summarizeExitPolicy(policy, { family: 'ipv6' })).toBe('accept 443');
    expect(policyAllowsPort(policy, 443, 'ipv6')).toBe(true);
    expect(policyAllowsPort(policy, 443, 'ipv4')).toBe(false);
  });

  it('ports no rule decides are accepted (dir-spec §2.1.1); accept *:* is "accept all"', () => {
    expect(summarizeExitPolicy(parseExitPolicy('accept *:*'))).toBe('accept all');
    expect(summarizeExitPolicy(parseExitPolicy('reject *:1-1023'))).toBe('accept 1024-65535');
    expect(summarizeExitPolicy(parseExitPolicy(''))).toBe('accept all');
  });
});

describe('summarizeExitPolicy maxLength', () => {
  it('cuts the list at an item boundary with "…"', () => {
    const policy = parseExitPolicy(DEFAULT_POLICY);
    expect(summarizeExitPolicy(policy, { maxLength: 30 })).toBe('reject 25, 119, 135-139, …');
    expect(summarizeExitPolicy(policy, { maxLength: 12 })).toBe('reject 25, …');
    expect(summarizeExitPolicy(policy, { maxLength: 9 })).toBe('reject …');
    expect(summarizeExitPolicy(policy, { maxLength: 4 })).toBe('rej…');
    expect(summarizeExitPolicy(parseExitPolicySummary('accept 80'), { maxLength: 9 })).toBe('accept 80');
    for (const n of [1, 5, 10, 20, 40, 60, 80]) expect(summarizeExitPolicy(policy, { maxLength: n }).length).toBeLessThanOrEqual(n);
  });
});
