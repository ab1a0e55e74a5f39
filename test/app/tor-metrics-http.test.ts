// fetchMetricsText against real loopback servers that misbehave: each gets a reason, never a throw,
// never a redirect followed, never more than the byte cap kept, never longer than the deadline.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchMetricsText } from '../../src/app/session/tor-metrics-http.js';

const servers: Array<HttpServer | TcpServer> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen<T extends HttpServer | TcpServer>(server: T): Promise<number> {
  servers.push(server);
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket: import('node:net').Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const close = server.close.bind(server);
  server.close = ((cb?: (err?: Error) => void) => {
    sockets.forEach((s) => s.destroy());
    return close(cb);
  }) as typeof server.close;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function http(handler: Parameters<typeof createHttpServer>[1]): Promise<number> {
  return listen(createHttpServer(handler));
}

describe('fetchMetricsText', () => {
  it('returns the body of a 200 answer, asking for /metrics', async () => {
    let path = '';
    const port = await http((req, res) => {
      path = req.url ?? '';
      res.end('tor_bug_reached_count 0\n');
    });
    expect(await fetchMetricsText('127.0.0.1', port)).toEqual({ kind: 'ok', text: 'tor_bug_reached_count 0\n' });
    expect(path).toBe('/metrics');
  });

  it('reports the HTTP status of a refusal', async () => {
    const port = await http((_req, res) => res.writeHead(403).end('forbidden'));
    expect(await fetchMetricsText('127.0.0.1', port)).toEqual({ kind: 'error', message: 'HTTP 403' });
  });

  it('never follows a redirect', async () => {
    let elsewhere = 0;
    const target = await http((_req, res) => {
      elsewhere++;
      res.end('x 1\n');
    });
    const port = await http((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${target}/metrics` }).end());
    expect(await fetchMetricsText('127.0.0.1', port)).toEqual({ kind: 'error', message: 'HTTP 302 (redirects are not followed)' });
    expect(elsewhere).toBe(0);
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    const declared = await http((_req, res) => res.writeHead(200, { 'content-length': String(10_000) }).end('x'.repeat(10_000)));
    expect(await fetchMetricsText('127.0.0.1', declared, { maxBytes: 4096 })).toEqual({ kind: 'error', message: 'answer of 10000 bytes is over the 4096 bytes limit' });
    let stillWriting = true;
    const streamed = await http((_req, res) => {
      const pump = () => {
        while (stillWriting && res.write('y'.repeat(1024)));
        if (stillWriting) res.once('drain', pump);
      };
      res.on('close', () => (stillWriting = false));
      pump();
    });
    expect(await fetchMetricsText('127.0.0.1', streamed, { maxBytes: 64 * 1024 })).toEqual({ kind: 'error', message: 'answer is over the 65536 bytes limit' });
  });

  it('gives up on a server that drips slower than the deadline', async () => {
    const timers: NodeJS.Timeout[] = [];
    const port = await http((_req, res) => {
      res.writeHead(200);
      timers.push(setInterval(() => res.write('x'), 50));
      res.on('close', () => timers.forEach(clearInterval));
    });
    expect(await fetchMetricsText('127.0.0.1', port, { timeoutMs: 300 })).toEqual({ kind: 'error', message: 'no full answer within 0.3 s' });
  });

  it('names a closed port, a dropped connection and a server that does not speak HTTP', async () => {
    const closed = await listen(createTcpServer());
    await new Promise((r) => servers.pop()!.close(r));
    expect(await fetchMetricsText('127.0.0.1', closed)).toEqual({ kind: 'error', message: 'connection refused' });
    const dropper = await listen(createTcpServer((socket) => socket.destroy()));
    expect((await fetchMetricsText('127.0.0.1', dropper)).kind).toBe('error');
    const garbage = await listen(createTcpServer((socket) => socket.end('\u0000\u0001 SSH-2.0-OpenSSH\r\n\r\n')));
    expect(await fetchMetricsText('127.0.0.1', garbage)).toMatchObject({ kind: 'error', message: expect.stringMatching(/not HTTP|closed/) });
  });
});
