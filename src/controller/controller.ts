// The Controller: one logical connection to tor that survives tor restarts. Owns the session
// (FIFO + events), the auth handshake, event subscriptions, the answer cache and reconnecting.
// Transport and clock are injected; it never touches the file system or process timers itself.

import { formatCommand } from '../protocol/commands.js';
import { ProtocolError, ReplyError } from '../protocol/errors.js';
import { eventTypeOf, type TorEventType } from '../protocol/events/index.js';
import type { Reply } from '../protocol/reply.js';
import type { AuthMethod } from '../protocol/replies.js';
import { TransportError } from '../transport/errors.js';
import { AuthError } from './auth-errors.js';
import { authenticate } from './auth.js';
import type { Clock, Timer } from './clock.js';
import { realClock } from './clock.js';
import { TorCommands } from './commands.js';
import { readConfChanged } from './conf-changed.js';
import { ConnectionClosedError } from './errors.js';
import type { EventListener, TypedEventListener, UnparsedEventListener } from './event-router.js';
import { EventRouter } from './event-router.js';
import { EventSubscription } from './subscription.js';
import { ReplyCache } from './reply-cache.js';
import type { RequestOptions, Silence } from './session.js';
import { commandKeyword, Session } from './session.js';
import type { ControllerOptions, ControllerState, ControllerWarning, StateChange } from './types.js';

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const DEFAULT_UNRESPONSIVE_AFTER_MS = 20_000;
const DEFAULT_INITIAL_DELAY_MS = 500;
const DEFAULT_MAX_DELAY_MS = 10_000;
const PROBE_COMMAND = 'GETINFO version\r\n';
/** Events the controller itself needs: CONF_CHANGED keeps the GETCONF cache, SIGNAL reports RELOAD. */
const OWN_EVENTS = ['CONF_CHANGED', 'SIGNAL'] as const;

/** Errors after which retrying cannot help without the user changing something. */
const PERMANENT_AUTH_KINDS = new Set([
  'password-required',
  'wrong-password',
  'cookie-unreadable',
  'cookie-wrong-size',
  'server-hash-mismatch',
  'no-usable-method',
  'auth-failed',
]);

class Superseded extends Error {}

export class Controller extends TorCommands {
  private readonly options: ControllerOptions;
  private readonly clock: Clock;
  private readonly cacheEnabled: boolean;
  private readonly router: EventRouter;
  private readonly cache = new ReplyCache();
  private session: Session | undefined;
  private currentState: ControllerState = 'idle';
  private generation = 0;
  private stopped = false;
  private retryTimer: Timer | undefined;
  private backoffMs: number;
  private readonly subscription: EventSubscription;
  private readonly stateListeners = new Set<(change: StateChange) => void>();
  private readonly warningListeners = new Set<(warning: ControllerWarning) => void>();
  private readonly eventTaps = new Set<(type: string, reply: Reply) => void>();
  private readonly replyTaps = new Set<(keyword: string, reply: Reply) => void>();
  private syncQueued: Promise<void> | undefined;
  private syncTail: Promise<void> = Promise.resolve();
  private lastAuthMethod: AuthMethod | undefined;
  private lastTorVersion: string | undefined;
  private lastAddress: string | undefined;
  private probeTimer: Timer | undefined;
  private silentSession: Session | undefined;
  private passwordRejected = false;

  constructor(options: ControllerOptions) {
    super();
    this.options = options;
    this.clock = options.clock ?? realClock;
    this.cacheEnabled = options.cache ?? true;
    this.backoffMs = this.initialDelayMs;
    this.router = new EventRouter(OWN_EVENTS, () => void this.syncEvents());
    this.subscription = new EventSubscription({
      wanted: () => this.router.wantedTypes(),
      fetchEventNames: async (session) =>
        (await this.fetchInfo((c, o) => session.request(c, o), ['events/names'])).get('events/names') ?? '',
      onUnsupported: (type) =>
        this.warn({ kind: 'unsupported-event', type, message: `tor does not know the event ${type}; its listeners will get nothing` }),
    });
  }

  get state(): ControllerState {
    return this.currentState;
  }

  /** What reconnects try, as given in the options (for messages); empty when not given. */
  get targets(): readonly string[] {
    return this.options.targets ?? [];
  }

  /** Address of the current (or last) connection. */
  get address(): string | undefined {
    return this.lastAddress;
  }

  get authMethod(): AuthMethod | undefined {
    return this.lastAuthMethod;
  }

  /** tor's version as PROTOCOLINFO reported it. */
  get torVersion(): string | undefined {
    return this.lastTorVersion;
  }

