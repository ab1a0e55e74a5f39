import { afterEach, describe, expect, it } from 'vitest';
import { HeaderCollector } from '../../src/app/session/header-collector.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import type { HeaderFacts } from '../../src/relay/index.js';
import type { ProcFs } from '../../src/system/index.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';

const FP = 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2';
const NS = 'r r2 pqaQTgm1y+3atBypK4ytlQbQE9I X/Z3y7ldFYi3+cX6zIGsq6d4XdE 2038-01-01 00:00:00 127.0.0.1 5020 0\ns Exit Fast Guard Running Valid\nw Bandwidth=159';

const STAT = (ticks: number) => `4242 (tor) S 1 1 1 0 -1 0 0 0 0 0 ${ticks} 0 0 0 20 0 1 0 100 0 0`;

function relayTor(): FakeTor {
  return new FakeTor({
    info: {
      uptime: '3600',
      'status/version/current': 'recommended',
      'net/listeners/or': '"127.0.0.1:5020"',
      'net/listeners/dir': '',
      'process/descriptor-limit': '1000',
      'status/bootstrap-phase': 'NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done"',
      'network-liveness': 'up',
      fingerprint: FP,
      'exit-policy/full': 'accept 127.0.0.0/8:*\nreject *:*',
      [`ns/id/${FP}`]: NS,
    },
    conf: { Nickname: 'r2', SocksPort: '0' },
  });
}

let stops: Array<() => void> = [];
afterEach(() => {
  stops.forEach((s) => s());
  stops = [];
});

async function setUp(tor: FakeTor, files: Record<string, string> = {}) {
  const clock = new ManualClock(1_800_000_000_000);
  const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: { initialDelayMs: 500, maxDelayMs: 1000 } });
  let ticks = 100;
  const procFs: ProcFs = {
    readText: async (p) => {
      if (p === '/proc/4242/stat') return STAT(ticks);
      if (p === '/proc/4242/status') return 'Name:\ttor\nVmRSS:\t 51200 kB\n';
      if (p === '/proc/meminfo') return 'MemTotal: 1024000 kB\n';
      if (p in files) return files[p]!;
      throw Object.assign(new Error('no'), { code: 'ENOENT' });
    },
    listDir: async () => Array.from({ length: 700 }, (_, i) => String(i)),
  };
  const seen: HeaderFacts[] = [];
  await controller.open();
  const collector = new HeaderCollector({ controller, clock, procFs, target: '127.0.0.1:9051', onChange: (f) => seen.push(f), host: { hostname: 'box', osName: 'Linux', osRelease: '6.1.0' } });
  collector.start();
  stops.push(() => collector.stop(), () => controller.close());
  const flush = async () => {
    for (let i = 0; i < 10; i++) await settle();
  };
  await flush();
  return { clock, controller, collector, seen, flush, burn: (n: number) => (ticks += n) };
}

