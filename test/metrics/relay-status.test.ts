// The exporter's extra relay facts: tor's answers parsed (reachability, dormant, descriptor overload
// and bandwidth, captured fresh-relay-descs with its extra-info), and the collector asking FakeTor on
// its schedule, falling back from desc/id to status/fresh-relay-descs.
import { afterEach, describe, expect, it } from 'vitest';
import { RelayStatusCollector, STATUS_REFRESH_MS } from '../../src/app/session/relay-status-collector.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { descriptorStatusOf, parseBit, parseReachability } from '../../src/metrics/index.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';
import { fixtureData } from '../protocol/documents/fixture.js';

const FP = '3EE5BD82604FF4A5E8C96565300270AA38B9FE8A';
const FRESH = fixtureData('getinfo-fresh-relay-descs.txt');
const WITH_OVERLOAD = FRESH.replace(/^bandwidth .*$/m, 'bandwidth 2000 3000 1500\noverload-general 1 2026-11-27 09:00:00');

describe('parsing what tor says', () => {
  it('reads status/reachability-succeeded and dormant', () => {
    expect(parseReachability('OR=1 DIR=0')).toEqual({ or: true, dir: false });
    expect(parseReachability('DIR=1 OR=1')).toEqual({ or: true, dir: true });
    expect(parseReachability('OR=1')).toBeUndefined();
    expect(parseReachability('OR=2 DIR=1')).toBeUndefined();
    expect(parseReachability(undefined)).toBeUndefined();
    expect([parseBit('1'), parseBit('0'), parseBit(' 1 '), parseBit('yes'), parseBit(undefined)]).toEqual([true, false, true, undefined, undefined]);
  });

  it('reads bandwidth and overload-general from a descriptor, ignoring the extra-info after it', () => {
    expect(descriptorStatusOf(FRESH, 'fresh')).toMatchObject({ bandwidth: { avgBytesPerSec: 1073741824, burstBytesPerSec: 1073741824, observedBytesPerSec: 0 }, overloadGeneral: undefined, source: 'fresh' });
    expect(descriptorStatusOf(WITH_OVERLOAD, 'published')).toMatchObject({ bandwidth: { avgBytesPerSec: 2000, burstBytesPerSec: 3000, observedBytesPerSec: 1500 }, overloadGeneral: { version: 1, atMs: Date.UTC(2026, 10, 27, 9) } });
    expect(descriptorStatusOf('', 'fresh')).toBeUndefined();
    expect(descriptorStatusOf('router x\nnonsense "\n', 'fresh')).toBeUndefined();
  });
});

let stops: Array<() => void> = [];
afterEach(() => {
  stops.forEach((s) => s());
  stops = [];
});

async function collectorOn(tor: FakeTor) {
  const clock = new ManualClock(1_800_000_000_000);
  const controller = new Controller({ openTransport: tor.openTransport, clock });
  await controller.open();
  const collector = new RelayStatusCollector({ controller, clock });
  stops.push(() => collector.stop(), () => controller.close());
  return { clock, collector };
}

describe('RelayStatusCollector', () => {
  it('reads reachability, dormancy and the published descriptor, then polls every 15 s', async () => {
    const tor = new FakeTor({ info: { fingerprint: FP, 'status/reachability-succeeded': 'OR=1 DIR=0', dormant: '0', [`desc/id/${FP}`]: WITH_OVERLOAD } });
    const { clock, collector } = await collectorOn(tor);
    expect(collector.facts.reachability).toBeUndefined();
    collector.start();
    await settle();
    await settle();
    expect(collector.facts).toMatchObject({ reachability: { or: true, dir: false }, dormant: false, descriptor: { source: 'published', overloadGeneral: { version: 1 } } });
    const asked = () => tor.commands.filter((c) => c.includes('status/reachability-succeeded')).length;
    expect(asked()).toBe(1);
    tor.handle('GETINFO', (args) => (args.includes('dormant') ? '250-status/reachability-succeeded=OR=1 DIR=1\r\n250-dormant=1\r\n250 OK\r\n' : undefined));
    clock.advance(STATUS_REFRESH_MS);
    await settle();
    await settle();
    expect(asked()).toBe(2);
    expect(collector.facts).toMatchObject({ reachability: { or: true, dir: true }, dormant: true });
    // The descriptor is read again only after 5 minutes.
    expect(tor.commands.filter((c) => c.includes('desc/id/')).length).toBe(1);
  });

  it('never puts a fingerprint that is not 40 hex digits into a command', async () => {
    const tor = new FakeTor({ info: { fingerprint: `${FP} dormant\r\nSIGNAL HALT`, 'status/reachability-succeeded': 'OR=0 DIR=0', dormant: '0' } });
    const { collector } = await collectorOn(tor);
    collector.start();
    for (let i = 0; i < 4; i++) await settle();
    expect(tor.commands.filter((c) => c.includes('desc/id/') || c.includes('HALT'))).toEqual([]);
    expect(collector.facts.descriptor).toBeUndefined();
  });

  it('falls back to status/fresh-relay-descs when tor has no published descriptor of itself', async () => {
    const tor = new FakeTor({ info: { fingerprint: FP, 'status/reachability-succeeded': 'OR=0 DIR=0', dormant: '0', 'status/fresh-relay-descs': FRESH } });
    const { collector } = await collectorOn(tor);
    collector.start();
    for (let i = 0; i < 4; i++) await settle();
    expect(collector.facts.descriptor?.source).toBe('fresh');
    expect(collector.facts.reachability).toEqual({ or: false, dir: false });
  });
});