  /** Connects and authenticates. Rejects with the reason if that fails (no automatic retry for the first attempt). */
  async open(): Promise<void> {
    if (this.currentState !== 'idle') throw new Error(`open() called twice (state is ${this.currentState})`);
    try {
      await this.attempt();
    } catch (error) {
      if (error instanceof Superseded) throw new ConnectionClosedError('the controller was closed before the connection was ready');
      if (!this.stopped) this.currentState = 'closed';
      throw error;
    }
  }

  /** Drops the connection (if any) and connects again now. Rejects if this attempt fails; retries continue if the failure is transient. */
  async reconnect(): Promise<void> {
    if (this.stopped) throw new ConnectionClosedError('the controller was closed; create a new one');
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
    this.backoffMs = this.initialDelayMs;
    const old = this.session;
    const wasConnected = this.currentState === 'connected';
    this.session = undefined;
    const reason = new ConnectionClosedError('reconnecting on request');
    old?.close(reason);
    if (wasConnected) this.emitState({ kind: 'closed', atMs: this.clock.nowMs(), reason, retryInMs: 0 });
    try {
      await this.attempt();
    } catch (error) {
      if (error instanceof Superseded) throw new ConnectionClosedError('superseded by another reconnect or close');
      this.afterFailedAttempt(error);
      throw error;
    }
  }

  /** Closes for good: fails pending requests, stops reconnecting. */
  close(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.generation++;
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
    this.probeTimer?.cancel();
    this.probeTimer = undefined;
    const reason = new ConnectionClosedError(`control connection to ${this.lastAddress ?? 'tor'} closed by ortop`);
    const session = this.session;
    this.session = undefined;
    this.cache.clear();
    const wasOpen = this.currentState !== 'idle' && this.currentState !== 'closed';
    this.currentState = 'closed';
    session?.close(reason);
    if (wasOpen) this.emitState({ kind: 'closed', atMs: this.clock.nowMs(), reason, retryInMs: undefined });
  }

  /**
   * Listens to one tor event type (wire name, e.g. 'BW'); returns the unsubscribe function. SETEVENTS
   * follows the union. A type ortop parses types its listener: `on('BW', (e) => e.readBytes)`. Other
   * names (tor's newer events, a name in a variable) get any TorEvent. Either way, an event whose
   * syntax broke its grammar still reaches its type's listeners, as kind 'malformed' (kept raw, never
   * dropped): a listener that must survive a broken or hostile peer checks `kind`.
   */
  on<T extends TorEventType>(type: T, listener: TypedEventListener<T>): () => void;
  on(type: string, listener: EventListener): () => void;
  on(type: string, listener: EventListener): () => void {
    return this.router.add(type, listener);
  }

  /**
   * Listens to one event type without parsing it (subscribed like `on`): for a listener that keeps
   * few of many events and parses only those. If no `on` listener wants the type, it is never parsed.
   */
  onUnparsed(type: string, listener: UnparsedEventListener): () => void {
    return this.router.addUnparsed(type, listener);
  }

  onState(listener: (change: StateChange) => void): () => void {
    this.stateListeners.add(listener);
    return () => void this.stateListeners.delete(listener);
  }

  /**
   * Sees every event tor sends (the types already subscribed), unparsed, without adding to the
   * subscription — e.g. the interpreter's /events. A tap that throws is ignored.
   */
  tapEvents(tap: (type: string, reply: Reply) => void): () => void {
    this.eventTaps.add(tap);
    return () => void this.eventTaps.delete(tap);
  }

  /**
   * Sees the reply to every command ortop sends, from any part of it (typed commands too), with the
   * command's keyword — e.g. the torrc page reads the file again after any SAVECONF. A tap that throws is ignored.
   */
  tapReplies(tap: (keyword: string, reply: Reply) => void): () => void {
    this.replyTaps.add(tap);
    return () => void this.replyTaps.delete(tap);
  }

  onWarning(listener: (warning: ControllerWarning) => void): () => void {
    this.warningListeners.add(listener);
    return () => void this.warningListeners.delete(listener);
  }

  /** The event types currently subscribed on the wire (after intersecting with events/names). */
  get subscribedEvents(): readonly string[] {
    return this.subscription.applied(this.session);
  }

  /** Brings tor's subscription in line with the listeners; resolves when done (coalesces concurrent calls). */
  syncEvents(): Promise<void> {
    if (this.syncQueued !== undefined) return this.syncQueued;
    const run = this.syncTail.then(() => {
      this.syncQueued = undefined;
      return this.runSync();
    });
    this.syncQueued = run;
    this.syncTail = run.catch(() => {});
    return run;
  }

  clearCache(): void {
    this.cache.clear();
  }

  /** A raw command line as the interpreter types it; resolves with the reply whatever its status. */
  async request(line: string): Promise<Reply> {
    const trimmed = line.replace(/\r?\n$/, '');
    const keyword = commandKeyword(trimmed);
    if (keyword === 'AUTHENTICATE' || keyword === 'AUTHCHALLENGE') {
      throw new ProtocolError(`${keyword} is refused on an open connection: tor would close it on any mismatch`);
    }
    const command = formatCommand(trimmed);
    return this.send(command, { onReply: (reply) => this.noteRawReply(keyword, trimmed, reply) });
  }

