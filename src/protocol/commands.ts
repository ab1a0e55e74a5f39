// Formatting of commands sent to tor (control-spec §2.2, §3). Output is a Unicode string that the
// transport encodes as UTF-8; every command ends with CRLF. No I/O.
//   QuotedString = DQUOTE *qcontent DQUOTE   ; we escape \ " CR LF TAB and pass UTF-8 raw

import { ProtocolError } from './errors.js';

const CRLF = '\r\n';

/** Quotes a value for SETCONF and friends: "a \"b\"\nc" — escaping \, ", CR, LF and TAB. */
export function quoteString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    switch (ch) {
      case '\\': out += '\\\\'; break;
      case '"': out += '\\"'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      default: out += ch;
    }
  }
  return `${out}"`;
}

/** A bare word argument (key, event name, signal): must not contain spaces, quotes or control chars. */
export function checkWord(word: string, what: string): string {
  // eslint-disable-next-line no-control-regex
  if (word.length === 0 || /[\s"\u0000-\u001f\u007f]/.test(word)) {
    throw new ProtocolError(`invalid ${what}: ${JSON.stringify(word)}`);
  }
  return word;
}

export function formatCommand(keyword: string, args: readonly string[] = []): string {
  const line = args.length === 0 ? keyword : `${keyword} ${args.join(' ')}`;
  if (/[\r\n]/.test(line)) throw new ProtocolError(`command must not contain a line break: ${JSON.stringify(line)}`);
  return line + CRLF;
}

/** A multi-line command ("+KEYWORD ...", data, "."), dot-stuffing the data (control-spec §2.2). */
export function formatMultiLineCommand(keyword: string, args: readonly string[], data: string): string {
  const head = formatCommand(`+${keyword}`, args);
  const lines = data.replace(/\r\n/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const body = lines.map((l) => (l.startsWith('.') ? `.${l}` : l)).join(CRLF);
  return `${head}${body}${body.length > 0 ? CRLF : ''}.${CRLF}`;
}

export function formatGetInfo(keys: readonly string[]): string {
  return formatCommand('GETINFO', keys.map((k) => checkWord(k, 'GETINFO key')));
}

export function formatGetConf(keys: readonly string[]): string {
  return formatCommand('GETCONF', keys.map((k) => checkWord(k, 'option name')));
}

/** One option assignment: a value of null means "Key" alone (set to 0/empty), a list repeats the key. */
export type ConfValue = string | readonly string[] | null;

export function formatSetConf(options: ReadonlyArray<readonly [string, ConfValue]>, keyword = 'SETCONF'): string {
  const args: string[] = [];
  for (const [key, value] of options) {
    checkWord(key, 'option name');
    if (value === null) args.push(key);
    else if (typeof value === 'string') args.push(`${key}=${quoteString(value)}`);
    else for (const v of value) args.push(`${key}=${quoteString(v)}`);
  }
  return formatCommand(keyword, args);
}

export function formatResetConf(keys: readonly string[]): string {
  return formatCommand('RESETCONF', keys.map((k) => checkWord(k, 'option name')));
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
  return formatCommand('AUTHCHALLENGE', ['SAFECOOKIE', checkWord(clientNonceHex, 'nonce')]);
}

/** AUTHENTICATE with hex (cookie / SAFECOOKIE response), a quoted password, or nothing. */
export function formatAuthenticate(secret: { hex: string } | { password: string } | null): string {
  if (secret === null) return formatCommand('AUTHENTICATE');
  if ('hex' in secret) return formatCommand('AUTHENTICATE', [checkWord(secret.hex, 'hex secret')]);
  // Hex-encoding the password avoids any quoting question and keeps CR/LF impossible.
  if (secret.password === '') return formatCommand('AUTHENTICATE', ['""']);
  return formatCommand('AUTHENTICATE', [Buffer.from(secret.password, 'utf8').toString('hex').toUpperCase()]);
}

export function formatCloseCircuit(circuitId: string): string {
  return formatCommand('CLOSECIRCUIT', [checkWord(circuitId, 'circuit id')]);
}
