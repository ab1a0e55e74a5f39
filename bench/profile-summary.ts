// Summarises the newest V8 .cpuprofile in a directory (from `node --cpu-prof`): top functions by self
// and by inclusive time, so `npm run bench:parse:profile` says where parsing time goes without DevTools.
// Reads profiles only; it must not run or change the code being profiled.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const dir = process.argv[2] ?? 'bench/.cache/prof';
const top = Number(process.argv[3] ?? 25);
/** Samples in the first skipMs of the profile (start-up, warm-up) are left out. */
const skipMs = Number(process.argv[4] ?? 0);
const newest = readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => ({ path: join(dir, f), mtimeMs: statSync(join(dir, f)).mtimeMs, size: statSync(join(dir, f)).size }))
  .sort((a, b) => b.mtimeMs - a.mtimeMs || b.size - a.size)
  .slice(0, 2)
  .sort((a, b) => b.size - a.size)[0];
if (newest === undefined) throw new Error(`no .cpuprofile in ${dir}`);

const profile = JSON.parse(readFileSync(newest.path, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const label = (n: ProfileNode): string => {
  const f = n.callFrame;
  const where = f.url === '' ? '' : ` ${f.url.split('/').slice(-2).join('/')}${f.lineNumber > 0 ? `:${f.lineNumber + 1}` : ''}`;
  return `${f.functionName === '' ? '(anonymous)' : f.functionName}${where}`;
};

const timeByNode = new Map<number, number>();
let totalUs = 0;
let sinceStartUs = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  sinceStartUs += dt;
  if (sinceStartUs < skipMs * 1000) return;
  timeByNode.set(id, (timeByNode.get(id) ?? 0) + dt);
  totalUs += dt;
});
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of timeByNode) {
  const node = byId.get(id)!;
  self.set(label(node), (self.get(label(node)) ?? 0) + us);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
    const key = label(byId.get(cur)!);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
const show = (m: Map<string, number>): string =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(`${newest.path}: ${(totalUs / 1e6).toFixed(2)} s sampled${skipMs > 0 ? ` after the first ${skipMs / 1000} s` : ''} (V8 inlining folds callees into callers)`);
console.log(`--- self time\n${show(self)}\n--- inclusive time\n${show(inclusive)}`);
