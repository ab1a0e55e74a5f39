// Microdescriptors (dir-spec §3.3, "Computing microdescriptors") from GETINFO md/id/*, md/name/*:
// keys skipped (the onion-key object is never read), family, policy summaries, ed25519 identity.
// Unknown keywords are ignored.
//
//   "onion-key" NL [an RSA key object, which may be absent]        [exactly once, at start]
//   "ntor-onion-key" SP base64-key NL                                [exactly once]
//   "a" SP address ":" port NL                                       [any number]
//   "family" names NL                                                [at most once]
//   "family-ids" *(SP id) NL                                         [at most once]
//   "p" SP ("accept" / "reject") SP PortList NL                      [at most once]
//   "p6" SP ("accept" / "reject") SP PortList NL                     [at most once]
//   "id" SP "rsa1024" / "ed25519" SP id NL                           [at most once per type]

import { ProtocolError } from '../errors.js';
import { parseExitPolicySummary, type ExitPolicySummary } from './exit-policy.js';
import { clip, parseOrAddress, type OrAddress } from './fields.js';
import { argumentsOf, readDocumentItems, type DocumentItem } from './netdoc.js';

export interface Microdescriptor {
  readonly ntorOnionKey: string | undefined;
  readonly orAddresses: readonly OrAddress[];
  /** Family members as written ("$HEX", "$HEX~nick" or nickname). */
  readonly family: readonly string[];
  /** Family identities (happy families), e.g. "ed25519:…". */
  readonly familyIds: readonly string[];
  /** `p`; absent means the relay is not an exit ("reject 1-65535"). */
  readonly exitPolicy: ExitPolicySummary | undefined;
  /** `p6`. */
  readonly ipv6ExitPolicy: ExitPolicySummary | undefined;
  readonly ed25519Id: string | undefined;
  readonly rsa1024Id: string | undefined;
}

const AT_MOST_ONCE = new Set(['ntor-onion-key', 'family', 'family-ids', 'p', 'p6']);

/** Exactly one microdescriptor. */
export function parseMicrodescriptor(text: string): Microdescriptor {
  const all = parseMicrodescriptors(text);
  if (all.length !== 1) throw new ProtocolError(`expected one microdescriptor, found ${all.length}`);
  return all[0]!;
}

/**
 * Concatenated microdescriptors: each begins at "onion-key"; for text from tors that omit it,
 * a second "ntor-onion-key" also begins a new one.
 */
export function parseMicrodescriptors(text: string): Microdescriptor[] {
  const groups: DocumentItem[][] = [];
  let group: DocumentItem[] | undefined;
  let hasNtor = false;
  for (const item of readDocumentItems(text)) {
    const starts = item.keyword === 'onion-key' || (item.keyword === 'ntor-onion-key' && (group === undefined || hasNtor));
    if (starts) {
      group = [];
      groups.push(group);
      hasNtor = false;
    }
    if (group === undefined) throw new ProtocolError(`line ${item.lineNumber}: "${item.keyword}" before "onion-key"`);
    if (item.keyword === 'ntor-onion-key') hasNtor = true;
    group.push(item);
  }
  return groups.map(buildMicrodescriptor);
}

function buildMicrodescriptor(items: readonly DocumentItem[]): Microdescriptor {
  let ntorOnionKey: string | undefined;
  const orAddresses: OrAddress[] = [];
  let family: string[] = [];
  let familyIds: string[] = [];
  let exitPolicy: ExitPolicySummary | undefined;
  let ipv6ExitPolicy: ExitPolicySummary | undefined;
  let ed25519Id: string | undefined;
  let rsa1024Id: string | undefined;
  const seen = new Set<string>();
  for (const item of items) {
    const where = `line ${item.lineNumber}: ${item.keyword}`;
    const key = item.keyword === 'id' ? `id ${argumentsOf(item)[0] ?? ''}` : item.keyword;
    if (AT_MOST_ONCE.has(item.keyword) || item.keyword === 'id') {
      if (seen.has(key)) throw new ProtocolError(`${where}: duplicate "${key}" line`);
      seen.add(key);
    }
    switch (item.keyword) {
      case 'ntor-onion-key': {
        const k = argumentsOf(item)[0];
        if (k === undefined) throw new ProtocolError(`${where}: missing key`);
        ntorOnionKey = k;
        break;
      }
      case 'a':
        orAddresses.push(parseOrAddress(item.rest.trim(), where));
        break;
      case 'family':
        family = argumentsOf(item);
        break;
      case 'family-ids':
        familyIds = argumentsOf(item);
        break;
      case 'p':
        exitPolicy = parseExitPolicySummary(item.rest.trim(), where);
        break;
      case 'p6':
        ipv6ExitPolicy = parseExitPolicySummary(item.rest.trim(), where);
        break;
      case 'id': {
        const [type, value] = argumentsOf(item);
        if (type === undefined || value === undefined) throw new ProtocolError(`${where}: expected "id <type> <key>", got ${clip(item.rest)}`);
        if (type === 'ed25519') ed25519Id = value;
        else if (type === 'rsa1024') rsa1024Id = value;
        break;
      }
      default:
    }
  }
  return { ntorOnionKey, orAddresses, family, familyIds, exitPolicy, ipv6ExitPolicy, ed25519Id, rsa1024Id };
}
