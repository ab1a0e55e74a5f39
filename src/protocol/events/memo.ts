// Bounded direct-mapped memo tables for values that repeat all day long in events: relay names in
// circuit paths, BUILD_FLAGS and ISO_FIELDS lists. A hit costs one slice and one string compare and
// returns the same frozen value as before (so repeated events also share memory). No I/O, no clock;
// the tables are private caches of pure functions, invisible to callers except through speed.

export class DirectMemo<V> {
  private readonly keys: (string | undefined)[];
  private readonly values: (V | undefined)[];
  private readonly mask: number;

  /** `bits`: the table holds 2^bits entries; a new key evicts whatever shared its slot. */
  constructor(bits: number) {
    this.mask = (1 << bits) - 1;
    this.keys = new Array<string | undefined>(this.mask + 1).fill(undefined);
    this.values = new Array<V | undefined>(this.mask + 1).fill(undefined);
  }

  get(hash: number, key: string): V | undefined {
    const slot = hash & this.mask;
    return this.keys[slot] === key ? this.values[slot] : undefined;
  }

  set(hash: number, key: string, value: V): V {
    const slot = hash & this.mask;
    this.keys[slot] = key;
    this.values[slot] = value;
    return value;
  }
}
