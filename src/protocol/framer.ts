// Push framer: bytes from tor in, complete replies out (control-spec §2.3, §2.4, §4).
// Sans-IO: no sockets, timers or clock. Never throws; malformed input becomes an 'error' output
// and the framer resynchronises. Memory is bounded by maxMessageBytes; work is linear in input.
//
//   Reply         = *(MidReplyLine / DataReplyLine) EndReplyLine
//   MidReplyLine  = StatusCode "-" ReplyLine
//   DataReplyLine = StatusCode "+" ReplyLine CmdData
//   EndReplyLine  = StatusCode SP ReplyLine
//   ReplyLine     = [ReplyText] CRLF
//   CmdData       = *DataLine "." CRLF      ; lines starting with "." get one extra "."
//
// Error policy (outputs do not depend on how the bytes were split into chunks):
// - a line ending in a bare LF, or a message growing past maxMessageBytes: one error, then the rest
//   of that message (data blocks included) is consumed and dropped; the next message is intact;
// - a line outside a data block without a valid "NNN" + "-"/"+"/" " prefix: one error, and any
//   partial message before it is dropped; framing restarts at the next line.

import { ProtocolError } from './errors.js';
import type { LineSeparator, Reply, ReplyLine } from './reply.js';

export type FramerOutput =
  | { readonly kind: 'reply'; readonly reply: Reply }
  | { readonly kind: 'error'; readonly error: ProtocolError };

export interface FramerOptions {
  /** Largest message (all its lines, data and line ends) accepted before it is dropped with an error. Default 64 MiB. */
  readonly maxMessageBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Bytes kept of a line whose body is being dropped: enough for the prefix and an error preview. */
const HEAD_BYTES = 64;
const INITIAL_CAPACITY = 256;
/** A line buffer grown past this is released once its line is done. */
const KEEP_CAPACITY = 64 * 1024;

export class Framer {
  private readonly maxMessageBytes: number;

  /** The partial line (bytes after the last LF), in a growable buffer. */
  private partial: Buffer = Buffer.allocUnsafe(INITIAL_CAPACITY);
  private partialLength = 0;
  /** Length of the partial line including bytes dropped after truncation. */
  private lineLength = 0;
  /** The partial line outgrew its budget: only its first HEAD_BYTES are kept, the rest is dropped. */
  private truncated = false;
  /** The truncation emitted the message's error (it was not already being dropped). */
  private overflowReported = false;
  /** Last byte seen of the partial line (to tell CRLF from a bare LF after truncation). */
  private lastByte = -1;
  private copied = 0;

  /** Lines of the message being assembled. */
  private lines: ReplyLine[] = [];
  /** Bytes of the message so far, counting line ends; compared with maxMessageBytes. */
  private messageBytes = 0;
  /** Bytes of line text and data held in `lines` and `dataLines`. */
  private heldBytes = 0;
  /** Set while inside a data block: the '+' line waiting for its data. */
  private dataHead: { code: number; text: string } | null = null;
  private dataLines: string[] = [];
  /** The current message already produced an error: consume it up to its end line, emit nothing. */
  private dropping = false;

  constructor(options: FramerOptions = {}) {
    const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`maxMessageBytes must be a positive integer, got ${max}`);
    this.maxMessageBytes = max;
  }

  /** True when no partial line or message is buffered (a clean message boundary). */
  get idle(): boolean {
    return this.lineLength === 0 && this.lines.length === 0 && this.dataHead === null && !this.dropping;
  }

  /** Bytes currently held: the partial line plus the text and data of the partial message. */
  get bufferedBytes(): number {
    return this.partialLength + this.heldBytes;
  }

  /** Total bytes ever copied into the line buffer (a work counter for tests and benchmarks; linear in input). */
  get bytesCopied(): number {
    return this.copied;
  }

  push(chunk: Uint8Array): FramerOutput[] {
    const out: FramerOutput[] = [];
    const buf: Buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const end = buf.length;
    let start = 0;
    while (start < end) {
      const lf = buf.indexOf(LF, start);
      if (lf < 0) {
        this.hold(buf, start, end, out);
        break;
      }
      if (this.lineLength === 0) {
        // Whole line inside this chunk: no copy.
        const bare = lf === start || buf[lf - 1] !== CR;
        this.endLine(buf, start, bare ? lf : lf - 1, lf - start + 1, bare, false, out);
      } else {
        this.hold(buf, start, lf, out);
        const bare = this.lastByte !== CR;
        const stop = Math.min(this.partialLength, bare ? this.lineLength : this.lineLength - 1);
        this.endLine(this.partial, 0, stop, this.lineLength + 1, bare, this.overflowReported, out);
        this.clearPartial();
      }
      start = lf + 1;
    }
    return out;
  }

  /** Appends bytes of an unfinished line; once the line is over budget only its head is kept. */
  private hold(buf: Buffer, from: number, to: number, out: FramerOutput[]): void {
    const n = to - from;
    if (n === 0) return;
    this.lineLength += n;
    this.lastByte = buf[to - 1]!;
    if (this.truncated) return;
    const used = this.dropping ? 0 : this.messageBytes;
    // +1: the line still needs its LF.
    if (used + this.partialLength + n + 1 > this.maxMessageBytes) {
      if (!this.dropping) {
        this.overflow(out);
        this.overflowReported = true;
      }
      if (this.partialLength > HEAD_BYTES) this.partialLength = HEAD_BYTES;
      if (this.partial.length > KEEP_CAPACITY) this.partial = Buffer.from(this.partial.subarray(0, HEAD_BYTES));
      this.append(buf, from, from + Math.min(HEAD_BYTES - this.partialLength, n));
      this.truncated = true;
      return;
    }
    this.append(buf, from, to);
  }

