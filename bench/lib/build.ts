// Makes sure dist/cli.js is at least as new as every source file it is bundled from, bundling with
// scripts/bundle.mjs when it is not. It only builds; it never edits sources.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_DIRS = ['src', 'panels', 'types'];

function newestMtimeMs(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtimeMs(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Returns what it did: 'up-to-date' or 'bundled'. Throws with esbuild's output if bundling fails. */
export function ensureBuilt(root: string): 'up-to-date' | 'bundled' {
  const cli = join(root, 'dist/cli.js');
  const sourcesMs = Math.max(...SOURCE_DIRS.map((d) => newestMtimeMs(join(root, d))), statSync(join(root, 'package.json')).mtimeMs);
  if (existsSync(cli) && statSync(cli).mtimeMs >= sourcesMs) return 'up-to-date';
  const result = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node scripts/bundle.mjs failed:\n${result.stdout}${result.stderr}`);
  return 'bundled';
}
