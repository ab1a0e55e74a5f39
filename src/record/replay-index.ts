// A recording prepared for playback: its sessions with their events, and every recorded reply keyed
// by the exact command it answered (replies pair with commands in order, as tor answers them), plus
// GETINFO answers per key. Pure: no clock, no transport.

import type { Recording } from './format.js';

export interface RecordedEvent {
  readonly ms: number;
  /** Event type as on the wire ("BW", "CIRC", "NS"). */
  readonly type: string;
  readonly data: string;
}

export interface ReplaySession {
  readonly id: number;
  readonly address: string;
  readonly openMs: number;
  /** undefined: the recording ended with this connection open. */
  readonly closeMs: number | undefined;
  readonly closedBy: 'ortop' | 'tor' | undefined;
  readonly events: readonly RecordedEvent[];
}

export interface RecordedReply {
  /** When the command was sent (recording time). */
  readonly ms: number;
  readonly data: string;
}

export interface ReplayIndex {
  readonly target: string;
  readonly sessions: readonly ReplaySession[];
  /** Command line(s) without the final line end → replies in time order. */
  readonly replies: ReadonlyMap<string, readonly RecordedReply[]>;
  /** GETINFO key → its part of a recorded reply ("250-key=value\r\n" or a "250+key=" data block). */
  readonly infoKeys: ReadonlyMap<string, readonly RecordedReply[]>;
}

/** "650 BW 1 2" → "BW", "650+NS" → "NS"; undefined for a reply (not 650). */
export function eventTypeOfMessage(data: string): string | undefined {
  const m = /^650[ \-+](\S*)/.exec(data);
  return m === null ? undefined : m[1]!;
}

export function commandKey(command: string): string {
  return command.replace(/\r?\n$/, '');
}

export function buildReplayIndex(recording: Recording): ReplayIndex {
  const sessions = new Map<number, { id: number; address: string; openMs: number; closeMs: number | undefined; closedBy: 'ortop' | 'tor' | undefined; events: RecordedEvent[]; waiting: { key: string; ms: number }[] }>();
  const replies = new Map<string, RecordedReply[]>();
  const infoKeys = new Map<string, RecordedReply[]>();
  const add = (map: Map<string, RecordedReply[]>, key: string, reply: RecordedReply) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [reply]);
    else list.push(reply);
  };
  const sessionOf = (id: number, ms: number) => {
    let s = sessions.get(id);
    if (s === undefined) {
      s = { id, address: '', openMs: ms, closeMs: undefined, closedBy: undefined, events: [], waiting: [] };
      sessions.set(id, s);
    }
    return s;
  };
  for (const entry of recording.entries) {
    const s = sessionOf(entry.session, entry.ms);
    switch (entry.kind) {
      case 'open':
        s.address = entry.address;
        s.openMs = entry.ms;
        break;
      case 'close':
        s.closeMs = entry.ms;
        s.closedBy = entry.by;
        break;
      case 'sent':
        s.waiting.push({ key: commandKey(entry.data), ms: entry.ms });
        break;
      case 'received': {
        const type = eventTypeOfMessage(entry.data);
        if (type !== undefined) {
          s.events.push({ ms: entry.ms, type, data: entry.data });
          break;
        }
        const command = s.waiting.shift();
        if (command === undefined) break;
        const reply = { ms: command.ms, data: entry.data };
        add(replies, command.key, reply);
        if (/^GETINFO\b/i.test(command.key) && entry.data.startsWith('250')) {
          for (const [key, part] of splitGetInfoReply(entry.data)) add(infoKeys, key, { ms: command.ms, data: part });
        }
        break;
      }
    }
  }
  const list = [...sessions.values()].sort((a, b) => a.openMs - b.openMs || a.id - b.id);
  return {
    target: recording.header.target,
    sessions: list.map(({ waiting: _w, ...s }) => s),
    replies,
    infoKeys,
  };
}

/**
 * Splits a successful GETINFO reply into its keys (control-spec §3.9):
 *   250-key=value CRLF   or   250+key= CRLF data "." CRLF   …   250 OK CRLF
 */
export function splitGetInfoReply(data: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = data.split(/(?<=\n)/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = /^250([-+])([^=\r\n]+)=/.exec(line);
    if (m === null) continue;
    let part = line;
    if (m[1] === '+') {
      while (i + 1 < lines.length) {
        const next = lines[++i]!;
        part += next;
        if (next.replace(/\r?\n$/, '') === '.') break;
      }
    }
    out.set(m[2]!, part);
  }
  return out;
}

/** The reply recorded latest at or before `ms`; the earliest one if all came later. */
export function replyAsOf(list: readonly RecordedReply[] | undefined, ms: number): RecordedReply | undefined {
  if (list === undefined || list.length === 0) return undefined;
  let best: RecordedReply | undefined;
  for (const r of list) {
    if (r.ms <= ms) best = r;
    else break;
  }
  return best ?? list[0];
}

