// Countries of addresses as tor's GeoIP answers them (GETINFO ip-to-country/<ip>), cached with a cap.
// Plans the lookups: only valid public addresses are asked (an invalid one makes tor fail the whole
// GETINFO batch with 551), each address once, in batches. Pure: the collector does the asking.
import { isIPv4, isIPv6 } from '../../protocol/documents/index.js';

export const DEFAULT_COUNTRY_CAP = 50_000;
export const COUNTRY_BATCH = 64;
/** What tor answers for addresses its GeoIP file does not cover. */
export const UNKNOWN_COUNTRY = '??';

/** Loopback, private, link-local, CGNAT, unspecified and documentation ranges: tor's GeoIP has none of them. */
export function isNonPublicAddress(address: string): boolean {
  if (isIPv4(address)) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  const lower = address.toLowerCase();
  return lower === '::' || lower === '::1' || lower.startsWith('fe8') || lower.startsWith('fe9') || lower.startsWith('fea') || lower.startsWith('feb') || lower.startsWith('fc') || lower.startsWith('fd');
}

/**
 * A flat copy of an address: addresses are usually slices of a whole event line or socket table
 * row, and a cached slice would keep its whole parent string alive for as long as it is cached.
 */
function ownCopy(address: string): string {
  return Buffer.from(address, 'latin1').toString('latin1');
}

export class CountryCache {
  /** One string per country code, however many addresses share it. */
  private readonly codes = new Map<string, string>();
  private readonly known = new Map<string, string>();
  private readonly pending = new Set<string>();
  /** Which families tor's GeoIP covers (ip-to-country/ipv4-available, ipv6-available). */
  ipv4Available = false;
  ipv6Available = false;
  version = 0;

  constructor(private readonly cap = DEFAULT_COUNTRY_CAP) {}

  get size(): number {
    return this.known.size;
  }

  /** Lower-case code, '??' when tor does not know, undefined while unasked. */
  get(address: string): string | undefined {
    return this.known.get(address);
  }

  /** Records answers (a code per address) and ends their pending state. */
  record(address: string, country: string): void {
    this.pending.delete(address);
    const lower = country.toLowerCase();
    let code = this.codes.get(lower);
    if (code === undefined) {
      code = ownCopy(lower);
      if (this.codes.size < 1024) this.codes.set(code, code);
    }
    if (this.known.has(address)) {
      this.known.set(address, code);
    } else {
      while (this.known.size >= this.cap) {
        const oldest = this.known.keys().next();
        if (oldest.done === true) break;
        this.known.delete(oldest.value);
      }
      this.known.set(ownCopy(address), code);
    }
    this.version++;
  }

  /**
   * Forgets the countries of addresses no longer in use once the cache holds more than twice as
   * many as are in use (plus `slack`), so a relay's churn of client addresses does not fill it up
   * to the cap over days. Returns how many were dropped.
   */
  retainOnly(inUse: ReadonlySet<string>, slack = 1024): number {
    if (this.known.size <= inUse.size * 2 + slack) return 0;
    let dropped = 0;
    for (const address of this.known.keys()) {
      if (inUse.has(address)) continue;
      this.known.delete(address);
      dropped++;
    }
    if (dropped > 0) this.version++;
    return dropped;
  }

  /** The lookup failed: forget it was asked so a later round may retry. */
  release(address: string): void {
    this.pending.delete(address);
  }

  /**
   * Batches of addresses to ask about, marked pending. Non-public addresses are answered '??' at once;
   * malformed ones and families tor has no data for are never asked.
   */
  plan(addresses: Iterable<string>, batchSize = COUNTRY_BATCH, maxBatches = Infinity): string[][] {
    const batches: string[][] = [];
    let batch: string[] = [];
    for (const address of addresses) {
      if (this.known.has(address) || this.pending.has(address)) continue;
      const v4 = isIPv4(address);
      if (!v4 && !isIPv6(address)) continue;
      if (isNonPublicAddress(address)) {
        this.record(address, UNKNOWN_COUNTRY);
        continue;
      }
      if (v4 ? !this.ipv4Available : !this.ipv6Available) continue;
      if (batches.length >= maxBatches) break;
      this.pending.add(address);
      batch.push(address);
      if (batch.length >= batchSize) {
        batches.push(batch);
        batch = [];
      }
    }
    if (batch.length > 0 && batches.length < maxBatches) batches.push(batch);
    return batches;
  }
}
