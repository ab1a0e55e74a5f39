// Whether our exit policy lets tor connect to a given address:port — the one question that makes a
// socket to a non-relay an exit connection. First matching rule wins, as in tor's
// compare_tor_addr_to_addr_policy; addresses are compared with their masks. Pure.
import { isIPv4, isIPv6, parseExitPolicy, type ExitPolicy, type ExitPolicyRule, type ExitPolicyRules } from '../../protocol/documents/index.js';
import { isNonPublicAddress } from './country-cache.js';

function ipv4Bits(address: string): number[] {
  const out: number[] = [];
  for (const octet of address.split('.').map(Number)) for (let b = 7; b >= 0; b--) out.push((octet >> b) & 1);
  return out;
}

/** "2001:db8::1" / "::ffff:1.2.3.4" → 128 bits. */
function ipv6Bits(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const groups = (s: string | undefined) => (s === undefined || s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const h = groups(head);
  const t = groups(tail);
  const all = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  const out: number[] = [];
  for (const g of all) for (let b = 15; b >= 0; b--) out.push((g >> b) & 1);
  return out;
}

function bitsOf(address: string): number[] | undefined {
  if (isIPv4(address)) return ipv4Bits(address);
  if (isIPv6(address)) return ipv6Bits(address);
  return undefined;
}

function ruleCovers(rule: ExitPolicyRule, address: string, v4: boolean): boolean {
  if (rule.family === 'ipv4' && !v4) return false;
  if (rule.family === 'ipv6' && v4) return false;
  if (rule.address === '*' || rule.address === '*4' || rule.address === '*6') return true;
  if (rule.address === 'private') return isNonPublicAddress(address);
  const ruleBits = bitsOf(rule.address);
  const addrBits = bitsOf(address);
  if (ruleBits === undefined || addrBits === undefined || ruleBits.length !== addrBits.length) return false;
  const mask = rule.maskBits ?? ruleBits.length;
  for (let i = 0; i < mask; i++) if (ruleBits[i] !== addrBits[i]) return false;
  return true;
}

/** True when the policy accepts address:port (summaries only know ports). Undecided → accept (dir-spec §2.1.1). */
export function policyAcceptsEndpoint(policy: ExitPolicy, address: string, port: number): boolean {
  if (policy.kind === 'summary') {
    const listed = policy.ports.some((r) => port >= r.minPort && port <= r.maxPort);
    return policy.action === 'accept' ? listed : !listed;
  }
  const v4 = isIPv4(address);
  for (const rule of policy.rules) {
    if (port < rule.minPort || port > rule.maxPort) continue;
    if (ruleCovers(rule, address, v4)) return rule.action === 'accept';
  }
  return true;
}

/** Whether the policy accepts anything at all (a relay whose policy is "reject *:*" is no exit). */
export function policyAcceptsAnything(policy: ExitPolicy): boolean {
  if (policy.kind === 'summary') return policy.action === 'reject' || policy.ports.length > 0;
  for (const rule of policy.rules) {
    if (rule.action === 'accept') return true;
    if ((rule.address === '*' || rule.maskBits === 0) && rule.minPort <= 1 && rule.maxPort >= 65535 && rule.family === 'any') return false;
  }
  return true;
}

/** GETINFO exit-policy/full (one rule per line) → rules; undefined when empty. Throws ProtocolError when malformed. */
export function parseExitPolicyText(text: string): ExitPolicyRules | undefined {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.length === 0 ? undefined : parseExitPolicy(lines);
}
