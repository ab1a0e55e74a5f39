// Builds dist/ once before the test run so the CLI smoke and end-to-end tests exercise the
// bundle exactly as users run it (plain node, no vitest transforms).
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
}
