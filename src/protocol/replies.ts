// Parsers for command replies (control-spec §3.3, §3.9, §3.21, §3.24) and the shared reply checks.
// Input: framed Reply; output: typed, readonly values. Raise ReplyError when tor refused,
// ProtocolError when the reply breaks the grammar. No I/O.

import { utf8FromByteString } from './bytes.js';
import { unquote } from './cstring.js';
import { ProtocolError, ReplyError } from './errors.js';
import type { Reply } from './reply.js';
import { isOk } from './reply.js';
import { splitArgs, tokenize } from './tokens.js';

/** Text of all lines (UTF-8 decoded for display), joined with '\n'. */
export function replyText(reply: Reply): string {
  return reply.lines.map((l) => utf8FromByteString(l.data === undefined ? l.text : `${l.text}\n${l.data}`)).join('\n');
}

/** Throws ReplyError unless every line of the reply is 2xx. Returns the reply. */
export function expectOk(reply: Reply, command: string): Reply {
  const bad = reply.lines.find((l) => l.code < 200 || l.code >= 300);
  if (bad === undefined && isOk(reply)) return reply;
  const failing = reply.lines.filter((l) => l.code >= 400);
  const code = (failing[failing.length - 1] ?? reply.lines[reply.lines.length - 1])?.code ?? reply.code;
  const unrecognized: string[] = [];
  for (const l of failing) {
    const m = /^Unrecognized (?:key|configuration key|event|signal code|feature|option:.*?option) "?'?([^"']+)["']?/.exec(l.text);
    if (m !== null) unrecognized.push(utf8FromByteString(m[1]!));
  }
  const text = failing.length > 0 ? failing.map((l) => utf8FromByteString(l.text)).join('\n') : replyText(reply);
  throw new ReplyError(command, code, text, unrecognized);
}

/**
 * GETINFO reply → key → value (UTF-8 decoded). Data-block values keep their '\n' line breaks.
 *   250-key=value / 250+key=\r\n<data>.\r\n ... 250 OK
 * 551/552 are all-or-nothing: the whole reply becomes a ReplyError.
 */
export function parseGetInfo(reply: Reply, requested?: readonly string[]): Map<string, string> {
  expectOk(reply, 'GETINFO');
  const values = new Map<string, string>();
  const lines = reply.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.separator === ' ' && i === lines.length - 1) {
      if (line.text === 'OK') break;
    }
    const eq = line.text.indexOf('=');
    if (eq <= 0) throw new ProtocolError(`GETINFO line without key=value: ${JSON.stringify(line.text.slice(0, 80))}`);
    const key = line.text.slice(0, eq);
    if (line.data !== undefined) {
      if (eq !== line.text.length - 1) {
        throw new ProtocolError(`GETINFO data value for ${key} must start on the next line`);
      }
      values.set(key, utf8FromByteString(line.data));
    } else {
      values.set(key, utf8FromByteString(line.text.slice(eq + 1)));
    }
  }
  if (requested !== undefined) {
    for (const key of requested) {
      if (!values.has(key)) throw new ProtocolError(`GETINFO reply lacks the requested key ${key}`);
    }
  }
  return values;
}

/** One GETCONF entry: value null means the bare "Key" form (default / unset). */
export interface ConfEntry {
  readonly key: string;
  readonly value: string | null;
}

/**
 * GETCONF reply → entries in order (repeated keys for LineList options).
 *   250-Key=Value / 250 Key / 250+Key= CRLF CmdData  — the value is the raw rest of the line (spaces
 *   allowed), a CString when it starts with '"', or the data block; "250 OK" alone (no keys) → [].
 */
export function parseGetConf(reply: Reply): ConfEntry[] {
  expectOk(reply, 'GETCONF');
  const entries: ConfEntry[] = [];
  for (const line of reply.lines) {
    if (line.separator === ' ' && line.text === 'OK' && entries.length === 0 && reply.lines.length === 1) break;
    const eq = line.text.indexOf('=');
    if (eq === 0 || line.text.length === 0) {
      throw new ProtocolError(`GETCONF line without a key: ${JSON.stringify(line.text.slice(0, 80))}`);
    }
    if (line.data !== undefined) {
      // "250+Key=" CRLF data: tor's form for a value holding a line break.
      if (eq !== line.text.length - 1) throw new ProtocolError(`GETCONF data value must follow "Key=": ${JSON.stringify(line.text.slice(0, 80))}`);
      entries.push({ key: line.text.slice(0, eq), value: utf8FromByteString(line.data) });
      continue;
    }
    if (eq < 0) {
      entries.push({ key: line.text, value: null });
      continue;
    }
    const raw = line.text.slice(eq + 1);
    entries.push({ key: line.text.slice(0, eq), value: utf8FromByteString(raw.startsWith('"') ? unquote(raw) : raw) });
  }
  return entries;
}

