// The two catch-all variants: events ortop has no parser for (kept split into positional and
// keyword arguments) and events whose syntax broke their grammar (kept raw with the reason).
// Both exist so that no event is ever thrown at a listener or silently dropped.

import { utf8FromByteString } from '../bytes.js';
import type { Reply } from '../reply.js';
import { splitArgs, tokenize } from '../tokens.js';

/** An event type ortop has no parser for (or tor invented after this was written). */
export interface UnknownEvent {
  readonly kind: 'unknown';
  readonly type: string;
  /** Positional arguments after the type word (quoted ones decoded), UTF-8 decoded. */
  readonly positional: readonly string[];
  readonly keywords: ReadonlyMap<string, string>;
  /** The whole event text (first line, plus data blocks and further lines), UTF-8 decoded. */
  readonly raw: string;
}

/** An event whose syntax broke its grammar: kept raw, never thrown at listeners. */
export interface MalformedEvent {
  readonly kind: 'malformed';
  readonly type: string;
  /** What was wrong, e.g. 'CIRC: circuit id must be 1-16 letters or digits, got "toolong8901234567"'. */
  readonly error: string;
  readonly raw: string;
}

/** All lines of a reply as display text: data blocks follow their line, lines joined with '\n'. */
export function rawTextOf(reply: Reply): string {
  let out = '';
  for (let i = 0; i < reply.lines.length; i++) {
    const l = reply.lines[i]!;
    if (i > 0) out += '\n';
    out += l.data === undefined ? l.text : `${l.text}\n${l.data}`;
  }
  return utf8FromByteString(out);
}

export function parseUnknownEvent(reply: Reply, type: string): UnknownEvent {
  const first = reply.lines[0]?.text ?? '';
  const { positional, keywords } = splitArgs(tokenize(first, type.length + 1));
  for (const [k, v] of keywords) keywords.set(k, utf8FromByteString(v));
  return { kind: 'unknown', type, positional: positional.map(utf8FromByteString), keywords, raw: rawTextOf(reply) };
}

export function malformedEvent(reply: Reply, type: string, error: string): MalformedEvent {
  return { kind: 'malformed', type, error, raw: rawTextOf(reply) };
}
