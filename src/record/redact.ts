// Removes secrets from recorded commands and messages before they reach the file: credentials and
// SAFECOOKIE nonces/hashes, the hashed control password, onion service and client-auth keys, SOCKS
// passwords. Pure. Each removal is replaced by [REDACTED] and named, so a reader sees what was cut.

import { REDACTED } from './format.js';
import { keywordOf } from './split.js';

export interface Redacted {
  readonly data: string;
  /** What was removed ("AUTHENTICATE credential", …); empty when nothing was. */
  readonly redacted: readonly string[];
}

interface Rule {
  readonly what: string;
  readonly pattern: RegExp;
  readonly replace: string;
}

/** Secrets that may appear in either direction (option values, keys in replies and events). */
const COMMON_RULES: readonly Rule[] = [
  // A hashed control password wherever it shows (GETCONF, config-text, CONF_CHANGED, SETCONF): "16:" + 58 hex.
  { what: 'hashed control password', pattern: /\b16:[0-9A-Fa-f]{58}\b/g, replace: REDACTED },
  // ADD_ONION keys (request "ED25519-V3:<key>", reply "PrivateKey=ED25519-V3:<key>"), RSA1024 too.
  { what: 'onion service key', pattern: /\b(ED25519-V3|RSA1024):[A-Za-z0-9+/=]{20,}/g, replace: `$1:${REDACTED}` },
  // Client authorization keys (ONION_CLIENT_AUTH_ADD / _VIEW, ADD_ONION ClientAuthV3=…).
  { what: 'client authorization key', pattern: /\b(x25519:|ClientAuthV3=)[A-Za-z0-9+/=]{20,}/g, replace: `$1${REDACTED}` },
  // CIRC / STREAM SOCKS_PASSWORD="…" (stream isolation credentials).
  { what: 'SOCKS password', pattern: /(SOCKS_PASSWORD=)("(?:[^"\\\r\n]|\\.)*"|\S+)/g, replace: `$1"${REDACTED}"` },
];

function apply(data: string, rules: readonly Rule[]): Redacted {
  const redacted: string[] = [];
  let out = data;
  for (const rule of rules) {
    const next = out.replace(rule.pattern, rule.replace);
    if (next !== out && !redacted.includes(rule.what)) redacted.push(rule.what);
    out = next;
  }
  return { data: out, redacted };
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
  return apply(command, COMMON_RULES);
}

/** A message tor sent. The AUTHCHALLENGE reply loses SERVERHASH and SERVERNONCE. */
export function redactMessage(message: string): Redacted {
  const challenge = /^250 AUTHCHALLENGE /.test(message);
  const data = challenge ? message.replace(/\b(SERVERHASH|SERVERNONCE)=[0-9A-Fa-f]+/g, `$1=${REDACTED}`) : message;
  const common = apply(data, COMMON_RULES);
  return { data: common.data, redacted: [...(challenge ? ['AUTHCHALLENGE server hash and nonce'] : []), ...common.redacted] };
}
