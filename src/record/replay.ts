// `ortop --replay`: a recorded session played back as a read-only tor. Its TransportFactory opens
// in-memory transports that answer commands from the recording (replay-answers.ts) and emit the
// recorded events on the injected clock at N× speed; tor going away and coming back is replayed as
// a closed connection and refused reconnects until the recording's next session.

import type { Clock, Timer } from '../controller/clock.js';
import { bytesFromByteString } from '../protocol/bytes.js';
import { NothingListeningError } from '../transport/errors.js';
import type { Transport, TransportFactory } from '../transport/transport.js';
import type { Recording } from './format.js';
import { answerReplayCommand } from './replay-answers.js';
import { buildReplayIndex, type ReplayIndex, type ReplaySession } from './replay-index.js';
import { CommandSplitter } from './split.js';

export interface ReplayOptions {
  readonly clock: Clock;
  /** Playback speed: 2 = twice as fast. Default 1. */
  readonly speed?: number;
  /** The transports' description (ortop shows it as the control address). Default "replay". */
  readonly description?: string;
}

export class Replay {
  readonly index: ReplayIndex;
  private readonly clock: Clock;
  private readonly speed: number;
  private readonly description: string;
  private startedAtMs: number | undefined;
  private readonly originMs: number;
  private readonly transports = new Set<ReplayTransport>();

  constructor(recording: Recording, options: ReplayOptions) {
    const speed = options.speed ?? 1;
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`replay speed must be a positive number, got ${speed}`);
    this.index = buildReplayIndex(recording);
    if (this.index.sessions.length === 0) throw new RangeError('the recording has no control connection in it');
    this.clock = options.clock;
    this.speed = speed;
    this.description = options.description ?? 'replay';
    this.originMs = this.index.sessions[0]!.openMs;
  }

  /** Recording time now: where playback is (ms since the recording started). */
  recordingMs(): number {
    if (this.startedAtMs === undefined) return this.originMs;
    return this.originMs + (this.clock.nowMs() - this.startedAtMs) * this.speed;
  }

  /** Clock time at which the recording reaches `ms`. */
  clockMsFor(ms: number): number {
    return (this.startedAtMs ?? this.clock.nowMs()) + (ms - this.originMs) / this.speed;
  }

  /** Recording time of the last entry. */
  get endMs(): number {
    const last = this.index.sessions[this.index.sessions.length - 1]!;
    return Math.max(last.closeMs ?? 0, ...this.index.sessions.flatMap((s) => s.events.map((e) => e.ms)));
  }

  readonly openTransport: TransportFactory = async () => {
    this.startedAtMs ??= this.clock.nowMs();
    const now = this.recordingMs();
    const session = this.sessionAt(now);
    if (session === undefined) throw new NothingListeningError(this.description, 'ECONNREFUSED', false);
    const transport = new ReplayTransport(this, session, now, this.clock, this.description, () => this.transports.delete(transport));
    this.transports.add(transport);
    return transport;
  };

  /** Closes every open replay transport (as tor would on exit). */
  stop(): void {
    for (const t of [...this.transports]) t.close();
  }

  /** The session that was connected at recording time `ms`; the last one stays up if ortop ended it. */
  private sessionAt(ms: number): ReplaySession | undefined {
    const sessions = this.index.sessions;
    let current: ReplaySession | undefined;
    for (const s of sessions) if (s.openMs <= ms) current = s;
    if (current === undefined) return sessions[0];
    const isLast = current === sessions[sessions.length - 1];
    if (current.closeMs !== undefined && current.closeMs <= ms && !(isLast && current.closedBy === 'ortop')) return undefined;
    return current;
  }

  /** @internal whether a session's recorded close is replayed (not for the last one ortop closed itself). */
  closesOnTimeline(session: ReplaySession): boolean {
    const sessions = this.index.sessions;
    return session.closeMs !== undefined && !(session === sessions[sessions.length - 1] && session.closedBy === 'ortop');
  }
}

class ReplayTransport implements Transport {
  private readonly commands = new CommandSplitter();
  private readonly dataListeners: Array<(chunk: Uint8Array) => void> = [];
  private readonly early: Uint8Array[] = [];
  private readonly closeListeners: Array<(error?: Error) => void> = [];
  private subscribed = new Set<string>();
  private nextEvent: number;
  private eventTimer: Timer | undefined;
  private closeTimer: Timer | undefined;
  private closed = false;
  private closeError: Error | undefined;

  constructor(
    private readonly replay: Replay,
    private readonly session: ReplaySession,
    openedAtRecordingMs: number,
    private readonly clock: Clock,
    readonly description: string,
    private readonly onDone: () => void,
  ) {
    this.nextEvent = session.events.findIndex((e) => e.ms >= openedAtRecordingMs);
    if (this.nextEvent < 0) this.nextEvent = session.events.length;
    this.armEvents();
    if (replay.closesOnTimeline(session)) {
      this.closeTimer = clock.setTimer(
        () => this.finish(new Error(`tor closed the control connection (recorded at ${Math.round(session.closeMs! / 1000)} s)`)),
        Math.max(0, replay.clockMsFor(session.closeMs!) - clock.nowMs()),
      );
    }
  }

  write(bytes: string | Uint8Array): void {
    if (this.closed) return;
    const data = Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('latin1');
    for (const command of this.commands.push(data)) {
      const answer = answerReplayCommand(this.replay.index, command, this.replay.recordingMs());
      if (answer.kind === 'setevents') this.subscribed = new Set(answer.events);
      queueMicrotask(() => {
        this.deliver(answer.data);
        if (answer.kind === 'quit') this.finish(undefined);
      });
    }
  }

  close(): void {
    this.finish(undefined);
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.dataListeners.push(listener);
    if (this.dataListeners.length === 1) for (const chunk of this.early.splice(0)) listener(chunk);
  }

  onClose(listener: (error?: Error) => void): void {
    if (this.closed) {
      const error = this.closeError;
      queueMicrotask(() => listener(error));
    } else {
      this.closeListeners.push(listener);
    }
  }

  private deliver(data: string): void {
    if (this.closed) return;
    const chunk = bytesFromByteString(data);
    if (this.dataListeners.length === 0) this.early.push(chunk);
    else for (const l of this.dataListeners) l(chunk);
  }

  /** One timer for the next due event; emitting catches up on everything due by then. */
  private armEvents(): void {
    const next = this.session.events[this.nextEvent];
    if (this.closed || next === undefined) return;
    this.eventTimer = this.clock.setTimer(() => {
      this.eventTimer = undefined;
      const now = this.clock.nowMs();
      const events = this.session.events;
      while (this.nextEvent < events.length && this.replay.clockMsFor(events[this.nextEvent]!.ms) <= now) {
        const event = events[this.nextEvent++]!;
        if (this.subscribed.has(event.type)) this.deliver(event.data);
      }
      this.armEvents();
    }, Math.max(0, this.replay.clockMsFor(next.ms) - this.clock.nowMs()));
  }

  private finish(error: Error | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.closeError = error;
    this.eventTimer?.cancel();
    this.closeTimer?.cancel();
    this.onDone();
    const listeners = this.closeListeners.splice(0);
    queueMicrotask(() => {
      for (const l of listeners) l(error);
    });
  }
}