  private append(buf: Buffer, from: number, to: number): void {
    const n = to - from;
    const need = this.partialLength + n;
    if (need > this.partial.length) {
      let capacity = this.partial.length * 2;
      while (capacity < need) capacity *= 2;
      const grown = Buffer.allocUnsafe(capacity);
      this.partial.copy(grown, 0, 0, this.partialLength);
      this.copied += this.partialLength;
      this.partial = grown;
    }
    buf.copy(this.partial, this.partialLength, from, to);
    this.copied += n;
    this.partialLength = need;
  }

  private clearPartial(): void {
    this.partialLength = 0;
    this.lineLength = 0;
    this.truncated = false;
    this.overflowReported = false;
    this.lastByte = -1;
    if (this.partial.length > KEEP_CAPACITY) this.partial = Buffer.allocUnsafe(INITIAL_CAPACITY);
  }

  /** The current message went over budget while a line was still arriving. */
  private overflow(out: FramerOutput[]): void {
    this.error(out, `message larger than ${this.maxMessageBytes} bytes; dropped`);
    this.startDropping();
  }

  /**
   * One complete line: buf[start, stop) without its line end; `cost` counts the line end too.
   * `bare`: it ended with LF alone. `reported`: an error for this line was already emitted.
   */
  private endLine(
    buf: Buffer,
    start: number,
    stop: number,
    cost: number,
    bare: boolean,
    reported: boolean,
    out: FramerOutput[],
  ): void {
    if (!reported && !this.dropping) {
      if (this.messageBytes + cost > this.maxMessageBytes) {
        this.overflow(out);
        reported = true;
      } else if (bare) {
        this.error(out, `line does not end with CRLF: ${preview(buf, start, stop)}`);
        this.startDropping();
        reported = true;
      }
    }
    this.messageBytes += cost;

    if (this.dataHead !== null) {
      if (stop - start === 1 && buf[start] === DOT) {
        this.endDataBlock();
        return;
      }
      if (this.dropping) return;
      const from = stop > start && buf[start] === DOT ? start + 1 : start;
      this.dataLines.push(buf.toString('latin1', from, stop));
      this.heldBytes += stop - from;
      return;
    }

    const code = statusCode(buf, start, stop);
    if (code < 0) {
      if (!reported) this.error(out, `malformed reply line: ${preview(buf, start, stop)}`);
      this.resetMessage();
      return;
    }
    const sepByte = buf[start + 3];
    const separator: LineSeparator = sepByte === 0x20 ? ' ' : sepByte === 0x2d ? '-' : '+';

    if (separator === '+') {
      const text = this.dropping ? '' : buf.toString('latin1', start + 4, stop);
      this.dataHead = { code, text };
      this.heldBytes += text.length;
      return;
    }
    if (this.dropping) {
      if (separator === ' ') this.resetMessage();
      return;
    }
    const text = buf.toString('latin1', start + 4, stop);
    this.lines.push({ code, separator, text });
    this.heldBytes += text.length;
    if (separator === ' ') {
      out.push({ kind: 'reply', reply: { code, lines: this.lines } });
      this.lines = [];
      this.resetMessage();
    }
  }

  private endDataBlock(): void {
    const head = this.dataHead!;
    if (!this.dropping) {
      this.lines.push({ code: head.code, separator: '+', text: head.text, data: this.dataLines.join('\n') });
    }
    this.dataHead = null;
    this.dataLines = [];
  }

  private error(out: FramerOutput[], message: string): void {
    out.push({ kind: 'error', error: new ProtocolError(message) });
  }

  /** Forget what was collected of the current message but keep its data-block state, and drop the rest of it. */
  private startDropping(): void {
    this.dropping = true;
    this.lines = [];
    this.dataLines = [];
    this.heldBytes = 0;
    if (this.dataHead !== null) this.dataHead = { code: this.dataHead.code, text: '' };
  }

  private resetMessage(): void {
    this.lines = [];
    this.dataHead = null;
    this.dataLines = [];
    this.dropping = false;
    this.messageBytes = 0;
    this.heldBytes = 0;
  }
}

/** Parses "NNN" + separator at buf[start]; returns the code or -1. */
function statusCode(buf: Buffer, start: number, stop: number): number {
  if (stop - start < 4) return -1;
  const a = buf[start]! - 0x30;
  const b = buf[start + 1]! - 0x30;
  const c = buf[start + 2]! - 0x30;
  if (a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) return -1;
  const sep = buf[start + 3];
  if (sep !== 0x20 && sep !== 0x2d && sep !== 0x2b) return -1;
  return a * 100 + b * 10 + c;
}

function preview(buf: Buffer, start: number, stop: number): string {
  const text = buf.toString('latin1', start, Math.min(stop, start + 60));
  return JSON.stringify(text + (stop - start > 60 ? '…' : ''));
}
