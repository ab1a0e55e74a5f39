// Server descriptors (dir-spec §2.1.1) from GETINFO desc/id/*, desc/name/*, status/fresh-relay-descs:
// the fields a monitor shows. Keys, certificates and signatures are skipped, never verified;
// extra-info documents in the same text are recognised and skipped. Unknown keywords are ignored.
//
//   "router" nickname address ORPort SOCKSPort DirPort NL     [at start, exactly once]
//   "bandwidth" bandwidth-avg bandwidth-burst bandwidth-observed NL   [exactly once]
//   "platform" string NL                "published" YYYY-MM-DD HH:MM:SS NL   [exactly once]
//   "fingerprint" fingerprint NL        "hibernating" bool NL        "uptime" number NL
//   "contact" info NL                   "family" names NL            "or-address" SP ADDRESS ":" PORT NL
//   "accept" exitpattern NL / "reject" exitpattern NL                [any number, in order]
//   "ipv6-policy" SP ("accept" / "reject") SP PortList NL
//   "overload-general" SP version SP YYYY-MM-DD HH:MM:SS NL
//   "master-key-ed25519" SP MasterKey NL   "ntor-onion-key" base-64-encoded-key NL   "proto" SP Entries NL
//   "hidden-service-dir" *(SP VersionNum) NL   "tunnelled-dir-server" NL   "caches-extra-info" NL
//   "extra-info-digest" SP sha1-digest [SP sha256-digest] NL

import { ProtocolError } from '../errors.js';
import { parseExitPolicyRule, parseExitPolicySummary, type ExitPolicyRule, type ExitPolicyRules, type ExitPolicySummary } from './exit-policy.js';
import {
  clip,
  decodeDocumentText,
  parseCount,
  parseDirTime,
  parseIPv4,
  parseNickname,
  parseOrAddress,
  parsePort,
  type DocumentTextOptions,
  type OrAddress,
} from './fields.js';
import { normalizeFingerprint } from './fingerprint.js';
import { argumentsOf, readDocumentItems, type DocumentItem } from './netdoc.js';
import { parsePlatform } from './platform.js';
import { parseProtocolVersions, type VersionRange } from './protocol-versions.js';

export interface DescriptorBandwidth {
  /** Long-term rate the relay is willing to sustain (BandwidthRate / RelayBandwidthRate …). */
  readonly avgBytesPerSec: number;
  /** Burst it allows. */
  readonly burstBytesPerSec: number;
  /** Its own estimate of what it can handle, from observed traffic. */
  readonly observedBytesPerSec: number;
}

/** `overload-general`: the relay reported being overloaded (proposal 328). */
export interface OverloadGeneral {
  readonly version: number;
  readonly atMs: number;
}

export interface ServerDescriptor {
  readonly nickname: string;
  readonly address: string;
  readonly orPort: number;
  /** Deprecated; tor writes 0. */
  readonly socksPort: number;
  /** undefined when 0 (none). */
  readonly dirPort: number | undefined;
  /** `or-address` lines (usually the IPv6 ORPort). */
  readonly orAddresses: readonly OrAddress[];
  /** The platform line, UTF-8 decoded (untrusted text: sanitise before display). */
  readonly platform: string | undefined;
  readonly torVersion: string | undefined;
  readonly operatingSystem: string | undefined;
  readonly protocols: ReadonlyMap<string, readonly VersionRange[]> | undefined;
  readonly publishedAtMs: number;
  /** 40 upper-case hex digits, spaces removed. */
  readonly fingerprint: string | undefined;
  readonly uptimeSec: number | undefined;
  readonly bandwidth: DescriptorBandwidth;
  /** Contact line, UTF-8 decoded with U+FFFD for bad bytes (untrusted text). */
  readonly contact: string | undefined;
  /** Family members as written: "$HEX", "$HEX~nick", "$HEX=nick" or a nickname. */
  readonly family: readonly string[];
  readonly isHibernating: boolean;
  /** accept/reject lines in order (IPv4). */
  readonly exitPolicy: ExitPolicyRules;
  readonly ipv6Policy: ExitPolicySummary | undefined;
  readonly overloadGeneral: OverloadGeneral | undefined;
  readonly ed25519MasterKey: string | undefined;
  readonly ntorOnionKey: string | undefined;
  readonly isHiddenServiceDir: boolean;
  readonly isTunnelledDirServer: boolean;
  readonly cachesExtraInfo: boolean;
  /** Hex SHA-1 digest of the extra-info document. */
  readonly extraInfoDigest: string | undefined;
}

