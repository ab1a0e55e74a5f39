import { describe, expect, it } from 'vitest';
import { RequestTimeoutError, UnresponsiveError } from '../../src/controller/errors.js';
import { settle } from '../helpers/fake-tor.js';
import { advance, makeHarness, openHarness } from './harness.js';

describe('request timeouts (fake clock)', () => {
  it('fail a request after 10 s by default, naming only the command keyword', async () => {
    const { tor, clock, controller } = await openHarness();
    tor.hold();
    const pending = controller.getInfoOne('version').catch((e: unknown) => e);
    await advance(clock, 9_999);
    expect(await Promise.race([pending, Promise.resolve('still pending')])).toBe('still pending');
    await advance(clock, 1);
    const error = await pending;
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).kind).toBe('timeout');
    expect((error as RequestTimeoutError).command).toBe('GETINFO');
    expect((error as Error).message).toBe('tor at fake-tor:9051 did not answer GETINFO within 10000 ms');
    expect(controller.state).toBe('connected');
  });

  it('do not desynchronise the FIFO: a late reply still belongs to the timed-out request', async () => {
    const { tor, clock, controller } = await openHarness({ info: { 'traffic/read': '42' } });
    tor.hold();
    const first = controller.getInfoOne('version').catch((e: unknown) => e);
    await advance(clock, 10_000);
    expect(await first).toBeInstanceOf(RequestTimeoutError);
    const second = controller.getInfoOne('traffic/read');
    tor.release();
    expect(await second).toBe('42');
    expect(controller.state).toBe('connected');
  });

  it('drop and reopen the connection when a timed-out reply never comes', async () => {
    const { tor, clock, controller, states } = await openHarness({}, { unresponsiveAfterMs: 20_000 });
    tor.hold();
    const pending = controller.getInfoOne('version').catch((e: unknown) => e);
    await advance(clock, 10_000);
    expect(await pending).toBeInstanceOf(RequestTimeoutError);
    await advance(clock, 19_999);
    expect(controller.state).toBe('connected');
    await advance(clock, 1);
    const closed = states.find((s) => s.kind === 'closed');
    expect(closed).toMatchObject({ kind: 'closed', retryInMs: 500 });
    expect(closed?.kind === 'closed' && closed.reason).toBeInstanceOf(UnresponsiveError);
    expect(controller.state).toBe('waiting');
    tor.release();
    await advance(clock, 500);
    expect(controller.state).toBe('connected');
    expect(await controller.getInfoOne('version')).toBe('0.4.9.11');
  });

  it('a timeout during AUTHENTICATE does not put the secret in the message', async () => {
    const h = makeHarness({ authMethods: ['HASHEDPASSWORD'], password: 'pw' }, { auth: { password: async () => 'pw' } });
    h.tor.handle('AUTHENTICATE', () => '');
    const opening = h.controller.open().catch((e: unknown) => e);
    await settle();
    h.clock.advance(10_000);
    const error = await opening;
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as Error).message).toBe('tor at fake-tor:9051 did not answer AUTHENTICATE within 10000 ms');
  });

  it('requestTimeoutMs 0 means wait for ever', async () => {
    const { tor, clock, controller } = await openHarness({}, { requestTimeoutMs: 0 });
    tor.hold();
    const pending = controller.getInfoOne('version');
    await advance(clock, 3_600_000);
    tor.release();
    expect(await pending).toBe('0.4.9.11');
  });
});
