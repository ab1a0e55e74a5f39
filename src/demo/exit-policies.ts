// Exit policies of the demo's world: the summaries (`p` lines) and descriptor rules of the few
// policy kinds simulated relays use, and our own relay's ExitPolicy option expanded the way tor
// does for exit-policy/full. Text only; evaluation belongs to src/protocol/documents.

import type { ExitPolicyKind } from './relay-types.js';

/** tor's default exit policy (GETINFO exit-policy/default). */
export const DEFAULT_EXIT_POLICY: readonly string[] = [
  'reject *:25', 'reject *:119', 'reject *:135-139', 'reject *:445', 'reject *:563', 'reject *:1214',
  'reject *:4661-4666', 'reject *:6346-6429', 'reject *:6699', 'reject *:6881-6999', 'accept *:*',
];

/** The ports of the "reduced exit policy" many operators use (shortened). */
export const REDUCED_EXIT_PORTS =
  '20-23,43,53,79-81,88,110,143,194,220,389,443,464-465,531,543-544,554,563,587,636,706,749,853,873,902-904,981,989-995,' +
  '1194,1220,1293,1500,1533,1677,1723,1755,1863,2082-2083,2086-2087,2095-2096,2102-2104,3128,3389,3690,4321,4643,5050,' +
  '5190,5222-5223,5228,5900,6660-6669,6679,6697,8000,8008,8074,8080,8082,8087-8088,8232-8233,8332-8333,8443,8888,9418,' +
  '9999-10000,11371,19294,19638,50002,64738';

/** The private ranges ExitPolicyRejectPrivate adds in front of an exit's own rules. */
const PRIVATE_REJECTS = [
  'reject 0.0.0.0/8:*', 'reject 169.254.0.0/16:*', 'reject 127.0.0.0/8:*', 'reject 192.168.0.0/16:*',
  'reject 10.0.0.0/8:*', 'reject 172.16.0.0/12:*',
];

/** The `p` line summary of a policy kind. */
export function policySummary(kind: ExitPolicyKind): string {
  switch (kind) {
    case 'reduced':
      return `accept ${REDUCED_EXIT_PORTS}`;
    case 'web':
      return 'accept 80,443';
    case 'default':
      return 'reject 25,119,135-139,445,563,1214,4661-4666,6346-6429,6699,6881-6999';
    default:
      return 'reject 1-65535';
  }
}

/** The accept/reject lines of a simulated relay's descriptor. */
export function policyRules(kind: ExitPolicyKind, address: string): string[] {
  switch (kind) {
    case 'reduced':
      return [...PRIVATE_REJECTS, `reject ${address}:*`, ...REDUCED_EXIT_PORTS.split(',').map((p) => `accept *:${p}`), 'reject *:*'];
    case 'web':
      return [...PRIVATE_REJECTS, `reject ${address}:*`, 'accept *:80', 'accept *:443', 'reject *:*'];
    case 'default':
      return [...PRIVATE_REJECTS, `reject ${address}:*`, ...DEFAULT_EXIT_POLICY];
    default:
      return ['reject *:*'];
  }
}

/**
 * Our ExitPolicy option (comma-separated rules over any number of lines) as tor expands it:
 * private and own-address rejects first (ExitPolicyRejectPrivate), then the configured rules, then
 * the default policy unless the configuration already ends with a catch-all. ExitRelay 0 → reject *:*.
 */
export function expandExitPolicy(lines: readonly string[], options: { address: string; rejectPrivate: boolean; isExit: boolean }): string[] {
  if (!options.isExit) return ['reject *:*'];
  const rules = lines.flatMap((l) => l.split(',')).map((r) => r.trim().replace(/\s+/g, ' ')).filter((r) => r !== '');
  const out = options.rejectPrivate ? [...PRIVATE_REJECTS, `reject ${options.address}:*`] : [];
  out.push(...rules);
  const last = rules[rules.length - 1];
  if (last === undefined || !/^(accept|reject)6? \*:\*$/.test(last)) out.push(...DEFAULT_EXIT_POLICY);
  return out;
}

/** The accepted ports of expanded rules as a `p` summary (pessimistic: only `*` rules count). */
export function summarizeRules(rules: readonly string[]): string {
  const accepted = new Array<boolean>(65536).fill(false);
  const decided = new Array<boolean>(65536).fill(false);
  for (const rule of rules) {
    const m = /^(accept|reject) \*(?:4)?:(\*|\d+(?:-\d+)?)$/.exec(rule);
    if (m === null) continue;
    const [lo, hi] = m[2] === '*' ? [1, 65535] : (m[2]!.split('-').map(Number) as [number, number?]);
    for (let p = lo; p <= (hi ?? lo); p++) {
      if (decided[p]) continue;
      decided[p] = true;
      accepted[p] = m[1] === 'accept';
    }
  }
  const ranges: string[] = [];
  for (let p = 1; p <= 65535; p++) {
    if (!accepted[p]) continue;
    let q = p;
    while (q < 65535 && accepted[q + 1]) q++;
    ranges.push(p === q ? String(p) : `${p}-${q}`);
    p = q;
  }
  return ranges.length === 0 ? 'reject 1-65535' : `accept ${ranges.join(',')}`;
}
