// Formatting of commands sent to tor (control-spec §2.2, §3). Output is a Unicode string that the
// transport encodes as UTF-8; every command ends with CRLF. Refuses (ProtocolError) anything that
// could end a command early or smuggle a second one: raw CR/LF/NUL, spaces or '=' in names. No I/O.
//   QuotedString = DQUOTE *qcontent DQUOTE   ; we escape \ " CR LF TAB and pass UTF-8 raw

import { ProtocolError } from './errors.js';

const CRLF = '\r\n';

/**
 * Quotes a value for SETCONF and friends: "a \"b\"\nc" — escaping \, ", CR, LF and TAB.
 * tor decodes these values as C strings and cannot hold a NUL, so a NUL is refused.
 */
export function quoteString(value: string): string {
  if (value.includes('\0')) throw new ProtocolError(`value must not contain NUL: ${JSON.stringify(value)}`);
  return `"${value.replace(/[\\"\n\r\t]/g, (ch) => QUOTE_ESCAPES[ch]!)}"`;
}

const QUOTE_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A bare word argument (key, event name, signal): must not contain spaces, quotes or control chars. */
export function checkWord(word: string, what: string): string {
  // eslint-disable-next-line no-control-regex
  if (word.length === 0 || /[\s"\u0000-\u001f\u007f]/.test(word)) {
    throw new ProtocolError(`invalid ${what}: ${JSON.stringify(word)}`);
  }
  return word;
}

/** A configuration option name: letters, digits and '_' only (tor's own names never have more). */
export function checkOptionName(name: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new ProtocolError(`invalid option name: ${JSON.stringify(name)}`);
  return name;
}

/** Hex digits (case-insensitive), an even number of them, at least one byte. */
export function checkHex(hex: string, what: string): string {
  if (!/^(?:[0-9A-Fa-f]{2})+$/.test(hex)) throw new ProtocolError(`${what} must be an even number of hex digits: ${JSON.stringify(hex)}`);
  return hex;
}

export function formatCommand(keyword: string, args: readonly string[] = []): string {
  const line = args.length === 0 ? keyword : `${keyword} ${args.join(' ')}`;
  if (/[\r\n\0]/.test(line)) throw new ProtocolError(`command must not contain CR, LF or NUL: ${JSON.stringify(line)}`);
  return line + CRLF;
}

/**
 * A multi-line command ("+KEYWORD ...", data lines, "."), dot-stuffing the data (control-spec §2.2):
 *   formatMultiLineCommand('LOADCONF', [], 'a\n.b\n') === '+LOADCONF\r\na\r\n..b\r\n.\r\n'
 * LF or CRLF end data lines; a final line end is optional; a lone CR or a NUL is refused.
 */
export function formatMultiLineCommand(keyword: string, args: readonly string[], data: string): string {
  const head = formatCommand(`+${keyword}`, args);
  const lines = data.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  // eslint-disable-next-line no-control-regex
  if (lines.some((l) => /[\r\0]/.test(l))) throw new ProtocolError('command data must not contain a lone CR or NUL');
  return `${head}${lines.map((l) => (l.startsWith('.') ? `.${l}${CRLF}` : `${l}${CRLF}`)).join('')}.${CRLF}`;
}

export function formatGetInfo(keys: readonly string[]): string {
  return formatCommand('GETINFO', keys.map((k) => checkWord(k, 'GETINFO key')));
}

export function formatGetConf(keys: readonly string[]): string {
  return formatCommand('GETCONF', keys.map(checkOptionName));
}

/**
 * One option assignment: null (or an empty list) means "Key" alone (set to 0/empty), a list repeats the key.
 *   formatSetConf([['Log', ['notice stdout', 'info file x']], ['ExitPolicy', null]])
 *     === 'SETCONF Log="notice stdout" Log="info file x" ExitPolicy\r\n'
 */
export type ConfValue = string | readonly string[] | null;

export function formatSetConf(options: ReadonlyArray<readonly [string, ConfValue]>, keyword = 'SETCONF'): string {
  const args: string[] = [];
  for (const [key, value] of options) {
    checkOptionName(key);
    if (value === null || (typeof value !== 'string' && value.length === 0)) args.push(key);
    else if (typeof value === 'string') args.push(`${key}=${quoteString(value)}`);
    else for (const v of value) args.push(`${key}=${quoteString(v)}`);
  }
  return formatCommand(keyword, args);
}

export function formatResetConf(keys: readonly string[]): string {
  return formatCommand('RESETCONF', keys.map(checkOptionName));
}

export function formatSetEvents(events: readonly string[]): string {
  return formatCommand('SETEVENTS', events.map((e) => checkWord(e, 'event name')));
}

export function formatSignal(signal: string): string {
  return formatCommand('SIGNAL', [checkWord(signal, 'signal')]);
}

export function formatSaveConf(force: boolean): string {
  return formatCommand('SAVECONF', force ? ['FORCE'] : []);
}

export function formatProtocolInfo(): string {
  return formatCommand('PROTOCOLINFO', ['1']);
}

export function formatAuthChallenge(clientNonceHex: string): string {
  return formatCommand('AUTHCHALLENGE', ['SAFECOOKIE', checkHex(clientNonceHex, 'client nonce')]);
}

/**
 * AUTHENTICATE with hex (cookie / SAFECOOKIE response), a password, or nothing (NULL auth).
 * A password is sent as the hex of its UTF-8 bytes; the empty password as "".
 */
export function formatAuthenticate(secret: { hex: string } | { password: string } | null): string {
  if (secret === null) return formatCommand('AUTHENTICATE');
  if ('hex' in secret) return formatCommand('AUTHENTICATE', [checkHex(secret.hex, 'AUTHENTICATE secret')]);
  // Hex-encoding the password avoids any quoting question and keeps CR/LF impossible.
  if (secret.password === '') return formatCommand('AUTHENTICATE', ['""']);
  return formatCommand('AUTHENTICATE', [Buffer.from(secret.password, 'utf8').toString('hex').toUpperCase()]);
}

export function formatCloseCircuit(circuitId: string): string {
  return formatCommand('CLOSECIRCUIT', [checkWord(circuitId, 'circuit id')]);
}
