// Builds dist/ once before the test run so the CLI smoke and end-to-end tests exercise the
// bundle exactly as users run it (plain node, no vitest transforms). ORTOP_TEST_NO_BUNDLE=1 skips
// it for a quick run of tests that do not start dist/cli.js (those would then test a stale bundle).
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.ORTOP_TEST_NO_BUNDLE === '1') return;
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
}
