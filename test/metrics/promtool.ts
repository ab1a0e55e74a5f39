// Runs Debian's promtool (package prometheus) for the exporter tests; decides like tor-required.ts:
// missing → visible skip, or a failure when ORTOP_REQUIRE_TOR=1 (CI installs it in .ci/run).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';

export const PROMTOOL = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((p) => existsSync(p));
export const PROMETHEUS = ['/usr/bin/prometheus', '/usr/local/bin/prometheus'].find((p) => existsSync(p));

export interface ToolRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function promtool(args: readonly string[], input?: string): ToolRun {
  const r = spawnSync(PROMTOOL!, [...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

let announced = false;

/** describe() for suites that need promtool (and prometheus when `server`). */
export function describeWithPromtool(name: string, fn: () => void, server = false): void {
  const missing = PROMTOOL === undefined || (server && PROMETHEUS === undefined);
  if (missing && process.env.ORTOP_REQUIRE_TOR === '1') {
    describe(name, () => {
      it('needs prometheus', () => {
        throw new Error('ORTOP_REQUIRE_TOR=1 but promtool/prometheus are not installed; apt-get install prometheus');
      });
    });
    return;
  }
  if (missing && !announced) {
    announced = true;
    process.stderr.write('skipped: promtool/prometheus not installed (apt-get install prometheus)\n');
  }
  describe.skipIf(missing)(name, fn);
}

/**
 * `promtool check metrics` problems, one per line ("name problem"). Empty = clean. promtool reads
 * the text format only, and says nothing when all is well.
 */
export function checkMetrics(exposition: string): { readonly status: number | null; readonly problems: string[] } {
  const r = promtool(['check', 'metrics'], exposition);
  const problems = `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return { status: r.status, problems };
}
