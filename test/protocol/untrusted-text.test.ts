// quoteUntrusted: a peer's words inside ortop's error messages are printable and short.
import { describe, expect, it } from 'vitest';
import { quoteUntrusted, ReplyError, UNTRUSTED_MAX_CHARS } from '../../src/protocol/index.js';

describe('quoteUntrusted', () => {
  it('leaves ordinary text alone, including non-ASCII letters and emoji', () => {
    expect(quoteUntrusted('Authentication failed: wrong cookie')).toBe('Authentication failed: wrong cookie');
    expect(quoteUntrusted('/var/lib/tör/cöntrol_auth_cookie 🧅')).toBe('/var/lib/tör/cöntrol_auth_cookie 🧅');
  });

  it('shows escape sequences, controls, C1 codes and bidi overrides as visible escapes', () => {
    const hostile = '515 Authentication failed: \x1b]2;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\x9b2J\u202eRLO\r\n\0';
    const quoted = quoteUntrusted(hostile);
    expect(quoted).toBe('515 Authentication failed: \\x1b]2;pwned\\x07\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07\\x9b2J\\u202eRLO\\r\\n\\x00');
    expect(quoted).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('replaces lone surrogates and keeps pairs', () => {
    expect(quoteUntrusted('a\ud800b\udc00c🧅')).toBe('a\ufffdb\ufffdc🧅');
  });

  it('caps the length and says how many bytes were cut', () => {
    const path = `/tmp/${'a'.repeat(200_000)}`;
    const quoted = quoteUntrusted(path);
    expect(quoted.length).toBeLessThan(UNTRUSTED_MAX_CHARS + 30);
    expect(quoted).toMatch(new RegExp(`^/tmp/a+… \\(${200_005 - UNTRUSTED_MAX_CHARS} bytes cut\\)$`));
    expect(quoteUntrusted('é'.repeat(20), 10)).toBe(`${'é'.repeat(10)}… (20 bytes cut)`);
    // Escapes count towards the cap: a string of ESCs cannot grow the message sixfold past it.
    expect(quoteUntrusted('\x1b'.repeat(1000), 20).length).toBeLessThan(60);
  });
});

describe('errors built from tor\'s words are safe to print', () => {
  it('ReplyError: each reply line escaped and capped in the message, at most 20 lines; replyText keeps the raw text', () => {
    const error = new ReplyError('GETINFO', 552, 'Unrecognized key "\x1b]2;pwned\x07"\nsecond \x9b2J');
    expect(error.message).toBe('GETINFO failed: 552 Unrecognized key "\\x1b]2;pwned\\x07"\nsecond \\x9b2J');
    expect(error.replyText).toContain('\x1b]2;pwned');
    const flood = new ReplyError('GETINFO', 552, Array.from({ length: 1000 }, () => 'x'.repeat(10_000)).join('\n'));
    expect(flood.message.length).toBeLessThan(20 * 540);
    expect(flood.message).toMatch(/\n… \(980 more lines\)$/);
  });
});
