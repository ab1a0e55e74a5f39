import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectFailedError,
  NothingListeningError,
  SocketPermissionError,
  translateConnectError,
  UnreachableError,
} from '../../src/transport/errors.js';
import { openTransport } from '../../src/transport/net-transport.js';
import type { Transport } from '../../src/transport/transport.js';

const servers: net.Server[] = [];
const transports: Transport[] = [];

afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** A server that greets with `greeting` on connect and records what it receives. */
async function listen(where: { host: string } | { path: string }, greeting = ''): Promise<{ server: net.Server; port: number; received: () => Buffer; sockets: net.Socket[] }> {
  const chunks: Buffer[] = [];
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', () => {});
    if (greeting !== '') socket.write(greeting);
  });
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if ('path' in where) server.listen(where.path, resolve);
    else server.listen(0, where.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { server, port, received: () => Buffer.concat(chunks), sockets };
}

/** Polls (no fixed sleeps) until the condition holds or 2 s pass. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 2 s');
    await new Promise((r) => setImmediate(r));
  }
}

function collect(transport: Transport): { data: () => string; closed: () => Error | undefined | 'open' } {
  const chunks: Buffer[] = [];
  let closed: Error | undefined | 'open' = 'open';
  transport.onData((c) => chunks.push(Buffer.from(c)));
  transport.onClose((e) => {
    closed = e;
  });
  return { data: () => Buffer.concat(chunks).toString('latin1'), closed: () => closed };
}

let hasIpv6 = false;
beforeAll(async () => {
  hasIpv6 = await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
});

describe('TCP on 127.0.0.1', () => {
  it('carries bytes both ways, keeps bytes that arrive before onData, and reports the peer closing', async () => {
    const srv = await listen({ host: '127.0.0.1' }, '250 early greeting\r\n');
    const t = await openTransport({ kind: 'tcp', host: '127.0.0.1', port: srv.port });
    transports.push(t);
    expect(t.description).toBe(`127.0.0.1:${srv.port}`);
    await until(() => srv.sockets.length === 1);
    const seen = collect(t);
    t.write('GETINFO version\r\n');
    t.write(Uint8Array.from([0xc3, 0xa9, 0x0d, 0x0a]));
    t.write('café\r\n');
    await until(() => seen.data().includes('early greeting'));
    await until(() => srv.received().length >= 17 + 4 + 7);
    expect(srv.received().toString('utf8')).toBe('GETINFO version\r\né\r\ncafé\r\n');
    srv.sockets[0]!.end();
    await until(() => seen.closed() !== 'open');
    expect(seen.closed()).toBeUndefined();
  });

  it('close() ends the connection and runs onClose once', async () => {
    const srv = await listen({ host: '127.0.0.1' });
    const t = await openTransport({ kind: 'tcp', host: '127.0.0.1', port: srv.port });
    let calls = 0;
    t.onClose(() => calls++);
    t.close();
    t.close();
    await until(() => calls === 1);
    t.write('ignored after close\r\n');
    let late = 0;
    t.onClose(() => late++);
    await until(() => late === 1);
    expect(calls).toBe(1);
  });

  it('exposes both ends of the connection as the server sees them (endpoint)', async () => {
    const srv = await listen({ host: '127.0.0.1' });
    const t = await openTransport({ kind: 'tcp', host: '127.0.0.1', port: srv.port });
    transports.push(t);
    await until(() => srv.sockets.length === 1);
    const accepted = srv.sockets[0]!;
    expect(t.endpoint).toEqual({ kind: 'tcp', localAddress: '127.0.0.1', localPort: accepted.remotePort, remoteAddress: '127.0.0.1', remotePort: srv.port });
  });

  it('nothing listening: NothingListeningError with the address and ECONNREFUSED', async () => {
    const srv = await listen({ host: '127.0.0.1' });
    const port = srv.port;
    await new Promise<void>((resolve) => srv.server.close(() => resolve()));
    servers.splice(servers.indexOf(srv.server), 1);
    const error = await openTransport({ kind: 'tcp', host: '127.0.0.1', port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NothingListeningError);
    expect((error as NothingListeningError).kind).toBe('nothing-listening');
    expect((error as NothingListeningError).code).toBe('ECONNREFUSED');
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
  });
});

describe('TCP on ::1 (IPv6 literal)', () => {
  it('connects with a bare or bracketed literal, or reports that IPv6 loopback is missing', async () => {
    if (!hasIpv6) {
      const error = await openTransport({ kind: 'tcp', host: '::1', port: 9 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      return;
    }
    const srv = await listen({ host: '::1' }, '250 OK\r\n');
    for (const host of ['::1', '[::1]']) {
      const t = await openTransport({ kind: 'tcp', host, port: srv.port });
      transports.push(t);
      expect(t.description).toBe(`[::1]:${srv.port}`);
      expect(t.endpoint).toMatchObject({ kind: 'tcp', localAddress: '::1', remoteAddress: '::1', remotePort: srv.port });
      const seen = collect(t);
      await until(() => seen.data() === '250 OK\r\n');
    }
  });
});

describe('unix sockets', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ortop-transport-'));

  it('carries bytes both ways', async () => {
    const socketPath = path.join(dir, 'control');
    const srv = await listen({ path: socketPath }, '250 hello\r\n');
    const t = await openTransport({ kind: 'unix', path: socketPath });
    transports.push(t);
    expect(t.description).toBe(socketPath);
    expect(t.endpoint).toEqual({ kind: 'unix', path: socketPath });
    const seen = collect(t);
    t.write('PROTOCOLINFO 1\r\n');
    await until(() => seen.data() === '250 hello\r\n' && srv.received().toString() === 'PROTOCOLINFO 1\r\n');
  });

  it('a missing socket file says the file does not exist', async () => {
    const error = await openTransport({ kind: 'unix', path: path.join(dir, 'absent') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NothingListeningError);
    expect((error as NothingListeningError).code).toBe('ENOENT');
    expect((error as Error).message).toContain('does not exist');
  });

  it('a file that is not a listening socket is "nothing listening"', async () => {
    const file = path.join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const error = await openTransport({ kind: 'unix', path: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NothingListeningError);
    expect((error as NothingListeningError).code).toBe('ECONNREFUSED');
  });
});

describe('translateConnectError', () => {
  const unix = { kind: 'unix', path: '/run/tor/control' } as const;
  const errno = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

  it('permission denied on a socket explains the group fix', () => {
    const error = translateConnectError(errno('EACCES'), unix);
    expect(error).toBeInstanceOf(SocketPermissionError);
    expect(error.kind).toBe('permission-denied');
    expect(error.message).toContain('/run/tor/control');
    expect(error.message).toContain('debian-tor');
  });

  it('maps unreachable and unknown errors', () => {
    const tcp = { kind: 'tcp', host: '10.0.0.1', port: 9051 } as const;
    expect(translateConnectError(errno('EHOSTUNREACH'), tcp)).toBeInstanceOf(UnreachableError);
    const other = translateConnectError(errno('EWHATEVER'), tcp);
    expect(other).toBeInstanceOf(ConnectFailedError);
    expect(other.message).toContain('10.0.0.1:9051');
  });
});
