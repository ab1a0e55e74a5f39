// Recording a real client session against FakeTor: every command and message lands in order with
// its time, secrets are cut, tor going away and ortop closing are told apart, bytes pass untouched.
import { afterEach, describe, expect, it } from 'vitest';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { parseRecording, Recorder, type RecordSink } from '../../src/record/index.js';
import { EXAMPLE_COOKIE, FakeTor, settle } from '../helpers/fake-tor.js';

const START = Date.UTC(2026, 10, 27, 12, 0, 0);
let cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

function memorySink(): RecordSink & { lines: string[]; closed: boolean } {
  const sink = { lines: [] as string[], closed: false, writeLine: (l: string) => void sink.lines.push(l), close: () => void (sink.closed = true) };
  return sink;
}

async function recordedController(tor: FakeTor) {
  const clock = new ManualClock(START);
  const sink = memorySink();
  const recorder = new Recorder({ sink, clock, ortopVersion: '0.1.0', target: '127.0.0.1:9051' });
  const controller = new Controller({ openTransport: recorder.wrap(tor.openTransport), clock, auth: { readCookie: tor.readCookie }, reconnect: { initialDelayMs: 500, maxDelayMs: 500 } });
  cleanups.push(() => controller.close());
  await controller.open();
  return { clock, sink, recorder, controller, recording: () => parseRecording(sink.lines.join('\n')) };
}

describe('Recorder', () => {
  it('records the handshake, commands, replies and events with times, and no secret', async () => {
    const tor = new FakeTor({ authMethods: ['COOKIE', 'SAFECOOKIE'], info: { version: '0.4.9.11', fingerprint: 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2' } });
    const { clock, sink, controller, recording } = await recordedController(tor);
    clock.advance(250);
    expect(await controller.getInfoOne('fingerprint')).toBe('A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2');
    controller.on('BW', () => {});
    await controller.syncEvents();
    clock.advance(1000);
    tor.emitEvent('BW 10 20');
    await settle();

    const { header, entries } = recording();
    expect(header).toMatchObject({ format: 'ortop-control-recording', version: 1, target: '127.0.0.1:9051', startedAt: '2026-11-27T12:00:00.000Z' });
    expect(entries[0]).toEqual({ kind: 'open', ms: 0, session: 1, address: 'fake-tor:9051' });
    const sent = entries.flatMap((e) => (e.kind === 'sent' ? [e.data.trimEnd()] : []));
    expect(sent.slice(0, 3)).toEqual(['PROTOCOLINFO 1', 'AUTHCHALLENGE SAFECOOKIE [REDACTED]', 'AUTHENTICATE [REDACTED]']);
    expect(sent).toContain('GETINFO fingerprint');
    const reply = entries.find((e) => e.kind === 'received' && e.data.startsWith('250-fingerprint='));
    expect(reply).toMatchObject({ ms: 250, data: '250-fingerprint=A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2\r\n250 OK\r\n' });
    expect(entries.find((e) => e.kind === 'received' && e.data === '650 BW 10 20\r\n')).toMatchObject({ ms: 1250 });
    const challenge = entries.find((e) => e.kind === 'received' && e.data.startsWith('250 AUTHCHALLENGE'));
    expect(challenge).toMatchObject({ data: '250 AUTHCHALLENGE SERVERHASH=[REDACTED] SERVERNONCE=[REDACTED]\r\n', redacted: ['AUTHCHALLENGE server hash and nonce'] });

    const file = sink.lines.join('\n');
    expect(file).not.toMatch(new RegExp(Buffer.from(EXAMPLE_COOKIE).toString('hex'), 'i'));
    expect(file).not.toMatch(/SERVER(HASH|NONCE)=[0-9A-F]/i);
    expect(sent.filter((c) => /^(AUTHENTICATE|AUTHCHALLENGE SAFECOOKIE) (?!\[REDACTED\]$)/.test(c))).toEqual([]);
  });

  it('tells tor going away from ortop closing, and numbers the sessions of a reconnect', async () => {
    const tor = new FakeTor();
    const { clock, controller, recording } = await recordedController(tor);
    clock.advance(2000);
    tor.kill();
    for (let i = 0; i < 5; i++) await settle();
    tor.restart();
    clock.advance(500);
    for (let i = 0; i < 10; i++) await settle();
    expect(controller.state).toBe('connected');
    clock.advance(1000);
    controller.close();
    for (let i = 0; i < 5; i++) await settle();
    const marks = recording().entries.filter((e) => e.kind === 'open' || e.kind === 'close').map((e) => [e.kind, e.session, e.ms, e.kind === 'close' ? e.by : '']);
    expect(marks).toEqual([
      ['open', 1, 0, ''],
      ['close', 1, 2000, 'tor'],
      ['open', 2, 2500, ''],
      ['close', 2, 3500, 'ortop'],
    ]);
  });

  it('passes bytes through unchanged and keeps early chunks for the first listener', async () => {
    const tor = new FakeTor({ info: { 'config-text': 'ContactInfo caf\u00c3\u00a9' } });
    tor.chunkSizes = 3;
    const { controller, recording } = await recordedController(tor);
    expect(await controller.getInfoOne('config-text')).toBe('ContactInfo café');
    expect(recording().entries.some((e) => e.kind === 'received' && e.data.includes('caf\u00c3\u00a9'))).toBe(true);
  });

  it('stops writing once closed', async () => {
    const tor = new FakeTor();
    const { sink, recorder, controller } = await recordedController(tor);
    recorder.close();
    const n = sink.lines.length;
    await controller.getInfoOne('version');
    expect(sink.closed).toBe(true);
    expect(sink.lines.length).toBe(n);
  });
});
