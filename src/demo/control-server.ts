// An in-memory tor control port: owns the connections, hands out one Transport per connection,
// fans events out to the connections subscribed to them, and can stop listening (tor died) and
// listen again. What commands mean is the handler's business (FakeTor in tests, the demo relay).
// No sockets, no timers: output travels in microtasks.

import { NothingListeningError } from '../transport/errors.js';
import type { Transport, TransportFactory } from '../transport/transport.js';
import type { ServerAuthSettings } from './control-auth.js';
import type { ConnectionHost, ControlHandler } from './control-connection.js';
import { ControlConnection } from './control-connection.js';
import { eventTypeOfLines, formatDataEvent, formatEvent } from './reply-format.js';

export interface ControlServerOptions {
  readonly handler: ControlHandler;
  /** The address connections report ("demo:9051"); read when a connection opens. */
  readonly description: () => string;
  /** Authentication settings; read by each pre-auth command, so they may change between connections. */
  readonly auth: () => ServerAuthSettings;
  /** Builds the connection object (tests use a subclass). */
  readonly createConnection?: (host: ConnectionHost, description: string) => ControlConnection;
  /** The error a connection attempt gets while stopped. Default: ECONNREFUSED. */
  readonly refusal?: (description: string) => Error;
  /** Connections beyond this are refused like a full listener. Default 64. */
  readonly maxConnections?: number;
}

export class ControlServer implements ConnectionHost {
  readonly handler: ControlHandler;
  /** How output is cut before delivery: a fixed size, a size per chunk, or undefined for whole writes. */
  chunkSizes: number | (() => number) | undefined;
  /** Connections ever opened. */
  connectionsOpened = 0;
  private readonly options: ControlServerOptions;
  private readonly connections = new Set<ControlConnection>();
  private listening = true;
  private held = false;

  constructor(options: ControlServerOptions) {
    this.options = options;
    this.handler = options.handler;
  }

  get isListening(): boolean {
    return this.listening;
  }

  get isHeld(): boolean {
    return this.held;
  }

  /** Connections currently open. */
  get openConnections(): number {
    return this.connections.size;
  }

  /** The open connections, oldest first. */
  get openConnectionList(): ControlConnection[] {
    return [...this.connections];
  }

  authSettings(): ServerAuthSettings {
    return this.options.auth();
  }

  /** The TransportFactory: a new connection, or the refusal while stopped. */
  readonly openTransport: TransportFactory = async (): Promise<Transport> => {
    const description = this.options.description();
    const limit = this.options.maxConnections ?? 64;
    if (!this.listening || this.connections.size >= limit) {
      throw this.options.refusal?.(description) ?? new NothingListeningError(description, 'ECONNREFUSED', false);
    }
    const connection = this.options.createConnection?.(this, description) ?? new ControlConnection(this, description);
    this.connections.add(connection);
    this.connectionsOpened++;
    return connection;
  };

  forget(connection: ControlConnection): void {
    this.connections.delete(connection);
  }

  /** True when some authenticated connection subscribed to this event type (callers skip building unwanted events). */
  isSubscribed(type: string): boolean {
    for (const c of this.connections) if (c.authenticated && c.events.has(type)) return true;
    return false;
  }

  /** One-line event ("BW 1 2") or multi-line (["CONF_CHANGED", "Nickname=x"]) to subscribed connections. */
  emitEvent(event: string | readonly string[]): void {
    const type = eventTypeOfLines(event);
    let text: string | undefined;
    for (const c of this.connections) {
      if (!c.authenticated || !c.events.has(type)) continue;
      text ??= formatEvent(event);
      c.send(text);
    }
  }

  /** A data-block event ("NEWCONSENSUS", body) to subscribed connections. */
  emitDataEvent(head: string, body: string): void {
    const type = eventTypeOfLines(head);
    let text: string | undefined;
    for (const c of this.connections) {
      if (!c.authenticated || !c.events.has(type)) continue;
      text ??= formatDataEvent(head, body);
      c.send(text);
    }
  }

  /** Raw bytes (latin1 string) to every authenticated connection. */
  emitRaw(text: string): void {
    for (const c of this.connections) if (c.authenticated) c.send(text);
  }

  /** Stop answering: commands queue until release(). */
  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    for (const c of [...this.connections]) c.processQueued();
  }

  /**
   * The process goes away and new connections are refused. Its connections drop, losing output not
   * yet delivered — or, with `flush`, close after delivering it (an orderly exit after a reply).
   */
  stop(options: { readonly flush?: boolean } = {}): void {
    this.listening = false;
    if (options.flush === true) for (const c of [...this.connections]) c.close();
    else this.dropAll();
  }

  /** Listens again (after stop), answering commands at once. */
  listen(): void {
    this.listening = true;
    this.held = false;
  }

  dropAll(): void {
    for (const c of [...this.connections]) c.drop();
  }
}
