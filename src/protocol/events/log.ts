// Log events DEBUG/INFO/NOTICE/WARN/ERR (control-spec §4.1.5): one variant for all five runlevels.
// The message is raw bytes from tor (may be non-UTF-8): kept as a byte string and decoded for display.
// No sanitising here — the terminal layer strips control characters before drawing.

import { utf8FromByteString } from '../bytes.js';
import type { Reply } from '../reply.js';

export type LogRunlevel = 'DEBUG' | 'INFO' | 'NOTICE' | 'WARN' | 'ERR';

/**
 * "650" SP Severity SP ReplyText CRLF, or the legacy multi-line form
 * "650+" Severity CRLF *(Line CRLF) "." CRLF "650 OK" CRLF
 */
export interface LogEvent {
  readonly kind: 'log';
  readonly type: LogRunlevel;
  readonly runlevel: LogRunlevel;
  /** UTF-8 decoded (invalid sequences → U+FFFD); lines of the legacy form joined with '\n'. */
  readonly message: string;
  /** The same text as a latin1 byte string, exactly as tor sent it. */
  readonly messageBytes: string;
}

export function isLogRunlevel(type: string): type is LogRunlevel {
  return type === 'NOTICE' || type === 'INFO' || type === 'WARN' || type === 'DEBUG' || type === 'ERR';
}

export function parseLogEvent(reply: Reply, runlevel: LogRunlevel): LogEvent {
  const first = reply.lines[0]!;
  const head = first.text.length > runlevel.length ? first.text.slice(runlevel.length + 1) : '';
  const messageBytes = first.data === undefined ? head : head.length > 0 ? `${head}\n${first.data}` : first.data;
  return { kind: 'log', type: runlevel, runlevel, message: utf8FromByteString(messageBytes), messageBytes };
}
