// One control connection over one transport: frames bytes into replies, routes 650 replies to
// the event sink and every other reply to the oldest pending request (FIFO, pipelining allowed).
// Knows nothing about auth, caching or reconnecting. Timers come from the injected clock.

import { Framer } from '../protocol/framer.js';
import type { Reply } from '../protocol/reply.js';
import { isEvent } from '../protocol/reply.js';
import { replyText } from '../protocol/replies.js';
import type { Transport } from '../transport/transport.js';
import type { Clock, Timer } from './clock.js';
import { ConnectionClosedError, ProtocolDesyncError, RequestTimeoutError, UnresponsiveError } from './errors.js';

export interface SessionOptions {
  readonly clock: Clock;
  /** A request not answered within this fails (its FIFO slot stays). 0 = never. */
  readonly requestTimeoutMs: number;
  /** After a request timed out, drop the connection if its reply still has not come after this much more. */
  readonly unresponsiveAfterMs: number;
  readonly onEvent: (reply: Reply) => void;
  /** Called once, after every pending request has been failed. */
  readonly onClose: (reason: Error) => void;
  /** A request timed out and tor has sent nothing since it was written: tor went silent (called once per silence). */
  readonly onSilent?: (silence: Silence) => void;
  /** Bytes arrived again after onSilent. */
  readonly onHeard?: () => void;
}

export interface Silence {
  /** The command keyword whose reply is overdue. */
  readonly command: string;
  /** When that command was written. */
  readonly askedAtMs: number;
  /** When the last bytes from tor arrived (the session's start if none did). */
  readonly lastHeardAtMs: number;
  /** When the connection is dropped if the reply still has not come. */
  readonly dropAtMs: number;
}

export interface RequestOptions {
  readonly timeoutMs?: number;
  /** Runs synchronously with the reply, before the promise settles (so caches see replies in wire order). */
  readonly onReply?: (reply: Reply) => void;
}

interface Slot {
  readonly command: string;
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: Error) => void;
  readonly onReply: ((reply: Reply) => void) | undefined;
  readonly sentAtMs: number;
  settled: boolean;
  timer: Timer | undefined;
}

const PREVIEW_BYTES = 120;

export class Session {
  readonly description: string;
  private readonly transport: Transport;
  private readonly options: SessionOptions;
  private readonly framer = new Framer();
  private readonly pending: Slot[] = [];
  private closeReason: Error | undefined;
  private received = Buffer.alloc(0);
  private heardAtMs: number;
  private silent = false;

  constructor(transport: Transport, options: SessionOptions) {
    this.transport = transport;
    this.options = options;
    this.heardAtMs = options.clock.nowMs();
    this.description = transport.description;
    transport.onData((chunk) => this.receive(chunk));
    transport.onClose((error) => {
      const detail = error === undefined ? '' : `: ${error.message}`;
      this.close(new ConnectionClosedError(`tor closed the control connection at ${this.description}${detail}`, error));
    });
  }

  get closed(): boolean {
    return this.closeReason !== undefined;
  }

  /** Requests written but not yet answered (including timed-out ones still owed a reply). */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** The first bytes the peer sent, as a printable preview (for "this is not tor" diagnostics). */
  get firstBytesPreview(): string {
    const text = this.received.toString('latin1');
    // eslint-disable-next-line no-control-regex
    return JSON.stringify(text.replace(/[^\x20-\x7e\r\n]/g, '?'));
  }

  get receivedAnything(): boolean {
    return this.received.length > 0;
  }

  /** When bytes last arrived from tor (the session's start if none have). */
  get lastHeardAtMs(): number {
    return this.heardAtMs;
  }

  /** Writes one formatted command (ending in CRLF) and resolves with its reply, whatever its status code. */
  request(command: string, options: RequestOptions = {}): Promise<Reply> {
    const keyword = commandKeyword(command);
    if (this.closeReason !== undefined) {
      return Promise.reject(new ConnectionClosedError(`cannot send ${keyword}: ${this.closeReason.message}`, this.closeReason));
    }
    return new Promise<Reply>((resolve, reject) => {
      const slot: Slot = { command: keyword, resolve, reject, onReply: options.onReply, sentAtMs: this.options.clock.nowMs(), settled: false, timer: undefined };
      const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs;
      if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
        slot.timer = this.options.clock.setTimer(() => this.timeOut(slot, timeoutMs), timeoutMs);
      }
      this.pending.push(slot);
      this.transport.write(command);
    });
  }

  close(reason: Error = new ConnectionClosedError(`control connection to ${this.description} closed`)): void {
    if (this.closeReason !== undefined) return;
    this.closeReason = reason;
    this.transport.close();
    for (const slot of this.pending.splice(0)) {
      slot.timer?.cancel();
      if (slot.settled) continue;
      slot.settled = true;
      slot.reject(
        reason instanceof ConnectionClosedError
          ? new ConnectionClosedError(`${reason.message} (before ${slot.command} was answered)`, reason.cause)
          : new ConnectionClosedError(`control connection to ${this.description} closed before ${slot.command} was answered: ${reason.message}`, reason),
      );
    }
    this.options.onClose(reason);
  }

  private receive(chunk: Uint8Array): void {
    if (this.closeReason !== undefined) return;
    this.heardAtMs = this.options.clock.nowMs();
    if (this.silent) {
      this.silent = false;
      this.options.onHeard?.();
    }
    if (this.received.length < PREVIEW_BYTES) {
      this.received = Buffer.concat([this.received, Buffer.from(chunk.subarray(0, PREVIEW_BYTES - this.received.length))]);
    }
    for (const output of this.framer.push(chunk)) {
      if (this.closeReason !== undefined) return;
      if (output.kind === 'error') {
        this.close(new ProtocolDesyncError(`tor at ${this.description} sent bytes that are not a control reply (${output.error.message}); connection closed`));
        return;
      }
      const reply = output.reply;
      if (isEvent(reply)) {
        this.options.onEvent(reply);
        continue;
      }
      const slot = this.pending.shift();
      if (slot === undefined) {
        const text = replyText(reply).slice(0, 200);
        this.close(new ProtocolDesyncError(`tor at ${this.description} sent a reply nobody asked for (${reply.code} ${text}); connection closed`));
        return;
      }
      slot.timer?.cancel();
      if (slot.settled) continue;
      slot.settled = true;
      slot.onReply?.(reply);
      slot.resolve(reply);
    }
  }

  private timeOut(slot: Slot, timeoutMs: number): void {
    if (slot.settled) return;
    slot.settled = true;
    slot.reject(new RequestTimeoutError(slot.command, timeoutMs, this.description));
    const graceMs = this.options.unresponsiveAfterMs;
    slot.timer = this.options.clock.setTimer(() => {
      if (this.pending.includes(slot)) this.close(new UnresponsiveError(slot.command, timeoutMs + graceMs, this.description));
    }, graceMs);
    if (!this.silent && this.heardAtMs <= slot.sentAtMs && this.closeReason === undefined) {
      this.silent = true;
      const nowMs = this.options.clock.nowMs();
      this.options.onSilent?.({ command: slot.command, askedAtMs: slot.sentAtMs, lastHeardAtMs: this.heardAtMs, dropAtMs: nowMs + graceMs });
    }
  }
}

/** "GETINFO" from "GETINFO version\r\n", "LOADCONF" from "+LOADCONF\r\n…". */
export function commandKeyword(command: string): string {
  const m = /^\+?([^\s]*)/.exec(command);
  return (m?.[1] ?? '').toUpperCase() || '(empty command)';
}
