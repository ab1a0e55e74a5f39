// Regression: a 20 s session recorded from the test network's exit relay under load
// (test/fixtures/replays/exit-relay-20s.jsonl) replayed through the whole app on a ManualClock.
// What ortop showed then it must show again: header, graph with traffic, log, connections.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { parseRecording, Replay } from '../../src/record/index.js';
import { parseCircuitBlocks } from '../e2e/frames.js';
import { mountApp, NO_PROC_FS, stopApps } from '../helpers/app-harness.js';
import { settle } from '../helpers/fake-tor.js';

const FIXTURE = new URL('../fixtures/replays/exit-relay-20s.jsonl', import.meta.url);
const FINGERPRINT = '51723E571B2ED5B4E40859AF125AE21823E357C8';
const RECORDED_AT = Date.parse('2026-11-27T12:04:07.000Z');

afterEach(stopApps);

async function replayApp(speed = 1, rows = 60) {
  const recording = parseRecording(readFileSync(FIXTURE, 'utf8'));
  const clock = new ManualClock(RECORDED_AT);
  const replay = new Replay(recording, { clock, speed, description: 'replay of exit-relay-20s.jsonl' });
  const controller = new Controller({ openTransport: replay.openTransport, clock });
  await controller.open();
  // No /proc: the recorded pid means nothing on this machine.
  const { app, term, frame, stop } = mountApp({ controller, clock, cols: 120, rows, colors: false, procFs: NO_PROC_FS, target: 'replay of exit-relay-20s.jsonl', hostInfo: { hostname: 'replay-host', osName: 'Linux', osRelease: '6.1.0' } });
  /** Moves the clock in 100 ms steps, letting replies and events run between steps. */
  const play = async (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      clock.advance(100);
      for (let i = 0; i < 3; i++) await settle();
    }
  };
  return { app, clock, controller, play, frame, stop, type: async (keys: string) => {
    term.type(keys);
    for (let i = 0; i < 3; i++) await settle();
    return frame();
  } };
}

describe('replay of the exit relay fixture', () => {
  it('is a recording without secrets', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const { entries } = parseRecording(text);
    const sent = entries.flatMap((e) => (e.kind === 'sent' ? [e.data] : []));
    expect(sent.filter((c) => /^AUTH/.test(c))).toEqual(['AUTHCHALLENGE SAFECOOKIE [REDACTED]\r\n', 'AUTHENTICATE [REDACTED]\r\n']);
    expect(text).not.toMatch(/SERVER(HASH|NONCE)=[0-9A-F]/);
    expect(text).not.toMatch(/16:[0-9A-F]{58}/);
  });

  it('shows the header of the recorded relay: nickname, ORPort, fingerprint, flags from the consensus', async () => {
    const { play, frame } = await replayApp();
    await play(2000);
    const f = await frame();
    expect(f).toContain('exit1 - 127.0.0.1:38669, Control Port (open): replay of exit-relay-20s.jsonl');
    expect(f).toContain(`fingerprint: ${FINGERPRINT}`);
    expect(f).toContain('flags: Exit, Fast, Guard, HSDir, Running, Stable, V2Dir, Valid');
    expect(f).toContain('Tor 0.4.9.11');
    expect(f).toContain('pid: 2709');
  });

  it('graphs the recorded traffic and logs what tor logged, at 1x and at 4x speed', async () => {
    for (const speed of [1, 4]) {
      const { play, frame, stop } = await replayApp(speed);
      await play(21_000 / speed);
      const f = await frame();
      const down = /Download \(([\d.]+) (\w+)\/s - avg: ([\d.]+) (\w+)\/s, total: ([\d.]+) (\w+)\)/.exec(f);
      expect(down, f).not.toBeNull();
      expect(Number(down![3])).toBeGreaterThan(0);
      expect(f).toMatch(/[▁▂▃▄▅▆▇█]{10}/);
      expect(f).toContain('[WARN] Failed to choose an exit server');
      stop();
    }
  });

  it('lists the recorded OR connections by nickname and the circuits with their hops', async () => {
    const { play, type } = await replayApp(1, 120);
    await play(3000);
    const f = await type('2');
    // Without the recorded machine's socket table the direction is unknown: tor's orconn-status does not say.
    for (const name of ['auth1', 'auth2', 'auth3', 'relay1']) expect(f).toMatch(new RegExp(`<-> 127\\.0\\.0\\.1\\s+${name}\\s.*\\(RELAY\\)`));
    const circuits = parseCircuitBlocks(f);
    expect(circuits.find((c) => c.id === '21')).toEqual({ id: '21', purpose: 'TESTING', status: 'BUILT', hops: ['auth3', 'relay1', 'exit1'] });
    expect(circuits.find((c) => c.id === '6')).toEqual({ id: '6', purpose: 'HS_VANGUARDS', status: 'BUILT', hops: ['auth2', 'auth3', 'relay1'] });
    const ids = circuits.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses what would change tor, in a way the user sees', async () => {
    const { controller } = await replayApp();
    await expect(controller.signal('NEWNYM')).rejects.toThrow(/read-only/);
    await expect(controller.setConf({ ContactInfo: 'x' })).rejects.toThrow(/read-only/);
  });
});
