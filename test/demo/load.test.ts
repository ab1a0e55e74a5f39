import { afterEach, describe, expect, it } from 'vitest';
import { BW_HISTORY_LENGTH } from '../../src/demo/bandwidth-curve.js';
import { MAX_CIRCUITS } from '../../src/demo/circuits.js';
import { MAX_RELAYS } from '../../src/demo/consensus.js';
import { MAX_OR_CONNS } from '../../src/demo/orconns.js';
import { MAX_STREAMS } from '../../src/demo/streams.js';
import { parseRouterStatusEntries } from '../../src/protocol/documents/index.js';
import type { DemoHarness } from './harness.js';
import { advance, openDemo } from './harness.js';

const CHURN = ['BW', 'CIRC', 'ORCONN', 'STREAM', 'CIRC_BW', 'NOTICE', 'WARN', 'ERR', 'STATUS_GENERAL', 'STATUS_SERVER', 'NETWORK_LIVENESS'];

let h: DemoHarness | undefined;
afterEach(() => {
  h?.controller.close();
  h?.demo.stop();
  h = undefined;
});

describe('demo relay under load', () => {
  it('eventsPerSecond=600 delivers at least 500 parsed events per simulated second', async () => {
    h = await openDemo({ seed: 31, eventsPerSecond: 600, events: CHURN });
    await advance(h.clock, 10_000, 250);
    const perSecond = h.received.length / 10;
    expect(perSecond).toBeGreaterThanOrEqual(500);
    expect(perSecond).toBeLessThan(800);
    expect(h.received.some((r) => r.event.kind === 'malformed' || r.event.kind === 'unknown')).toBe(false);
    const stats = h.demo.stats();
    expect(stats.orConns).toBeLessThanOrEqual(200);
    expect(stats.circuits).toBeLessThanOrEqual(MAX_CIRCUITS);
  });

  it('keeps every collection within its cap over 24 simulated hours, with hourly consensuses and 6-hourly heartbeats', async () => {
    h = await openDemo({ seed: 32, events: ['BW', 'NOTICE', 'WARN', 'NEWCONSENSUS', 'STATUS_SERVER', 'NETWORK_LIVENESS', 'DESCCHANGED'] });
    let maxima = h.demo.stats();
    const hour = 3_600_000;
    let heartbeats = 0;
    let consensuses = 0;
    let bw = 0;
    for (let step = 0; step < 24 * 6; step++) {
      await advance(h.clock, hour / 6, hour / 6);
      const s = h.demo.stats();
      maxima = {
        relays: Math.max(maxima.relays, s.relays),
        orConns: Math.max(maxima.orConns, s.orConns),
        circuits: Math.max(maxima.circuits, s.circuits),
        streams: Math.max(maxima.streams, s.streams),
        bwHistory: Math.max(maxima.bwHistory, s.bwHistory),
        connections: Math.max(maxima.connections, s.connections),
        eventsSent: s.eventsSent,
      };
      for (const r of h.received) {
        expect(r.event.kind).not.toBe('malformed');
        expect(r.event.kind).not.toBe('unknown');
        if (r.raw.startsWith("NOTICE Heartbeat: Tor's uptime is ")) heartbeats++;
        if (r.type === 'NEWCONSENSUS') consensuses++;
        if (r.type === 'BW') bw++;
      }
      h.received.length = 0;
    }
    expect(heartbeats).toBe(4);
    expect(consensuses).toBe(23);
    expect(bw).toBe(86_400);
    expect(maxima.relays).toBeLessThanOrEqual(MAX_RELAYS);
    expect(maxima.relays).toBeLessThanOrEqual(Math.ceil(400 * 1.1) + 1);
    expect(maxima.orConns).toBeLessThanOrEqual(Math.min(200, MAX_OR_CONNS));
    expect(maxima.circuits).toBeLessThanOrEqual(MAX_CIRCUITS);
    expect(maxima.streams).toBeLessThanOrEqual(MAX_STREAMS);
    expect(maxima.bwHistory).toBe(BW_HISTORY_LENGTH);
    expect(maxima.connections).toBe(1);
    const sent = h.demo.stats().eventsSent;
    expect(sent).toBeGreaterThan(86_400);

    const consensus = await h.controller.getInfoOne('ns/all');
    const entries = parseRouterStatusEntries(consensus);
    expect(entries.length).toBeGreaterThan(350);
    expect(new Set(entries.map((e) => e.fingerprint)).size).toBe(entries.length);
    expect(Number(await h.controller.getInfoOne('uptime'))).toBeGreaterThan(4 * 86_400);
    const orconns = (await h.controller.getInfoOne('orconn-status')).split('\n').length;
    expect(orconns).toBeGreaterThanOrEqual(80);
    expect(orconns).toBeLessThanOrEqual(200);
  }, 60_000);
});