  // ---- internals used by TorCommands ----

  protected override send(command: string, options: RequestOptions = {}): Promise<Reply> {
    const session = this.session;
    if (session === undefined || this.currentState !== 'connected') {
      const why = this.stopped ? 'the controller was closed' : this.currentState === 'waiting' ? 'reconnecting' : this.currentState;
      return Promise.reject(new ConnectionClosedError(`not connected to tor${this.lastAddress === undefined ? '' : ` at ${this.lastAddress}`} (${why})`));
    }
    if (this.replyTaps.size === 0) return session.request(command, options);
    const keyword = commandKeyword(command);
    return session.request(command, {
      ...options,
      onReply: (reply) => {
        options.onReply?.(reply);
        for (const tap of [...this.replyTaps]) {
          try {
            tap(keyword, reply);
          } catch {
            // A tap's failure must not reach the command's caller.
          }
        }
      },
    });
  }

  protected override get replyCache(): ReplyCache | undefined {
    return this.cacheEnabled ? this.cache : undefined;
  }

  protected override get now(): number {
    return this.clock.nowMs();
  }

  private get initialDelayMs(): number {
    return this.options.reconnect === false ? DEFAULT_INITIAL_DELAY_MS : (this.options.reconnect?.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS);
  }

  private get maxDelayMs(): number {
    return this.options.reconnect === false ? DEFAULT_MAX_DELAY_MS : (this.options.reconnect?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
  }

  private async attempt(): Promise<void> {
    const generation = ++this.generation;
    this.currentState = 'connecting';
    const transport = await this.options.openTransport();
    if (generation !== this.generation) {
      transport.close();
      throw new Superseded();
    }
    this.lastAddress = transport.description;
    const session: Session = new Session(transport, {
      clock: this.clock,
      requestTimeoutMs: this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      unresponsiveAfterMs: this.options.unresponsiveAfterMs ?? DEFAULT_UNRESPONSIVE_AFTER_MS,
      onEvent: (reply) => this.handleEvent(session, reply),
      onClose: (reason) => this.handleSessionClose(session, reason),
      onSilent: (silence) => this.handleSilence(session, silence),
      onHeard: () => this.handleHeard(session),
    });
    this.session = session;
    this.cache.clear();
    try {
      const auth = await authenticate(session, this.options.auth, { passwordRejected: this.passwordRejected });
      if (generation !== this.generation) throw new Superseded();
      this.lastAuthMethod = auth.method;
      this.lastTorVersion = auth.protocolInfo.torVersion;
      await this.subscription.apply(session).catch((error: unknown) => {
        if (!(error instanceof ReplyError)) throw error;
        this.warn({ kind: 'setevents-failed', error, message: `could not subscribe to events: ${error.message}` });
      });
      if (generation !== this.generation) throw new Superseded();
      if (session.closed) throw new ConnectionClosedError(`tor at ${session.description} closed the connection right after authentication`);
    } catch (error) {
      session.close(error instanceof Error ? error : new Error(String(error)));
      if (this.session === session) this.session = undefined;
      throw generation === this.generation ? error : new Superseded();
    }
    this.currentState = 'connected';
    this.backoffMs = this.initialDelayMs;
    this.passwordRejected = false;
    this.armProbe(session, this.options.probeAfterIdleMs ?? 0);
    this.emitState({
      kind: 'connected',
      atMs: this.clock.nowMs(),
      address: session.description,
      authMethod: this.lastAuthMethod,
      torVersion: this.lastTorVersion,
    });
    void this.syncEvents();
  }

  private afterFailedAttempt(error: unknown): void {
    if (this.stopped) return;
    const err = error instanceof Error ? error : new Error(String(error));
    if (err instanceof AuthError && err.kind === 'wrong-password') {
      this.passwordRejected = true;
      // Someone is typing: ask again soon, however often they mistyped.
      if (this.options.retryRejectedPassword === true) this.backoffMs = this.initialDelayMs;
    }
    const retryInMs = this.isRetryable(err) ? this.scheduleRetry() : undefined;
    if (retryInMs === undefined) this.currentState = 'closed';
    this.emitState({ kind: 'connect-failed', atMs: this.clock.nowMs(), error: err, retryInMs });
  }

  private isRetryable(error: Error): boolean {
    if (this.options.reconnect === false) return false;
    if (error instanceof AuthError && error.kind === 'wrong-password' && this.options.retryRejectedPassword === true) return true;
    if (error instanceof AuthError) return !PERMANENT_AUTH_KINDS.has(error.kind);
    if (error instanceof TransportError) return error.kind !== 'permission-denied';
    return true;
  }

  /** Arms the next attempt; returns its delay. */
  private scheduleRetry(): number {
    const delayMs = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxDelayMs);
    this.currentState = 'waiting';
    this.retryTimer = this.clock.setTimer(() => {
      this.retryTimer = undefined;
      this.attempt().catch((error: unknown) => {
        if (!(error instanceof Superseded)) this.afterFailedAttempt(error);
      });
    }, delayMs);
    return delayMs;
  }

