// blessed's index loads all 34 widgets; src/ and panels/ go through src/terminal/blessed-lite.ts
// (four widgets) and import blessed itself only for types. This keeps it that way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = join(dir, name);
    return statSync(join(ROOT, rel)).isDirectory() ? sources(rel) : rel.endsWith('.ts') ? [rel] : [];
  });
}

it('no module in src/ or panels/ loads the blessed index at run time', () => {
  const offenders = [...sources('src'), ...sources('panels')].filter((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    return /^import\s+(?!type\b)[^;]*from\s+'blessed(-contrib)?'/m.test(text) || /require\('blessed(-contrib)?'\)/.test(text);
  });
  expect(offenders).toEqual([]);
});
