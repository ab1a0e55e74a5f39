// `ortop --record`: wraps the transport factory so every control connection is written to a
// recording (format.ts) while ortop runs normally. Bytes pass through untouched; only the copy in
// the recording is split into whole commands/messages and has its secrets removed (redact.ts).

import type { Clock } from '../controller/clock.js';
import type { Transport, TransportFactory } from '../transport/transport.js';
import { formatRecordingLine, RECORDING_FORMAT, RECORDING_VERSION, type RecordingEntry } from './format.js';
import { redactCommand, redactMessage } from './redact.js';
import { CommandSplitter, MessageSplitter } from './split.js';

/** Where recording lines go (a file, or memory in tests). One call per line, without the newline. */
export interface RecordSink {
  writeLine(line: string): void;
  close(): void;
}

export interface RecorderOptions {
  readonly sink: RecordSink;
  readonly clock: Clock;
  /** Written into the header. */
  readonly ortopVersion: string;
  readonly target: string;
  /** The header's startedAt (default: the clock's now as an ISO date). */
  readonly startedAt?: string;
}

export class Recorder {
  private readonly startMs: number;
  private session = 0;
  private closed = false;

  constructor(private readonly options: RecorderOptions) {
    this.startMs = options.clock.nowMs();
    options.sink.writeLine(
      formatRecordingLine({
        format: RECORDING_FORMAT,
        version: RECORDING_VERSION,
        startedAt: options.startedAt ?? new Date(this.startMs).toISOString(),
        ortop: options.ortopVersion,
        target: options.target,
      }),
    );
  }

  /** The same factory, with each transport it opens recorded as a new session. */
  wrap(open: TransportFactory): TransportFactory {
    return async () => {
      const inner = await open();
      const session = ++this.session;
      this.write({ kind: 'open', ms: this.ms(), session, address: inner.description });
      return new RecordingTransport(inner, session, this);
    };
  }

  /** Stops writing and closes the sink (transports keep working, unrecorded). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.options.sink.close();
  }

  /** @internal */
  ms(): number {
    return Math.max(0, Math.round(this.options.clock.nowMs() - this.startMs));
  }

  /** @internal */
  write(entry: RecordingEntry): void {
    if (!this.closed) this.options.sink.writeLine(formatRecordingLine(entry));
  }
}

class RecordingTransport implements Transport {
  readonly description: string;
  private readonly commands = new CommandSplitter();
  private readonly messages = new MessageSplitter();
  private readonly listeners: Array<(chunk: Uint8Array) => void> = [];
  private closedByUs = false;

  constructor(
    private readonly inner: Transport,
    private readonly session: number,
    private readonly recorder: Recorder,
  ) {
    this.description = inner.description;
    inner.onClose((error) => {
      const rest = this.messages.rest();
      if (rest !== '') this.record('received', rest);
      this.recorder.write({
        kind: 'close',
        ms: this.recorder.ms(),
        session,
        by: this.closedByUs ? 'ortop' : 'tor',
        ...(error === undefined ? {} : { reason: error.message }),
      });
    });
  }

  write(bytes: string | Uint8Array): void {
    const data = Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('latin1');
    for (const command of this.commands.push(data)) this.record('sent', command);
    this.inner.write(bytes);
  }

  close(): void {
    this.closedByUs = true;
    this.inner.close();
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.listeners.push(listener);
    // Subscribing to the inner transport only now keeps its early chunks for this first listener.
    if (this.listeners.length === 1) {
      this.inner.onData((chunk) => {
        for (const message of this.messages.push(Buffer.from(chunk).toString('latin1'))) this.record('received', message);
        for (const l of this.listeners) l(chunk);
      });
    }
  }

  onClose(listener: (error?: Error) => void): void {
    this.inner.onClose(listener);
  }

  private record(kind: 'sent' | 'received', data: string): void {
    const clean = kind === 'sent' ? redactCommand(data) : redactMessage(data);
    this.recorder.write({
      kind,
      ms: this.recorder.ms(),
      session: this.session,
      data: clean.data,
      ...(clean.redacted.length === 0 ? {} : { redacted: clean.redacted }),
    });
  }
}

