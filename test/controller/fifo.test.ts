import { describe, expect, it } from 'vitest';
import { ConnectionClosedError, ProtocolDesyncError } from '../../src/controller/errors.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { settle } from '../helpers/fake-tor.js';
import { openHarness } from './harness.js';

const CHUNKINGS: Array<[string, undefined | number | (() => number)]> = [
  ['whole writes', undefined],
  ['one byte at a time', 1],
  ['seeded random splits', (() => {
    const rand = seededRandom(42);
    return () => 1 + Math.floor(rand() * 17);
  })()],
];

describe.each(CHUNKINGS)('request FIFO (%s)', (_name, chunking) => {
  it('pipelines requests and resolves each with its own reply, in order', async () => {
    const { tor, controller } = await openHarness({ conf: { Nickname: 'ortoptest', ORPort: ['9001', '[::1]:9001'] } });
    tor.chunkSizes = chunking;
    const start = tor.commands.length;
    const version = controller.getInfoOne('version');
    const conf = controller.getConf(['nickname', 'orport']);
    const raw = controller.request('GETINFO config-file');
    const bad = controller.request('FROBNICATE');
    expect(tor.commands.slice(start)).toEqual(['GETINFO version', 'GETCONF nickname orport', 'GETINFO config-file', 'FROBNICATE']);
    expect(await version).toBe('0.4.9.11');
    expect(await conf).toEqual(new Map([['Nickname', ['ortoptest']], ['ORPort', ['9001', '[::1]:9001']]]));
    expect((await raw).lines.map((l) => l.text)).toEqual(['config-file=/etc/tor/torrc', 'OK']);
    const refused = await bad;
    expect(refused.code).toBe(510);
    expect(refused.lines[0]!.text).toBe('Unrecognized command "FROBNICATE"');
  });

  it('routes events that arrive before, between and after replies to listeners, in wire order', async () => {
    const { tor, controller } = await openHarness();
    tor.chunkSizes = chunking;
    const seen: string[] = [];
    controller.on('BW', (_e, reply) => seen.push(reply.lines[0]!.text));
    controller.on('CONF_CHANGED', (_e, reply) => seen.push(reply.lines.map((l) => l.text).join('|')));
    await controller.syncEvents();
    tor.handle('GETINFO', (args) => {
      if (args !== 'version') return undefined;
      return (
        '650 BW 1 2\r\n' +
        '650-CONF_CHANGED\r\n650-Nickname=x\r\n650 OK\r\n' +
        '250-version=0.4.9.11\r\n250 OK\r\n' +
        '650 BW 3 4\r\n'
      );
    });
    const first = controller.getInfoOne('version');
    const second = controller.request('GETINFO config-file');
    expect(await first).toBe('0.4.9.11');
    expect((await second).lines[0]!.text).toBe('config-file=/etc/tor/torrc');
    await settle();
    expect(seen).toEqual(['BW 1 2', 'CONF_CHANGED|Nickname=x|OK', 'BW 3 4']);
  });
});

describe('desynchronisation and closing', () => {
  it('bytes that break the grammar close the connection and fail every pending request', async () => {
    const { tor, controller, states } = await openHarness();
    tor.handle('GETINFO', () => 'this is not a reply\r\n');
    const a = controller.getInfoOne('version').catch((e: unknown) => e);
    const b = controller.request('GETCONF Nickname').catch((e: unknown) => e);
    const errorA = await a;
    expect(errorA).toBeInstanceOf(ConnectionClosedError);
    expect((errorA as ConnectionClosedError).cause).toBeInstanceOf(ProtocolDesyncError);
    expect((errorA as Error).message).toContain('not a control reply');
    expect(await b).toBeInstanceOf(ConnectionClosedError);
    const closed = states.find((s) => s.kind === 'closed');
    expect(closed?.kind === 'closed' && closed.reason).toBeInstanceOf(ProtocolDesyncError);
  });

  it('a reply nobody asked for is a desync', async () => {
    const { tor, states } = await openHarness();
    tor.emitRaw('250 OK\r\n');
    await settle();
    const closed = states.find((s) => s.kind === 'closed');
    expect(closed?.kind === 'closed' && closed.reason.message).toContain('reply nobody asked for (250 OK)');
  });

  it('close() fails pending requests with an error that says the connection closed, and later ones too', async () => {
    const { tor, controller, states } = await openHarness();
    tor.hold();
    const pending = [controller.getInfoOne('version'), controller.getConf('Nickname'), controller.signal('NEWNYM')].map((p) =>
      p.catch((e: unknown) => e),
    );
    controller.close();
    for (const error of await Promise.all(pending)) {
      expect(error).toBeInstanceOf(ConnectionClosedError);
      expect((error as Error).message).toMatch(/closed by ortop \(before (GETINFO|GETCONF|SIGNAL) was answered\)/);
    }
    expect(controller.state).toBe('closed');
    expect(states.at(-1)).toMatchObject({ kind: 'closed', retryInMs: undefined });
    const later = await controller.getInfoOne('version').catch((e: unknown) => e);
    expect(later).toBeInstanceOf(ConnectionClosedError);
    expect((later as Error).message).toContain('the controller was closed');
    await settle();
    expect(tor.openConnections).toBe(0);
  });

  it('tor going away fails pending requests with "tor closed the control connection"', async () => {
    const { tor, controller } = await openHarness();
    tor.hold();
    const pending = controller.getInfoOne('version').catch((e: unknown) => e);
    tor.kill();
    const error = await pending;
    expect(error).toBeInstanceOf(ConnectionClosedError);
    expect((error as Error).message).toContain('tor closed the control connection at fake-tor:9051 (before GETINFO was answered)');
  });

  it('refuses AUTHENTICATE on an open connection (tor would drop it on a mismatch)', async () => {
    const { controller } = await openHarness();
    await expect(controller.request('AUTHENTICATE')).rejects.toThrow(/refused on an open connection/);
  });
});
