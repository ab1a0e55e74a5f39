import { describe, expect, it } from 'vitest';
import { findSpikes } from '../../../src/relay/bandwidth/index.js';

const steady = (n: number, base = 500_000) => Array.from({ length: n }, (_, i) => base + (i % 7) * 20_000);

describe('findSpikes', () => {
  it("flags Nyx #72's absurd first value (multi-GB/s) among steady traffic", () => {
    const values = [...steady(60), 4_200_000_000];
    expect([...findSpikes(values)]).toEqual([60]);
  });

  it('flags everything above the burst limit, whatever the ratio', () => {
    const values = [...steady(30), 3_000_000, 2_900_000];
    expect([...findSpikes(values, { hardLimit: 2_000_000 })].sort()).toEqual([30, 31]);
  });

  it('ignores a "limit" most values exceed (not the real limit)', () => {
    expect(findSpikes(steady(10), { hardLimit: 100 }).size).toBe(0);
  });

  it('keeps real traffic: a ramp, small blips under the floor, sustained high values', () => {
    expect(findSpikes([100, 200, 400, 800, 1600, 3200]).size).toBe(0);
    expect(findSpikes([0, 0, 0, 0, 900_000]).size).toBe(0);
    expect(findSpikes([0, 0, 0, 0, 5_000_000]).size).toBe(0);
    expect(findSpikes([200, 0, 300, 0, 5_000_000]).size).toBe(0);
    expect(findSpikes([...steady(20), 80_000_000, 79_000_000]).size).toBe(0);
  });

  it('skips no-data buckets and needs a few values to judge', () => {
    expect(findSpikes([Number.NaN, 5e9, Number.NaN]).size).toBe(0);
    expect([...findSpikes([Number.NaN, 5000, 5000, 5000, 5e8])]).toEqual([4]);
  });
});
