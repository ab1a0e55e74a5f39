// Sort keys the user can combine (up to three, Nyx's connection_order) and the one comparable
// string each entry gets for them: fields joined by U+0000 (so a shorter field sorts first), the
// entry key last (a total, stable order). One string comparison per compare keeps incremental
// merging of 1,000 changed entries into 25,000 cheap. Pure.
export const SORT_KEYS = ['category', 'age', 'address', 'port', 'fingerprint', 'nickname', 'country'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const MAX_SORT_KEYS = 3;

export const SORT_KEY_LABELS: Readonly<Record<SortKey, string>> = {
  category: 'Category',
  age: 'Age',
  address: 'IP Address',
  port: 'Port',
  fingerprint: 'Fingerprint',
  nickname: 'Nickname',
  country: 'Country',
};

/** What entries are sorted by; only the fields of the chosen keys are read. */
export interface SortFields {
  readonly categoryRank: number;
  readonly sinceMs: number;
  /** The address (undefined when unknown); hidden ones sort after every shown one. */
  readonly address: string | undefined;
  readonly addressHidden: boolean;
  readonly port: number;
  readonly fingerprint: string | undefined;
  readonly nickname: string | undefined;
  readonly country: string | undefined;
}

const LAST = '\uffff';
const comparableCache = new Map<string, string>();

/** "127.0.0.1" → "127.000.000.001" so text order is numeric order; IPv6 after IPv4; hidden, then unknown, last. */
export function comparableAddress(address: string | undefined, hidden: boolean): string {
  if (address === undefined || address === '') return LAST;
  if (hidden) return '\ufffe';
  let out = comparableCache.get(address);
  if (out === undefined) {
    const parts = address.split('.');
    out = parts.length === 4 ? parts.map((p) => p.padStart(3, '0')).join('.') : `~${address}`;
    if (comparableCache.size >= 100_000) comparableCache.clear();
    comparableCache.set(address, out);
  }
  return out;
}

function field(key: SortKey, f: SortFields): string {
  switch (key) {
    case 'category':
      return String.fromCharCode(0x41 + f.categoryRank);
    case 'age':
      return String(Math.max(0, Math.floor(f.sinceMs))).padStart(16, '0');
    case 'address':
      return comparableAddress(f.address, f.addressHidden);
    case 'port':
      return String(f.port).padStart(5, '0');
    case 'fingerprint':
      return f.fingerprint ?? LAST;
    case 'nickname':
      return f.nickname?.toLowerCase() ?? LAST;
    case 'country':
      return f.address === undefined || f.addressHidden ? LAST : (f.country ?? '\ufffe');
  }
}

/** The entry's sort string for these keys; `key` (unique) breaks ties. */
export function sortString(keys: readonly SortKey[], f: SortFields, key: string): string {
  let out = '';
  for (const k of keys) out += `${field(k, f)}\u0000`;
  return out + key;
}

export const compareSortStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
