// Exit policies as directory documents write them: port-list summaries (`p`, `p6`, `ipv6-policy`)
// and full accept/reject rules (descriptor lines, GETINFO exit-policy/*). Parsing only; evaluation
// lives in exit-policy-eval.ts. Malformed text → ProtocolError naming the rule.

import { ProtocolError } from '../errors.js';
import { clip, isIPv4, isIPv6 } from './fields.js';

export type PolicyAction = 'accept' | 'reject';

/** Inclusive port range; a single port has minPort === maxPort. */
export interface PortRange {
  readonly minPort: number;
  readonly maxPort: number;
}

/** "accept 80,443,1000-2000" / "reject 1-65535": a microdescriptor-style summary. */
export interface ExitPolicySummary {
  readonly kind: 'summary';
  readonly action: PolicyAction;
  readonly ports: readonly PortRange[];
}

export interface ExitPolicyRule {
  readonly action: PolicyAction;
  /** 'ipv6' for accept6/reject6, "*6" and IPv6 literals; 'ipv4' for "*4" and IPv4 literals; '*' is 'any'. */
  readonly family: 'any' | 'ipv4' | 'ipv6';
  /** '*', '*4', '*6', 'private' (torrc), or the address without brackets. */
  readonly address: string;
  /** Prefix length for literal addresses (32 / 128 when no mask was written); undefined for keywords. */
  readonly maskBits: number | undefined;
  readonly minPort: number;
  readonly maxPort: number;
}

/** Full policy: rules in the order tor evaluates them (first match wins). */
export interface ExitPolicyRules {
  readonly kind: 'rules';
  readonly rules: readonly ExitPolicyRule[];
}

export type ExitPolicy = ExitPolicySummary | ExitPolicyRules;

/**
 * dir-spec §3.4.1:
 *   PortList    = PortOrRange *("," PortOrRange)
 *   PortOrRange = INT "-" INT / INT          ; ports 1-65535
 */
export function parsePortList(text: string, where = 'port list'): PortRange[] {
  if (text === '') throw new ProtocolError(`${where}: empty port list`);
  const ranges: PortRange[] = [];
  for (const item of text.split(',')) {
    const m = /^([0-9]{1,5})(?:-([0-9]{1,5}))?$/.exec(item);
    if (m === null) throw new ProtocolError(`${where}: malformed port or range ${clip(item)} in ${clip(text)}`);
    const minPort = Number(m[1]);
    const maxPort = m[2] === undefined ? minPort : Number(m[2]);
    if (minPort < 1 || maxPort > 65535 || minPort > maxPort) {
      throw new ProtocolError(`${where}: port range out of order or out of 1-65535 ${clip(item)}`);
    }
    ranges.push({ minPort, maxPort });
  }
  return ranges;
}

/** `"accept" / "reject" SP PortList` — the argument of `p`, `p6` and `ipv6-policy` lines. */
export function parseExitPolicySummary(text: string, where = 'exit policy summary'): ExitPolicySummary {
  const sp = text.indexOf(' ');
  const action = sp < 0 ? text : text.slice(0, sp);
  if (action !== 'accept' && action !== 'reject') {
    throw new ProtocolError(`${where}: expected "accept" or "reject", got ${clip(text)}`);
  }
  const list = sp < 0 ? '' : text.slice(sp + 1).trim();
  return { kind: 'summary', action, ports: parsePortList(list, where) };
}

/**
 * One rule (dir-spec §2.1.3), as in descriptors and GETINFO exit-policy/full:
 *   ("accept" / "reject" / "accept6" / "reject6") SP exitpattern
 *   exitpattern ::= addrspec ":" portspec
 *   portspec    ::= "*" | port | port "-" port        ; port 0 is tolerated
 *   addrspec    ::= "*" | ip4spec | ip6spec           ; also "*4", "*6", "private" in torrc form
 *   ip4spec     ::= ip4 | ip4 "/" num_ip4_bits | ip4 "/" ip4mask
 *   ip6spec     ::= "[" ip6 "]" | "[" ip6 "]" "/" num_ip6_bits
 */
