// The demo relay's view of the network: a consensus of a few hundred made-up relays (plus our
// own entry) with realistic flag mixes and a long-tailed weight distribution, rendered the way
// GETINFO ns/* and NEWCONSENSUS render it, and an hourly churn. Size is capped; no timers here.

import { COUNTRY_WEIGHTS, countryOfAddress, makePublicIPv4, makePublicIPv6 } from './geo.js';
import { makeContact, makeNickname } from './names.js';
import type { Random } from './random.js';
import type { ExitPolicyKind, SimRelay } from './relay-types.js';
import { hasFlag } from './relay-types.js';
import { policySummary } from './exit-policies.js';

/** Never more relays than this, however the churn goes. */
export const MAX_RELAYS = 1000;
const HOUR_MS = 3_600_000;
/** tor writes this constant as "published" on the control port (proposal 275). */
const CONTROL_PORT_PUBLISHED = '2038-01-01 00:00:00';

const VERSIONS: ReadonlyArray<readonly [string, number]> = [
  ['0.4.8.13', 14], ['0.4.8.14', 12], ['0.4.8.16', 14], ['0.4.8.17', 10], ['0.4.9.10', 12], ['0.4.9.11', 26],
  ['0.4.8.12', 5], ['0.4.7.16', 4], ['0.4.9.9', 3],
];
const SYSTEMS: ReadonlyArray<readonly [string, number]> = [['Linux', 86], ['FreeBSD', 8], ['OpenBSD', 3], ['NetBSD', 1], ['Windows 10 [server]', 1], ['Darwin', 1]];

