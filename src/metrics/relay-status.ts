// What the exporter needs about a relay that the pages do not keep: ORPort/DirPort reachability,
// dormancy, and its descriptor's overload-general and bandwidth line. Plain data and the parsers
// for tor's answers (control-spec §3.9 status/reachability-succeeded, dormant). Pure.
import { parseServerDescriptor, type DescriptorBandwidth, type OverloadGeneral } from '../protocol/documents/index.js';

export interface Reachability {
  readonly or: boolean;
  readonly dir: boolean;
}

export interface DescriptorStatus {
  readonly bandwidth: DescriptorBandwidth;
  /** Undefined when the descriptor has no overload-general line. */
  readonly overloadGeneral: OverloadGeneral | undefined;
  readonly publishedAtMs: number;
  /** 'published': the descriptor the network has (desc/id); 'fresh': the one tor would publish now. */
  readonly source: 'published' | 'fresh';
}

export interface RelayStatusFacts {
  /** Undefined until read, or for a client (tor answers 0 0). */
  readonly reachability: Reachability | undefined;
  readonly dormant: boolean | undefined;
  readonly descriptor: DescriptorStatus | undefined;
}

export const NO_RELAY_STATUS: RelayStatusFacts = { reachability: undefined, dormant: undefined, descriptor: undefined };

/** "OR=1 DIR=0" → { or: true, dir: false }; undefined when either is missing. */
export function parseReachability(value: string | undefined): Reachability | undefined {
  const or = /(?:^|\s)OR=([01])(?:\s|$)/.exec(value ?? '');
  const dir = /(?:^|\s)DIR=([01])(?:\s|$)/.exec(value ?? '');
  if (or === null || dir === null) return undefined;
  return { or: or[1] === '1', dir: dir[1] === '1' };
}

/** "1" / "0" → boolean; anything else undefined. */
export function parseBit(value: string | undefined): boolean | undefined {
  const v = value?.trim();
  return v === '1' ? true : v === '0' ? false : undefined;
}

/**
 * A server descriptor (desc/id/<fp>, or status/fresh-relay-descs, which appends the extra-info
 * document) → its bandwidth and overload-general; undefined when empty or malformed.
 */
export function descriptorStatusOf(text: string, source: DescriptorStatus['source']): DescriptorStatus | undefined {
  const cut = text.search(/^extra-info /m);
  const server = cut < 0 ? text : text.slice(0, cut);
  if (server.trim() === '') return undefined;
  try {
    const d = parseServerDescriptor(server, { input: 'text' });
    return { bandwidth: d.bandwidth, overloadGeneral: d.overloadGeneral, publishedAtMs: d.publishedAtMs, source };
  } catch {
    return undefined;
  }
}
