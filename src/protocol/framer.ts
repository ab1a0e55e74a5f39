// Push framer: bytes from tor in, complete replies out (control-spec §2.3, §2.4, §4).
// Sans-IO: no sockets, timers or clock. Never throws; malformed input becomes an 'error' output
// and the framer resynchronises on the next line. Memory is bounded by maxMessageBytes.
//
//   Reply     = *(MidReplyLine / DataReplyLine) EndReplyLine
//   MidReplyLine  = StatusCode "-" ReplyLine
//   DataReplyLine = StatusCode "+" ReplyLine CmdData
//   EndReplyLine  = StatusCode SP ReplyLine
//   CmdData   = *DataLine "." CRLF      ; lines starting with "." get one extra "."

import { ProtocolError } from './errors.js';
import type { LineSeparator, Reply, ReplyLine } from './reply.js';

export type FramerOutput =
  | { readonly kind: 'reply'; readonly reply: Reply }
  | { readonly kind: 'error'; readonly error: ProtocolError };

export interface FramerOptions {
  /** Largest message (all its lines and data) accepted before it is dropped with an error. Default 64 MiB. */
  readonly maxMessageBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export class Framer {
  private readonly maxMessageBytes: number;
  private carry: Buffer | null = null;
  private lines: ReplyLine[] = [];
  private messageBytes = 0;
  /** Set while inside a data block: the '+' line waiting for its data. */
  private dataHead: { code: number; text: string } | null = null;
  private dataLines: string[] = [];
  /** After an oversized line: drop bytes up to the next LF. */
  private skippingLine = false;
  /** After an oversized message: drop lines up to the message's end line. */
  private skippingMessage = false;

  constructor(options: FramerOptions = {}) {
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  /** True when no partial message or line is buffered. */
  get idle(): boolean {
    return this.carry === null && this.lines.length === 0 && this.dataHead === null && !this.skippingMessage;
  }

  /** Bytes currently buffered (partial line). */
  get bufferedBytes(): number {
    return this.carry?.length ?? 0;
  }

  push(chunk: Uint8Array): FramerOutput[] {
    const out: FramerOutput[] = [];
    let buf: Buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carry !== null) {
      buf = Buffer.concat([this.carry, buf]);
      this.carry = null;
    }
    let start = 0;
    const end = buf.length;
    while (start < end) {
      const lf = buf.indexOf(LF, start);
      if (lf < 0) {
        if (this.skippingLine) return out;
        const rest = end - start;
        if (rest + this.messageBytes > this.maxMessageBytes) {
          this.fail(out, `line longer than ${this.maxMessageBytes} bytes without a line end`);
          this.skippingLine = true;
          return out;
        }
        this.carry = Buffer.from(buf.subarray(start, end));
        return out;
      }
      if (this.skippingLine) {
        this.skippingLine = false;
        start = lf + 1;
        continue;
      }
      if (lf === start || buf[lf - 1] !== CR) {
        this.fail(out, `line does not end with CRLF: ${preview(buf, start, lf)}`);
        start = lf + 1;
        continue;
      }
      this.takeLine(buf, start, lf - 1, out);
      start = lf + 1;
    }
    return out;
  }

  private takeLine(buf: Buffer, start: number, stop: number, out: FramerOutput[]): void {
    const length = stop - start;
    this.messageBytes += length + 2;
    if (this.messageBytes > this.maxMessageBytes && !this.skippingMessage) {
      this.fail(out, `message larger than ${this.maxMessageBytes} bytes`);
      this.skippingMessage = true;
      this.messageBytes = 0;
    }

    if (this.dataHead !== null) {
      if (length === 1 && buf[start] === 0x2e) {
        const data = this.dataLines.join('\n');
        if (!this.skippingMessage) {
          this.lines.push({ code: this.dataHead.code, separator: '+', text: this.dataHead.text, data });
        }
        this.dataHead = null;
        this.dataLines = [];
        return;
      }
      if (this.skippingMessage) return;
      const from = length >= 1 && buf[start] === 0x2e ? start + 1 : start;
      this.dataLines.push(buf.toString('latin1', from, stop));
      return;
    }

    const code = statusCode(buf, start, length);
    if (code < 0) {
      this.fail(out, `malformed reply line: ${preview(buf, start, stop)}`);
      return;
    }
    const sepByte = buf[start + 3];
    const separator: LineSeparator = sepByte === 0x20 ? ' ' : sepByte === 0x2d ? '-' : '+';
    const text = buf.toString('latin1', start + 4, stop);

    if (separator === '+') {
      this.dataHead = { code, text };
      return;
    }
    if (this.skippingMessage) {
      if (separator === ' ') {
        this.skippingMessage = false;
        this.reset();
      }
      return;
    }
    this.lines.push({ code, separator, text });
    if (separator === ' ') {
      out.push({ kind: 'reply', reply: { code, lines: this.lines } });
      this.lines = [];
      this.messageBytes = 0;
    }
  }

  private fail(out: FramerOutput[], message: string): void {
    out.push({ kind: 'error', error: new ProtocolError(message) });
    this.reset();
  }

  private reset(): void {
    this.lines = [];
    this.dataHead = null;
    this.dataLines = [];
    this.messageBytes = 0;
  }
}

/** Parses "NNN" + separator; returns the code or -1. */
function statusCode(buf: Buffer, start: number, length: number): number {
  if (length < 4) return -1;
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
