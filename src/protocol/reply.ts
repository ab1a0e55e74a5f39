// The framed reply types shared by the framer and every parser.
// A Reply is one complete message from tor: a command reply or (code 650) an asynchronous event.

export type LineSeparator = '-' | '+' | ' ';

export interface ReplyLine {
  readonly code: number;
  readonly separator: LineSeparator;
  /** Text after "NNN<sep>", as a latin1 byte string (one char per byte; see bytes.ts). */
  readonly text: string;
  /** For '+' lines: the decoded data block (dot-unstuffed, lines joined with '\n'), as a byte string. */
  readonly data?: string;
}

export interface Reply {
  /** Status code of the final line; 650 means an asynchronous event. */
  readonly code: number;
  readonly lines: readonly ReplyLine[];
}

export const EVENT_CODE = 650;

export function isEvent(reply: Reply): boolean {
  return reply.code === EVENT_CODE;
}

export function isOk(reply: Reply): boolean {
  return reply.code >= 200 && reply.code < 300;
}
