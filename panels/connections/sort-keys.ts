// Sort keys the user can combine (up to three, Nyx's connection_order) and the comparison of entries
// by their precomputed sort fields. Pure; the fields are filled by the connection list.
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

/** What entries are compared by; strings compare by code unit, so build them comparable. */
export interface SortFields {
  categoryRank: number;
  sinceMs: number;
  /** Comparable address text (IPv4 zero-padded, scrubbed addresses last). */
  address: string;
  port: number;
  fingerprint: string;
  nickname: string;
  country: string;
  /** Unique per entry: the last tie-break, so the order is total and stable across frames. */
  key: string;
}

const str = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareBy(key: SortKey, a: SortFields, b: SortFields): number {
  switch (key) {
    case 'category':
      return a.categoryRank - b.categoryRank;
    case 'age':
      return a.sinceMs - b.sinceMs;
    case 'address':
      return str(a.address, b.address);
    case 'port':
      return a.port - b.port;
    case 'fingerprint':
      return str(a.fingerprint, b.fingerprint);
    case 'nickname':
      return str(a.nickname, b.nickname);
    case 'country':
      return str(a.country, b.country);
  }
}

export function makeComparator(keys: readonly SortKey[]): (a: SortFields, b: SortFields) => number {
  return (a, b) => {
    for (const k of keys) {
      const d = compareBy(k, a, b);
      if (d !== 0) return d;
    }
    return str(a.key, b.key);
  };
}

/** "127.0.0.1" → "127.000.000.001" so text order is numeric order; IPv6 after IPv4; unknown ("") last. */
export function comparableAddress(address: string | undefined, scrubbed: boolean): string {
  if (address === undefined || address === '') return '\uffff';
  if (scrubbed) return '\ufffe';
  const parts = address.split('.');
  if (parts.length === 4) return parts.map((p) => p.padStart(3, '0')).join('.');
  return `~${address}`;
}
