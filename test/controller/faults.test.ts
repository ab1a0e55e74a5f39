// The controller when tor misbehaves, on a fake clock: a tor that stops answering (SIGSTOP, a hang)
// with the connection still open (the idle probe notices, 'unresponsive' says since when,
// 'responsive' when tor talks again, a reconnect only if it stays silent); a new cookie and a
// changed password on restart. The same faults against a real tor: test/integration/faults.test.ts.
import { describe, expect, it } from 'vitest';
import { NotTorError, UnresponsiveError, type StateChange } from '../../src/controller/index.js';
import { settle } from '../helpers/fake-tor.js';
import { advance, openHarness } from './harness.js';

const START_MS = 1_000_000;
const kinds = (states: StateChange[]) => states.map((s) => s.kind);

/** Moves the clock in steps, letting replies arrive between them (one advance fires every timer at once). */
async function run(clock: Parameters<typeof advance>[0], ms: number, stepMs = 100): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) await advance(clock, Math.min(stepMs, ms - t));
}

describe('a tor that stops answering', () => {
  it('is asked GETINFO version after probeAfterIdleMs of silence, not while it talks', async () => {
    const { tor, clock, controller } = await openHarness({}, { probeAfterIdleMs: 5_000 });
    const before = tor.commands.length;
    for (let i = 0; i < 6; i++) {
      tor.emitRaw('650 BW 1 2\r\n'); // not subscribed by anyone, but bytes from tor all the same
      await advance(clock, 1_000);
    }
    expect(tor.commands.slice(before)).toEqual([]);
    await advance(clock, 5_000);
    expect(tor.commands.slice(before)).toEqual(['GETINFO version']);
    await advance(clock, 4_999);
    expect(tor.commands.slice(before)).toEqual(['GETINFO version']);
    await advance(clock, 1);
    expect(tor.commands.slice(before)).toEqual(['GETINFO version', 'GETINFO version']);
    expect(controller.state).toBe('connected');
  });

  it('sends no probe by default', async () => {
    const { tor, clock } = await openHarness();
    const before = tor.commands.length;
    await advance(clock, 60_000);
    expect(tor.commands.slice(before)).toEqual([]);
  });

  it("says 'unresponsive' (since when, until when) once the probe times out, and 'responsive' when tor answers again", async () => {
    const { tor, clock, controller, states } = await openHarness({}, { probeAfterIdleMs: 5_000, requestTimeoutMs: 2_000, unresponsiveAfterMs: 8_000 });
    const openedAtMs = clock.nowMs();
    tor.hold();
    await advance(clock, 5_000);
    expect(kinds(states)).toEqual(['connected']);
    await advance(clock, 2_000);
    expect(states.at(-1)).toEqual({
      kind: 'unresponsive',
      atMs: openedAtMs + 7_000,
      command: 'GETINFO',
      askedAtMs: openedAtMs + 5_000,
      lastHeardAtMs: expect.any(Number),
      dropAtMs: openedAtMs + 15_000,
    });
    const silent = states.at(-1) as Extract<StateChange, { kind: 'unresponsive' }>;
    expect(silent.lastHeardAtMs).toBeLessThanOrEqual(openedAtMs);
    expect(controller.state).toBe('connected');
    // Later probes and requests while silent do not repeat it.
    await advance(clock, 5_000);
    expect(kinds(states).filter((k) => k === 'unresponsive')).toHaveLength(1);
    tor.release();
    await advance(clock, 0);
    expect(kinds(states)).toEqual(['connected', 'unresponsive', 'responsive']);
    expect(controller.state).toBe('connected');
    await run(clock, 10_000);
    expect(kinds(states)).toEqual(['connected', 'unresponsive', 'responsive']);
    expect(await controller.getInfoOne('version')).toBe('0.4.9.11');
  });

  it('is dropped after the grace, retried while silent (attempts time out as "not answering"), and reattached when it answers', async () => {
    const { tor, clock, controller, states } = await openHarness(
      {},
      { probeAfterIdleMs: 1_000, requestTimeoutMs: 1_000, unresponsiveAfterMs: 2_000, reconnect: { initialDelayMs: 500, maxDelayMs: 500 } },
    );
    tor.hold();
    await advance(clock, 2_000);
    expect(kinds(states)).toEqual(['connected', 'unresponsive']);
    await advance(clock, 2_000);
    const closed = states.at(-1);
    expect(closed).toMatchObject({ kind: 'closed', retryInMs: 500 });
    expect(closed?.kind === 'closed' && closed.reason).toBeInstanceOf(UnresponsiveError);
    await advance(clock, 500); // the new connection is accepted, PROTOCOLINFO is not answered
    await advance(clock, 1_000);
    const failed = states.at(-1);
    expect(failed).toMatchObject({ kind: 'connect-failed', retryInMs: 500 });
    const error = failed?.kind === 'connect-failed' ? failed.error : undefined;
    expect(error).toBeInstanceOf(NotTorError);
    expect((error as NotTorError).silent).toBe(true);
    expect((error as Error).message).toBe(
      'fake-tor:9051 accepted the connection but sent nothing: no reply to PROTOCOLINFO within 1000 ms. A stopped (SIGSTOP) or hung tor does that; ' +
        'so does something that is not a tor control port (check the ControlPort/ControlSocket line of the torrc).',
    );
    expect(controller.state).toBe('waiting');
    await advance(clock, 500);
    tor.release();
    await advance(clock, 0);
    expect(controller.state).toBe('connected');
    expect(kinds(states).at(-1)).toBe('connected');
    expect(await controller.getInfoOne('version')).toBe('0.4.9.11');
  });
});