  /** Re-arms the idle probe: GETINFO version when tor has been quiet for probeAfterIdleMs. */
  private armProbe(session: Session, delayMs: number): void {
    const idleMs = this.options.probeAfterIdleMs ?? 0;
    if (idleMs <= 0) return;
    this.probeTimer?.cancel();
    this.probeTimer = this.clock.setTimer(() => {
      this.probeTimer = undefined;
      if (session !== this.session || this.currentState !== 'connected' || session.closed) return;
      const quietMs = this.clock.nowMs() - session.lastHeardAtMs;
      if (quietMs < idleMs) {
        this.armProbe(session, idleMs - quietMs);
        return;
      }
      // Requests already waiting have their own timeouts; a probe would only queue behind them.
      if (session.pendingCount === 0) session.request(PROBE_COMMAND).catch(() => {});
      this.armProbe(session, idleMs);
    }, delayMs);
  }

  private handleSilence(session: Session, silence: Silence): void {
    if (session !== this.session || this.currentState !== 'connected') return;
    this.silentSession = session;
    this.emitState({ kind: 'unresponsive', atMs: this.clock.nowMs(), ...silence });
  }

  private handleHeard(session: Session): void {
    if (session !== this.silentSession) return;
    this.silentSession = undefined;
    if (session === this.session && this.currentState === 'connected') this.emitState({ kind: 'responsive', atMs: this.clock.nowMs() });
  }

  private handleSessionClose(session: Session, reason: Error): void {
    if (session === this.silentSession) this.silentSession = undefined;
    if (session !== this.session) return;
    if (this.currentState !== 'connected') return;
    this.probeTimer?.cancel();
    this.probeTimer = undefined;
    this.session = undefined;
    this.cache.clear();
    const retryInMs = this.stopped || this.options.reconnect === false ? undefined : this.scheduleRetry();
    if (retryInMs === undefined) this.currentState = 'closed';
    this.emitState({ kind: 'closed', atMs: this.clock.nowMs(), reason, retryInMs });
  }

  private handleEvent(session: Session, reply: Reply): void {
    if (session !== this.session) return;
    const type = eventTypeOf(reply);
    if (type === 'CONF_CHANGED') {
      try {
        this.cache.applyConfChange(readConfChanged(reply));
      } catch {
        this.cache.clear();
      }
    } else if (type === 'SIGNAL' && /^SIGNAL RELOAD\b/.test(reply.lines[0]?.text ?? '')) {
      this.cache.clear();
      this.emitState({ kind: 'reset', atMs: this.clock.nowMs() });
    }
    for (const tap of [...this.eventTaps]) {
      try {
        tap(type, reply);
      } catch {
        // A tap is an observer; its failure must not affect routing.
      }
    }
    this.router.dispatch(type, reply, (eventType, error) => {
      const detail = error instanceof Error ? error.message : String(error);
      this.warn({ kind: 'listener-threw', type: eventType, error, message: `a ${eventType} event listener threw: ${detail}` });
    });
  }

  private async runSync(): Promise<void> {
    const session = this.session;
    if (session === undefined || this.currentState !== 'connected') return;
    try {
      await this.subscription.apply(session);
    } catch (error) {
      if (error instanceof ConnectionClosedError) return;
      const err = error instanceof Error ? error : new Error(String(error));
      this.warn({ kind: 'setevents-failed', error: err, message: `could not update the event subscription: ${err.message}` });
    }
  }

  private noteRawReply(keyword: string, line: string, reply: Reply): void {
    if (reply.code !== 250) return;
    if (keyword === 'SETCONF' || keyword === 'RESETCONF' || keyword === 'LOADCONF') this.cache.forgetAllConf();
    else if (keyword === 'SIGNAL') this.noteSignal(line.split(/\s+/)[1]?.toUpperCase() ?? '');
    else if (keyword === 'SETEVENTS' && this.session !== undefined) this.subscription.noteManual(this.session, line.split(/\s+/).slice(1));
  }

  private emitState(change: StateChange): void {
    for (const listener of [...this.stateListeners]) {
      try {
        listener(change);
      } catch {
        // A state listener's failure must not stop the controller or the other listeners.
      }
    }
  }

  private warn(warning: ControllerWarning): void {
    for (const listener of [...this.warningListeners]) {
      try {
        listener(warning);
      } catch {
        // Same as state listeners.
      }
    }
  }
}
