// Removes secrets from recorded commands and messages before they reach the file: credentials and
// SAFECOOKIE nonces/hashes here; secret options' values (the table in src/protocol/secret-options.ts)
// and secret-looking values via src/protocol/redact-secrets.ts. Pure. Each removal is replaced by
// [REDACTED] and named, so a reader sees what was cut.

import { redactCommandText, redactMessageText } from '../protocol/redact-secrets.js';
import { REDACTED } from './format.js';
import { keywordOf } from './split.js';

export interface Redacted {
  readonly data: string;
  /** What was removed ("AUTHENTICATE credential", "Socks5ProxyPassword value", …); empty when nothing was. */
  readonly redacted: readonly string[];
}

/** A command ortop sent. AUTHENTICATE loses its argument; AUTHCHALLENGE its client nonce. */
export function redactCommand(command: string): Redacted {
  const keyword = keywordOf(command);
  const eol = /\r?\n$/.exec(command)?.[0] ?? '';
  if (keyword === 'AUTHENTICATE') {
    const hasArg = /^\S+[ \t]+\S/.test(command);
    return hasArg ? { data: `AUTHENTICATE ${REDACTED}${eol}`, redacted: ['AUTHENTICATE credential'] } : { data: command, redacted: [] };
  }
  if (keyword === 'AUTHCHALLENGE') {
    const m = /^(\S+[ \t]+\S+)[ \t]+\S/.exec(command);
    return m === null ? { data: command, redacted: [] } : { data: `${m[1]} ${REDACTED}${eol}`, redacted: ['AUTHCHALLENGE client nonce'] };
  }
  const clean = redactCommandText(command, REDACTED);
  return { data: clean.text, redacted: clean.removed };
}

/** A message tor sent. The AUTHCHALLENGE reply loses SERVERHASH and SERVERNONCE. */
export function redactMessage(message: string): Redacted {
  const challenge = /^250 AUTHCHALLENGE /.test(message);
  const data = challenge ? message.replace(/\b(SERVERHASH|SERVERNONCE)=[0-9A-Fa-f]+/g, `$1=${REDACTED}`) : message;
  const clean = redactMessageText(data, REDACTED);
  return { data: clean.text, redacted: [...(challenge ? ['AUTHCHALLENGE server hash and nonce'] : []), ...clean.removed] };
}
