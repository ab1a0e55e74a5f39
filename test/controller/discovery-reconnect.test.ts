// transportFactoryFor with several targets (discovery): every open walks the list again, the one
// that worked last first — so tor found elsewhere after a restart is found, and a tor that comes
// back where it was is preferred over another one. Loopback listeners only, no tor needed.
import { createServer, type Server } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { transportFactoryFor } from '../../src/controller/index.js';
import { NoControlPortError, type ControlTarget } from '../../src/transport/index.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function listen(port = 0): Promise<Server & { port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.on('error', () => {}));
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      servers.push(server);
      resolve(Object.assign(server, { port: (server.address() as { port: number }).port }));
    });
  });
}

function close(server: Server): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  return new Promise((r) => server.close(() => r()));
}

async function freePort(): Promise<number> {
  const s = await listen();
  await close(s);
  return s.port;
}

const at = (port: number): ControlTarget => ({ kind: 'tcp', host: '127.0.0.1', port });

it('walks the targets again on every open, preferring the one that worked last', async () => {
  const portA = await freePort();
  const b = await listen();
  const open = transportFactoryFor([at(portA), at(b.port)], 1_000);
  const opened = async () => {
    const t = await open();
    t.close();
    return t.description;
  };
  expect(await opened()).toBe(`127.0.0.1:${b.port}`);
  const a = await listen(portA);
  expect(await opened()).toBe(`127.0.0.1:${b.port}`); // A listens now too, but B worked last
  await close(b);
  expect(await opened()).toBe(`127.0.0.1:${portA}`); // B gone: found at A
  await listen(b.port);
  expect(await opened()).toBe(`127.0.0.1:${portA}`);
  await close(a);
  await close(servers[0]!);
  await expect(open()).rejects.toBeInstanceOf(NoControlPortError);
});
