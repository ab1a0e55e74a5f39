// One log entry and how it is made: from a tor event (log runlevels, BW, any other event's own
// text), from ortop's own messages, or from a line of tor's log file. Messages are sanitised
// once here (no control characters or escape sequences survive) and cut to a sane length, and every
// entry loses the values of secret options (src/protocol/secret-options.ts) before it is kept, so the
// screen, save-log and write_logs_to never see them.
import { utf8FromByteString } from '../../protocol/bytes.js';
import { redactReply, redactSecretsInText } from '../../protocol/redact-secrets.js';
import { SECRET_MASK } from '../../protocol/secret-options.js';
import type { TorEvent } from '../../protocol/events/index.js';
import type { Reply } from '../../protocol/reply.js';
import { sanitizeLine } from '../../terminal/sanitize.js';
import { dedupKey } from './dedup-patterns.js';

export type LogSource = 'tor' | 'ortop' | 'backlog';

export interface LogEntry {
  /** Arrival order: live entries count up from 0, backlog entries down from -1. */
  readonly seq: number;
  readonly atMs: number;
  /** 'NOTICE', 'ORTOP_WARN', 'CIRC', … */
  readonly type: string;
  /** One sanitised line. */
  readonly message: string;
  readonly source: LogSource;
  /** Local calendar day (days since the epoch in local time), for dividers and dedup. */
  readonly day: number;
  /** type + day + dedup key: entries sharing it are duplicates. */
  readonly groupKey: string;
}

export type NewLogEntry = Omit<LogEntry, 'seq' | 'day' | 'groupKey'>;

/** Longest message kept (tor's own lines stay under 400 bytes; other events can be long). */
export const MAX_MESSAGE_CHARS = 2000;

const DAY_MS = 86_400_000;

let dayCache = { fromMs: 0, toMs: -1, day: 0 };

/** Days since the epoch in local time. Instants within the last day asked about cost no Date. */
export function localDay(atMs: number): number {
  if (atMs >= dayCache.fromMs && atMs < dayCache.toMs) return dayCache.day;
  const d = new Date(atMs);
  const day = Math.floor((atMs - d.getTimezoneOffset() * 60_000) / DAY_MS);
  const fromMs = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const toMs = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
  // A local day is 23-25 hours long across DST changes; cache only when the day number agrees.
  if (Math.floor((fromMs - new Date(fromMs).getTimezoneOffset() * 60_000) / DAY_MS) === day) dayCache = { fromMs, toMs, day };
  return day;
}

/** A complete entry from its fields (seq is the buffer's); the one way into a log buffer. */
export function makeLogEntry(seq: number, fields: NewLogEntry): LogEntry {
  const day = localDay(fields.atMs);
  const message = redactSecretsInText(fields.message, SECRET_MASK);
  return {
    seq,
    atMs: fields.atMs,
    type: fields.type,
    message,
    source: fields.source,
    day,
    groupKey: `${fields.type}\u0000${day}\u0000${dedupKey(message, fields.type)}`,
  };
}

/** Untrusted text → one display-safe line of bounded length. */
export function cleanMessage(text: string): string {
  const cut = text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
  return sanitizeLine(cut.includes('\n') ? cut.replace(/\r?\n/g, ' ') : cut);
}

const MAX_EXTRA_LINES = 8;

/**
 * The type and text a tor event is logged with: log runlevels their message, BW as
 * "READ: n, WRITTEN: n" (as Nyx), anything else its own text after the type word, with the
 * lines of multi-line events joined and data blocks counted.
 */
export function describeEvent(event: TorEvent, framed: Reply): { type: string; message: string } {
  if (event.kind === 'log') return { type: event.runlevel, message: cleanMessage(event.message) };
  if (event.kind === 'BW') return { type: 'BW', message: `READ: ${event.readBytes}, WRITTEN: ${event.writtenBytes}` };
  // Line by line first: once CONF_CHANGED's lines are joined, a value's end is no longer known.
  const reply = redactReply(framed, SECRET_MASK);
  const first = reply.lines[0];
  const head = first?.text ?? '';
  const space = head.indexOf(' ');
  const type = (space < 0 ? head : head.slice(0, space)).toUpperCase();
  const parts: string[] = [];
  if (space >= 0) parts.push(head.slice(space + 1));
  const middle = reply.lines.slice(1, -1).map((l) => l.text);
  if (middle.length > 0) parts.push(middle.slice(0, MAX_EXTRA_LINES).join(', ') + (middle.length > MAX_EXTRA_LINES ? `, … (${middle.length} lines)` : ''));
  if (first?.data !== undefined) {
    const lines = first.data === '' ? 0 : first.data.split('\n').length;
    parts.push(`(${lines} line${lines === 1 ? '' : 's'} of data)`);
  }
  return { type, message: cleanMessage(utf8FromByteString(parts.join(' '))) };
}
