// Evaluating exit policies per port: which ports a relay exits to "in general", and a short
// human summary for the header panel ("accept 80, 443, 1000-2000", "reject all").
// Pure; the output strings are plain ASCII and never contain text taken from the policy.

import type { ExitPolicy, ExitPolicyRule, PortRange } from './exit-policy.js';

export type PolicyFamily = 'ipv4' | 'ipv6';

export interface SummarizeExitPolicyOptions {
  /** Which address family full rules are evaluated for (default 'ipv4'). Ignored for summaries. */
  readonly family?: PolicyFamily;
  /** Longest string wanted; the port list is cut at an item boundary and ends with "…". */
  readonly maxLength?: number;
}

const ALL: PortRange = { minPort: 1, maxPort: 65535 };

/** True when the rule covers every address of the family: "*", "*4"/"*6", or a /0 prefix. */
export function isWildcardRule(rule: ExitPolicyRule): boolean {
  return rule.address === '*' || rule.address === '*4' || rule.address === '*6' || rule.maskBits === 0;
}

/**
 * Ports 1-65535 the policy lets this relay exit to, as sorted, merged ranges.
 * Full rules: evaluated first-match-wins per port. Only rules covering all addresses of the family
 * decide; rules for particular addresses or networks (e.g. the private-network rejects tor adds)
 * are skipped, as tor's own summaries do. Ports no rule decides are accepted (dir-spec §2.1.1).
 */
export function acceptedPortRanges(policy: ExitPolicy, family: PolicyFamily = 'ipv4'): PortRange[] {
  if (policy.kind === 'summary') {
    const listed = mergeRanges(policy.ports);
    return policy.action === 'accept' ? listed : complementRanges(listed);
  }
  let undecided: PortRange[] = [ALL];
  const accepted: PortRange[] = [];
  for (const rule of policy.rules) {
    if (undecided.length === 0) break;
    if (rule.family !== 'any' && rule.family !== family) continue;
    if (!isWildcardRule(rule)) continue;
    const min = Math.max(1, rule.minPort);
    const max = rule.maxPort;
    if (max < min) continue;
    const next: PortRange[] = [];
    for (const r of undecided) {
      if (r.maxPort < min || r.minPort > max) {
        next.push(r);
        continue;
      }
      if (rule.action === 'accept') accepted.push({ minPort: Math.max(r.minPort, min), maxPort: Math.min(r.maxPort, max) });
      if (r.minPort < min) next.push({ minPort: r.minPort, maxPort: min - 1 });
      if (r.maxPort > max) next.push({ minPort: max + 1, maxPort: r.maxPort });
    }
    undecided = next;
  }
  return mergeRanges([...accepted, ...undecided]);
}

/** Whether the relay exits to `port` on addresses in general (see acceptedPortRanges). */
export function policyAllowsPort(policy: ExitPolicy, port: number, family: PolicyFamily = 'ipv4'): boolean {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return false;
  if (policy.kind === 'summary') {
    const listed = policy.ports.some((r) => port >= r.minPort && port <= r.maxPort);
    return policy.action === 'accept' ? listed : !listed;
  }
  for (const rule of policy.rules) {
    if (rule.family !== 'any' && rule.family !== family) continue;
    if (!isWildcardRule(rule)) continue;
    if (port >= rule.minPort && port <= rule.maxPort) return rule.action === 'accept';
  }
  return true;
}

/**
 * Short summary for display:
 *   "accept all" | "reject all" | "accept 80, 443, 1000-2000" | "reject 25, 119, 135-139"
 * A summary keeps its own accept/reject wording; full rules use whichever list is shorter.
 */
export function summarizeExitPolicy(policy: ExitPolicy, options: SummarizeExitPolicyOptions = {}): string {
  const accepted = acceptedPortRanges(policy, options.family ?? 'ipv4');
  if (accepted.length === 0) return 'reject all';
  if (accepted.length === 1 && accepted[0]!.minPort === 1 && accepted[0]!.maxPort === 65535) return 'accept all';
  const rejected = complementRanges(accepted);
  const useReject = policy.kind === 'summary' ? policy.action === 'reject' : rejected.length < accepted.length;
  const action = useReject ? 'reject' : 'accept';
  const items = (useReject ? rejected : accepted).map(formatRange);
  return fitList(action, items, options.maxLength);
}

/** "80" or "1000-2000". */
export function formatRange(range: PortRange): string {
  return range.minPort === range.maxPort ? String(range.minPort) : `${range.minPort}-${range.maxPort}`;
}

function fitList(action: string, items: readonly string[], maxLength: number | undefined): string {
  const full = `${action} ${items.join(', ')}`;
  if (maxLength === undefined || full.length <= maxLength) return full;
  let text = action;
  for (let i = 0; i < items.length; i++) {
    const candidate = `${text}${i === 0 ? ' ' : ', '}${items[i]!}`;
    if (`${candidate}, …`.length > maxLength) break;
    text = candidate;
  }
  text = text === action ? `${action} …` : `${text}, …`;
  return text.length <= maxLength ? text : text.slice(0, Math.max(0, maxLength - 1)) + '…';
}

function mergeRanges(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.minPort - b.minPort);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.minPort <= last.maxPort + 1) {
      if (r.maxPort > last.maxPort) out[out.length - 1] = { minPort: last.minPort, maxPort: r.maxPort };
    } else {
      out.push(r);
    }
  }
  return out;
}

function complementRanges(merged: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  let next = 1;
  for (const r of merged) {
    if (r.minPort > next) out.push({ minPort: next, maxPort: r.minPort - 1 });
    next = Math.max(next, r.maxPort + 1);
  }
  if (next <= 65535) out.push({ minPort: next, maxPort: 65535 });
  return out;
}
