import { describe, expect, it, vi } from 'vitest';
import { WrongPasswordError } from '../../src/controller/auth-errors.js';
import { ConnectionClosedError } from '../../src/controller/errors.js';
import { NothingListeningError } from '../../src/transport/errors.js';
import { FakeConnection, FakeTor, settle } from '../helpers/fake-tor.js';
import { advance, graphContains, makeHarness, openHarness } from './harness.js';

describe('automatic reconnect', () => {
  it('backs off 0.5 s doubling to 10 s while tor is down, then reconnects, resubscribes and events flow again', async () => {
    const { tor, clock, controller, states } = await openHarness();
    const seen: string[] = [];
    controller.on('BW', (_e, reply) => seen.push(reply.lines[0]!.text));
    await settle();
    tor.emitEvent('BW 1 1');
    await settle();

    tor.kill();
    await settle();
    expect(states.at(-1)).toMatchObject({ kind: 'closed', retryInMs: 500 });
    expect(controller.state).toBe('waiting');
    const delays: number[] = [500];
    for (let i = 0; i < 6; i++) {
      await advance(clock, delays.at(-1)!);
      const last = states.at(-1)!;
      expect(last.kind).toBe('connect-failed');
      if (last.kind === 'connect-failed') {
        expect(last.error).toBeInstanceOf(NothingListeningError);
        delays.push(last.retryInMs!);
      }
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);

    tor.restart();
    const before = tor.commands.length;
    await advance(clock, 9_999);
    expect(controller.state).toBe('waiting');
    await advance(clock, 1);
    expect(controller.state).toBe('connected');
    expect(states.at(-1)).toMatchObject({ kind: 'connected', address: 'fake-tor:9051', authMethod: 'NULL' });
    expect(tor.commands.slice(before)).toEqual(['PROTOCOLINFO 1', 'AUTHENTICATE', 'GETINFO events/names', 'SETEVENTS BW CONF_CHANGED SIGNAL']);
    tor.emitEvent('BW 2 2');
    await settle();
    expect(seen).toEqual(['BW 1 1', 'BW 2 2']);

    tor.kill();
    await settle();
    expect(states.at(-1)).toMatchObject({ kind: 'closed', retryInMs: 500 });
  });

  it('applies listeners added while disconnected', async () => {
    const { tor, clock, controller } = await openHarness();
    tor.kill();
    await settle();
    controller.on('CIRC', () => {});
    await settle();
    tor.restart();
    await advance(clock, 500);
    expect(controller.state).toBe('connected');
    expect(tor.subscribedEvents).toEqual(['CIRC', 'CONF_CHANGED', 'SIGNAL']);
  });

  it('rejects requests at once while waiting to reconnect', async () => {
    const { tor, controller } = await openHarness();
    tor.kill();
    await settle();
    const error = await controller.getInfoOne('version').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionClosedError);
    expect((error as Error).message).toBe('not connected to tor at fake-tor:9051 (reconnecting)');
  });

  it('calls the password provider again on reconnect and keeps no copy of the password', async () => {
    const secret = 'pw-s3cret-value';
    const password = vi.fn(async () => secret);
    const { tor, clock, controller } = await openHarness({ authMethods: ['HASHEDPASSWORD'], password: secret }, { auth: { password } });
    expect(password).toHaveBeenCalledTimes(1);
    const hexSecret = Buffer.from(secret, 'utf8').toString('hex').toUpperCase();
    const notTor = (v: unknown) => v instanceof FakeTor || v instanceof FakeConnection;
    expect(graphContains(controller, secret, notTor) || graphContains(controller, hexSecret, notTor)).toBe(false);
    tor.kill();
    await settle();
    tor.restart();
    await advance(clock, 500);
    expect(controller.state).toBe('connected');
    expect(password).toHaveBeenCalledTimes(2);
    expect(graphContains(controller, secret, notTor) || graphContains(controller, hexSecret, notTor)).toBe(false);
  });

  it('stops retrying on a permanent failure (the password changed while tor was down)', async () => {
    const { tor, clock, controller, states } = await openHarness(
      { authMethods: ['HASHEDPASSWORD'], password: 'old' },
      { auth: { password: async () => 'old' } },
    );
    tor.kill();
    await settle();
    tor.restart({ password: 'new' });
    await advance(clock, 500);
    const last = states.at(-1)!;
    expect(last).toMatchObject({ kind: 'connect-failed', retryInMs: undefined });
    expect(last.kind === 'connect-failed' && last.error).toBeInstanceOf(WrongPasswordError);
    expect(controller.state).toBe('closed');
    expect(clock.pendingTimers).toBe(0);
  });

  it('reconnect() on demand opens a new connection now', async () => {
    const { tor, controller, states } = await openHarness();
    controller.on('BW', () => {});
    await settle();
    await controller.reconnect();
    expect(tor.connectionsOpened).toBe(2);
    expect(tor.openConnections).toBe(1);
    expect(states.map((s) => s.kind)).toEqual(['connected', 'closed', 'connected']);
    expect(states[1]).toMatchObject({ retryInMs: 0 });
    expect(tor.subscribedEvents).toEqual(['BW', 'CONF_CHANGED', 'SIGNAL']);
  });

  it('close() while waiting stops for good', async () => {
    const { tor, clock, controller } = await openHarness();
    tor.kill();
    await settle();
    controller.close();
    expect(clock.pendingTimers).toBe(0);
    tor.restart();
    await advance(clock, 60_000);
    expect(tor.connectionsOpened).toBe(1);
    expect(controller.state).toBe('closed');
    await expect(controller.reconnect()).rejects.toBeInstanceOf(ConnectionClosedError);
  });

  it('close() during open() rejects it with a connection-closed error', async () => {
    const h = makeHarness();
    h.tor.hold();
    const opening = h.controller.open().catch((e: unknown) => e);
    await settle();
    h.controller.close();
    const error = await opening;
    expect(error).toBeInstanceOf(ConnectionClosedError);
    expect(h.controller.state).toBe('closed');
  });

  it('reconnect: false leaves the controller closed when tor goes away', async () => {
    const { tor, controller, states } = await openHarness({}, { reconnect: false });
    tor.kill();
    await settle();
    expect(states.at(-1)).toMatchObject({ kind: 'closed', retryInMs: undefined });
    expect(controller.state).toBe('closed');
  });
});
