// npm's `prepare`: builds dist/ when it is missing, as in a git clone (a git dependency, or
// `npm pack <git url>`, runs it in the clone before packing). `npm pack` and `npm publish` always
// build afresh through `prepack`; a tree that already has dist/ (a dev tree, the installed package)
// is left alone, so `npm ci` stays quick and the installed package never tries to build itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BUILT = ['dist/cli.js', 'dist/lib.js', 'dist/types/lib.d.ts'];
if (!BUILT.every((file) => existsSync(file))) {
  const npm = process.env.npm_execpath;
  const run = npm === undefined ? spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }) : spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
}
