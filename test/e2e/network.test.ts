// End-to-end: the real ortop against a private Tor network on 127.0.0.1 (test/net), brought up ONCE
// for the whole suite. A network that does not come up fails every test with every node's log tail;
// without tor the suite skips visibly (fails with ORTOP_REQUIRE_TOR=1, as CI sets).

import { afterAll, beforeAll, describe } from 'vitest';
import { describeWithTor } from '../helpers/tor-required.js';
import { startNetwork, startTraffic, type Traffic } from '../net/index.js';
import { clientCases } from './client.cases.js';
import { exitRelayCases } from './exit-relay.cases.js';
import { fleetCases } from './fleet.cases.js';
import { metricsCases } from './metrics.cases.js';
import type { E2EContext } from './harness.js';
import { recordReplayCases } from './record-replay.cases.js';
import { restartCases } from './restart.cases.js';
import { snapshotCases } from './snapshot.cases.js';

describeWithTor('ortop end to end against a private Tor network', () => {
  const ctx = {} as E2EContext;
  let traffic: Traffic | undefined;
  const startedAt = Date.now();

  beforeAll(async () => {
    ctx.net = await startNetwork({ readyTimeoutMs: 150_000 });
    // Bounded load: two 1 MiB downloads at a time, a short pause between them (2-core CI machines).
    traffic = startTraffic({ socksPort: ctx.net.socksPort, httpHost: '127.0.0.1', httpPort: ctx.net.http.port }, { parallel: 2, bytesEach: 1024 * 1024, pauseMs: 200 });
    const t = ctx.net.timings;
    process.stderr.write(`e2e: test network usable after ${(t.totalMs / 1000).toFixed(1)} s (keys ${(t.keysMs / 1000).toFixed(1)} s, bootstrap ${(t.bootstrapMs / 1000).toFixed(1)} s)\n`);
  }, 180_000);

  afterAll(async () => {
    const stopping = traffic?.stop();
    await ctx.net?.stop();
    await stopping;
    if (traffic !== undefined) {
      process.stderr.write(`e2e: ${traffic.completed} downloads (${(traffic.bytes / 1e6).toFixed(0)} MB), ${traffic.failed} failed, suite ${((Date.now() - startedAt) / 1000).toFixed(0)} s\n`);
    }
  }, 60_000);

  describe('attached to the exit relay', () => exitRelayCases(ctx));
  describe('attached to the client', () => clientCases(ctx));
  describe('--snapshot against a relay', () => snapshotCases(ctx));
  describe('--record and --replay', () => recordReplayCases(ctx));
  describe("the relay's tor restarts", () => restartCases(ctx));
  describe('one ortop watching every node', () => fleetCases(ctx));
  describe('ortop --headless scraped by a real Prometheus', () => metricsCases(ctx));
});
