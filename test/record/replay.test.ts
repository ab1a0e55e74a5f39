// Playing a recording back through the real Controller on a ManualClock: reads answered as of the
// replay time, events on the recorded clock at N× speed, writes refused, tor's restart replayed.
import { afterEach, describe, expect, it } from 'vitest';
import { Controller, ManualClock, type StateChange } from '../../src/controller/index.js';
import { answerReplayCommand, buildReplayIndex, Replay, splitGetInfoReply, type Recording, type RecordingEntry } from '../../src/record/index.js';
import { ReplyError } from '../../src/protocol/errors.js';
import { settle } from '../helpers/fake-tor.js';

const HANDSHAKE = (ms: number, session: number): RecordingEntry[] => [
  { kind: 'open', ms, session, address: '127.0.0.1:9051' },
  { kind: 'sent', ms, session, data: 'PROTOCOLINFO 1\r\n' },
  { kind: 'received', ms, session, data: '250-PROTOCOLINFO 1\r\n250-AUTH METHODS=COOKIE,SAFECOOKIE COOKIEFILE="/var/lib/tor/control_auth_cookie"\r\n250-VERSION Tor="0.4.9.11"\r\n250 OK\r\n' },
  { kind: 'sent', ms, session, data: 'AUTHCHALLENGE SAFECOOKIE [REDACTED]\r\n', redacted: ['AUTHCHALLENGE client nonce'] },
  { kind: 'received', ms, session, data: '250 AUTHCHALLENGE SERVERHASH=[REDACTED] SERVERNONCE=[REDACTED]\r\n' },
  { kind: 'sent', ms, session, data: 'AUTHENTICATE [REDACTED]\r\n' },
  { kind: 'received', ms, session, data: '250 OK\r\n' },
  { kind: 'sent', ms, session, data: 'GETINFO events/names\r\n' },
  { kind: 'received', ms, session, data: '250-events/names=BW CIRC CONF_CHANGED SIGNAL\r\n250 OK\r\n' },
  { kind: 'sent', ms, session, data: 'SETEVENTS BW CONF_CHANGED SIGNAL\r\n' },
  { kind: 'received', ms, session, data: '250 OK\r\n' },
];

const RECORDING: Recording = {
  header: { format: 'ortop-control-recording', version: 1, startedAt: '2026-11-27T12:00:00.000Z', ortop: '0.1.0', target: '127.0.0.1:9051' },
  entries: [
    ...HANDSHAKE(0, 1),
    { kind: 'sent', ms: 10, session: 1, data: 'GETINFO version uptime\r\n' },
    { kind: 'sent', ms: 10, session: 1, data: 'GETINFO traffic/read\r\n' },
    { kind: 'received', ms: 11, session: 1, data: '250-version=0.4.9.11\r\n250-uptime=100\r\n250 OK\r\n' },
    { kind: 'received', ms: 11, session: 1, data: '250-traffic/read=1000\r\n250 OK\r\n' },
    { kind: 'received', ms: 1000, session: 1, data: '650 BW 10 20\r\n' },
    { kind: 'received', ms: 2000, session: 1, data: '650 BW 30 40\r\n' },
    { kind: 'received', ms: 2500, session: 1, data: '650 CIRC 1 LAUNCHED BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T12:00:02.500000\r\n' },
    { kind: 'sent', ms: 3000, session: 1, data: 'GETINFO traffic/read\r\n' },
    { kind: 'received', ms: 3001, session: 1, data: '250-traffic/read=5000\r\n250 OK\r\n' },
    { kind: 'close', ms: 4000, session: 1, by: 'tor', reason: 'read ECONNRESET' },
    ...HANDSHAKE(6000, 2),
    { kind: 'received', ms: 7000, session: 2, data: '650 BW 50 60\r\n' },
    { kind: 'close', ms: 9000, session: 2, by: 'ortop' },
  ],
};

let cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

async function replayed(speed = 1) {
  const clock = new ManualClock(Date.UTC(2030, 0, 1));
  const replay = new Replay(RECORDING, { clock, speed, description: 'replay of test.jsonl' });
  const controller = new Controller({ openTransport: replay.openTransport, clock, reconnect: { initialDelayMs: 500, maxDelayMs: 500 } });
  cleanups.push(() => controller.close());
  await controller.open();
  const bw: string[] = [];
  const circ: string[] = [];
  controller.on('BW', (e) => void (e.kind === 'BW' && bw.push(`${e.readBytes} ${e.writtenBytes}`)));
  controller.on('CIRC', () => void circ.push('CIRC'));
  await controller.syncEvents();
  const states: StateChange['kind'][] = [];
  controller.onState((s) => states.push(s.kind));
  const advance = async (ms: number) => {
    clock.advance(ms);
    for (let i = 0; i < 5; i++) await settle();
  };
  return { clock, replay, controller, bw, circ, states, advance };
}

