// The two collectors of page 1 against FakeTor: history at start without double counting, the
// title's facts, accounting, the state file; the log's subscription, unknown names, backlog and
// continuous writing. Files are injected; time is a ManualClock.
import { afterEach, describe, expect, it } from 'vitest';
import { GraphCollector } from '../../src/app/session/graph-collector.js';
import { LogCollector } from '../../src/app/session/log-collector.js';
import type { ReadTail } from '../../src/app/session/log-file-tail.js';
import type { LogSink } from '../../src/app/session/log-writer.js';
import { OwnLog, type OwnLevel } from '../../src/app/session/own-log.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { emptyHeaderFacts } from '../../src/relay/index.js';
import type { LogEntry } from '../../src/relay/log/index.js';
import { fixtureData } from '../protocol/documents/fixture.js';
import { FakeTor, settle, type FakeTorOptions } from '../helpers/fake-tor.js';

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);
const FP = '3EE5BD82604FF4A5E8C96565300270AA38B9FE8A';
let cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

const flush = async () => {
  for (let i = 0; i < 10; i++) await settle();
};

function files(map: Record<string, string | { code: string }>): ReadTail & { calls: string[] } {
  const calls: string[] = [];
  const read = async (path: string) => {
    calls.push(path);
    const v = map[path];
    if (v === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    if (typeof v !== 'string') throw Object.assign(new Error(`${v.code}: ${path}`), { code: v.code });
    return v;
  };
  return Object.assign(read, { calls });
}

async function connect(options: FakeTorOptions = {}) {
  const tor = new FakeTor(options);
  const clock = new ManualClock(T0);
  const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: { initialDelayMs: 1000, maxDelayMs: 1000 } });
  await controller.open();
  cleanups.push(() => controller.close());
  const logged: Array<[OwnLevel, string]> = [];
  return { tor, clock, controller, logged, log: (level: OwnLevel, message: string) => logged.push([level, message]) };
}

const RELAY_INFO = {
  'traffic/read': '5000000',
  'traffic/written': '6000000',
  uptime: '3600',
  'bw-event-cache': '100,200 300,400 500,600',
  fingerprint: FP,
  [`desc/id/${FP}`]: fixtureData('getinfo-fresh-relay-descs.txt').replace(/^250\+status\/fresh-relay-descs=\r?\n/, '').replace(/\r?\n\.\r?\n250 OK\r?\n?$/, ''),
  'accounting/enabled': '1',
  'accounting/hibernating': 'awake',
  'accounting/bytes': '1000 2000',
  'accounting/bytes-left': '9000 8000',
  'accounting/interval-end': '2026-12-01 00:00:00',
};
const RELAY_CONF = { BandwidthRate: '5242880', BandwidthBurst: '10485760', RelayBandwidthRate: '0', RelayBandwidthBurst: '0', MaxAdvertisedBandwidth: '1073741824', DataDirectory: '/var/lib/tor', Log: 'notice file /var/log/tor/notices.log' };

function graphCollector(env: Awaited<ReturnType<typeof connect>>, readTail: ReadTail, counts?: { inbound: number; outbound: number }) {
  let changes = 0;
  const c = new GraphCollector({
    controller: env.controller,
    clock: env.clock,
    readTail,
    headerFacts: () => ({ ...emptyHeaderFacts({ hostname: 'h', osName: 'Linux', osRelease: '6' }, 'x'), tor: { cpuPercent: 3, rssBytes: 5e7, memPercent: 1 } }),
    connectionCounts: () => counts,
    onChange: () => changes++,
    log: env.log,
  });
  cleanups.push(() => c.stop());
  return { collector: c, changes: () => changes };
}

const STATE = ['BWHistoryReadEnds 2026-11-27 11:45:00', 'BWHistoryReadInterval 900', 'BWHistoryReadValues 900000,1800000', 'BWHistoryWriteEnds 2026-11-27 11:45:00', 'BWHistoryWriteInterval 900', 'BWHistoryWriteValues 90000,180000', 'LastWritten 2026-11-27 11:40:00'].join('\n');

