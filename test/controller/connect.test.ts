import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CookieSizeError } from '../../src/controller/auth-errors.js';
import { connect } from '../../src/controller/connect.js';
import type { Controller } from '../../src/controller/controller.js';
import { NothingListeningError } from '../../src/transport/errors.js';
import { FakeTor } from '../helpers/fake-tor.js';

// connect() with the real transport and the real cookie reader, against a FakeTor bridged onto a
// loopback TCP server (ephemeral port on 127.0.0.1).

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serveFakeTor(tor: FakeTor): Promise<number> {
  const server = net.createServer(async (socket) => {
    socket.on('error', () => {});
    const side = await tor.openTransport();
    side.onData((chunk) => socket.write(chunk));
    side.onClose(() => socket.end());
    socket.on('data', (chunk) => side.write(chunk));
    socket.on('close', () => side.close());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as net.AddressInfo).port;
}

describe('connect()', () => {
  it('connects over TCP, authenticates with SAFECOOKIE from a real cookie file, and answers requests', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ortop-connect-'));
    const cookieFile = path.join(dir, 'control_auth_cookie');
    const tor = new FakeTor({ authMethods: ['COOKIE', 'SAFECOOKIE'], cookieFile });
    writeFileSync(cookieFile, tor.cookie);
    const port = await serveFakeTor(tor);
    const controller: Controller = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port } });
    cleanups.push(() => controller.close());
    expect(controller.authMethod).toBe('SAFECOOKIE');
    expect(controller.address).toBe(`127.0.0.1:${port}`);
    expect(await controller.getInfoOne('version')).toBe('0.4.9.11');
  });

  it('tries candidates in order and uses the first that answers', async () => {
    const tor = new FakeTor();
    const port = await serveFakeTor(tor);
    const controller = await connect({
      target: [
        { kind: 'unix', path: '/nonexistent/ortop/control' },
        { kind: 'tcp', host: '127.0.0.1', port },
      ],
    });
    cleanups.push(() => controller.close());
    expect(controller.state).toBe('connected');
  });

  it('refuses a cookie file of the wrong size', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ortop-connect-'));
    const cookieFile = path.join(dir, 'control_auth_cookie');
    writeFileSync(cookieFile, Buffer.alloc(64));
    const tor = new FakeTor({ authMethods: ['SAFECOOKIE'], cookieFile });
    const port = await serveFakeTor(tor);
    const error = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CookieSizeError);
    expect((error as Error).message).toContain(`${cookieFile}: it is 64 bytes, not 32`);
  });

  it('reports nothing listening with the address', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const error = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NothingListeningError);
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
  });
});
