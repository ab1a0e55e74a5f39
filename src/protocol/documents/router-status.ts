// Router status entries as the control port renders them (GETINFO ns/all, ns/id/*, ns/name/*, the
// NS and NEWCONSENSUS event bodies) and as consensus documents hold them. One linear pass, no
// regex per line on the hot path; an 8,000-entry consensus is one call. Never reads the clock.
//
// dir-spec §3.4.1 (ns flavour) and §3.9.2 (microdesc flavour):
//   "r" SP nickname SP identity SP digest SP publication SP IP SP ORPort SP DirPort NL
//   "r" SP nickname SP identity SP publication SP IP SP ORPort SP DirPort NL      ; microdesc
//   "a" SP "[" IPv6 "]" ":" port NL                                   [any number]
//   "s" SP Flags NL                                                    [exactly once]
//   "v" SP version NL                                                  [at most once]
//   "pr" SP Entries NL                                                 [at most once]
//   "w" SP "Bandwidth=" INT [SP "Measured=" INT] [SP "Unmeasured=1"] NL [at most once]
//   "p" SP ("accept" / "reject") SP PortList NL                        [at most once]
//   "m" SP digest NL                                       ; microdesc flavour, exactly once
//   "m" SP methods 1*(SP algorithm "=" digest) NL          ; votes, any number
//   "id" SP "ed25519" SP ed25519-identity NL               ; votes; identity may be "none"
// Unknown keywords are ignored (a missing "s" is tolerated); lines before the first "r" (a consensus
// header) are skipped and "directory-footer" ends the entries.

import { ProtocolError } from '../errors.js';
import { clip, isNickname, isIPv4, parseDirTime, parseOrAddress, type OrAddress } from './fields.js';
import { parseExitPolicySummary, type ExitPolicySummary } from './exit-policy.js';
import { fingerprintFromBase64, isBase64Digest } from './fingerprint.js';
import { parsePlatform } from './platform.js';
import { parseProtocolVersions, type VersionRange } from './protocol-versions.js';

export type StatusFlavour = 'ns' | 'microdesc';

/** One vote-style `m` line: consensus methods and their microdescriptor digests by algorithm. */
export interface MicrodescHashes {
  readonly methods: readonly number[];
  readonly digests: ReadonlyMap<string, string>;
}

export interface RouterStatusEntry {
  readonly flavour: StatusFlavour;
  readonly nickname: string;
  /** 40 upper-case hex digits. */
  readonly fingerprint: string;
  /** Base64 descriptor digest as written; undefined in the microdesc flavour. */
  readonly digest: string | undefined;
  /** undefined when unknown: tor writes the constant "2038-01-01 00:00:00" on the control port. */
  readonly publishedAtMs: number | undefined;
  readonly address: string;
  readonly orPort: number;
  /** undefined when the DirPort is 0 (none). */
  readonly dirPort: number | undefined;
  /** From `a` lines, in order. */
  readonly orAddresses: readonly OrAddress[];
  /** Flags as listed, unknown ones included. */
  readonly flags: readonly string[];
  /** The `v` line text, e.g. "Tor 0.2.6.10" (tor omits it on the control port). */
  readonly versionLine: string | undefined;
  readonly torVersion: string | undefined;
  readonly protocols: ReadonlyMap<string, readonly VersionRange[]> | undefined;
  /** `w Bandwidth=`: consensus weight (dir-spec calls it kilobytes per second). */
  readonly bandwidthWeight: number | undefined;
  /** `w Measured=`: the bandwidth authorities' measurement (votes). */
  readonly measuredWeight: number | undefined;
  /** `w Unmeasured=1`: the weight is not based on enough measurements. */
  readonly isUnmeasured: boolean;
  /** The `p` summary; only present when tor has the relay's full descriptor. */
  readonly exitPolicy: ExitPolicySummary | undefined;
  /** Microdesc flavour `m`: base64 SHA-256 of the microdescriptor. */
  readonly microdescDigest: string | undefined;
  /** Vote-style `m` lines. */
  readonly microdescHashes: readonly MicrodescHashes[];
  /** `id ed25519 <key>`; undefined when absent or "none". */
  readonly ed25519Id: string | undefined;
}

export interface RouterStatusEntryError {
  /** Line of the entry's `r` line (1-based). */
  readonly lineNumber: number;
  readonly nickname: string | undefined;
  readonly message: string;
}

export interface RouterStatusParseResult {
  readonly entries: RouterStatusEntry[];
  readonly errors: RouterStatusEntryError[];
}

const UNKNOWN_PUBLISHED_DAY = '2038-01-01';
const UNKNOWN_PUBLISHED_TIME = '00:00:00';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const EMPTY: readonly never[] = Object.freeze([]);

/**
 * All entries of `text`; the first malformed entry throws ProtocolError naming the line and field.
 * `flavour` is inferred per entry from the `r` line's field count when omitted.
 */
