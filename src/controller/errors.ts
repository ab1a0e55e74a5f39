// Errors of a running control connection (closed, timed out, desynchronised, unresponsive) and
// of SAVECONF. Each has a `kind` discriminant and says what happened in words a user can act on.
import { quoteUntrusted } from '../protocol/untrusted-text.js';

export class ConnectionClosedError extends Error {
  override readonly name = 'ConnectionClosedError';
  readonly kind = 'connection-closed';
  /** Why the connection closed, when known. */
  override readonly cause: Error | undefined;
  constructor(message: string, cause?: Error) {
    super(message);
    this.cause = cause;
  }
}

export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  readonly kind = 'timeout';
  /** The command keyword only (never the arguments: AUTHENTICATE carries secrets). */
  readonly command: string;
  readonly timeoutMs: number;
  constructor(command: string, timeoutMs: number, address: string) {
    super(`tor at ${address} did not answer ${command} within ${timeoutMs} ms`);
    this.command = command;
    this.timeoutMs = timeoutMs;
  }
}

/** The byte stream broke the reply grammar; the connection was closed because replies can no longer be matched to requests. */
export class ProtocolDesyncError extends Error {
  override readonly name = 'ProtocolDesyncError';
  readonly kind = 'protocol-desync';
  constructor(message: string) {
    super(message);
  }
}

/** A timed-out request's reply never came, so the connection was dropped (and is reconnected). */
export class UnresponsiveError extends Error {
  override readonly name = 'UnresponsiveError';
  readonly kind = 'unresponsive';
  constructor(command: string, waitedMs: number, address: string) {
    super(`tor at ${address} has not answered ${command} for ${waitedMs} ms; dropping the connection`);
  }
}

/** SAVECONF refused because the torrc uses %include; SAVECONF FORCE would flatten it into one file. */
export class SaveConfNeedsForceError extends Error {
  override readonly name = 'SaveConfNeedsForceError';
  readonly kind = 'saveconf-needs-force';
  constructor(replyText: string) {
    super(
      `tor refused to save its configuration (${replyText}): the torrc uses %include, and saving would ` +
        'replace it and its included files with one flat torrc. Save with FORCE to do that anyway.',
    );
  }
}

/** SAVECONF failed: tor's own answer (code and text, made printable), nothing more is known from the reply. */
export class SaveConfFailedError extends Error {
  override readonly name = 'SaveConfFailedError';
  readonly kind = 'saveconf-failed';
  readonly replyText: string;
  constructor(
    replyText: string,
    readonly replyCode = 551,
  ) {
    const said = quoteUntrusted(replyText);
    super(`tor could not save its configuration (tor answered "${replyCode} ${said}")`);
    this.replyText = said;
  }
}
