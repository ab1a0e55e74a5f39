// Which interpreter lines carry secrets and so must never be kept in history or shown back verbatim
// (AUTHENTICATE/AUTHCHALLENGE, secret options from the one table in src/protocol/secret-options.ts,
// onion keys), and tor's replies with secret values masked for the transcript and /events. Pure.
import { redactCommandText, redactReply } from '../../protocol/redact-secrets.js';
import type { Reply } from '../../protocol/reply.js';
import { SCREEN_MASK, secretOptionFor, SECRET_OPTIONS } from '../../protocol/secret-options.js';

const SECRET_OPTION_RE = new RegExp(`(^|[\\s"])(${SECRET_OPTIONS.map((o) => o.name).join('|')})\\b`, 'i');

const keywordOf = (line: string) => (/^\s*\+?(\S+)/.exec(line)?.[1] ?? '').toUpperCase();

/** SETCONF/RESETCONF/GETCONF arguments that name a secret option the way tor reads names (abbreviated too). */
function namesSecretOption(line: string): boolean {
  if (!['SETCONF', 'RESETCONF', 'GETCONF'].includes(keywordOf(line))) return false;
  return line
    .trim()
    .split(/\s+/)
    .slice(1)
    .some((arg) => secretOptionFor(arg.split('=')[0]!) !== undefined);
}

export function isSecretCommand(line: string): boolean {
  const keyword = keywordOf(line);
  if (keyword === 'AUTHENTICATE' || keyword === 'AUTHCHALLENGE' || keyword === 'ONION_CLIENT_AUTH_ADD' || keyword === 'LOADCONF') return true;
  // ADD_ONION with a key of its own (anything but NEW:…) carries the service's private key.
  if (keyword === 'ADD_ONION' && !/^\s*\S+\s+NEW:/i.test(line)) return true;
  if (/password|passphrase|authenticator|private.?key/i.test(line)) return true;
  return SECRET_OPTION_RE.test(line) || namesSecretOption(line);
}

/**
 * The line as the transcript shows it: secret values masked ("SETCONF Socks5ProxyPassword=<hidden>"),
 * or, when the secret has no key to go by (AUTHENTICATE, a pasted key), every argument hidden.
 */
export function redactCommand(line: string): string {
  if (!isSecretCommand(line)) return line;
  const keyword = keywordOf(line);
  if (keyword !== 'AUTHENTICATE' && keyword !== 'AUTHCHALLENGE') {
    const masked = redactCommandText(line, SCREEN_MASK);
    if (masked.removed.length > 0) return masked.text;
    if (keyword === 'GETCONF' || keyword === 'RESETCONF') return line;
  }
  const m = /^\s*(\+?\S+)/.exec(line);
  return `${m?.[1] ?? ''} <hidden: this command carries a secret>`;
}

/**
 * A reply or event as the interpreter shows it: values of secret options masked. The transcript
 * masks even an answer the user asked for by name (GETCONF Socks5ProxyPassword): it stays on screen,
 * where anyone behind the user can read it; the torrc is where the value can be looked up.
 */
export function redactReplyForScreen(reply: Reply): Reply {
  return redactReply(reply, SCREEN_MASK);
}
