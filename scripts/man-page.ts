// Writes man/ortop.1, completion/ortop.bash and completion/_ortop from the program definition
// (scripts/cli-docs.ts renders them). `--check` writes nothing and exits 1 when a file is stale.
// Run: npm run docs (or npm run docs -- --check).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderBashCompletion, renderManPage, renderZshCompletion } from './cli-docs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED: readonly { readonly path: string; readonly render: () => string }[] = [
  { path: 'man/ortop.1', render: renderManPage },
  { path: 'completion/ortop.bash', render: renderBashCompletion },
  { path: 'completion/_ortop', render: renderZshCompletion },
];

const check = process.argv.includes('--check');
let stale = 0;
for (const { path, render } of GENERATED) {
  const file = join(root, path);
  const text = render();
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  if (check) {
    stale++;
    console.error(`${path} is out of date: run npm run docs`);
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${path}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
