// Wrapping with wide characters: an emoji is two cells and is never cut between its two UTF-16
// halves, in the config/interpreter wrapper and in the log's line ranges, at odd widths.
import { describe, expect, it } from 'vitest';
import { hardBreak } from '../../panels/config/wrap-text.js';
import { wrapRanges } from '../../panels/log/log-wrap.js';
import { displayWidth } from '../../src/terminal/width.js';

const loneHalf = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TEXT = 'relay🧅onion🧅🧅 日本語🧅x';

describe('wrapping wide characters', () => {
  it.each([1, 2, 3, 5, 7, 9])('hardBreak at width %i: every piece fits and no emoji is split', (width) => {
    const pieces = hardBreak(TEXT, width);
    expect(pieces.join('')).toBe(TEXT);
    for (const p of pieces) {
      expect(loneHalf.test(p), p).toBe(false);
      if ([...p].length > 1) expect(displayWidth(p), p).toBeLessThanOrEqual(width);
    }
  });

  it.each([1, 2, 3, 5, 7, 9])('log line ranges at width %i never end between the halves of an emoji', (width) => {
    const { ranges } = wrapRanges(TEXT, width, width, 100);
    // In order, without overlap, every character shown (a space at a break may be skipped).
    ranges.forEach(([a, b], k) => {
      expect(b).toBeGreaterThan(a);
      if (k > 0) expect(TEXT.slice(ranges[k - 1]![1], a).trim()).toBe('');
    });
    expect(ranges[ranges.length - 1]![1]).toBe(TEXT.length);
    for (const [a, b] of ranges) {
      const piece = TEXT.slice(a, b);
      expect(loneHalf.test(piece), piece).toBe(false);
      if ([...piece].length > 1) expect(displayWidth(piece), piece).toBeLessThanOrEqual(width);
    }
  });
});