describe('a password that tor rejects on reconnect', () => {
  it('stops reconnecting by default', async () => {
    const asked: boolean[] = [];
    const { tor, clock, controller, states } = await openHarness(
      { authMethods: ['HASHEDPASSWORD'], password: 'old' },
      { auth: { password: async (r) => (asked.push(r.rejected), 'old') }, reconnect: { initialDelayMs: 100, maxDelayMs: 100 } },
    );
    tor.kill();
    await settle();
    tor.restart({ password: 'new' });
    await run(clock, 1_000);
    expect(states.at(-1)).toMatchObject({ kind: 'connect-failed', retryInMs: undefined, error: { kind: 'wrong-password' } });
    expect(controller.state).toBe('closed');
    expect(asked).toEqual([false, false]);
  });

  it('with retryRejectedPassword, asks again saying the last one was rejected, and attaches with the new one', async () => {
    const asked: Array<{ address: string; rejected: boolean }> = [];
    const answers = ['old', 'old', 'typo', 'new'];
    const { tor, clock, controller, states } = await openHarness(
      { authMethods: ['HASHEDPASSWORD'], password: 'old' },
      { auth: { password: async (r) => (asked.push(r), answers.shift()!) }, reconnect: { initialDelayMs: 100, maxDelayMs: 10_000 }, retryRejectedPassword: true },
    );
    tor.kill();
    await settle();
    tor.restart({ password: 'new' });
    await run(clock, 1_000);
    expect(controller.state).toBe('connected');
    expect(asked.map((a) => a.rejected)).toEqual([false, false, true, true]);
    expect(asked[0]!.address).toBe('fake-tor:9051');
    // Someone is typing: each rejection is followed by a new ask after the first delay, not a growing one.
    expect(states.filter((s) => s.kind === 'connect-failed').map((s) => s.kind === 'connect-failed' && s.retryInMs)).toEqual([100, 100]);
    // Once attached, the flag is cleared for the next time.
    tor.kill();
    await settle();
    tor.restart();
    answers.push('new');
    await run(clock, 1_000);
    expect(controller.state).toBe('connected');
    expect(asked.at(-1)!.rejected).toBe(false);
  });

  it('with retryRejectedPassword, a provider that gives up (throws) stops the retries', async () => {
    const { tor, clock, controller, states } = await openHarness(
      { authMethods: ['HASHEDPASSWORD'], password: 'old' },
      {
        auth: { password: async (r) => (r.rejected ? Promise.reject(new Error('nobody to ask')) : 'old') },
        reconnect: { initialDelayMs: 100, maxDelayMs: 100 },
        retryRejectedPassword: true,
      },
    );
    tor.kill();
    await settle();
    tor.restart({ password: 'new' });
    await run(clock, 1_000);
    expect(states.at(-1)).toMatchObject({ kind: 'connect-failed', retryInMs: undefined, error: { kind: 'password-required' } });
    expect(controller.state).toBe('closed');
  });
});

describe('a tor restarted with a new cookie', () => {
  it('reads the cookie file again and sends a fresh SAFECOOKIE nonce on every attempt', async () => {
    const { tor, clock, controller } = await openHarness({ authMethods: ['COOKIE', 'SAFECOOKIE'] }, { reconnect: { initialDelayMs: 100, maxDelayMs: 100 } });
    expect(controller.authMethod).toBe('SAFECOOKIE');
    tor.kill();
    await settle();
    tor.restart({ cookie: Buffer.alloc(32, 0x5a) });
    await run(clock, 1_000);
    expect(controller.state).toBe('connected');
    expect(controller.authMethod).toBe('SAFECOOKIE');
    const nonces = tor.commands.filter((c) => c.startsWith('AUTHCHALLENGE SAFECOOKIE ')).map((c) => c.split(' ')[2]);
    expect(nonces).toHaveLength(2);
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});
