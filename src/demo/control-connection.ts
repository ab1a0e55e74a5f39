// The tor side of one in-memory control connection; to the controller it is the Transport.
// Frames client bytes into commands (CRLF lines, "+" multi-line commands with dot-unstuffing),
// runs the pre-auth state machine and hands authenticated commands to the server's handler.
// Output is delivered in microtasks (cut per the host's chunkSizes); never uses timers or sockets.

import type { Transport } from '../transport/transport.js';
import type { PreAuthState, ServerAuthSettings } from './control-auth.js';
import { answerBeforeAuth, newPreAuthState } from './control-auth.js';

/** One command as received: keyword upper-cased (a multi-line command keeps its "+"). */
export interface ControlCommand {
  /** "GETINFO", "+LOADCONF", … */
  readonly keyword: string;
  /** The keyword without a leading "+". */
  readonly name: string;
  /** Everything after the keyword; for a multi-line command the first line's rest, "\n", then the data lines. */
  readonly args: string;
  /** The command as received (multi-line data joined with "\n"), without the final CRLF. */
  readonly text: string;
}

/** What a connection needs from its server. */
export interface ConnectionHost {
  readonly handler: ControlHandler;
  readonly isHeld: boolean;
  readonly chunkSizes: number | (() => number) | undefined;
  authSettings(): ServerAuthSettings;
  forget(connection: ControlConnection): void;
}

/** The server's behaviour; everything but `answer` is optional. */
export interface ControlHandler {
  /** Sees every command as it arrives, before queueing; return true when it dealt with it itself. */
  receive?(command: ControlCommand, connection: ControlConnection): boolean;
  /** Runs before the pre-auth state machine and `answer`; a string is sent as the reply ('' = none). */
  override?(command: ControlCommand, connection: ControlConnection): string | undefined;
  /** Reply bytes (latin1) to a command on an authenticated connection ('' = no reply). */
  answer(command: ControlCommand, connection: ControlConnection): string;
  /** A connection finished authenticating. */
  authenticated?(connection: ControlConnection): void;
}

export function parseControlCommand(text: string): ControlCommand {
  const end = text.search(/[ \n]/);
  const keyword = (end < 0 ? text : text.slice(0, end)).toUpperCase();
  const args = end < 0 ? '' : text[end] === ' ' ? text.slice(end + 1) : text.slice(end);
  return { keyword, name: keyword.replace(/^\+/, ''), args, text };
}

export class ControlConnection implements Transport {
  readonly description: string;
  /** Event types this connection subscribed to with SETEVENTS. */
  readonly events = new Set<string>();
  authenticated = false;
  protected readonly host: ConnectionHost;
  private closed = false;
  /** Set when the server died: queued output is lost. */
  private dropped = false;
  private readonly preAuth: PreAuthState = newPreAuthState();
  private inbound = '';
  private multiLine: { head: string; data: string[] } | undefined;
  private readonly queued: ControlCommand[] = [];
  private readonly dataListeners: Array<(chunk: Uint8Array) => void> = [];
  private readonly closeListeners: Array<(error?: Error) => void> = [];
  private readonly early: Uint8Array[] = [];

  constructor(host: ConnectionHost, description: string) {
    this.host = host;
    this.description = description;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  // ---- Transport (the controller's side) ----

  write(bytes: string | Uint8Array): void {
    if (this.closed) return;
    this.inbound += Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('latin1');
    let lf: number;
    while ((lf = this.inbound.indexOf('\n')) >= 0) {
      const line = this.inbound.slice(0, lf).replace(/\r$/, '');
      this.inbound = this.inbound.slice(lf + 1);
      this.takeLine(line);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.host.forget(this);
    queueMicrotask(() => this.fireClose(undefined));
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.dataListeners.push(listener);
    for (const chunk of this.early.splice(0)) listener(chunk);
  }

  onClose(listener: (error?: Error) => void): void {
    this.closeListeners.push(listener);
  }

  // ---- tor's side ----

  /** Queues bytes (latin1 string) for delivery, cut per host.chunkSizes, each piece in its own microtask. */
  send(text: string): void {
    if (this.closed || text === '') return;
    const bytes = Buffer.from(text, 'latin1');
    const sizeSpec = this.host.chunkSizes;
    if (sizeSpec === undefined) {
      queueMicrotask(() => this.deliver(bytes));
      return;
    }
    let offset = 0;
    while (offset < bytes.length) {
      const size = typeof sizeSpec === 'number' ? sizeSpec : sizeSpec();
      const piece = bytes.subarray(offset, offset + Math.max(1, size));
      offset += piece.length;
      queueMicrotask(() => this.deliver(piece));
    }
  }

  /** Ends the connection after everything already queued has been delivered (as tor does after 514/515). */
  sendAndClose(text: string): void {
    this.send(text);
    this.close();
  }

  /** The server died: nothing more is delivered. */
  drop(): void {
    if (this.closed) return;
    this.dropped = true;
    this.close();
  }

  /** Runs queued commands while the host is not holding them. */
  processQueued(): void {
    while (!this.host.isHeld && this.queued.length > 0 && !this.closed) this.execute(this.queued.shift()!);
  }

  private deliver(piece: Uint8Array): void {
    if (this.dropped) return;
    if (this.dataListeners.length === 0) this.early.push(piece);
    for (const l of this.dataListeners) l(piece);
  }

  private fireClose(error: Error | undefined): void {
    for (const l of this.closeListeners.splice(0)) l(error);
  }

  private takeLine(line: string): void {
    if (this.multiLine !== undefined) {
      if (line === '.') {
        const { head, data } = this.multiLine;
        this.multiLine = undefined;
        this.enqueue(`${head}\n${data.join('\n')}`);
      } else this.multiLine.data.push(line.startsWith('.') ? line.slice(1) : line);
      return;
    }
    if (line.startsWith('+')) {
      this.multiLine = { head: line, data: [] };
      return;
    }
    this.enqueue(line);
  }

  private enqueue(text: string): void {
    const command = parseControlCommand(text);
    if (this.host.handler.receive?.(command, this) === true) return;
    this.queued.push(command);
    this.processQueued();
  }

  private execute(command: ControlCommand): void {
    const handler = this.host.handler;
    const custom = handler.override?.(command, this);
    if (custom !== undefined) return this.send(custom);
    if (this.authenticated) return this.send(handler.answer(command, this));
    const outcome = answerBeforeAuth(this.preAuth, this.host.authSettings(), command.keyword, command.args);
    if (outcome.close) return this.sendAndClose(outcome.reply);
    this.send(outcome.reply);
    if (outcome.authenticated) {
      this.authenticated = true;
      handler.authenticated?.(this);
    }
  }
}