const AT_MOST_ONCE = new Set([
  'bandwidth', 'platform', 'published', 'fingerprint', 'hibernating', 'uptime', 'contact', 'family',
  'ipv6-policy', 'overload-general', 'master-key-ed25519', 'ntor-onion-key', 'proto', 'extra-info-digest',
  'hidden-service-dir', 'tunnelled-dir-server', 'caches-extra-info',
]);

/** Exactly one server descriptor (extra-info documents alongside it are ignored). */
export function parseServerDescriptor(text: string, options?: DocumentTextOptions): ServerDescriptor {
  const all = parseServerDescriptors(text, options);
  if (all.length !== 1) throw new ProtocolError(`expected one server descriptor, found ${all.length}`);
  return all[0]!;
}

/** Every server descriptor in concatenated text, in order; extra-info documents are skipped. */
export function parseServerDescriptors(text: string, options?: DocumentTextOptions): ServerDescriptor[] {
  const out: ServerDescriptor[] = [];
  let group: DocumentItem[] | undefined;
  let inExtraInfo = false;
  const finish = (): void => {
    if (group !== undefined) out.push(buildDescriptor(group, options));
    group = undefined;
  };
  for (const item of readDocumentItems(text)) {
    if (item.keyword === 'router') {
      finish();
      inExtraInfo = false;
      group = [item];
    } else if (item.keyword === 'extra-info') {
      finish();
      inExtraInfo = true;
    } else if (group !== undefined) {
      group.push(item);
    } else if (!inExtraInfo) {
      throw new ProtocolError(`line ${item.lineNumber}: "${item.keyword}" before the first "router" line`);
    }
  }
  finish();
  return out;
}

interface Draft {
  platform?: string;
  protocols?: ReadonlyMap<string, readonly VersionRange[]>;
  publishedAtMs?: number;
  fingerprint?: string;
  uptimeSec?: number;
  bandwidth?: DescriptorBandwidth;
  contact?: string;
  family: string[];
  isHibernating: boolean;
  rules: ExitPolicyRule[];
  ipv6Policy?: ExitPolicySummary;
  overloadGeneral?: OverloadGeneral;
  ed25519MasterKey?: string;
  ntorOnionKey?: string;
  isHiddenServiceDir: boolean;
  isTunnelledDirServer: boolean;
  cachesExtraInfo: boolean;
  extraInfoDigest?: string;
  orAddresses: OrAddress[];
}

function buildDescriptor(items: readonly DocumentItem[], options: DocumentTextOptions | undefined): ServerDescriptor {
  const head = items[0]!;
  const where0 = `line ${head.lineNumber}: router`;
  const r = argumentsOf(head);
  if (r.length < 5) throw new ProtocolError(`${where0}: expected "router nickname address ORPort SOCKSPort DirPort", got ${clip(head.rest)}`);
  const nickname = parseNickname(r[0]!, `${where0} nickname`);
  const address = parseIPv4(r[1]!, `${where0} address`);
  const orPort = parsePort(r[2]!, `${where0} ORPort`);
  const socksPort = parsePort(r[3]!, `${where0} SOCKSPort`);
  const dirPort = parsePort(r[4]!, `${where0} DirPort`);
  const d: Draft = {
    family: [], isHibernating: false, rules: [], isHiddenServiceDir: false,
    isTunnelledDirServer: false, cachesExtraInfo: false, orAddresses: [],
  };
  const seen = new Set<string>();
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    const where = `line ${item.lineNumber}: ${item.keyword} of "${nickname}"`;
    if (AT_MOST_ONCE.has(item.keyword)) {
      if (seen.has(item.keyword)) throw new ProtocolError(`${where}: duplicate "${item.keyword}" line`);
      seen.add(item.keyword);
    }
    applyItem(d, item, where, options);
  }
  if (d.publishedAtMs === undefined) throw new ProtocolError(`${where0}: descriptor of "${nickname}" has no published line`);
  if (d.bandwidth === undefined) throw new ProtocolError(`${where0}: descriptor of "${nickname}" has no bandwidth line`);
  const platform = d.platform === undefined ? undefined : parsePlatform(d.platform);
  return {
    nickname,
    address,
    orPort,
    socksPort,
    dirPort: dirPort === 0 ? undefined : dirPort,
    orAddresses: d.orAddresses,
    platform: d.platform,
    torVersion: platform?.torVersion,
    operatingSystem: platform?.operatingSystem,
    protocols: d.protocols,
    publishedAtMs: d.publishedAtMs,
    fingerprint: d.fingerprint,
    uptimeSec: d.uptimeSec,
    bandwidth: d.bandwidth,
    contact: d.contact,
    family: d.family,
    isHibernating: d.isHibernating,
    exitPolicy: { kind: 'rules', rules: d.rules },
    ipv6Policy: d.ipv6Policy,
    overloadGeneral: d.overloadGeneral,
    ed25519MasterKey: d.ed25519MasterKey,
    ntorOnionKey: d.ntorOnionKey,
    isHiddenServiceDir: d.isHiddenServiceDir,
    isTunnelledDirServer: d.isTunnelledDirServer,
    cachesExtraInfo: d.cachesExtraInfo,
    extraInfoDigest: d.extraInfoDigest,
  };
}