export function parseExitPolicyRule(text: string): ExitPolicyRule {
  const where = `exit policy rule ${clip(text)}`;
  const m = /^(accept|reject)(6?)[ \t]+(\S+)$/.exec(text.trim());
  if (m === null) throw new ProtocolError(`${where}: expected accept|reject[6] ADDRESS:PORTS`);
  const action = m[1] as PolicyAction;
  const only6 = m[2] === '6';
  const pattern = m[3]!;
  const colon = pattern.lastIndexOf(':');
  if (colon < 0) throw new ProtocolError(`${where}: missing ":port"`);
  const { minPort, maxPort } = parsePortSpec(pattern.slice(colon + 1), where);
  const addr = parseAddrSpec(pattern.slice(0, colon), where);
  if (only6 && addr.family === 'ipv4') throw new ProtocolError(`${where}: ${action}6 with an IPv4 address`);
  const family = only6 ? 'ipv6' : addr.family;
  return { action, family, address: addr.address, maskBits: addr.maskBits, minPort, maxPort };
}

/**
 * A full policy from descriptor lines, GETINFO exit-policy/full (one rule per line) or
 * exit-policy/default (comma separated). Blank items are skipped.
 */
export function parseExitPolicy(text: string | readonly string[]): ExitPolicyRules {
  const items = typeof text === 'string' ? text.split(/[\n,]/) : text;
  const rules: ExitPolicyRule[] = [];
  for (const item of items) {
    const trimmed = item.trim();
    if (trimmed !== '') rules.push(parseExitPolicyRule(trimmed));
  }
  return { kind: 'rules', rules };
}

function parsePortSpec(spec: string, where: string): PortRange {
  if (spec === '*') return { minPort: 1, maxPort: 65535 };
  const m = /^([0-9]{1,5})(?:-([0-9]{1,5}))?$/.exec(spec);
  if (m === null) throw new ProtocolError(`${where}: malformed port ${clip(spec)}`);
  const minPort = Number(m[1]);
  const maxPort = m[2] === undefined ? minPort : Number(m[2]);
  if (maxPort > 65535 || minPort > maxPort) throw new ProtocolError(`${where}: bad port range ${clip(spec)}`);
  return { minPort, maxPort };
}

interface AddrSpec {
  readonly family: 'any' | 'ipv4' | 'ipv6';
  readonly address: string;
  readonly maskBits: number | undefined;
}

function parseAddrSpec(spec: string, where: string): AddrSpec {
  if (spec === '*' || spec === 'private') return { family: 'any', address: spec, maskBits: undefined };
  if (spec === '*4') return { family: 'ipv4', address: spec, maskBits: undefined };
  if (spec === '*6') return { family: 'ipv6', address: spec, maskBits: undefined };
  const slash = spec.indexOf('/');
  const host = slash < 0 ? spec : spec.slice(0, slash);
  const mask = slash < 0 ? undefined : spec.slice(slash + 1);
  if (host.startsWith('[') && host.endsWith(']')) {
    const address = host.slice(1, -1);
    if (!isIPv6(address)) throw new ProtocolError(`${where}: malformed IPv6 address ${clip(host)}`);
    return { family: 'ipv6', address, maskBits: mask === undefined ? 128 : parseBits(mask, 128, where) };
  }
  if (!isIPv4(host)) throw new ProtocolError(`${where}: malformed address ${clip(host)}`);
  if (mask === undefined) return { family: 'ipv4', address: host, maskBits: 32 };
  const maskBits = isIPv4(mask) ? bitsFromMask(mask, where) : parseBits(mask, 32, where);
  return { family: 'ipv4', address: host, maskBits };
}

function parseBits(text: string, max: number, where: string): number {
  if (!/^[0-9]{1,3}$/.test(text) || Number(text) > max) throw new ProtocolError(`${where}: bad mask ${clip(text)}`);
  return Number(text);
}

function bitsFromMask(mask: string, where: string): number {
  const value = mask.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  let bits = 0;
  while (bits < 32 && value >= 2 ** 32 - 2 ** (32 - bits - 1)) bits++;
  if (value !== (bits === 0 ? 0 : 2 ** 32 - 2 ** (32 - bits))) {
    throw new ProtocolError(`${where}: non-contiguous mask ${clip(mask)}`);
  }
  return bits;
}
