// Error types of the control protocol layer.
// ProtocolError (kind 'protocol-violation'): tor (or something pretending to be tor) sent bytes that
// break the grammar. ReplyError (kind 'command-refused'): a well-formed reply in which tor refused a
// command (4xx/5xx); its message quotes tor's text escaped and capped (quoteUntrusted), safe to print.
import { quoteUntrusted } from './untrusted-text.js';

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly kind = 'protocol-violation';
  constructor(message: string) {
    super(message);
  }
}

export class ReplyError extends Error {
  override readonly name = 'ReplyError';
  readonly kind = 'command-refused';
  /** Status code of the reply's final line, e.g. 552. */
  readonly code: number;
  /** Text of the reply's lines after the status code, joined with '\n' (UTF-8 decoded). */
  readonly replyText: string;
  /** For 552 "Unrecognized key/option/event" replies: the names tor did not know. */
  readonly unrecognized: readonly string[];
  constructor(command: string, code: number, replyText: string, unrecognized: readonly string[] = []) {
    super(`${command} failed: ${code} ${quoteReplyLines(replyText)}`);
    this.code = code;
    this.replyText = replyText;
    this.unrecognized = unrecognized;
  }
}

/** tor's reply lines, each escaped and capped, at most 20 of them (a hostile tor may send a million). */
function quoteReplyLines(text: string): string {
  const lines = text.split('\n');
  const shown = lines.slice(0, 20).map((line) => quoteUntrusted(line, 500));
  return lines.length > shown.length ? `${shown.join('\n')}\n… (${lines.length - shown.length} more lines)` : shown.join('\n');
}
