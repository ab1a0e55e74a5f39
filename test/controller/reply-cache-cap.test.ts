import { describe, expect, it } from 'vitest';
import { MAX_INFO_ENTRIES, ReplyCache } from '../../src/controller/reply-cache.js';

describe('ReplyCache bounds', () => {
  it('keeps at most MAX_INFO_ENTRIES GETINFO answers, dropping the oldest', () => {
    const cache = new ReplyCache();
    for (let i = 0; i < MAX_INFO_ENTRIES + 500; i++) cache.putInfo(`ip-to-country/10.0.${i >> 8}.${i & 255}`, 'us');
    expect(cache.infoSize).toBe(MAX_INFO_ENTRIES);
    expect(cache.getInfo('ip-to-country/10.0.0.0')).toBeUndefined();
    expect(cache.getInfo(`ip-to-country/10.0.${(MAX_INFO_ENTRIES + 499) >> 8}.${(MAX_INFO_ENTRIES + 499) & 255}`)).toBe('us');
    cache.putInfo('version', '0.4.9.11');
    expect(cache.getInfo('version')).toBe('0.4.9.11');
  });
});
