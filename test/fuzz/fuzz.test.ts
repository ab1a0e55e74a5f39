// A bounded, seeded fuzz run in every test run: each target gets mutated real captures and random
// bytes, and may only throw ProtocolError/ReplyError, never hang, never hold unbounded memory.
// The long run is `npm run fuzz -- --cases N --seed S`.
import { describe, expect, it } from 'vitest';
import { cases } from './mutate.js';
import { loadSeeds } from './seeds.js';
import { TARGETS } from './targets.js';

const CASES = 600;
const SLOW_CASE_MS = 1000;

describe('fuzz (seeded)', () => {
  const seeds = loadSeeds();
  for (const target of TARGETS) {
    it(`${target.name}: ${CASES} mutated inputs, only protocol errors, none slow`, () => {
      let slowest = 0;
      for (const input of cases(seeds, CASES, 0x5eed + target.name.length)) {
        const t0 = performance.now();
        try {
          target.run(input);
        } catch (e) {
          throw new Error(`${target.name} threw ${String(e)} on ${JSON.stringify(input.toString('latin1').slice(0, 300))}`);
        }
        slowest = Math.max(slowest, performance.now() - t0);
      }
      expect(slowest).toBeLessThan(SLOW_CASE_MS);
    });
  }
});
