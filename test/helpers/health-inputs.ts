// The inputs of the health checks that the checks' tests and the Health page's fixtures share: tor's
// real MetricsPort answer with chosen samples replaced, a healthy relay's header facts and
// control-port facts, all at one instant.
import { readFileSync } from 'node:fs';
import type { HealthControlFacts } from '../../src/relay/health/index.js';
import { emptyHeaderFacts, type HeaderFacts } from '../../src/relay/header-facts.js';
import { parseTorMetrics, type TorMetricsModel } from '../../src/relay/tor-metrics/index.js';

export const HEALTH_NOW_MS = Date.UTC(2026, 11, 7, 12, 0, 0);
const CAPTURE = readFileSync(new URL('../fixtures/tor-metrics/tor-0.4.9.11-relay.prom', import.meta.url), 'utf8');

/** tor's real answer with some sample values replaced: `set['name{labels}'] = value`, read at atMs. */
export function capturedMetrics(set: Record<string, number>, atMs: number): TorMetricsModel {
  const lines = CAPTURE.split('\n').map((line) => {
    const m = /^(\S+) (\S+)$/.exec(line);
    return m !== null && m[1]! in set ? `${m[1]} ${set[m[1]!]}` : line;
  });
  const parsed = parseTorMetrics(lines.join('\n'));
  if (parsed.kind !== 'ok') throw new Error(parsed.message);
  return { source: '127.0.0.1:9035', fetchedAtMs: atMs, families: parsed.families, problem: undefined };
}

/** A recommended-version, non-exit relay up for a day. */
export function healthyRelayFacts(nickname: string): HeaderFacts {
  return {
    ...emptyHeaderFacts({ hostname: 'h', osName: 'Linux', osRelease: '6' }, '127.0.0.1:9051'),
    isRelay: true,
    orPort: 9001,
    dirPort: 0,
    torVersion: '0.4.9.11',
    versionStatus: 'recommended',
    fingerprint: 'F0ADD881DF58F4DABA6638CB1CA48D3079F73E40',
    nickname,
    fdLimit: 65536,
    torStartedAtMs: HEALTH_NOW_MS - 86_400_000,
    exitPolicy: { rules: [{ action: 'reject', text: 'reject *:*' }], tail: undefined },
  };
}

/** Reachable, descriptor published an hour ago without overload, ContactInfo set, no family. */
export const HEALTHY_CONTROL_FACTS: HealthControlFacts = {
  readAtMs: HEALTH_NOW_MS,
  reachability: { or: true, dir: false },
  descriptor: { overloadAtMs: undefined, publishedAtMs: HEALTH_NOW_MS - 3600_000, source: 'published' },
  extraInfo: { fdExhaustedAtMs: undefined, rateLimitsAtMs: undefined },
  contactInfo: 'op <op AT example dot org>',
  exitRelay: '0',
  myFamily: [],
  familyIds: [],
  family: [],
  familyIdsPublished: undefined,
  clockSkew: undefined,
};
