// HealthFactsCollector over FakeTor: what it asks tor and what it makes of the answers — reachability,
// the descriptor's overload-general, ContactInfo/ExitRelay, MyFamily reciprocity from members'
// microdescriptors, CLOCK_SKEW events — and that refusals leave facts unknown instead of throwing.
import { afterEach, describe, expect, it } from 'vitest';
import { FAMILY_EVERY_MS, HEALTH_POLL_MS, HealthFactsCollector } from '../../src/app/session/health-facts-collector.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';

const OURS = 'F0ADD881DF58F4DABA6638CB1CA48D3079F73E40';
const FRIEND = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const STRANGER = 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const START = Date.UTC(2026, 11, 7, 12, 0, 0);

const descriptor = (extra: string) =>
  ['router hm 127.0.0.1 9001 0 0', 'published 2026-12-07 10:00:00', 'fingerprint F0AD D881 DF58 F4DA BA66 38CB 1CA4 8D30 79F7 3E40', 'bandwidth 1000 2000 300', extra, 'reject *:*'].filter((l) => l !== '').join('\n');
const md = (family: string) => `onion-key\nntor-onion-key AAAA\n${family}\n`;

let stops: Array<() => void> = [];
afterEach(() => {
  stops.forEach((s) => s());
  stops = [];
});

async function setUp(tor: FakeTor) {
  const clock = new ManualClock(START);
  const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: false });
  await controller.open();
  let changes = 0;
  const collector = new HealthFactsCollector({ controller, clock, onChange: () => changes++ });
  collector.start();
  stops.push(() => collector.stop(), () => controller.close());
  const flush = async () => {
    for (let i = 0; i < 20; i++) await settle();
  };
  await flush();
  return { collector, clock, flush, changes: () => changes };
}

describe('HealthFactsCollector', () => {
  it('reads reachability, overload-general, ContactInfo, ExitRelay and family reciprocity', async () => {
    const tor = new FakeTor({
      info: {
        fingerprint: OURS,
        'status/reachability-succeeded': 'OR=1 DIR=0',
        [`desc/id/${OURS}`]: descriptor('overload-general 1 2026-12-07 09:00:00'),
        [`md/id/${FRIEND}`]: md(`family $${OURS} $${FRIEND}`),
        [`md/id/${STRANGER}`]: md(`family $${STRANGER}`),
      },
      conf: { ContactInfo: 'op <op AT example dot org>', ExitRelay: '0', MyFamily: [`$${FRIEND},$${STRANGER}`, '$CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC'], Nickname: 'hm', FamilyId: null },
    });
    const { collector } = await setUp(tor);
    expect(collector.facts).toMatchObject({
      readAtMs: START,
      reachability: { or: true, dir: false },
      descriptor: { overloadAtMs: Date.UTC(2026, 11, 7, 9), source: 'published' },
      contactInfo: 'op <op AT example dot org>',
      exitRelay: '0',
      myFamily: [`$${FRIEND}`, `$${STRANGER}`, '$CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC'],
      family: [
        { member: `$${FRIEND}`, state: 'mutual' },
        { member: `$${STRANGER}`, state: 'one-sided' },
        { member: '$CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC', state: 'absent' },
      ],
    });
    expect(tor.commands).toContain(`GETINFO md/id/${FRIEND}`);
  });

  it("falls back to the descriptor tor would publish when the network has none; polls every minute, family every 30", async () => {
    const tor = new FakeTor({
      info: { fingerprint: OURS, 'status/reachability-succeeded': 'OR=0 DIR=0', 'status/fresh-relay-descs': `${descriptor('')}\nextra-info hm ${OURS}\npublished 2026-12-07 10:00:00\n` },
      conf: { ContactInfo: '', MyFamily: `$${FRIEND}` },
    });
    const { collector, clock, flush } = await setUp(tor);
    expect(collector.facts.descriptor).toMatchObject({ overloadAtMs: undefined, source: 'fresh' });
    expect(collector.facts.extraInfo).toEqual({ fdExhaustedAtMs: undefined, rateLimitsAtMs: undefined });
    expect(collector.facts.contactInfo).toBe('');
    const asked = () => tor.commands.filter((c) => c === `GETINFO md/id/${FRIEND}`).length;
    expect(asked()).toBe(1);
    clock.advance(HEALTH_POLL_MS);
    await flush();
    expect(tor.commands.filter((c) => c === 'GETINFO status/reachability-succeeded')).toHaveLength(2);
    expect(asked()).toBe(1);
    for (let t = HEALTH_POLL_MS; t < FAMILY_EVERY_MS; t += HEALTH_POLL_MS) {
      clock.advance(HEALTH_POLL_MS);
      await flush();
    }
    expect(asked()).toBe(2);
  });

  it('keeps the newest CLOCK_SKEW event and ignores other STATUS_GENERAL actions', async () => {
    const tor = new FakeTor({ info: { fingerprint: OURS } });
    const { collector, flush } = await setUp(tor);
    tor.emitEvent('STATUS_GENERAL WARN CLOCK_SKEW SKEW=-3600 SOURCE=OR:192.0.2.1:9001');
    tor.emitEvent('STATUS_GENERAL NOTICE CLOCK_JUMPED TIME=120');
    await flush();
    expect(collector.facts.clockSkew).toEqual({ skewSeconds: -3600, source: 'OR:192.0.2.1:9001', atMs: START });
  });

  it('leaves facts unknown when tor refuses every question (a client, an old tor)', async () => {
    const tor = new FakeTor({});
    tor.handle('GETINFO', () => '552 Unrecognized key "x"\r\n');
    tor.handle('GETCONF', () => '552 Unrecognized configuration key "x"\r\n');
    const { collector } = await setUp(tor);
    expect(collector.facts).toMatchObject({ reachability: undefined, descriptor: undefined, contactInfo: undefined, exitRelay: undefined, myFamily: undefined, familyIds: [] });
  });
});

describe('HealthFactsCollector with a hostile tor', () => {
  it('puts no word of a malformed fingerprint into a command', async () => {
    const tor = new FakeTor({ info: { fingerprint: `${OURS}\r\nSIGNAL HALT`, 'status/reachability-succeeded': 'OR=1 DIR=1' }, conf: { MyFamily: `$${FRIEND}` } });
    const { collector } = await setUp(tor);
    expect(tor.commands.filter((c) => c.startsWith('SIGNAL'))).toEqual([]);
    expect(tor.commands.filter((c) => c.startsWith('GETINFO desc/') || c.startsWith('GETINFO md/'))).toEqual([]);
    expect(collector.facts.descriptor).toBeUndefined();
    expect(collector.facts.reachability).toEqual({ or: true, dir: true });
  });
});
