import { afterEach, describe, expect, it } from 'vitest';
import type { OrConnEvent } from '../../src/protocol/events/index.js';
import type { DemoHarness } from './harness.js';
import { advance, openDemo } from './harness.js';

const LIVE_EVENTS = ['BW', 'CIRC', 'ORCONN', 'STREAM', 'CIRC_BW', 'NOTICE', 'WARN', 'ERR', 'STATUS_GENERAL', 'STATUS_SERVER', 'NETWORK_LIVENESS'];

let h: DemoHarness | undefined;
afterEach(() => {
  h?.controller.close();
  h?.demo.stop();
  h = undefined;
});

/** Removes one copy of `line` from a multiset; false when it was not there. */
function take(multiset: Map<string, number>, line: string): boolean {
  const n = multiset.get(line) ?? 0;
  if (n === 0) return false;
  if (n === 1) multiset.delete(line);
  else multiset.set(line, n - 1);
  return true;
}

function add(multiset: Map<string, number>, line: string): void {
  multiset.set(line, (multiset.get(line) ?? 0) + 1);
}

function multisetOf(lines: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) add(out, l);
  return out;
}

describe('demo relay live events', () => {
  it('sends one BW a simulated second and a steady mix of well-formed CIRC, ORCONN, STREAM and log events', async () => {
    h = await openDemo({ seed: 11, events: LIVE_EVENTS });
    const t0 = h.clock.nowMs();
    await advance(h.clock, 60_000, 250);
    const { received } = h;

    const bw = received.filter((r) => r.event.kind === 'BW');
    expect(bw).toHaveLength(60);
    const seconds = bw.map((r) => Math.round((r.atMs - t0) / 1000));
    expect(new Set(seconds).size).toBe(60);
    for (const r of bw) {
      if (r.event.kind !== 'BW') continue;
      expect(r.event.readBytes).toBeGreaterThan(500_000);
      expect(r.event.writtenBytes).toBeGreaterThan(500_000);
      expect(r.event.readBytes).toBeLessThanOrEqual(6_291_456);
    }

    const kinds = new Map<string, number>();
    for (const r of received) kinds.set(r.event.kind, (kinds.get(r.event.kind) ?? 0) + 1);
    expect(kinds.has('malformed')).toBe(false);
    expect(kinds.has('unknown')).toBe(false);
    expect(kinds.get('CIRC')).toBeGreaterThan(60);
    expect(kinds.get('ORCONN')).toBeGreaterThan(150);
    expect(kinds.get('STREAM')).toBeGreaterThan(5);
    expect(kinds.get('CIRC_BW')).toBeGreaterThan(30);
    expect(kinds.get('log')).toBeGreaterThan(5);
    const perSecond = (received.length - bw.length) / 60;
    expect(perSecond).toBeGreaterThan(12);
    expect(perSecond).toBeLessThan(35);

    const circ = received.flatMap((r) => (r.event.kind === 'CIRC' ? [r.event] : []));
    expect(new Set(circ.map((e) => e.status))).toEqual(new Set(['LAUNCHED', 'EXTENDED', 'BUILT', 'CLOSED', 'FAILED']));
    const built = circ.filter((e) => e.status === 'BUILT');
    expect(built.some((e) => e.path.length === 3)).toBe(true);
    expect(built.every((e) => e.createdAtMs !== undefined && e.buildFlags.length > 0)).toBe(true);
    expect(new Set(circ.map((e) => e.purpose)).size).toBeGreaterThan(3);
    expect(received.some((r) => r.event.kind === 'log' && r.event.runlevel === 'NOTICE')).toBe(true);
  });

  it('keeps orconn-status in agreement with the ORCONN events it sent', async () => {
    h = await openDemo({ seed: 12, events: ['ORCONN'] });
    const before = multisetOf((await h.controller.getInfoOne('orconn-status')).split('\n'));
    const openIds = new Map<string, string>();
    await advance(h.clock, 60_000, 250);
    let fromSeed = 0;
    for (const r of h.received) {
      const e = r.event as OrConnEvent;
      expect(e.kind).toBe('ORCONN');
      const id = e.id!;
      const previous = openIds.get(id);
      if (e.status === 'NEW' || e.status === 'LAUNCHED') {
        expect(previous).toBeUndefined();
        openIds.set(id, `${e.target} ${e.status}`);
        add(before, `${e.target} ${e.status}`);
      } else if (e.status === 'CONNECTED') {
        expect(previous).toBeDefined();
        expect(take(before, previous!)).toBe(true);
        openIds.set(id, `${e.target} CONNECTED`);
        add(before, `${e.target} CONNECTED`);
      } else {
        expect(['CLOSED', 'FAILED']).toContain(e.status);
        if (previous === undefined) {
          fromSeed++;
          expect(take(before, `${e.target} CONNECTED`)).toBe(true);
        } else expect(take(before, previous)).toBe(true);
        openIds.delete(id);
      }
    }
    expect(fromSeed).toBeGreaterThan(10);
    const after = multisetOf((await h.controller.getInfoOne('orconn-status')).split('\n'));
    expect(after).toEqual(before);
    const size = [...after.values()].reduce((a, b) => a + b, 0);
    expect(size).toBeGreaterThanOrEqual(80);
    expect(size).toBeLessThanOrEqual(200);
  });

  it('reports circuit-status and stream-status consistent with CIRC and STREAM events', async () => {
    h = await openDemo({ seed: 13, events: ['CIRC', 'STREAM'] });
    const initial = new Set((await h.controller.getInfoOne('circuit-status')).split('\n').map((l) => l.split(' ')[0]!));
    await advance(h.clock, 30_000, 250);
    const open = new Set(initial);
    for (const r of h.received) {
      if (r.event.kind !== 'CIRC') continue;
      if (r.event.status === 'LAUNCHED') open.add(r.event.id);
      if (r.event.status === 'CLOSED' || r.event.status === 'FAILED') expect(open.delete(r.event.id)).toBe(true);
    }
    const status = (await h.controller.getInfoOne('circuit-status')).split('\n').filter((l) => l !== '');
    expect(new Set(status.map((l) => l.split(' ')[0]!))).toEqual(open);
    const streams = h.received.filter((r) => r.event.kind === 'STREAM');
    expect(streams.length).toBeGreaterThan(0);
    const liveStreams = new Set<string>();
    for (const r of streams) {
      if (r.event.kind !== 'STREAM') continue;
      if (r.event.status === 'NEW') liveStreams.add(r.event.id);
      if (r.event.status === 'CLOSED') liveStreams.delete(r.event.id);
    }
    const streamStatus = (await h.controller.getInfoOne('stream-status')).split('\n').filter((l) => l !== '');
    expect(new Set(streamStatus.map((l) => l.split(' ')[0]!))).toEqual(liveStreams);
  });
});
