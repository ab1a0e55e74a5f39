// Decides whether suites that need a real tor run, skip visibly, or fail (ORTOP_REQUIRE_TOR=1, as CI sets).
// Use describeWithTor(name, fn) instead of describe(); it also stops every tor the suite started in afterAll.
// Must never skip silently: a skip prints one line to stderr and shows as skipped in vitest's report.

import { afterAll, describe, it } from 'vitest';
import { findTor, stopAllTor } from './tor-process.js';

export const TOR_MISSING_LINE = 'skipped: tor not installed (apt-get install tor)';

export type TorRequirement =
  | { readonly kind: 'run'; readonly torPath: string }
  | { readonly kind: 'skip'; readonly message: string }
  | { readonly kind: 'fail'; readonly message: string };

/** Pure decision: tor found → run; missing → fail when ORTOP_REQUIRE_TOR=1, else skip. */
export function decideTorRequirement(torPath: string | undefined, env: NodeJS.ProcessEnv): TorRequirement {
  if (torPath !== undefined) return { kind: 'run', torPath };
  if (env.ORTOP_REQUIRE_TOR === '1') {
    const where = env.ORTOP_TOR !== undefined && env.ORTOP_TOR !== '' ? `ORTOP_TOR=${env.ORTOP_TOR} is not executable` : 'no tor in /usr/sbin, /usr/bin or $PATH';
    return { kind: 'fail', message: `ORTOP_REQUIRE_TOR=1 but tor is not installed (${where}); apt-get install tor` };
  }
  return { kind: 'skip', message: TOR_MISSING_LINE };
}

export const torRequirement: TorRequirement = decideTorRequirement(findTor(), process.env);

let skipAnnounced = false;

/** describe() for suites that start tor: runs, skips visibly, or fails per torRequirement. */
export function describeWithTor(name: string, fn: () => void): void {
  const requirement = torRequirement;
  if (requirement.kind === 'fail') {
    describe(name, () => {
      it('needs tor', () => {
        throw new Error(requirement.message);
      });
    });
    return;
  }
  if (requirement.kind === 'skip' && !skipAnnounced) {
    skipAnnounced = true;
    process.stderr.write(`${requirement.message}\n`);
  }
  describe.skipIf(requirement.kind === 'skip')(name, () => {
    afterAll(stopAllTor);
    fn();
  });
}
