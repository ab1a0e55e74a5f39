// Errors from opening a control connection, one class per thing the user must do differently.
// Each carries a `kind` discriminant and the address it was about. No I/O here.

import type { ControlTarget } from './target.js';
import { describeTarget } from './target.js';

export type TransportErrorKind = 'nothing-listening' | 'permission-denied' | 'unreachable' | 'connect-failed';

export abstract class TransportError extends Error {
  abstract readonly kind: TransportErrorKind;
  /** The address as the user would write it. */
  readonly address: string;
  /** The errno code (ECONNREFUSED, ENOENT, EACCES, …) when there was one. */
  readonly code: string | undefined;
  constructor(address: string, code: string | undefined, message: string) {
    super(message);
    this.address = address;
    this.code = code;
  }
}

export class NothingListeningError extends TransportError {
  override readonly name = 'NothingListeningError';
  readonly kind = 'nothing-listening';
  constructor(address: string, code: string | undefined, isSocketFile: boolean) {
    super(
      address,
      code,
      isSocketFile && code === 'ENOENT'
        ? `no control socket at ${address} (the file does not exist). Is tor running, and is ControlSocket set in its torrc?`
        : `nothing is listening on ${address}${code === undefined ? '' : ` (${code})`}. Is tor running, and does its torrc have ControlPort/ControlSocket at this address?`,
    );
  }
}

export class SocketPermissionError extends TransportError {
  override readonly name = 'SocketPermissionError';
  readonly kind = 'permission-denied';
  constructor(address: string, code: string | undefined) {
    super(
      address,
      code,
      `permission denied opening ${address}${code === undefined ? '' : ` (${code})`}. ` +
        'Add your user to the group that owns the socket (debian-tor on Debian: sudo adduser $USER debian-tor, then log in again), ' +
        'set "ControlSocketsGroupWritable 1" in the torrc, or use the TCP ControlPort instead.',
    );
  }
}

export class UnreachableError extends TransportError {
  override readonly name = 'UnreachableError';
  readonly kind = 'unreachable';
  constructor(address: string, code: string | undefined, detail: string) {
    super(address, code, `cannot reach ${address}: ${detail}`);
  }
}

export class ConnectFailedError extends TransportError {
  override readonly name = 'ConnectFailedError';
  readonly kind = 'connect-failed';
  constructor(address: string, code: string | undefined, detail: string) {
    super(address, code, `cannot connect to ${address}: ${detail}`);
  }
}

/** Maps a socket error from connecting to `target` onto the error the user can act on. */
export function translateConnectError(error: unknown, target: ControlTarget): TransportError {
  const address = describeTarget(target);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOENT':
      return new NothingListeningError(address, code, target.kind === 'unix');
    case 'EACCES':
    case 'EPERM':
      return new SocketPermissionError(address, code);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new UnreachableError(address, code, detail);
    default:
      return new ConnectFailedError(address, code, detail);
  }
}
