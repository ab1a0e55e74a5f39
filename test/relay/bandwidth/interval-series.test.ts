import { describe, expect, it } from 'vitest';
import { INTERVALS, IntervalSeries, StatSeries, intervalSeconds } from '../../../src/relay/bandwidth/index.js';

describe('IntervalSeries', () => {
  it('averages per-second samples into buckets of its length, newest first', () => {
    const s = new IntervalSeries(5, 10);
    for (let i = 1; i <= 12; i++) s.add(i);
    expect(s.length).toBe(2);
    expect(s.newest(5)).toEqual([8, 3]);
    expect(s.at(0)).toBe(8);
    expect(s.at(2)).toBeUndefined();
  });

  it('keeps at most its capacity, dropping the oldest buckets', () => {
    const s = new IntervalSeries(1, 4);
    for (let i = 1; i <= 10; i++) s.add(i);
    expect(s.length).toBe(4);
    expect(s.newest(100)).toEqual([10, 9, 8, 7]);
  });

  it('takes whole buckets (history) and NaN gaps', () => {
    const s = new IntervalSeries(900, 8);
    s.pushBucket(100);
    s.pushBucket(Number.NaN);
    const [gap, value] = s.newest(2);
    expect(gap).toBeNaN();
    expect(value).toBe(100);
  });

  it('clones independently (the paused view does not move)', () => {
    const s = new IntervalSeries(1, 4);
    s.add(1);
    const copy = s.clone();
    s.add(2);
    expect(copy.newest(4)).toEqual([1]);
    expect(s.newest(4)).toEqual([2, 1]);
  });
});

describe('StatSeries', () => {
  it('feeds all eight intervals at once and tracks latest and mean', () => {
    expect(INTERVALS.map((i) => i.seconds)).toEqual([1, 5, 30, 60, 900, 1800, 3600, 86_400]);
    const s = new StatSeries();
    for (let i = 0; i < 60; i++) s.add(i, 2 * i);
    expect(s.primary.interval('each second').length).toBe(60);
    expect(s.primary.interval('5 seconds').length).toBe(12);
    expect(s.primary.interval('30 seconds').length).toBe(2);
    expect(s.secondary.interval('minutely').newest(1)).toEqual([59]);
    expect(s.primary.interval('15 minute').length).toBe(0);
    expect(s.primary.latest).toBe(59);
    expect(s.primary.mean).toBeCloseTo(29.5);
    expect(s.samples).toBe(60);
    expect(intervalSeconds('hourly')).toBe(3600);
  });
});