function applyItem(d: Draft, item: DocumentItem, where: string, options: DocumentTextOptions | undefined): void {
  const args = (): string[] => argumentsOf(item);
  const first = (): string => {
    const a = args()[0];
    if (a === undefined) throw new ProtocolError(`${where}: missing argument`);
    return a;
  };
  switch (item.keyword) {
    case 'bandwidth': {
      const a = args();
      if (a.length < 3) throw new ProtocolError(`${where}: expected three numbers, got ${clip(item.rest)}`);
      d.bandwidth = {
        avgBytesPerSec: parseCount(a[0]!, `${where} average`),
        burstBytesPerSec: parseCount(a[1]!, `${where} burst`),
        observedBytesPerSec: parseCount(a[2]!, `${where} observed`),
      };
      return;
    }
    case 'platform':
      d.platform = decodeDocumentText(item.rest, options);
      return;
    case 'proto':
      d.protocols = parseProtocolVersions(item.rest, where);
      return;
    case 'published':
      d.publishedAtMs = parseDirTime(item.rest.trim(), where);
      return;
    case 'fingerprint':
      d.fingerprint = normalizeFingerprint(item.rest.trim(), where);
      return;
    case 'uptime':
      d.uptimeSec = parseCount(first(), where);
      return;
    case 'hibernating': {
      const v = first();
      if (v !== '0' && v !== '1') throw new ProtocolError(`${where}: expected 0 or 1, got ${clip(v)}`);
      d.isHibernating = v === '1';
      return;
    }
    case 'contact':
      d.contact = decodeDocumentText(item.rest, options);
      return;
    case 'family':
      d.family = args();
      return;
    case 'or-address':
      d.orAddresses.push(parseOrAddress(first(), where));
      return;
    case 'accept':
    case 'reject':
    case 'accept6':
    case 'reject6':
      try {
        d.rules.push(parseExitPolicyRule(`${item.keyword} ${item.rest}`));
      } catch (e) {
        throw e instanceof ProtocolError ? new ProtocolError(`${where}: ${e.message}`) : e;
      }
      return;
    case 'ipv6-policy':
      d.ipv6Policy = parseExitPolicySummary(item.rest.trim(), where);
      return;
    case 'overload-general': {
      const a = args();
      if (a.length < 3) throw new ProtocolError(`${where}: expected "version YYYY-MM-DD HH:MM:SS", got ${clip(item.rest)}`);
      d.overloadGeneral = { version: parseCount(a[0]!, `${where} version`), atMs: parseDirTime(`${a[1]!} ${a[2]!}`, where) };
      return;
    }
    case 'master-key-ed25519':
      d.ed25519MasterKey = first();
      return;
    case 'ntor-onion-key':
      d.ntorOnionKey = first();
      return;
    case 'extra-info-digest':
      d.extraInfoDigest = first();
      return;
    case 'hidden-service-dir':
      d.isHiddenServiceDir = true;
      return;
    case 'tunnelled-dir-server':
      d.isTunnelledDirServer = true;
      return;
    case 'caches-extra-info':
      d.cachesExtraInfo = true;
      return;
    default:
  }
}
