// Transport over node:net: TCP (IPv4, IPv6 literals) or a unix socket. Bytes only; the only
// timer is the connect timeout. Socket errors while connecting become TransportErrors.

import net from 'node:net';
import { translateConnectError, UnreachableError } from './errors.js';
import type { ControlTarget } from './target.js';
import { bareHost, describeTarget } from './target.js';
import type { Transport, TransportEndpoint } from './transport.js';

export interface OpenTransportOptions {
  /** Give up connecting after this long. Default 5000 ms. */
  readonly connectTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

export function openTransport(target: ControlTarget, options: OpenTransportOptions = {}): Promise<Transport> {
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const socket =
      target.kind === 'tcp' ? net.connect({ host: bareHost(target.host), port: target.port }) : net.connect({ path: target.path });
    const fail = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    const onError = (error: Error): void => fail(translateConnectError(error, target));
    const timer = setTimeout(() => {
      socket.off('error', onError);
      socket.on('error', () => {});
      fail(new UnreachableError(describeTarget(target), 'ETIMEDOUT', `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', onError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      if (target.kind === 'tcp') socket.setNoDelay(true);
      resolve(new NetTransport(socket, describeTarget(target), endpointOf(socket, target)));
    });
  });
}

/** The connected socket's own and peer address:port (TCP), or the path it was connected to (unix). */
function endpointOf(socket: net.Socket, target: ControlTarget): TransportEndpoint | undefined {
  if (target.kind === 'unix') return { kind: 'unix', path: target.path };
  const { localAddress, localPort, remoteAddress, remotePort } = socket;
  if (localAddress === undefined || localPort === undefined || remoteAddress === undefined || remotePort === undefined) return undefined;
  return { kind: 'tcp', localAddress, localPort, remoteAddress, remotePort };
}

class NetTransport implements Transport {
  readonly description: string;
  readonly endpoint: TransportEndpoint | undefined;
  private readonly socket: net.Socket;
  private closed = false;
  private closeError: Error | undefined;
  private readonly closeListeners: Array<(error?: Error) => void> = [];
  private readonly dataListeners: Array<(chunk: Uint8Array) => void> = [];

  constructor(socket: net.Socket, description: string, endpoint: TransportEndpoint | undefined) {
    this.socket = socket;
    this.description = description;
    this.endpoint = endpoint;
    socket.on('error', (error) => {
      this.closeError ??= error;
    });
    socket.on('close', () => {
      this.closed = true;
      for (const listener of this.closeListeners.splice(0)) listener(this.closeError);
    });
  }

  write(bytes: string | Uint8Array): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  }

  close(): void {
    this.socket.destroy();
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.dataListeners.push(listener);
    // The socket stays paused (keeping early bytes) until the first data listener exists.
    if (this.dataListeners.length === 1) {
      this.socket.on('data', (chunk: Buffer) => {
        for (const l of this.dataListeners) l(chunk);
      });
    }
  }

  onClose(listener: (error?: Error) => void): void {
    if (this.closed) {
      const error = this.closeError;
      queueMicrotask(() => listener(error));
      return;
    }
    this.closeListeners.push(listener);
  }
}