/** GETCONF entries grouped: key → list of values ([] = default/unset). Key case as tor echoed it. */
export function groupConf(entries: readonly ConfEntry[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, value } of entries) {
    let list = map.get(key);
    if (list === undefined) {
      list = [];
      map.set(key, list);
    }
    if (value !== null) list.push(value);
  }
  return map;
}

export type AuthMethod = 'NULL' | 'HASHEDPASSWORD' | 'COOKIE' | 'SAFECOOKIE';

export interface ProtocolInfo {
  readonly protocolVersion: number;
  readonly authMethods: readonly AuthMethod[];
  /** Methods tor listed that this client does not know. */
  readonly unknownAuthMethods: readonly string[];
  /** Cookie file paths as byte strings decoded to UTF-8 (may be relative). */
  readonly cookieFiles: readonly string[];
  /** Raw byte-string form of the cookie paths (for non-UTF-8 file names). */
  readonly cookieFileBytes: readonly string[];
  readonly torVersion: string | undefined;
}

const KNOWN_AUTH = new Set<string>(['NULL', 'HASHEDPASSWORD', 'COOKIE', 'SAFECOOKIE']);

/**
 * PROTOCOLINFO reply (control-spec §3.21):
 *   250-PROTOCOLINFO PIVERSION / 250-AUTH METHODS=a,b [COOKIEFILE="path"]* / 250-VERSION Tor="v" / 250 OK
 * Unknown info lines and extra data are ignored.
 */
export function parseProtocolInfo(reply: Reply): ProtocolInfo {
  expectOk(reply, 'PROTOCOLINFO');
  let protocolVersion = -1;
  const authMethods: AuthMethod[] = [];
  const unknownAuthMethods: string[] = [];
  const cookieFileBytes: string[] = [];
  let torVersion: string | undefined;
  for (const line of reply.lines) {
    const sp = line.text.indexOf(' ');
    const word = sp < 0 ? line.text : line.text.slice(0, sp);
    const rest = sp < 0 ? '' : line.text.slice(sp + 1);
    if (word === 'PROTOCOLINFO') {
      const v = rest.trim().split(' ')[0] ?? '';
      if (!/^\d{1,9}$/.test(v)) throw new ProtocolError(`PROTOCOLINFO version is not a number: ${JSON.stringify(rest)}`);
      protocolVersion = Number(v);
    } else if (word === 'AUTH') {
      for (const t of tokenize(rest)) {
        if (t.key === 'METHODS') {
          for (const m of t.value.split(',')) {
            if (m === '') continue;
            if (KNOWN_AUTH.has(m)) authMethods.push(m as AuthMethod);
            else unknownAuthMethods.push(m);
          }
        } else if (t.key === 'COOKIEFILE') {
          cookieFileBytes.push(t.value);
        }
      }
    } else if (word === 'VERSION') {
      const { keywords } = splitArgs(tokenize(rest));
      torVersion = keywords.get('Tor');
    }
  }
  if (protocolVersion < 0) throw new ProtocolError('PROTOCOLINFO reply lacks the PROTOCOLINFO line');
  return {
    protocolVersion,
    authMethods,
    unknownAuthMethods,
    cookieFiles: cookieFileBytes.map(utf8FromByteString),
    cookieFileBytes,
    torVersion,
  };
}

export interface AuthChallenge {
  readonly serverHash: Uint8Array;
  readonly serverNonce: Uint8Array;
}

/** "250 AUTHCHALLENGE SERVERHASH=<64 hex> SERVERNONCE=<64 hex>" (control-spec §3.24). */
export function parseAuthChallenge(reply: Reply): AuthChallenge {
  expectOk(reply, 'AUTHCHALLENGE');
  const line = reply.lines[0]!.text;
  if (!line.startsWith('AUTHCHALLENGE ')) throw new ProtocolError(`not an AUTHCHALLENGE reply: ${JSON.stringify(line.slice(0, 80))}`);
  const { keywords } = splitArgs(tokenize(line, 'AUTHCHALLENGE '.length));
  const hash = keywords.get('SERVERHASH');
  const nonce = keywords.get('SERVERNONCE');
  return { serverHash: hex32(hash, 'SERVERHASH'), serverNonce: hex32(nonce, 'SERVERNONCE') };
}

function hex32(value: string | undefined, name: string): Uint8Array {
  if (value === undefined || !/^[0-9A-Fa-f]{64}$/.test(value)) {
    throw new ProtocolError(`AUTHCHALLENGE ${name} must be 64 hex digits, got ${JSON.stringify(value ?? '(missing)')}`);
  }
  return Uint8Array.from(Buffer.from(value, 'hex'));
}

/** A single-line "250 OK"-style reply: returns the text of the final line. */
export function parseSingleLine(reply: Reply, command: string): string {
  expectOk(reply, command);
  return utf8FromByteString(reply.lines[reply.lines.length - 1]!.text);
}

