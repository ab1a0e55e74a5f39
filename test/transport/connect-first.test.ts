import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectFirst, NoControlPortError } from '../../src/transport/connect-first.js';
import { NothingListeningError, SocketPermissionError } from '../../src/transport/errors.js';
import type { ControlTarget } from '../../src/transport/target.js';
import { describeTarget, discoverTargets } from '../../src/transport/target.js';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('discoverTargets', () => {
  it('lists the Nyx defaults in order: control sockets, then 9051, then 9151', () => {
    expect(discoverTargets().map(describeTarget)).toEqual(['/run/tor/control', '/var/run/tor/control', '127.0.0.1:9051', '127.0.0.1:9151']);
  });
});

describe('connectFirst', () => {
  it('skips candidates that fail and keeps the first that accepts', async () => {
    const server = net.createServer((s) => s.on('error', () => {}));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const good: ControlTarget = { kind: 'tcp', host: '127.0.0.1', port: (server.address() as net.AddressInfo).port };
    const refused: ControlTarget = { kind: 'tcp', host: '127.0.0.1', port: await freePort() };
    const missing: ControlTarget = { kind: 'unix', path: '/nonexistent/ortop-test/control' };
    const result = await connectFirst([missing, refused, good]);
    result.transport.close();
    expect(result.target).toEqual(good);
    expect(result.failed.map((f) => f.target)).toEqual([missing, refused]);
    expect(result.failed.every((f) => f.error instanceof NothingListeningError)).toBe(true);
  });

  it('reports every attempt when none works', async () => {
    const refused: ControlTarget = { kind: 'tcp', host: '127.0.0.1', port: await freePort() };
    const missing: ControlTarget = { kind: 'unix', path: '/nonexistent/ortop-test/control' };
    const error = await connectFirst([missing, refused]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoControlPortError);
    expect((error as NoControlPortError).attempts).toHaveLength(2);
    const message = (error as Error).message;
    expect(message).toContain('/nonexistent/ortop-test/control: no control socket');
    expect(message).toContain(`127.0.0.1:${refused.port}: nothing is listening`);
  });

  it('uses the injected opener (so permission problems surface in the report)', async () => {
    const target: ControlTarget = { kind: 'unix', path: '/run/tor/control' };
    const error = await connectFirst([target], async (t) => {
      throw new SocketPermissionError(describeTarget(t), 'EACCES');
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('permission denied opening /run/tor/control');
  });
});
