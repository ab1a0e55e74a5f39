// connect(): a ready Controller from a control-port address (or Nyx-style discovery), with the
// real transport, the process clock and the file-system cookie reader. The one place that wires
// real I/O into the controller; everything it builds can also be built by hand with fakes.

import { connectFirst } from '../transport/connect-first.js';
import { openTransport } from '../transport/net-transport.js';
import type { ControlTarget } from '../transport/target.js';
import { describeTarget, discoverTargets } from '../transport/target.js';
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
  /** See ControllerOptions.probeAfterIdleMs (default 0 = never). */
  readonly probeAfterIdleMs?: number;
  /** See ControllerOptions.retryRejectedPassword (default false). */
  readonly retryRejectedPassword?: boolean;
  /** Wraps every transport opened (ortop --record writes each control session through it). */
  readonly wrapTransport?: (open: TransportFactory) => TransportFactory;
}

/** Opens, authenticates and subscribes; rejects with a transport or auth error saying what to fix. */
export async function connect(options: ConnectOptions = {}): Promise<Controller> {
  const controller = createController(options);
  await controller.open();
  return controller;
}

/** The Controller connect() would open, not yet opened (open() it, or reconnect() to keep trying). */
export function createController(options: ConnectOptions = {}): Controller {
  const target = options.target ?? discoverTargets();
  return new Controller({
    openTransport: (options.wrapTransport ?? ((open) => open))(transportFactoryFor(target, options.connectTimeoutMs)),
    targets: isTargetList(target) ? target.map(describeTarget) : [describeTarget(target)],
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
    ...(options.probeAfterIdleMs === undefined ? {} : { probeAfterIdleMs: options.probeAfterIdleMs }),
    ...(options.retryRejectedPassword === undefined ? {} : { retryRejectedPassword: options.retryRejectedPassword }),
  });
}

/**
 * Opens one target, or the first of several that accepts a connection. With several, every open
 * walks the whole list again (tor may have moved from a port to a socket), the one that worked
 * last tried first, so a tor that comes back where it was is not traded for another one.
 */
export function transportFactoryFor(target: ControlTarget | readonly ControlTarget[], connectTimeoutMs?: number): TransportFactory {
  const open = (t: ControlTarget) => openTransport(t, connectTimeoutMs === undefined ? {} : { connectTimeoutMs });
  if (!isTargetList(target)) return () => open(target);
  if (target.length === 1) return () => open(target[0]!);
  let last: ControlTarget | undefined;
  return async () => {
    const order = last === undefined ? target : [last, ...target.filter((t) => t !== last)];
    const found = await connectFirst(order, open);
    last = found.target;
    return found.transport;
  };
}

function isTargetList(target: ControlTarget | readonly ControlTarget[]): target is readonly ControlTarget[] {
  return Array.isArray(target);
}
