// Tries control-port candidates in order and keeps the first that accepts a connection,
// reporting every attempt when none does. Transport level only: it does not authenticate.

import { TransportError } from './errors.js';
import { openTransport } from './net-transport.js';
import type { ControlTarget } from './target.js';
import { describeTarget } from './target.js';
import type { Transport } from './transport.js';

export interface ConnectAttempt {
  readonly target: ControlTarget;
  readonly error: Error;
}

export class NoControlPortError extends Error {
  override readonly name = 'NoControlPortError';
  readonly kind = 'no-control-port';
  readonly attempts: readonly ConnectAttempt[];
  constructor(attempts: readonly ConnectAttempt[]) {
    const lines = attempts.map((a) => `  ${describeTarget(a.target)}: ${a.error.message}`);
    const denied = attempts.find((a) => a.error instanceof TransportError && a.error.kind === 'permission-denied');
    super(
      `could not open a tor control connection; tried:\n${lines.join('\n')}` +
        (denied === undefined ? '\nIs tor running? If its ControlPort or ControlSocket is elsewhere, name it explicitly.' : ''),
    );
    this.attempts = attempts;
  }
}

export interface ConnectFirstResult {
  readonly transport: Transport;
  readonly target: ControlTarget;
  /** Candidates that failed before the one that worked. */
  readonly failed: readonly ConnectAttempt[];
}

export async function connectFirst(
  targets: readonly ControlTarget[],
  open: (target: ControlTarget) => Promise<Transport> = (t) => openTransport(t),
): Promise<ConnectFirstResult> {
  const failed: ConnectAttempt[] = [];
  for (const target of targets) {
    try {
      return { transport: await open(target), target, failed };
    } catch (error) {
      failed.push({ target, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  throw new NoControlPortError(failed);
}
