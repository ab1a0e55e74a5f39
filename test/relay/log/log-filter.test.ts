import { describe, expect, it } from 'vitest';
import { compileLogFilter, makeLogEntry, matchesFilter, rememberFilter } from '../../../src/relay/log/index.js';

const entry = (type: string, message: string) => makeLogEntry(0, { atMs: 0, type, message, source: 'tor' });

describe('log filter', () => {
  it('matches "[TYPE] message", case-insensitively unless the expression has capitals', () => {
    const lower = compileLogFilter('bootstrap');
    const upper = compileLogFilter('Bootstrap|WARN');
    if (lower.kind !== 'ok' || upper.kind !== 'ok') throw new Error('should compile');
    expect(matchesFilter(entry('NOTICE', 'Bootstrapped 100%'), lower.filter)).toBe(true);
    expect(matchesFilter(entry('NOTICE', 'bootstrapped'), upper.filter)).toBe(false);
    expect(matchesFilter(entry('WARN', 'anything'), upper.filter)).toBe(true);
    expect(matchesFilter(entry('NOTICE', 'x'), undefined)).toBe(true);
    const escaped = compileLogFilter('\\d+ circuits');
    if (escaped.kind !== 'ok') throw new Error('should compile');
    expect(escaped.filter.caseInsensitive).toBe(true);
    expect(matchesFilter(entry('NOTICE', '12 CIRCUITS open'), escaped.filter)).toBe(true);
    const accented = compileLogFilter('ünïcode état');
    expect(accented.kind === 'ok' && matchesFilter(entry('NOTICE', 'Ünïcode ÉTAT'), accented.filter)).toBe(true);
  });

  it('cannot freeze ortop: a backtracking blow-up finishes, slow constructs and long expressions are refused', () => {
    // Without V8's linear-time fallback each of these tests takes minutes (2^40 paths); the suite would time out.
    for (const source of ['(a+)+$', '(a|aa)+$', '^(\\w+\\s?)*$', '(x+x+)+y', '(A+)+$']) {
      const r = compileLogFilter(source);
      if (r.kind !== 'ok') throw new Error(`${source} should compile`);
      expect(matchesFilter(entry('NOTICE', `${'a'.repeat(40)}!`), r.filter)).toBe(false);
      expect(matchesFilter(entry('NOTICE', `${'x'.repeat(40)}`), r.filter)).toBe(false);
      expect(matchesFilter(entry('NOTICE', `${'A'.repeat(40)}!`), r.filter)).toBe(false);
    }
    for (const source of ['(a+)+\\1', '(?<x>a+)\\k<x>', '(?=a+)+b', '(?!b)a', '(?<=a)b', '(?<!a)b']) {
      const r = compileLogFilter(source);
      expect(r.kind === 'error' && r.message, source).toMatch(/(back-references|look-arounds) are not allowed in a filter/);
    }
    // Escaped or inside a class they are plain characters.
    expect(compileLogFilter('\\(\\?=x\\)|[(?=]|\\\\1').kind).toBe('ok');
    expect(compileLogFilter('a'.repeat(257))).toMatchObject({ kind: 'error', message: 'the expression is longer than 256 characters' });
    expect(compileLogFilter('a'.repeat(256)).kind).toBe('ok');
  });

  it('turns a bad expression into a message, not an exception', () => {
    const r = compileLogFilter('((unclosed');
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toMatch(/^not a valid regular expression: .*Unterminated group/);
    expect(compileLogFilter('  ').kind).toBe('error');
  });

  it('remembers the last five, newest first, without repeats', () => {
    let h: string[] = [];
    for (const f of ['a', 'b', 'c', 'a', 'd', 'e', 'f']) h = rememberFilter(h, f);
    expect(h).toEqual(['f', 'e', 'd', 'a', 'c']);
  });
});