export function parseRouterStatusEntries(text: string, flavour?: StatusFlavour): RouterStatusEntry[] {
  return parseEntries(text, flavour, undefined);
}

/** Like parseRouterStatusEntries, but a malformed entry is skipped and reported in `errors`. */
export function parseRouterStatusEntriesLenient(text: string, flavour?: StatusFlavour): RouterStatusParseResult {
  const errors: RouterStatusEntryError[] = [];
  const entries = parseEntries(text, flavour, errors);
  return { entries, errors };
}

type Builder = { -readonly [K in keyof RouterStatusEntry]: RouterStatusEntry[K] };

/** Per-call memo of values that thousands of entries share (flag sets, policy summaries). */
interface Shared {
  readonly flags: Map<string, readonly string[]>;
  readonly policies: Map<string, ExitPolicySummary>;
}

/** Bit per at-most-once keyword, to catch duplicates without a Set per entry. */
const ONCE_BIT: Readonly<Record<string, number>> = { s: 1, v: 2, pr: 4, w: 8, p: 16, id: 32, m: 64 };

function parseEntries(text: string, flavour: StatusFlavour | undefined, errors: RouterStatusEntryError[] | undefined): RouterStatusEntry[] {
  const entries: RouterStatusEntry[] = [];
  const shared: Shared = { flags: new Map(), policies: new Map() };
  const n = text.length;
  let pos = 0;
  let lineNumber = 0;
  let current: Builder | undefined;
  let seen = 0;
  /** Inside an entry that failed (lenient mode): its remaining lines are skipped. */
  let skipping = false;
  let entryLine = 0;
  let entryNick = '';
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    const stop = end > pos && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    const line = text.slice(pos, stop);
    pos = end + 1;
    lineNumber++;
    if (line === '') continue;
    const sp = line.indexOf(' ');
    const keyword = sp < 0 ? line : line.slice(0, sp);
    const rest = sp < 0 ? '' : line.slice(sp + 1);
    try {
      if (keyword === 'r') {
        if (current !== undefined) entries.push(current);
        current = undefined;
        skipping = false;
        seen = 0;
        entryLine = lineNumber;
        const nickEnd = rest.indexOf(' ');
        entryNick = nickEnd < 0 ? rest : rest.slice(0, nickEnd);
        current = parseRLine(rest, flavour);
        continue;
      }
      if (keyword === 'directory-footer') break;
      if (current === undefined || skipping) continue;
      const bit = ONCE_BIT[keyword];
      if (bit !== undefined && !(keyword === 'm' && current.flavour === 'ns')) {
        if ((seen & bit) !== 0) throw new ProtocolError(`duplicate "${keyword}" line`);
        seen |= bit;
      }
      applyLine(current, keyword, rest, shared);
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      const context = keyword === 'r' ? `line ${lineNumber}` : `line ${lineNumber} (entry "${entryNick}")`;
      const error = new ProtocolError(`${context}: ${e.message}`);
      if (errors === undefined) throw error;
      errors.push({ lineNumber: entryLine, nickname: isNickname(entryNick) ? entryNick : undefined, message: error.message });
      current = undefined;
      skipping = true;
    }
  }
  if (current !== undefined) entries.push(current);
  return entries;
}

function parseRLine(rest: string, flavour: StatusFlavour | undefined): Builder {
  const t = rest.split(' ');
  const count = t.length;
  // Fields are read from both ends so that a mangled time lands in "published", not elsewhere.
  const entryFlavour: StatusFlavour = flavour ?? (count === 7 ? 'microdesc' : 'ns');
  const minimum = entryFlavour === 'ns' ? 8 : 7;
  if (count < minimum) {
    throw new ProtocolError(`r line: ${count} fields, expected ${minimum} (${entryFlavour} flavour): ${clip(rest)}`);
  }
  const nickname = t[0]!;
  if (!isNickname(nickname)) throw new ProtocolError(`r line: malformed nickname ${clip(nickname)} (1-19 letters and digits)`);
  const fingerprint = fingerprintFromBase64(t[1]!, 'r line fingerprint (identity)');
  let digest: string | undefined;
  let timeFrom = 2;
  if (entryFlavour === 'ns') {
    digest = t[2]!;
    if (!isBase64Digest(digest)) throw new ProtocolError(`r line: malformed digest ${clip(digest)}`);
    timeFrom = 3;
  }
  let publishedAtMs: number | undefined;
  if (count !== minimum || t[timeFrom] !== UNKNOWN_PUBLISHED_DAY || t[timeFrom + 1] !== UNKNOWN_PUBLISHED_TIME) {
    publishedAtMs = parseDirTime(t.slice(timeFrom, count - 3).join(' '), 'r line published');
  }
  const address = t[count - 3]!;
  if (!isIPv4(address)) throw new ProtocolError(`r line: malformed IPv4 address ${clip(address)}`);
  const orPort = portOf(t[count - 2]!, 'r line ORPort');
  const dirPort = portOf(t[count - 1]!, 'r line DirPort');
  return {
    flavour: entryFlavour,
    nickname,
    fingerprint,
    digest,
    publishedAtMs,
    address,
    orPort,
    dirPort: dirPort === 0 ? undefined : dirPort,
    orAddresses: EMPTY,
    flags: EMPTY,
    versionLine: undefined,
    torVersion: undefined,
    protocols: undefined,
    bandwidthWeight: undefined,
    measuredWeight: undefined,
    isUnmeasured: false,
    exitPolicy: undefined,
    microdescDigest: undefined,
    microdescHashes: EMPTY,
    ed25519Id: undefined,
  };
}