describe('GraphCollector', () => {
  it("seeds from bw-event-cache and tor's counters; BW events that came before the answer are not counted twice", async () => {
    const env = await connect({ info: RELAY_INFO, conf: RELAY_CONF });
    const off = env.controller.on('BW', () => {});
    await env.controller.syncEvents();
    await flush();
    env.tor.hold();
    const { collector } = graphCollector(env, files({ '/var/lib/tor/state': STATE }));
    collector.start();
    env.tor.emitEvent('BW 500 600');
    await flush();
    env.tor.release();
    await flush();
    off();
    const m = collector.model;
    expect(m.bandwidth.primary.interval('each second').newest(10)).toEqual([500, 300, 100]);
    expect(m.totalReadBytes).toBe(5_000_000);
    expect(m.torStartedAtMs).toBe(T0 - 3600_000);
    env.clock.advance(1000);
    env.tor.emitEvent('BW 1000 2000');
    await flush();
    expect(m.bandwidth.samples).toBe(4);
    expect(m.totalReadBytes).toBe(5_001_000);
    expect(m.resources.primary.latest).toBe(3);
    expect(m.connections.samples).toBe(0);
  });

  it('reads limits, observed bandwidth, accounting and the state file; refreshes accounting every 5 s on BW', async () => {
    const env = await connect({ info: RELAY_INFO, conf: RELAY_CONF });
    const read = files({ '/var/lib/tor/state': STATE });
    const { collector } = graphCollector(env, read, { inbound: 7, outbound: 9 });
    collector.start();
    await flush();
    const m = collector.model;
    expect(m.limits).toEqual({ rateBytesPerSec: 5242880, burstBytesPerSec: 10485760 });
    expect(m.observed).toMatchObject({ bytesPerSec: 0, source: 'published' });
    expect(m.accounting).toMatchObject({ kind: 'on', facts: { hibernating: 'awake', readBytes: 1000, readLimitBytes: 10_000 } });
    expect(read.calls).toEqual(['/var/lib/tor/state']);
    expect(m.longHistory).toEqual({ kind: 'loaded', path: '/var/lib/tor/state', periodSec: 900, periods: 2 });
    expect(m.bandwidth.primary.interval('15 minute').newest(3).map((v) => (Number.isNaN(v) ? 'gap' : v))).toEqual(['gap', 3000, 1000]);
    expect(env.logged.find(([, msg]) => msg.startsWith('graph history:'))?.[1]).toBe("graph history: 3 s from tor's bw-event-cache, 1 hour(s) of 15-minute totals from /var/lib/tor/state");
    const asked = () => env.tor.commands.filter((c) => c.includes('accounting/bytes-left')).length;
    const before = asked();
    for (let i = 0; i < 6; i++) {
      env.clock.advance(1000);
      env.tor.emitEvent('BW 10 20');
      await flush();
    }
    expect(asked()).toBe(before + 1);
    expect(m.connections.primary.latest).toBe(7);
    const count = (needle: string) => env.tor.commands.filter((c) => c.includes(needle)).length;
    const descs = count(`desc/id/${FP}`);
    const limits = count('GETCONF BandwidthRate');
    env.clock.advance(31_000);
    env.tor.emitEvent('BW 10 20');
    await flush();
    expect(count(`desc/id/${FP}`)).toBe(descs);
    expect(count('GETCONF BandwidthRate')).toBe(limits);
    env.tor.conf.set('BandwidthRate', ['1048576']);
    env.tor.announceConfChange(['BandwidthRate']);
    await flush();
    expect(m.limits.rateBytesPerSec).toBe(1048576);
    const afterChange = count(`desc/id/${FP}`);
    env.clock.advance(300_000);
    env.tor.emitEvent('BW 10 20');
    await flush();
    expect(count(`desc/id/${FP}`)).toBe(afterChange + 1);
    env.tor.kill();
    await flush();
    expect(m.accounting).toEqual({ kind: 'closed' });
  });

  it("says when tor's state file cannot be read", async () => {
    const env = await connect({ info: RELAY_INFO, conf: RELAY_CONF });
    const { collector } = graphCollector(env, files({ '/var/lib/tor/state': { code: 'EACCES' } }));
    collector.start();
    await flush();
    expect(collector.model.longHistory).toMatchObject({ kind: 'unavailable', path: '/var/lib/tor/state' });
    expect(env.logged.some(([level, msg]) => level === 'NOTICE' && msg.includes('/var/lib/tor/state') && msg.includes('permission denied'))).toBe(true);
  });
});

function logCollector(env: Awaited<ReturnType<typeof connect>>, options: { selection?: string[]; readTail?: ReadTail; sink?: LogSink; ownLog?: OwnLog } = {}) {
  const ownLog = options.ownLog ?? new OwnLog();
  const c = new LogCollector({
    controller: env.controller,
    clock: env.clock,
    ownLog,
    cap: 100,
    selection: options.selection ?? ['NOTICE', 'WARN', 'ERR', 'ORTOP_NOTICE', 'ORTOP_WARN', 'ORTOP_ERR'],
    prepopulate: true,
    readLimitLines: 5000,
    readTail: options.readTail ?? files({}),
    sink: options.sink,
    onChange: () => {},
    log: (level, message) => ownLog.add({ atMs: env.clock.nowMs(), level, message }),
  });
  cleanups.push(() => c.stop());
  return c;
}

const messages = (c: LogCollector) => c.buffer.toArray().map((e) => `${e.type} ${e.message}`);