describe('Replay', () => {
  it('authenticates with NULL and answers reads from the recording, as of the replay time', async () => {
    const { controller, advance } = await replayed();
    expect(controller.authMethod).toBe('NULL');
    expect(controller.torVersion).toBe('0.4.9.11');
    expect(Object.fromEntries(await controller.getInfo(['version', 'uptime']))).toEqual({ version: '0.4.9.11', uptime: '100' });
    // Never sent alone while recording: put together from the recorded multi-key answer.
    expect(await controller.getInfoOne('uptime')).toBe('100');
    expect(await controller.getInfoOne('traffic/read')).toBe('1000');
    await advance(3000);
    expect(await controller.getInfoOne('traffic/read')).toBe('5000');
  });

  it('emits recorded events at their time, only those subscribed', async () => {
    const { bw, circ, advance } = await replayed();
    await advance(999);
    expect(bw).toEqual([]);
    await advance(1);
    expect(bw).toEqual(['10 20']);
    await advance(2000);
    expect(bw).toEqual(['10 20', '30 40']);
    expect(circ).toEqual(['CIRC']);
  });

  it('plays N times as fast with speed N', async () => {
    const { bw, advance } = await replayed(10);
    await advance(99);
    expect(bw).toEqual([]);
    await advance(101);
    expect(bw).toEqual(['10 20', '30 40']);
  });

  it('refuses writes and says what was not recorded', async () => {
    const { controller } = await replayed();
    await expect(controller.setConf({ Nickname: 'x' })).rejects.toThrow(ReplyError);
    await expect(controller.setConf({ Nickname: 'x' })).rejects.toThrow(/SETCONF refused: this is a recorded session, read-only/);
    await expect(controller.signal('NEWNYM')).rejects.toThrow(/SIGNAL refused/);
    await expect(controller.getInfoOne('ns/all')).rejects.toThrow(/510 .*"GETINFO ns\/all" was not recorded/);
    const raw = await controller.request('GETINFO version uptime');
    expect(raw.code).toBe(250);
  });

  it('replays tor going away: disconnected, refused until the next session, then connected again; the end stays up', async () => {
    const { controller, bw, states, advance } = await replayed();
    await advance(4000);
    expect(states).toContain('closed');
    expect(controller.state).not.toBe('connected');
    await advance(1500);
    expect(states.filter((s) => s === 'connect-failed').length).toBeGreaterThan(0);
    expect(controller.state).not.toBe('connected');
    await advance(1000);
    expect(controller.state).toBe('connected');
    await advance(1000);
    expect(bw.at(-1)).toBe('50 60');
    await advance(60_000);
    expect(controller.state).toBe('connected');
  });

  it('rejects a bad speed and an empty recording', () => {
    const clock = new ManualClock();
    expect(() => new Replay(RECORDING, { clock, speed: 0 })).toThrow(/speed/);
    expect(() => new Replay({ header: RECORDING.header, entries: [] }, { clock })).toThrow(/no control connection/);
  });
});

describe('replay index and answers', () => {
  it('pairs replies with commands in order, events aside', () => {
    const index = buildReplayIndex(RECORDING);
    expect(index.sessions.map((s) => [s.id, s.openMs, s.closeMs, s.closedBy, s.events.length])).toEqual([
      [1, 0, 4000, 'tor', 3],
      [2, 6000, 9000, 'ortop', 1],
    ]);
    expect(index.replies.get('GETINFO traffic/read')?.map((r) => r.ms)).toEqual([10, 3000]);
  });

  it('splits GETINFO replies per key, data blocks included', () => {
    const parts = splitGetInfoReply('250-a=1\r\n250+config-text=\r\nLog x\r\n.\r\n250-b=\r\n250 OK\r\n');
    expect([...parts]).toEqual([
      ['a', '250-a=1\r\n'],
      ['config-text', '250+config-text=\r\nLog x\r\n.\r\n'],
      ['b', '250-b=\r\n'],
    ]);
  });

  it('offers NULL authentication in place of the recorded methods, and answers QUIT', () => {
    const index = buildReplayIndex(RECORDING);
    const pi = answerReplayCommand(index, 'PROTOCOLINFO 1\r\n', 0);
    expect(pi.data).toContain('250-AUTH METHODS=NULL\r\n');
    expect(pi.data).not.toContain('COOKIEFILE');
    expect(answerReplayCommand(index, 'QUIT\r\n', 0)).toEqual({ kind: 'quit', data: '250 closing connection\r\n' });
    expect(answerReplayCommand(index, 'SETEVENTS EXTENDED bw circ\r\n', 0)).toMatchObject({ kind: 'setevents', events: ['BW', 'CIRC'] });
  });
});