function applyLine(entry: Builder, keyword: string, rest: string, shared: Shared): void {
  switch (keyword) {
    case 's': {
      let flags = shared.flags.get(rest);
      if (flags === undefined) {
        flags = Object.freeze(rest === '' ? [] : rest.split(' ').filter((f) => f !== ''));
        shared.flags.set(rest, flags);
      }
      entry.flags = flags;
      return;
    }
    case 'w':
      applyWeights(entry, rest);
      return;
    case 'p': {
      let policy = shared.policies.get(rest);
      if (policy === undefined) {
        policy = parseExitPolicySummary(rest, 'p line');
        shared.policies.set(rest, policy);
      }
      entry.exitPolicy = policy;
      return;
    }
    case 'a':
      entry.orAddresses = [...entry.orAddresses, parseOrAddress(rest, 'a line')];
      return;
    case 'v':
      entry.versionLine = rest;
      entry.torVersion = parsePlatform(rest).torVersion;
      return;
    case 'pr':
      entry.protocols = parseProtocolVersions(rest, 'pr line');
      return;
    case 'm':
      if (entry.flavour === 'microdesc') {
        if (!BASE64.test(rest)) throw new ProtocolError(`m line: malformed microdescriptor digest ${clip(rest)}`);
        entry.microdescDigest = rest;
      } else {
        entry.microdescHashes = [...entry.microdescHashes, parseVoteHashes(rest)];
      }
      return;
    case 'id': {
      const [type, key, ...extra] = rest.split(' ');
      if (type === undefined || type === '' || key === undefined || key === '' || extra.length > 0) {
        throw new ProtocolError(`id line: expected "id <type> <key>", got ${clip(rest)}`);
      }
      if (type === 'ed25519' && key !== 'none') {
        if (!BASE64.test(key)) throw new ProtocolError(`id line: malformed ed25519 identity ${clip(key)}`);
        entry.ed25519Id = key;
      }
      return;
    }
    default:
  }
}

function applyWeights(entry: Builder, rest: string): void {
  let bandwidth: number | undefined;
  let from = 0;
  while (from <= rest.length) {
    let to = rest.indexOf(' ', from);
    if (to < 0) to = rest.length;
    const eq = rest.indexOf('=', from);
    if (eq >= 0 && eq < to) {
      const key = rest.slice(from, eq);
      if (key === 'Bandwidth') bandwidth = weightOf(rest.slice(eq + 1, to), 'Bandwidth');
      else if (key === 'Measured') entry.measuredWeight = weightOf(rest.slice(eq + 1, to), 'Measured');
      else if (key === 'Unmeasured') {
        const value = rest.slice(eq + 1, to);
        if (value !== '1') throw new ProtocolError(`w line: Unmeasured must be 1, got ${clip(value)}`);
        entry.isUnmeasured = true;
      }
    }
    from = to + 1;
  }
  if (bandwidth === undefined) throw new ProtocolError(`w line: missing Bandwidth= in ${clip(rest)}`);
  entry.bandwidthWeight = bandwidth;
}

/** Decimal digits → number, or -1; no regex on the hot path. */
function digitsOf(value: string, maxLength: number): number {
  const n = value.length;
  if (n === 0 || n > maxLength) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function weightOf(value: string, key: string): number {
  const v = digitsOf(value, 10);
  if (v < 0) throw new ProtocolError(`w line: malformed ${key} value ${clip(value)}`);
  return v;
}

function portOf(value: string, where: string): number {
  const v = digitsOf(value, 5);
  if (v < 0 || v > 65535) throw new ProtocolError(`${where}: malformed port ${clip(value)}`);
  return v;
}

function parseVoteHashes(rest: string): MicrodescHashes {
  const [methodList, ...pairs] = rest.split(' ');
  if (methodList === undefined || !/^[0-9]+(,[0-9]+)*$/.test(methodList)) {
    throw new ProtocolError(`m line: malformed consensus methods ${clip(rest)}`);
  }
  const digests = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new ProtocolError(`m line: expected algorithm=digest, got ${clip(pair)}`);
    digests.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return { methods: methodList.split(',').map(Number), digests };
}
