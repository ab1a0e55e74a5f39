// The test network's destination: an HTTP server on 127.0.0.1 (node:http) that serves generated
// bytes, GET /bytes/<n>, so downloads through tor carry real traffic. Loopback only; never reads files.

import { createServer, type Server } from 'node:http';

export interface ByteServer {
  readonly port: number;
  /** Requests answered with 200 so far. */
  readonly requests: number;
  /** Body bytes sent so far. */
  readonly bytesSent: number;
  close(): Promise<void>;
}

const CHUNK_BYTES = 64 * 1024;
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

/** The byte at `offset` of every body: a fixed pattern so a receiver can check what it got. */
export function patternByte(offset: number): number {
  return (offset * 31 + (offset >>> 8)) & 0xff;
}

function patternChunk(offset: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = patternByte(offset + i);
  return out;
}

export function startByteServer(): Promise<ByteServer> {
  let requests = 0;
  let bytesSent = 0;
  const server: Server = createServer((req, res) => {
    const m = /^\/bytes\/(\d+)$/.exec(req.url ?? '');
    const size = m === null ? -1 : Number(m[1]);
    if (req.method !== 'GET' || size < 0 || size > MAX_BODY_BYTES) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('GET /bytes/<n>\n');
      return;
    }
    requests++;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) });
    let offset = 0;
    const pump = (): void => {
      while (offset < size) {
        const chunk = patternChunk(offset, Math.min(CHUNK_BYTES, size - offset));
        offset += chunk.length;
        bytesSent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('HTTP server has no TCP address'));
      resolve({
        port: address.port,
        get requests() {
          return requests;
        },
        get bytesSent() {
          return bytesSent;
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