describe('LogCollector', () => {
  it("subscribes to the selection, logs tor's events and ortop's own messages", async () => {
    const env = await connect();
    const own = new OwnLog();
    own.add({ atMs: T0 - 5, level: 'NOTICE', message: 'before the panel existed' });
    own.add({ atMs: T0 - 4, level: 'DEBUG', message: 'not selected' });
    const c = logCollector(env, { ownLog: own });
    c.start();
    await flush();
    expect(env.tor.subscribedEvents).toEqual(expect.arrayContaining(['NOTICE', 'WARN', 'ERR']));
    env.tor.emitEvent('NOTICE Bootstrapped 100% (done): Done');
    env.tor.emitEvent('INFO not subscribed');
    await flush();
    expect(messages(c)).toEqual(expect.arrayContaining(['ORTOP_NOTICE before the panel existed', 'NOTICE Bootstrapped 100% (done): Done']));
    expect(messages(c).join('\n')).not.toMatch(/not selected|not subscribed/);
  });

  it('names the types tor does not know, keeps the rest, and re-subscribes on a new selection', async () => {
    const env = await connect();
    const c = logCollector(env, { selection: ['NOTICE', 'FOO', 'ORTOP_BAR', 'ORTOP_WARN'] });
    c.start();
    await flush();
    expect(c.selection).toEqual(['NOTICE', 'ORTOP_WARN']);
    expect(messages(c)).toContain('ORTOP_WARN tor does not know the event types FOO, ORTOP_BAR (not in GETINFO events/names): not logged; logging the rest');
    expect(env.tor.commands.filter((cmd) => cmd.startsWith('SETEVENTS')).some((cmd) => cmd.includes('FOO'))).toBe(false);
    await c.setSelection(['WARN', 'CIRC', 'ORTOP_WARN']);
    await flush();
    const last = env.tor.commands.filter((cmd) => cmd.startsWith('SETEVENTS')).at(-1)!;
    expect(last.split(' ')).toEqual(expect.arrayContaining(['CIRC', 'WARN']));
    expect(last.split(' ')).not.toContain('NOTICE');
    env.tor.emitEvent('CIRC 1 LAUNCHED BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL');
    await flush();
    expect(messages(c).at(-1)).toBe('CIRC 1 LAUNCHED BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL');
  });

  it("prepopulates from tor's log file (this instance only, lines since attaching dropped) and says where from", async () => {
    const env = await connect({ conf: { Log: ['notice stdout', 'notice file /var/log/tor/notices.log'] } });
    const log = [
      'Nov 27 10:00:00.000 [notice] Tor 0.4.9.10 opening new log file.',
      'Nov 27 10:00:01.000 [warn] from the previous tor',
      'Nov 27 11:00:00.000 [notice] Tor 0.4.9.11 opening log file.',
      'Nov 27 11:00:01.000 [notice] Bootstrapped 100% (done): Done',
      'Nov 27 11:00:02.000 [info] not wanted',
      'Nov 27 12:00:05.000 [notice] written after we attached',
      '',
    ].join('\n');
    const read = files({ '/var/log/tor/notices.log': log });
    const c = logCollector(env, { readTail: read });
    c.start();
    await flush();
    expect(messages(c)).toEqual([
      'NOTICE Tor 0.4.9.11 opening log file.',
      'NOTICE Bootstrapped 100% (done): Done',
      "ORTOP_NOTICE 2 earlier entries from tor's log file /var/log/tor/notices.log (since this tor started at 11:00:00)",
    ]);
    expect(c.buffer.toArray()[0]!.source).toBe('backlog');
  });

  it('says why there is no backlog when the file cannot be read', async () => {
    const env = await connect({ conf: { Log: 'notice file /var/log/tor/notices.log' } });
    const c = logCollector(env, { readTail: files({ '/var/log/tor/notices.log': { code: 'EACCES' } }) });
    c.start();
    await flush();
    expect(messages(c).at(-1)).toMatch(/^ORTOP_NOTICE no backlog: could not read tor's log file \/var\/log\/tor\/notices.log: permission denied/);
  });

  it('writes live entries (not the backlog) to the sink, sanitised', async () => {
    const env = await connect({ conf: { Log: 'notice file /l' } });
    const written: LogEntry[] = [];
    const c = logCollector(env, { readTail: files({ '/l': 'Nov 27 11:00:00.000 [notice] old line\n' }), sink: { write: (e) => written.push(e), close: async () => {} } });
    c.start();
    await flush();
    env.tor.emitRaw('650 WARN evil \x1b[2Jtext\r\n');
    await flush();
    expect(written.map((e) => e.message)).toEqual([expect.stringContaining('earlier entry'), 'evil text']);
  });
});
