import { describe, expect, it } from 'vitest';
import { countEntryLines, listShownEntries, scrollLog, selectLogLines, wrapEntry, wrapRanges } from '../../../panels/log/index.js';
import { LogBuffer, makeLogEntry } from '../../../src/relay/log/index.js';
import type { Line } from '../../../src/terminal/theme.js';
import { duplicatesBuffer, filterOf, logInput, longBuffer, NOW_MS } from './log-fixtures.js';

const text = (lines: Line[]) => lines.map((l) => l.map((s) => s.text).join(''));

describe('wrapping', () => {
  it('breaks at spaces, indents continuations, cuts at max_line_wrap with an ellipsis', () => {
    const entry = makeLogEntry(0, { atMs: NOW_MS, type: 'NOTICE', message: 'one two three four five six seven eight nine ten eleven twelve', source: 'tor' });
    const lines = text(wrapEntry(entry, 0, 30, 8));
    expect(lines).toEqual(['12:00:00 [NOTICE] one two', '  three four five six seven', '  eight nine ten eleven twelve']);
    expect(countEntryLines(entry, 0, 30, 8)).toBe(3);
    const cut = text(wrapEntry(entry, 0, 30, 2));
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith('…')).toBe(true);
    expect(cut[1]!.length).toBeLessThanOrEqual(30);
  });

  it('hard-breaks words longer than the line and counts wide characters as two cells', () => {
    expect(wrapRanges('x'.repeat(25), 10, 8, 8).ranges).toEqual([[0, 10], [10, 18], [18, 25]]);
    expect(wrapRanges('日本語日本語', 4, 4, 8).ranges).toEqual([[0, 2], [2, 4], [4, 6]]);
  });

  it('never cuts a fingerprint or URL that fits on a line; cuts only a word wider than the panel', () => {
    const fp = '$A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2~relay1';
    const url = 'https://gitlab.torproject.org/tpo/core/tor/-/issues/40000';
    const entry = makeLogEntry(0, { atMs: NOW_MS, type: 'CIRC', message: `66 BUILT ${fp},${fp} see ${url} ok`, source: 'tor' });
    for (const width of [60, 61, 64, 70, 80, 100, 117]) {
      const lines = text(wrapEntry(entry, 0, width, 8));
      const words = lines.flatMap((l) => l.trim().split(' '));
      for (const whole of [`${fp},${fp}`, url]) {
        if (whole.length <= width - 2) expect(words, `width ${width}`).toContain(whole);
      }
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
      expect(lines.join('').replace(/ /g, '')).toBe(`12:00:00 [CIRC] 66 BUILT ${fp},${fp} see ${url} ok`.replace(/ /g, ''));
    }
    const huge = makeLogEntry(0, { atMs: NOW_MS, type: 'WARN', message: `x ${'A'.repeat(100)} y`, source: 'tor' });
    expect(text(wrapEntry(huge, 0, 40, 8))).toEqual([`12:00:00 [WARN] x ${'A'.repeat(22)}`, `  ${'A'.repeat(38)}`, `  ${'A'.repeat(38)}`, `  ${'A'.repeat(2)} y`]);
  });

  it('shows the duplicates suffix in green bold, after the message', () => {
    const entry = makeLogEntry(0, { atMs: NOW_MS, type: 'WARN', message: 'x', source: 'tor' });
    const [line] = wrapEntry(entry, 3, 80, 8);
    expect(line!.map((s) => s.text).join('')).toBe('12:00:00 [WARN] x [3 duplicates hidden]');
    expect(line![0]!.style).toEqual({ fg: 'yellow' });
    expect(line![1]!.style).toEqual({ fg: 'green', bold: true });
  });
});

describe('selectLogLines', () => {
  it('hides duplicates and says how many, or shows them all', () => {
    expect(text(selectLogLines(logInput(duplicatesBuffer()), 200, 10)).filter((l) => /hidden\]$/.test(l))).toHaveLength(2);
    expect(text(selectLogLines(logInput(duplicatesBuffer(), {}, { dedup: false }), 200, 30)).filter((l) => l.includes('Heartbeat'))).toHaveLength(12);
  });

  it('filters and names the filter in the title; a new filter is applied at once', () => {
    const buffer = duplicatesBuffer();
    const warn = text(selectLogLines(logInput(buffer, { filter: filterOf('Failed') }), 200, 10));
    expect(warn[0]).toBe('Events (TOR/ORTOP NOTICE-ERR, BW, CIRC, filter: Failed):');
    expect(warn.slice(1).filter((l) => l !== '')).toHaveLength(1);
    const control = text(selectLogLines(logInput(buffer, { filter: filterOf('control') }), 200, 10));
    expect(control[1]).toContain('New control connection');
  });

  it('draws a scrollbar only when the entries do not fit, using the full width otherwise', () => {
    const few = text(selectLogLines(logInput(duplicatesBuffer()), 200, 10));
    expect(few[1]!.startsWith('11:59:59')).toBe(true);
    const many = text(selectLogLines(logInput(longBuffer()), 80, 10));
    expect(many.slice(1).every((l) => l.startsWith('│ ') || l.startsWith('  '))).toBe(true);
  });
});

describe('scrollLog', () => {
  it('moves by lines and pages, Home back to the newest, End to the oldest', () => {
    const input = logInput(longBuffer(), {}, { dedup: false });
    const down = scrollLog(input, 80, 10, 3);
    expect(down.anchor).toBeDefined();
    expect(text(selectLogLines({ ...input, view: down }, 80, 10))[0]).toContain('scrolled');
    const page = scrollLog({ ...input, view: down }, 80, 10, 'page-down');
    const firstShown = (view: typeof down) => text(selectLogLines({ ...input, view }, 80, 10))[1];
    expect(firstShown(page)).not.toBe(firstShown(down));
    expect(scrollLog({ ...input, view: page }, 80, 10, 'home').anchor).toBeUndefined();
    const end = scrollLog(input, 80, 10, 'end');
    expect(text(selectLogLines({ ...input, view: end }, 80, 10)).join('\n')).toContain('entry 0:');
    expect(scrollLog({ ...input, view: end }, 80, 10, 5)).toEqual(end);
    expect(scrollLog(input, 80, 10, -5).anchor).toBeUndefined();
  });

  it('keeps the same entries in view while new ones arrive above', () => {
    const buffer = longBuffer(100);
    const input = logInput(buffer, {}, { dedup: false });
    const view = scrollLog(input, 80, 10, 'page-down');
    const withoutScrollbar = () => text(selectLogLines({ ...input, view }, 80, 10)).slice(1).map((l) => l.slice(2));
    const before = withoutScrollbar();
    for (let i = 0; i < 5; i++) buffer.add({ atMs: NOW_MS + i, type: 'NOTICE', message: `newer ${i}`, source: 'tor' });
    expect(withoutScrollbar()).toEqual(before);
  });

  it('lists the shown entries for a snapshot', () => {
    const shown = listShownEntries(duplicatesBuffer(), true, undefined);
    expect(shown.map((s) => s.duplicates)).toEqual([0, 4, 11]);
    expect(listShownEntries(new LogBuffer(5), true, undefined)).toEqual([]);
  });
});
