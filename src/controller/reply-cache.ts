// The per-connection answer cache: GETINFO values by key and GETCONF values by lower-cased option
// name, with the invalidation rules of cache-policy.ts. Pure data structure: no I/O, no clock.

import type { CacheLifetime } from './cache-policy.js';
import { getInfoLifetime, isConfCacheable } from './cache-policy.js';

export interface CachedConf {
  /** The option name as tor spelled it (canonical case). */
  readonly key: string;
  readonly values: readonly string[];
}

/** Cap on cached GETINFO answers: prefix keys (ip-to-country/<address>) would otherwise grow with every address seen. */
export const MAX_INFO_ENTRIES = 4096;

export class ReplyCache {
  private readonly info = new Map<string, { value: string; lifetime: CacheLifetime }>();
  private readonly conf = new Map<string, CachedConf>();

  getInfo(key: string): string | undefined {
    return this.info.get(key)?.value;
  }

  /** Stores the value if the policy allows caching this key; the oldest entry goes past MAX_INFO_ENTRIES. */
  putInfo(key: string, value: string): void {
    const lifetime = getInfoLifetime(key);
    if (lifetime === undefined) return;
    this.info.delete(key);
    if (this.info.size >= MAX_INFO_ENTRIES) this.info.delete(this.info.keys().next().value!);
    this.info.set(key, { value, lifetime });
  }

  get infoSize(): number {
    return this.info.size;
  }

  getConf(key: string): CachedConf | undefined {
    return this.conf.get(key.toLowerCase());
  }

  putConf(requestedKey: string, entry: CachedConf): void {
    if (isConfCacheable(requestedKey) && isConfCacheable(entry.key)) this.conf.set(requestedKey.toLowerCase(), entry);
  }

  /**
   * A configuration change: the listed options now have these values (an empty list = default).
   * Only options already cached are rewritten; CONF_CHANGED alone never creates an entry.
   * Options whose name is a prefix of a changed one or the other way round are dropped, because
   * tor reports some changes under a related name (RESETCONF SocksPort → "SocksPortLines").
   */
  applyConfChange(changed: ReadonlyMap<string, readonly string[]>): void {
    const changedLower = [...changed.keys()].map((k) => k.toLowerCase());
    for (const cached of [...this.conf.keys()]) {
      if (changedLower.some((c) => c !== cached && (c.startsWith(cached) || cached.startsWith(c)))) this.conf.delete(cached);
    }
    for (const [key, values] of changed) {
      if (this.conf.has(key.toLowerCase())) this.putConf(key, { key, values: [...values] });
    }
    this.dropInfo('config');
  }

  /** Our own SETCONF/RESETCONF succeeded: forget these options until tor says what they are now. */
  forgetConf(keys: readonly string[]): void {
    const lowered = keys.map((k) => k.toLowerCase());
    for (const cached of [...this.conf.keys()]) {
      if (lowered.some((c) => c.startsWith(cached) || cached.startsWith(c))) this.conf.delete(cached);
    }
    this.dropInfo('config');
  }

  forgetAllConf(): void {
    this.conf.clear();
    this.dropInfo('config');
  }

  clear(): void {
    this.info.clear();
    this.conf.clear();
  }

  get size(): number {
    return this.info.size + this.conf.size;
  }

  private dropInfo(lifetime: CacheLifetime): void {
    for (const [key, entry] of [...this.info]) if (entry.lifetime === lifetime) this.info.delete(key);
  }
}
