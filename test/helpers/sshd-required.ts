// Decides whether suites that need OpenSSH (and tor) run, skip visibly, or fail (ORTOP_REQUIRE_TOR=1,
// as CI sets: CI installs openssh-server and openssh-client). Never skips silently.
import { describe, it } from 'vitest';
import { sshdMissing } from './sshd.js';
import { describeWithTor } from './tor-required.js';

/**
 * describeWithTor for suites that also need OpenSSH: without sshd/ssh the suite fails when
 * ORTOP_REQUIRE_TOR=1 (CI installs them) and skips visibly otherwise.
 */
export function describeWithSshd(name: string, fn: () => void): void {
  const missing = sshdMissing();
  if (missing === undefined) return describeWithTor(name, fn);
  if (process.env.ORTOP_REQUIRE_TOR === '1') {
    describe(name, () => {
      it('needs OpenSSH', () => {
        throw new Error(`ORTOP_REQUIRE_TOR=1 but ${missing}`);
      });
    });
    return;
  }
  process.stderr.write(`skipped: ${name}: ${missing}\n`);
  describe.skip(name, fn);
}

