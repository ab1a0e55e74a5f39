// What the controller may answer from its cache, and what makes an answer stale. This table is the
// whole policy: anything not listed is always asked of tor. Everything is dropped on reconnect and
// on SIGNAL RELOAD (tor re-read its torrc and reset its state).

/**
 * 'connection': valid until reconnect or SIGNAL RELOAD.
 * 'config': also dropped on any configuration change (CONF_CHANGED, or our own SETCONF/RESETCONF).
 */
export type CacheLifetime = 'connection' | 'config';

export const GETINFO_CACHE_POLICY = {
  version: 'connection',
  fingerprint: 'connection',
  'config-file': 'connection',
  'config-defaults-file': 'connection',
  'config/names': 'connection',
  'config/defaults': 'connection',
  'info/names': 'connection',
  'events/names': 'connection',
  'signal/names': 'connection',
  'features/names': 'connection',
  'process/pid': 'connection',
  'process/user': 'connection',
  'process/descriptor-limit': 'connection',
  'exit-policy/default': 'connection',
  'ip-to-country/ipv4-available': 'connection',
  'ip-to-country/ipv6-available': 'connection',
  'accounting/enabled': 'config',
} as const satisfies Record<string, CacheLifetime>;

/** Key prefixes cached like the table's keys (ip-to-country/<address> answers never change while the geoip file stays). */
export const GETINFO_CACHE_PREFIX_POLICY = {
  'ip-to-country/': 'connection',
} as const satisfies Record<string, CacheLifetime>;

/**
 * GETCONF values are cached by lower-cased option name and rewritten from CONF_CHANGED. Options
 * whose lower-cased name starts with one of these are never cached (virtual groups whose members
 * CONF_CHANGED does not report one to one).
 */
export const GETCONF_UNCACHED_PREFIXES = ['hiddenservice'] as const;

export function getInfoLifetime(key: string): CacheLifetime | undefined {
  const exact = (GETINFO_CACHE_POLICY as Record<string, CacheLifetime>)[key];
  if (exact !== undefined) return exact;
  for (const [prefix, lifetime] of Object.entries(GETINFO_CACHE_PREFIX_POLICY)) {
    if (key.startsWith(prefix) && key.length > prefix.length) return lifetime;
  }
  return undefined;
}

export function isConfCacheable(key: string): boolean {
  const lower = key.toLowerCase();
  return !GETCONF_UNCACHED_PREFIXES.some((p) => lower.startsWith(p));
}