describe('HeaderCollector', () => {
  it('fills every header fact of a relay from tor and /proc', async () => {
    const { collector } = await setUp(relayTor());
    expect(collector.facts).toMatchObject({
      hostname: 'box',
      torVersion: '0.4.9.11',
      versionStatus: 'recommended',
      nickname: 'r2',
      address: '127.0.0.1',
      orPort: 5020,
      dirPort: undefined,
      isRelay: true,
      authMethod: 'NULL',
      pid: 4242,
      torStartedAtMs: 1_800_000_000_000 - 3_600_000,
      fingerprint: FP,
      flags: ['Exit', 'Fast', 'Guard', 'Running', 'Valid'],
      exitPolicy: { rules: [{ action: 'accept', text: 'accept 127.0.0.0/8:*' }, { action: 'reject', text: 'reject *:*' }], tail: undefined },
      fdLimit: 1000,
      fdUsed: 700,
      bootstrap: { progress: 100 },
      liveness: 'up',
      connection: { kind: 'connected' },
      newnymWaitMs: undefined,
    });
    expect(collector.facts.tor).toMatchObject({ rssBytes: 51200 * 1024, memPercent: 5 });
  });

  it('computes tor cpu from /proc tick deltas on the clock', async () => {
    const { collector, clock, burn, flush } = await setUp(relayTor());
    burn(100); // 1 s of cpu over the next 2 s sample period
    clock.advance(2000);
    await flush();
    expect(collector.facts.tor?.cpuPercent).toBeCloseTo(50);
  });

  it('samples tor once per BW second, so each second of the resources graph has its own figure', async () => {
    const tor = relayTor();
    const { collector, clock, burn, flush } = await setUp(tor);
    const cpu: number[] = [];
    for (const ticks of [10, 30, 60, 20]) {
      burn(ticks);
      clock.advance(1000);
      tor.emitEvent('BW 100 200');
      await flush();
      cpu.push(Math.round(collector.facts.tor!.cpuPercent));
    }
    // One sample a second (ticks per second at 100 Hz = percent), not one every 2 s drawn twice.
    expect(cpu).toEqual([10, 30, 60, 20]);
    // Bunched events do not sample twice within a second.
    burn(50);
    clock.advance(300);
    tor.emitEvent('BW 100 200');
    await flush();
    expect(Math.round(collector.facts.tor!.cpuPercent)).toBe(20);
  });

  it('samples a relay that is not on screen every 5 s, and at once when it is shown again', async () => {
    const tor = relayTor();
    const { collector, clock, burn, flush } = await setUp(tor);
    collector.setShown(false);
    const samples: number[] = [];
    let last = collector.facts.tor;
    for (let second = 1; second <= 10; second++) {
      burn(10);
      clock.advance(1000);
      tor.emitEvent('BW 100 200');
      await flush();
      if (collector.facts.tor !== last) samples.push(second);
      last = collector.facts.tor;
    }
    expect(samples).toEqual([5, 10]);
    burn(10);
    clock.advance(500);
    collector.setShown(true);
    await flush();
    expect(collector.facts.tor).not.toBe(last);
  });

  it('follows events: bootstrap progress, liveness, our flags in a new consensus', async () => {
    const tor = relayTor();
    const { collector, flush } = await setUp(tor);
    tor.emitEvent('STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=45 TAG=loading_descriptors SUMMARY="Loading relay descriptors"');
    tor.emitEvent('NETWORK_LIVENESS DOWN');
    await flush();
    expect(collector.facts.bootstrap).toMatchObject({ progress: 45, summary: 'Loading relay descriptors' });
    expect(collector.facts.liveness).toBe('down');
  });

  it('shows the disconnection with its time and when it retries, then recovers', async () => {
    const tor = relayTor();
    const { collector, clock, flush } = await setUp(tor);
    const t0 = clock.nowMs();
    tor.kill();
    await flush();
    expect(collector.facts.connection).toMatchObject({ kind: 'disconnected', atMs: t0, retryAtMs: t0 + 500 });
    tor.restart();
    clock.advance(500);
    await flush();
    expect(collector.facts.connection.kind).toBe('connected');
    expect(collector.facts.nickname).toBe('r2');
  });

  it('treats a client (no ORPort, no fingerprint) as such', async () => {
    const tor = new FakeTor({
      info: { uptime: '5', 'net/listeners/or': '', 'net/listeners/dir': '', 'status/version/current': 'unknown', 'process/descriptor-limit': '1000', 'status/bootstrap-phase': 'NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done"', 'network-liveness': 'up', 'status/version/recommended': '', fingerprint: { error: '551 Not running in server mode' } },
      conf: { Nickname: null, SocksPort: '9050' },
    });
    const { collector } = await setUp(tor);
    expect(collector.facts).toMatchObject({ isRelay: false, fingerprint: undefined, flags: undefined, exitPolicy: undefined, newnymWaitMs: 0, nickname: 'Unnamed' });
  });
});

describe('configuredOrPort', () => {
  it('reads the ORPort lines of a relay whose listener is not open', async () => {
    const { configuredOrPort } = await import('../../src/app/session/header-collector.js');
    expect(configuredOrPort(['0'])).toBeUndefined();
    expect(configuredOrPort([])).toBeUndefined();
    expect(configuredOrPort(['9001'])).toEqual({ host: undefined, port: 9001 });
    expect(configuredOrPort(['127.0.0.1:9001 NoListen'])).toEqual({ host: '127.0.0.1', port: 9001 });
    expect(configuredOrPort(['[::1]:auto'])).toEqual({ host: '::1', port: undefined });
    expect(configuredOrPort(['0.0.0.0:443'])).toEqual({ host: undefined, port: 443 });
  });
});
