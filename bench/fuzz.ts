// The long fuzz run: `npm run fuzz -- [--cases N per target] [--seed S] [--minutes M]`.
// Same targets and mutation engine as the seeded test (test/fuzz); reports cases run, failures
// (with the input, saved under bench/.cache/fuzz-failures/), the slowest case and RSS growth.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cases } from '../test/fuzz/mutate.js';
import { loadSeeds } from '../test/fuzz/seeds.js';
import { TARGETS } from '../test/fuzz/targets.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const perTarget = arg('cases', 20_000);
const seed = arg('seed', Date.now() % 1_000_000);
const deadline = Date.now() + arg('minutes', 60) * 60_000;
const seeds = loadSeeds();
const failDir = new URL('./.cache/fuzz-failures/', import.meta.url).pathname;
let total = 0;
let failures = 0;
const rssStart = process.memoryUsage.rss();
console.log(`fuzz: ${TARGETS.length} targets x ${perTarget} cases, seed ${seed}, ${seeds.length} seed inputs`);
for (const [index, target] of TARGETS.entries()) {
  let n = 0;
  let slowest = 0;
  let targetFailures = 0;
  for (const input of cases(seeds, perTarget, seed + index * 7919)) {
    if (Date.now() > deadline) break;
    const t0 = performance.now();
    try {
      target.run(input);
    } catch (e) {
      targetFailures++;
      if (targetFailures <= 5) {
        mkdirSync(failDir, { recursive: true });
        const file = `${failDir}${target.name.replace(/\W+/g, '-')}-${n}.bin`;
        writeFileSync(file, input);
        console.log(`  FAIL ${target.name}: ${String(e).slice(0, 200)} (input saved to ${file})`);
      }
    }
    slowest = Math.max(slowest, performance.now() - t0);
    n++;
  }
  total += n;
  failures += targetFailures;
  console.log(`  ${target.name.padEnd(24)} ${String(n).padStart(8)} cases  ${String(targetFailures).padStart(4)} failures  slowest ${slowest.toFixed(1)} ms`);
}
const rssGrowthMb = (process.memoryUsage.rss() - rssStart) / 1048576;
console.log(`rss growth over the run: ${rssGrowthMb.toFixed(1)} MB`);
console.log(`cases=${total} failures=${failures} seed=${seed}`);
process.exitCode = failures > 0 ? 1 : 0;
