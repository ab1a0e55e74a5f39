// The header's exit policy: the rules the operator wrote, with what tor adds by itself folded away
// (ExitPolicyRejectPrivate's private networks and own address, IPv6Exit 0's leading reject6, the
// default policy appended after a policy without a catch-all). Pure: tor's answers in, rules out.
import { ProtocolError } from '../protocol/errors.js';
import { parseExitPolicyRule, type ExitPolicyRule } from '../protocol/documents/index.js';

export interface ExitRuleText {
  readonly action: 'accept' | 'reject';
  /** As written, e.g. "accept 1.2.3.0/24:443", "reject *:*". */
  readonly text: string;
}

/** "accept 127.0.0.0/8:*, reject *:*" or "accept *:80, <default>"; `tail` is what tor appends. */
export interface HeaderExitPolicy {
  readonly rules: readonly ExitRuleText[];
  readonly tail: 'default' | 'reduced' | undefined;
}

/** tor's own list for ExitPolicyRejectPrivate (policies.c private_nets), address/bits. */
const PRIVATE_NETS = new Set([
  '0.0.0.0/8', '169.254.0.0/16', '127.0.0.0/8', '192.168.0.0/16', '10.0.0.0/8', '172.16.0.0/12',
  '::/8', 'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8', '::/127',
]);

/** exit-policy/default of tor 0.4.9, used when tor's own answer is missing. */
export const TOR_DEFAULT_EXIT_POLICY =
  'reject *:25,reject *:119,reject *:135-139,reject *:445,reject *:563,reject *:1214,reject *:4661-4666,reject *:6346-6429,reject *:6699,reject *:6881-6999,accept *:*';

const isWildcard = (r: ExitPolicyRule): boolean => r.address === '*' || r.address === '*4' || r.address === '*6';
const allPorts = (r: ExitPolicyRule): boolean => r.minPort <= 1 && r.maxPort === 65535;
const isCatchAll = (r: ExitPolicyRule): boolean => isWildcard(r) && r.family !== 'ipv6' && allPorts(r);

function isPrivateRule(r: ExitPolicyRule, ownAddresses: ReadonlySet<string>): boolean {
  if (r.action !== 'reject' || !allPorts(r)) return false;
  if (r.address === 'private') return true;
  return PRIVATE_NETS.has(`${r.address}/${r.maskBits}`) || ownAddresses.has(r.address);
}

/** IPv6Exit 0: tor puts "reject6 *:*" (or "reject *6:*") before everything. */
const isImplicitIpv6Reject = (r: ExitPolicyRule): boolean => r.action === 'reject' && r.family === 'ipv6' && isWildcard(r) && allPorts(r);

interface Parsed {
  readonly rule: ExitPolicyRule;
  readonly text: string;
}

function parseItems(items: readonly string[]): Parsed[] | undefined {
  const out: Parsed[] = [];
  try {
    for (const item of items) {
      const text = item.trim().replace(/\s+/g, ' ');
      if (text !== '') out.push({ rule: parseExitPolicyRule(text), text });
    }
  } catch (e) {
    if (e instanceof ProtocolError) return undefined;
    throw e;
  }
  return out;
}

/** How many trailing rules are tor's default policy (each default rule may stand for its v4 and v6 copies); 0 if none. */
function defaultSuffixLength(rules: readonly Parsed[], defaults: readonly Parsed[]): number {
  if (defaults.length === 0) return 0;
  let end = rules.length;
  for (let d = defaults.length - 1; d >= 0; d--) {
    const want = defaults[d]!.rule;
    let start = end;
    while (start > 0) {
      const r = rules[start - 1]!.rule;
      if (r.action !== want.action || !isWildcard(r) || r.minPort !== want.minPort || r.maxPort !== want.maxPort) break;
      start--;
    }
    if (start === end) return 0;
    end = start;
  }
  return rules.length - end;
}

function condense(rules: readonly Parsed[], defaults: readonly Parsed[], ownAddresses: ReadonlySet<string>): HeaderExitPolicy {
  const kept = rules.filter((p, i) => !isPrivateRule(p.rule, ownAddresses) && !(i === 0 && isImplicitIpv6Reject(p.rule) && rules.length > 1));
  const suffix = defaultSuffixLength(kept, defaults);
  const written = kept.slice(0, kept.length - suffix).map((p) => ({ action: p.rule.action, text: p.text }));
  return { rules: written, tail: suffix > 0 ? 'default' : undefined };
}

/**
 * GETINFO exit-policy/full (one rule per line, private nets expanded) → the operator's rules.
 *   "reject6 *:*\naccept 127.0.0.0/8:*\nreject *:*"  →  accept 127.0.0.0/8:*, reject *:*
 * Undefined when tor's text does not parse.
 */
export function exitPolicyFromFull(full: string, options: { defaultPolicy?: string; ownAddresses?: readonly string[] } = {}): HeaderExitPolicy | undefined {
  const rules = parseItems(full.split(/[\n,]/));
  const defaults = parseItems((options.defaultPolicy ?? TOR_DEFAULT_EXIT_POLICY).split(','));
  if (rules === undefined) return undefined;
  return condense(rules, defaults ?? [], new Set(options.ownAddresses ?? []));
}

/** GETCONF answers that decide the policy when tor has no descriptor yet (DisableNetwork, starting). */
export interface ExitPolicyConf {
  /** ExitPolicy values, each possibly comma separated. */
  readonly exitPolicy: readonly string[];
  readonly exitRelay: string | undefined;
  readonly reducedExitPolicy: string | undefined;
}

/**
 * The policy as torrc states it (tor's own rule: ExitRelay 0, or ExitRelay auto with no ExitPolicy
 * and no ReducedExitPolicy, means "reject *:*"; a policy without a catch-all gets the default or,
 * with ReducedExitPolicy 1, the reduced policy after it).
 */
export function exitPolicyFromConf(conf: ExitPolicyConf): HeaderExitPolicy | undefined {
  const rules = parseItems(conf.exitPolicy.flatMap((v) => v.split(',')));
  if (rules === undefined) return undefined;
  const reduced = conf.reducedExitPolicy === '1';
  const exitRelay = (conf.exitRelay ?? 'auto').toLowerCase();
  if (exitRelay === '0' || (exitRelay === 'auto' && rules.length === 0 && !reduced)) {
    return { rules: [{ action: 'reject', text: 'reject *:*' }], tail: undefined };
  }
  const kept = rules.filter((p) => !isPrivateRule(p.rule, new Set()));
  const last = kept[kept.length - 1]?.rule;
  const closed = last !== undefined && isCatchAll(last);
  return {
    rules: kept.map((p) => ({ action: p.rule.action, text: p.text })),
    tail: closed ? undefined : reduced ? 'reduced' : 'default',
  };
}

/** What the collector could read; exit-policy/full wins, the config stands in while tor has no descriptor. */
export interface ExitPolicyAnswers {
  readonly full: string | undefined;
  readonly defaultPolicy: string | undefined;
  readonly conf: ExitPolicyConf | undefined;
  readonly ownAddresses: readonly string[];
}

export function selectHeaderExitPolicy(a: ExitPolicyAnswers): HeaderExitPolicy | undefined {
  const fromFull = a.full === undefined ? undefined : exitPolicyFromFull(a.full, { defaultPolicy: a.defaultPolicy, ownAddresses: a.ownAddresses });
  return fromFull ?? (a.conf === undefined ? undefined : exitPolicyFromConf(a.conf));
}
