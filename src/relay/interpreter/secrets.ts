// Which interpreter lines carry secrets (passwords, keys) and so must never be kept in history
// or shown back verbatim: AUTHENTICATE/AUTHCHALLENGE, options holding passwords, onion keys. Pure.

/** Options whose values are passwords or credentials. */
const SECRET_OPTIONS = [
  'HashedControlPassword',
  'HashedControlSessionPassword',
  '__HashedControlSessionPassword',
  'Socks4ProxyPassword',
  'Socks5ProxyPassword',
  'Socks5ProxyUsername',
  'HTTPSProxyAuthenticator',
  'HTTPProxyAuthenticator',
  'BridgePassword',
  'HidServAuth',
];
const SECRET_OPTION_RE = new RegExp(`(^|[\\s"])(${SECRET_OPTIONS.join('|')})\\b`, 'i');

const keywordOf = (line: string) => (/^\s*\+?(\S+)/.exec(line)?.[1] ?? '').toUpperCase();

export function isSecretCommand(line: string): boolean {
  const keyword = keywordOf(line);
  if (keyword === 'AUTHENTICATE' || keyword === 'AUTHCHALLENGE' || keyword === 'ONION_CLIENT_AUTH_ADD') return true;
  // ADD_ONION with a key of its own (anything but NEW:…) carries the service's private key.
  if (keyword === 'ADD_ONION' && !/^\s*\S+\s+NEW:/i.test(line)) return true;
  if (/password|passphrase|authenticator|private.?key/i.test(line)) return true;
  return SECRET_OPTION_RE.test(line);
}

/** The line with its arguments hidden when it is secret: "AUTHENTICATE <hidden>". */
export function redactCommand(line: string): string {
  if (!isSecretCommand(line)) return line;
  const m = /^\s*(\+?\S+)/.exec(line);
  return `${m?.[1] ?? ''} <hidden: this command carries a secret>`;
}
