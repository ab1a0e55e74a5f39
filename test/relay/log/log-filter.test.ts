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
    expect(escaped.kind === 'ok' && escaped.filter.regex.flags).toBe('i');
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
