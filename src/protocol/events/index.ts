// Asynchronous events (650 replies, control-spec §4.1) → typed TorEvent values.
// Unknown event types, keywords and enum values never throw: they become generic variants.
// SKELETON: the events engineer replaces this with the full set of parsers.

import { utf8FromByteString } from '../bytes.js';
import { ProtocolError } from '../errors.js';
import type { Reply } from '../reply.js';
import { splitArgs, tokenize } from '../tokens.js';

/** An event type ortop has no parser for (or tor invented after this was written). */
export interface UnknownEvent {
  readonly kind: 'unknown';
  readonly type: string;
  readonly positional: readonly string[];
  readonly keywords: ReadonlyMap<string, string>;
  /** The whole event text (first line, plus data blocks), UTF-8 decoded. */
  readonly raw: string;
}

/** An event whose syntax broke its grammar: kept raw, never thrown at listeners. */
export interface MalformedEvent {
  readonly kind: 'malformed';
  readonly type: string;
  readonly error: string;
  readonly raw: string;
}

export type TorEvent = UnknownEvent | MalformedEvent;

/** The event type word of a 650 reply ("BW", "CIRC", "NS", …) without parsing the rest. */
export function eventTypeOf(reply: Reply): string {
  const text = reply.lines[0]?.text ?? '';
  const sp = text.indexOf(' ');
  return sp < 0 ? text : text.slice(0, sp);
}

export function parseEvent(reply: Reply): TorEvent {
  const type = eventTypeOf(reply);
  const raw = utf8FromByteString(reply.lines.map((l) => (l.data === undefined ? l.text : `${l.text}\n${l.data}`)).join('\n'));
  try {
    const first = reply.lines[0]?.text ?? '';
    const { positional, keywords } = splitArgs(tokenize(first, type.length + 1));
    return { kind: 'unknown', type, positional, keywords, raw };
  } catch (e) {
    if (e instanceof ProtocolError) return { kind: 'malformed', type, error: e.message, raw };
    throw e;
  }
}
