import { describe, expect, it } from 'vitest';
import { formatAge, formatAgo, formatCount, formatDuration, formatPercent, formatRate, formatSize } from '../../../panels/graph/index.js';

describe('graph formatting', () => {
  it('formats sizes and rates in bytes (binary) or bits (decimal)', () => {
    expect([0, 512, 1536, 1_258_291, 1023.7 * 1024, 37 * 1024 ** 3].map(formatSize)).toEqual(['0 B', '512 B', '1.5 KB', '1.2 MB', '1 MB', '37 GB']);
    expect(formatRate(1_258_291, false)).toBe('1.2 MB/s');
    expect(formatRate(1_258_291, true)).toBe('10 Mb/s');
    expect(formatRate(100, true)).toBe('800 b/s');
  });

  it('formats counts, percentages, ages and durations', () => {
    expect([7, 950, 1234, 34_000].map(formatCount)).toEqual(['7', '950', '1.2k', '34k']);
    expect(formatPercent(3.25)).toBe('3.3%');
    expect([10, 60, 90, 3600, 30 * 3600, 3 * 86_400].map(formatAgo)).toEqual(['10s', '1m', '1.5m', '1h', '30h', '3d']);
    expect(formatDuration(93_784)).toBe('1d 02:03:04');
    expect(formatDuration(59)).toBe('00:00:59');
    expect([5_000, 45_000, 12 * 60_000, 5 * 3600_000, 3 * 86_400_000].map(formatAge)).toEqual(['just now', '45 s', '12 min', '5 h', '3 days']);
  });
});
