// The recording file format, version 1: JSON lines. The first line is a header, then one entry per
// line in time order. Bytes are latin1 byte strings written as JSON strings with every byte outside
// printable ASCII escaped (\r, \n, \u00e9), so files are plain ASCII and diff well. Pure: no fs.
//
//   {"format":"ortop-control-recording","version":1,"startedAt":"2026-11-27T12:00:00.000Z","ortop":"0.1.0","target":"127.0.0.1:9051"}
//   {"ms":0,"session":1,"kind":"open","address":"127.0.0.1:9051"}
//   {"ms":1,"session":1,"kind":"sent","data":"PROTOCOLINFO 1\r\n"}
//   {"ms":2,"session":1,"kind":"received","data":"250-PROTOCOLINFO 1\r\n…250 OK\r\n"}
//   {"ms":3,"session":1,"kind":"sent","data":"AUTHENTICATE [REDACTED]\r\n","redacted":["AUTHENTICATE credential"]}
//   {"ms":9000,"session":1,"kind":"close","by":"tor","reason":"connection reset"}
//
// "ms" counts from startedAt. "received" is one whole reply or event; "sent" is one whole command.
// "close" by "ortop" means ortop closed the connection itself (quit, reconnect); by "tor" it went away.

import { SECRET_MASK } from '../protocol/secret-options.js';

export const RECORDING_FORMAT = 'ortop-control-recording';
export const RECORDING_VERSION = 1;
/** What replaces a secret in recorded bytes. */
export const REDACTED = SECRET_MASK;

export interface RecordingHeader {
  readonly format: typeof RECORDING_FORMAT;
  readonly version: number;
  readonly startedAt: string;
  readonly ortop: string;
  readonly target: string;
}

export type RecordingEntry =
  | { readonly kind: 'open'; readonly ms: number; readonly session: number; readonly address: string }
  | { readonly kind: 'sent'; readonly ms: number; readonly session: number; readonly data: string; readonly redacted?: readonly string[] }
  | { readonly kind: 'received'; readonly ms: number; readonly session: number; readonly data: string; readonly redacted?: readonly string[] }
  | { readonly kind: 'close'; readonly ms: number; readonly session: number; readonly by: 'ortop' | 'tor'; readonly reason?: string };

export interface Recording {
  readonly header: RecordingHeader;
  readonly entries: readonly RecordingEntry[];
}

export class RecordingFormatError extends Error {
  override readonly name = 'RecordingFormatError';
}

/** JSON.stringify, then every non-ASCII character (a latin1 byte 0x7f-0xff) as a \u escape. */
export function formatRecordingLine(value: RecordingHeader | RecordingEntry): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Parses a whole recording; errors name the line. Unknown fields are ignored (forward compatibility). */
export function parseRecording(text: string): Recording {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const header = parseHeader(lines[0] ?? '');
  const entries: RecordingEntry[] = [];
  let lastMs = 0;
  // A last line without its newline was cut off while being written (ortop killed, disk full).
  const cutOff = !text.endsWith('\n') && lines.length > 1 ? lines.length : undefined;
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    let entry: RecordingEntry;
    try {
      entry = parseEntry(line, i + 2);
    } catch (e) {
      if (i + 2 !== cutOff || !(e instanceof RecordingFormatError)) throw e;
      throw new RecordingFormatError(`${e.message}; it is the last line and has no newline, so the recording was cut off while it was written: remove that line to replay the rest`);
    }
    if (entry.ms < lastMs) throw new RecordingFormatError(`line ${i + 2}: time goes backwards (${entry.ms} ms after ${lastMs} ms)`);
    lastMs = entry.ms;
    entries.push(entry);
  });
  return { header, entries };
}

/** JSON.parse quotes the bad input: escaped, so a hostile file cannot reach the terminal through an error. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function parseJson(line: string, lineNo: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    throw new RecordingFormatError(`line ${lineNo}: not JSON (${printable((e as Error).message)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RecordingFormatError(`line ${lineNo}: expected a JSON object`);
  return value as Record<string, unknown>;
}

function parseHeader(line: string): RecordingHeader {
  if (line.trim() === '') throw new RecordingFormatError('empty file: not an ortop recording');
  const h = parseJson(line, 1);
  if (h.format !== RECORDING_FORMAT) throw new RecordingFormatError(`line 1: not an ortop recording (format ${printable(String(JSON.stringify(h.format)))})`);
  if (h.version !== RECORDING_VERSION) {
    throw new RecordingFormatError(`line 1: recording format version ${String(h.version)}; this ortop reads version ${RECORDING_VERSION}`);
  }
  return {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    startedAt: typeof h.startedAt === 'string' ? h.startedAt : '',
    ortop: typeof h.ortop === 'string' ? h.ortop : '',
    target: typeof h.target === 'string' ? h.target : '',
  };
}

function parseEntry(line: string, lineNo: number): RecordingEntry {
  const e = parseJson(line, lineNo);
  const where = `line ${lineNo}`;
  const ms = e.ms;
  const session = e.session;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new RecordingFormatError(`${where}: "ms" must be a non-negative number`);
  if (typeof session !== 'number' || !Number.isInteger(session) || session < 1) throw new RecordingFormatError(`${where}: "session" must be a positive integer`);
  const redacted = Array.isArray(e.redacted) ? e.redacted.filter((r): r is string => typeof r === 'string') : undefined;
  switch (e.kind) {
    case 'open':
      return { kind: 'open', ms, session, address: typeof e.address === 'string' ? e.address : '' };
    case 'sent':
    case 'received': {
      if (typeof e.data !== 'string') throw new RecordingFormatError(`${where}: "data" must be a string`);
      if (/[^\u0000-\u00ff]/.test(e.data)) throw new RecordingFormatError(`${where}: "data" must hold bytes (characters up to \\u00ff)`);
      return { kind: e.kind, ms, session, data: e.data, ...(redacted === undefined ? {} : { redacted }) };
    }
    case 'close':
      return { kind: 'close', ms, session, by: e.by === 'ortop' ? 'ortop' : 'tor', ...(typeof e.reason === 'string' ? { reason: e.reason } : {}) };
    default:
      throw new RecordingFormatError(`${where}: unknown entry kind ${printable(String(JSON.stringify(e.kind)))}`);
  }
}
