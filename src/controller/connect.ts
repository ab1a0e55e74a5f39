// connect(): a ready Controller from a control-port address (or Nyx-style discovery), with the
// real transport, the process clock and the file-system cookie reader. The one place that wires
// real I/O into the controller; everything it builds can also be built by hand with fakes.

import { connectFirst } from '../transport/connect-first.js';
import { openTransport } from '../transport/net-transport.js';
import type { ControlTarget } from '../transport/target.js';
import { discoverTargets } from '../transport/target.js';
import type { TransportFactory } from '../transport/transport.js';
import type { PasswordProvider } from './auth.js';
import type { Clock } from './clock.js';
import type { CookieReader } from './cookie.js';
import { readCookieFile } from './cookie.js';
import { Controller } from './controller.js';
import type { ReconnectPolicy } from './types.js';

export interface ConnectOptions {
  /** One address, several to try in order, or (default) discoverTargets(). */
  readonly target?: ControlTarget | readonly ControlTarget[];
  /** Asked only when tor needs a password (and again on reconnects). */
  readonly password?: PasswordProvider;
  readonly readCookie?: CookieReader;
  readonly chrootPath?: string;
  readonly requestTimeoutMs?: number;
  readonly unresponsiveAfterMs?: number;
  readonly connectTimeoutMs?: number;
  readonly reconnect?: ReconnectPolicy | false;
  readonly cache?: boolean;
  readonly clock?: Clock;
}

/** Opens, authenticates and subscribes; rejects with a transport or auth error saying what to fix. */
export async function connect(options: ConnectOptions = {}): Promise<Controller> {
  const controller = new Controller({
    openTransport: transportFactoryFor(options.target ?? discoverTargets(), options.connectTimeoutMs),
    auth: {
      readCookie: options.readCookie ?? readCookieFile,
      ...(options.password === undefined ? {} : { password: options.password }),
      ...(options.chrootPath === undefined ? {} : { chrootPath: options.chrootPath }),
    },
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.unresponsiveAfterMs === undefined ? {} : { unresponsiveAfterMs: options.unresponsiveAfterMs }),
    ...(options.reconnect === undefined ? {} : { reconnect: options.reconnect }),
    ...(options.cache === undefined ? {} : { cache: options.cache }),
  });
  await controller.open();
  return controller;
}

export function transportFactoryFor(target: ControlTarget | readonly ControlTarget[], connectTimeoutMs?: number): TransportFactory {
  const open = (t: ControlTarget) => openTransport(t, connectTimeoutMs === undefined ? {} : { connectTimeoutMs });
  if (!isTargetList(target)) return () => open(target);
  if (target.length === 1) return () => open(target[0]!);
  return async () => (await connectFirst(target, open)).transport;
}

function isTargetList(target: ControlTarget | readonly ControlTarget[]): target is readonly ControlTarget[] {
  return Array.isArray(target);
}