interface WeightTable {
  readonly relays: readonly SimRelay[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

export class SimConsensus {
  private readonly random: Random;
  private readonly relays: SimRelay[] = [];
  private readonly byFp = new Map<string, SimRelay>();
  private readonly targetSize: number;
  private our: SimRelay;
  private text: string | undefined;
  /** Cumulative weights per flag for pickWeighted; dropped whenever the relay list changes. */
  private readonly tables = new Map<string, WeightTable>();
  private nicknames = new Set<string>();
  validAfterMs: number;

  constructor(random: Random, our: SimRelay, targetSize: number, nowMs: number) {
    this.random = random;
    this.targetSize = Math.max(10, Math.min(MAX_RELAYS - 1, targetSize));
    this.validAfterMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
    this.our = our;
    for (let i = 0; i < this.targetSize; i++) this.add(this.makeRelay(nowMs));
    this.add(our);
  }

  get size(): number {
    return this.relays.length;
  }

  get all(): readonly SimRelay[] {
    return this.relays;
  }

  get ours(): SimRelay {
    return this.our;
  }

  byFingerprint(fingerprint: string): SimRelay | undefined {
    return this.byFp.get(fingerprint.toUpperCase());
  }

  byNickname(nickname: string): SimRelay | undefined {
    return this.relays.find((r) => r.nickname === nickname);
  }

  /** A relay (not ours) with `flag` (any when undefined), chosen with probability proportional to its weight. */
  pickWeighted(random: Random, flag: string | undefined, exclude: ReadonlySet<string> = new Set()): SimRelay {
    const table = this.tableFor(flag);
    for (let attempt = 0; attempt < 32; attempt++) {
      const x = random.next() * table.total;
      let lo = 0;
      let hi = table.cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (table.cumulative[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      const relay = table.relays[lo]!;
      if (!exclude.has(relay.fingerprint)) return relay;
    }
    const rest = table.relays.filter((r) => !exclude.has(r.fingerprint));
    return rest.length > 0 ? random.pick(rest) : table.relays[0]!;
  }

  private tableFor(flag: string | undefined): WeightTable {
    const key = flag ?? '';
    let table = this.tables.get(key);
    if (table === undefined) {
      let relays = this.relays.filter((r) => r !== this.our && (flag === undefined || hasFlag(r, flag)));
      if (relays.length === 0) relays = this.relays.filter((r) => r !== this.our);
      const cumulative: number[] = [];
      let total = 0;
      for (const r of relays) cumulative.push((total += r.weight));
      table = { relays, cumulative, total };
      this.tables.set(key, table);
    }
    return table;
  }

  /** ns/all (and the NEWCONSENSUS body): every entry, "\n"-separated lines. */
  format(): string {
    this.text ??= this.relays.map(formatStatusEntry).join('').slice(0, -1);
    return this.text;
  }

  /** Replaces our own entry (nickname, flags, policy changed). */
  updateOurs(our: SimRelay): void {
    const index = this.relays.indexOf(this.our);
    this.byFp.delete(this.our.fingerprint);
    this.our = our;
    this.byFp.set(our.fingerprint, our);
    if (index >= 0) this.relays[index] = our;
    this.changed();
  }

  /**
   * A new hourly consensus: a few relays leave, about as many join (the total stays within 10 %
   * of the target and under MAX_RELAYS), weights drift and a few flags change.
   */
  advance(nowMs: number): void {
    this.validAfterMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
    const random = this.random;
    const leaving = random.poisson(this.targetSize * 0.015);
    for (let i = 0; i < leaving && this.relays.length > this.targetSize * 0.9; i++) {
      const victim = random.pick(this.relays);
      if (victim === this.our) continue;
      this.remove(victim);
    }
    const joining = random.poisson(this.targetSize * 0.015) + Math.max(0, Math.round(this.targetSize * 0.9) - this.relays.length);
    for (let i = 0; i < joining && this.relays.length < Math.min(MAX_RELAYS, this.targetSize * 1.1); i++) this.add(this.makeRelay(nowMs));
    for (let i = 0; i < this.relays.length; i++) {
      const r = this.relays[i]!;
      if (r === this.our) continue;
      const weight = Math.max(1, Math.round(r.weight * Math.exp(random.normal() * 0.08)));
      const flags = random.chance(0.02) ? toggleFlag(r.flags, random.pick(['Stable', 'HSDir', 'Fast'])) : r.flags;
      this.relays[i] = { ...r, weight, flags };
      this.byFp.set(r.fingerprint, this.relays[i]!);
    }
    this.changed();
  }

  private changed(): void {
    this.text = undefined;
    this.tables.clear();
  }

  private add(relay: SimRelay): void {
    this.relays.push(relay);
    this.byFp.set(relay.fingerprint, relay);
    this.nicknames.add(relay.nickname);
    this.changed();
  }

  private remove(relay: SimRelay): void {
    const index = this.relays.indexOf(relay);
    if (index >= 0) this.relays.splice(index, 1);
    this.byFp.delete(relay.fingerprint);
    this.nicknames.delete(relay.nickname);
    this.changed();
  }

  private makeRelay(nowMs: number): SimRelay {
    const random = this.random;
    let nickname = makeNickname(random);
    while (nickname !== 'Unnamed' && this.nicknames.has(nickname)) nickname = makeNickname(random);
    const identity = random.bytes(20);
    const fingerprint = Buffer.from(identity).toString('hex').toUpperCase();
    const country = random.weighted(COUNTRY_WEIGHTS);
    let address = makePublicIPv4(random);
    for (let tries = 0; tries < 40 && countryOfAddress(address) !== country; tries++) address = makePublicIPv4(random);
    const weight = Math.max(1, Math.min(150_000, Math.round(Math.exp(Math.log(2200) + random.normal() * 1.5))));
    const isUnmeasured = random.chance(0.03);
    const exitPolicy: ExitPolicyKind = random.chance(0.18)
      ? random.weighted<ExitPolicyKind>([['reduced', 60], ['default', 25], ['web', 15]])
      : 'none';
    const fast = random.chance(0.93);
    const stable = random.chance(0.78);
    const v2dir = random.chance(0.88);
    const flags = ['Running', 'Valid'];
    if (fast) flags.push('Fast');
    if (stable) flags.push('Stable');
    if (v2dir) flags.push('V2Dir');
    if (stable && v2dir && random.chance(0.85)) flags.push('HSDir');
    if (fast && stable && weight > 1500 && random.chance(0.7)) flags.push('Guard');
    if (exitPolicy !== 'none') flags.push('Exit');
    if (exitPolicy !== 'none' && random.chance(0.01)) flags.push('BadExit');
    if (random.chance(0.01)) flags.push('StaleDesc');
    if (exitPolicy === 'none' && random.chance(0.004)) flags.push('MiddleOnly');
    flags.sort();
    const observed = Math.round((isUnmeasured ? weight * 0.5 : weight) * 1000 * random.float(0.8, 1.3));
    const rate = random.chance(0.4) ? Math.round(observed * random.float(1.1, 3)) : 1_073_741_824;
    return {
      nickname,
      fingerprint,
      identityBase64: Buffer.from(identity).toString('base64').replace(/=+$/, ''),
      digestBase64: random.base64(20),
      address,
      ipv6: random.chance(0.35) ? makePublicIPv6(random) : undefined,
      orPort: random.weighted<number>([[9001, 45], [443, 25], [9000 + random.int(2, 99), 15], [random.int(1024, 65000), 15]]),
      dirPort: v2dir && random.chance(0.2) ? random.pick([9030, 80, 8080]) : 0,
      flags,
      weight: isUnmeasured ? Math.min(weight, 20) : weight,
      isUnmeasured,
      country,
      torVersion: random.weighted(VERSIONS),
      os: random.weighted(SYSTEMS),
      exitPolicy,
      exitSummary: policySummary(exitPolicy),
      contact: makeContact(random, nickname),
      publishedAtMs: nowMs - random.int(0, 18 * HOUR_MS),
      uptimeAtPublishSec: Math.round(random.exponential(20 * 86400)),
      observedBytesPerSec: observed,
      rateBytesPerSec: rate,
      burstBytesPerSec: Math.max(rate, Math.round(rate * random.float(1, 2))),
      descriptorSeed: random.uint32(),
    };
  }
}

function toggleFlag(flags: readonly string[], flag: string): readonly string[] {
  return flags.includes(flag) ? flags.filter((f) => f !== flag) : [...flags, flag].sort();
}

/** One router status entry as the control port renders it (r, a, s, w, p lines, each ending "\n"). */
export function formatStatusEntry(relay: SimRelay): string {
  let out = `r ${relay.nickname} ${relay.identityBase64} ${relay.digestBase64} ${CONTROL_PORT_PUBLISHED} ${relay.address} ${relay.orPort} ${relay.dirPort}\n`;
  if (relay.ipv6 !== undefined) out += `a [${relay.ipv6}]:${relay.orPort}\n`;
  out += `s ${relay.flags.join(' ')}\n`;
  out += `w Bandwidth=${relay.weight}${relay.isUnmeasured ? ' Unmeasured=1' : ''}\n`;
  out += `p ${relay.exitSummary}\n`;
  return out;
}
