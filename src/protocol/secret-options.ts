// The one table of tor options whose values are secrets (passwords, proxy credentials, hashes of
// the control password, client-auth cookies), and how a key names one. Every place that records,
// logs or shows tor's configuration asks here. Pure data and string tests: no I/O, no display.

export interface SecretOption {
  /** As tor spells it (config/names, tor(1)). */
  readonly name: string;
  /** What the value holds, for readers of the code and of `redacted` lists. */
  readonly holds: string;
}

/**
 * tor marks no option "secret" (its CFLG_ flags are about saving and listing), so this list is ours:
 * every option tor(1) describes as a password, authenticator, username:password or key material,
 * plus the onion-auth options older tors had. Paths to secrets (ClientOnionAuthDir, CookieAuthFile,
 * KeyDirectory) are not secrets themselves and stay visible.
 */
export const SECRET_OPTIONS: readonly SecretOption[] = [
  { name: 'HashedControlPassword', holds: 'a hash of the control-port password (crackable offline)' },
  { name: '__HashedControlSessionPassword', holds: "a controller's session password hash (Tor Browser sets it)" },
  { name: 'HashedControlSessionPassword', holds: 'an older spelling of __HashedControlSessionPassword' },
  { name: 'Socks5ProxyUsername', holds: 'the SOCKS 5 proxy user name (RFC 1929 credentials)' },
  { name: 'Socks5ProxyPassword', holds: 'the SOCKS 5 proxy password' },
  { name: 'HTTPProxyAuthenticator', holds: 'username:password for the HTTP proxy' },
  { name: 'HTTPSProxyAuthenticator', holds: 'username:password for the HTTPS proxy' },
  { name: 'BridgePassword', holds: 'the HTTP authenticator a bridge authority accepts' },
  { name: 'ServerTransportOptions', holds: 'pluggable-transport options; tor(1) shows a shared secret in them' },
  { name: 'HidServAuth', holds: 'v2 onion-service client authorization cookies (tor before 0.4.6)' },
  { name: 'HiddenServiceAuthorizeClient', holds: 'v2 onion-service client names and auth type (tor before 0.4.6)' },
];

/**
 * tor's options whose whole name is the start of a secret option's name: a key that is exactly one
 * of these names that option, not the secret one ("Socks5Proxy" is not "Socks5ProxyPassword").
 * From `tor --list-torrc-options` of 0.4.9 (a test checks it against the installed tor).
 */
export const PUBLIC_PREFIX_OPTIONS: readonly string[] = ['Socks5Proxy', 'HTTPProxy', 'HTTPSProxy', 'Bridge'];

/** What replaces a secret in text that is kept (recordings, log files, the debug log). */
export const SECRET_MASK = '[REDACTED]';
/** What replaces a secret on the screen. */
export const SCREEN_MASK = '<hidden>';

const BY_LOWER = new Map(SECRET_OPTIONS.map((o) => [o.name.toLowerCase(), o]));
const PUBLIC_LOWER = new Set(PUBLIC_PREFIX_OPTIONS.map((n) => n.toLowerCase()));

/** The secret option with exactly this name, any case: how tor names options in replies and events. */
export function secretOptionNamed(name: string): SecretOption | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

/**
 * The secret option a key may stand for where tor reads option names from people (SETCONF,
 * RESETCONF, LOADCONF, a torrc): the exact name, any case, or — as tor still accepts abbreviations —
 * any start of a secret option's name that is not itself the full name of a public option.
 * Errs on the side of hiding: "Socks5Prox" is taken as secret although tor may read it otherwise.
 */
export function secretOptionFor(key: string): SecretOption | undefined {
  const lower = key.replace(/^[+/]/, '').toLowerCase();
  if (lower === '') return undefined;
  const exact = BY_LOWER.get(lower);
  if (exact !== undefined) return exact;
  if (PUBLIC_LOWER.has(lower)) return undefined;
  for (const option of SECRET_OPTIONS) if (option.name.toLowerCase().startsWith(lower)) return option;
  return undefined;
}
