import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseConfig } from '../../src/config/index.js';

describe('log settings of page 1', () => {
  it('reads max_line_wrap and prepopulate_read_limit (Nyx names), defaults 8 and 5000', () => {
    expect(DEFAULT_SETTINGS.maxLineWrap).toBe(8);
    expect(DEFAULT_SETTINGS.prepopulateReadLimit).toBe(5000);
    const { settings, warnings } = parseConfig('max_line_wrap 3\nprepopulate_read_limit 200\n');
    expect(warnings).toEqual([]);
    expect(settings.maxLineWrap).toBe(3);
    expect(settings.prepopulateReadLimit).toBe(200);
  });

  it('warns and keeps the defaults for bad values', () => {
    const { settings, warnings } = parseConfig('max_line_wrap 0\nprepopulate_read_limit lots\n');
    expect(settings.maxLineWrap).toBe(8);
    expect(settings.prepopulateReadLimit).toBe(5000);
    expect(warnings.map((w) => w.line)).toEqual([1, 2]);
  });
});
