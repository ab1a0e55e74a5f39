// A minimal SOCKS5 client (RFC 1928, no authentication, CONNECT only) over node:net, enough to send
// HTTP through the test network's client. Only ever connects to a SocksPort on 127.0.0.1.

import { connect, type Socket } from 'node:net';

export interface SocksTarget {
  readonly socksPort: number;
  /** Host name or IPv4 address the exit connects to (sent as a domain name, ATYP 3). */
  readonly host: string;
  readonly port: number;
  /** Give up after this long. Default 30 000 ms. */
  readonly timeoutMs?: number;
}

/** RFC 1928 §6 reply codes. */
const REPLY_TEXT: Readonly<Record<number, string>> = {
  1: 'general SOCKS server failure',
  2: 'connection not allowed by ruleset',
  3: 'network unreachable',
  4: 'host unreachable',
  5: 'connection refused',
  6: 'TTL expired',
  7: 'command not supported',
  8: 'address type not supported',
};

/** Opens a stream to host:port through the SOCKS5 proxy; resolves with the connected socket. */
export function socksConnect(target: SocksTarget): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(target.socksPort, '127.0.0.1');
    let buffered = Buffer.alloc(0);
    let stage: 'method' | 'connect' = 'method';
    const fail = (message: string): void => {
      socket.destroy();
      reject(new Error(`SOCKS5 127.0.0.1:${target.socksPort} → ${target.host}:${target.port}: ${message}`));
    };
    socket.setTimeout(target.timeoutMs ?? 30_000, () => fail('timed out'));
    socket.once('error', (e) => fail(e.message));
    const onClose = (): void => fail('the proxy closed the connection during the handshake');
    socket.once('close', onClose);
    socket.once('connect', () => socket.write(Buffer.from([5, 1, 0])));
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      if (stage === 'method') {
        if (buffered.length < 2) return;
        if (buffered[0] !== 5 || buffered[1] !== 0) return fail(`method selection refused (${buffered.subarray(0, 2).toString('hex')})`);
        buffered = buffered.subarray(2);
        stage = 'connect';
        const host = Buffer.from(target.host, 'utf8');
        socket.write(Buffer.concat([Buffer.from([5, 1, 0, 3, host.length]), host, Buffer.from([target.port >> 8, target.port & 0xff])]));
      }
      if (stage === 'connect') {
        if (buffered.length < 5) return;
        if (buffered[0] !== 5) return fail(`not a SOCKS5 reply (${buffered.subarray(0, 5).toString('hex')})`);
        if (buffered[1] !== 0) return fail(REPLY_TEXT[buffered[1]!] ?? `reply code ${buffered[1]}`);
        const atyp = buffered[3];
        const length = 4 + (atyp === 1 ? 4 : atyp === 4 ? 16 : 1 + buffered[4]!) + 2;
        if (buffered.length < length) return;
        socket.off('data', onData);
        socket.setTimeout(0);
        socket.removeAllListeners('error');
        socket.off('close', onClose);
        const rest = buffered.subarray(length);
        if (rest.length > 0) socket.unshift(rest);
        resolve(socket);
      }
    };
    socket.on('data', onData);
  });
}
