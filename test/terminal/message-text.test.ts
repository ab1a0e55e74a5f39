// messageLine / messageBlock: what ortop prints outside the full-screen UI is sanitised and capped.
import { describe, expect, it } from 'vitest';
import { MESSAGE_MAX_CHARS, messageBlock, messageLine } from '../../src/terminal/index.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

describe('messageLine', () => {
  it('removes escape sequences (title, clear screen, OSC 52 clipboard) and C1 codes, and keeps the words', () => {
    const line = messageLine('tor refused authentication: 515 Authentication failed: \x1b]2;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07 \x9b2Jnow');
    expect(line).toBe('tor refused authentication: 515 Authentication failed:  now');
    expect(line).not.toMatch(CONTROL);
  });

  it('is one line: line breaks and tabs become spaces', () => {
    expect(messageLine('a\nb\r\nc\td')).toBe('a b  c d');
  });

  it(`caps at ${MESSAGE_MAX_CHARS} characters with the number of bytes cut`, () => {
    const line = messageLine(`cannot read /tmp/${'a'.repeat(200_000)}: ENAMETOOLONG`);
    expect(line.length).toBeLessThanOrEqual(MESSAGE_MAX_CHARS + 30);
    const cut = 'cannot read /tmp/'.length + 200_000 + ': ENAMETOOLONG'.length - MESSAGE_MAX_CHARS;
    expect(line.endsWith(`… (${cut} bytes cut)`)).toBe(true);
    expect(messageLine('short')).toBe('short');
  });

  it('does bounded work on a huge hostile input (a 20 MB line of escapes)', () => {
    const huge = '\x1b[2J'.repeat(5_000_000);
    const line = messageLine(`x${huge}`);
    expect(line).toMatch(/^x… \(\d+ bytes cut\)$/);
  });
});

describe('messageBlock', () => {
  it('keeps line breaks, sanitises each line and caps the whole', () => {
    expect(messageBlock('Error: \x1b]0;x\x07boom\n    at f (a.ts:1)\n')).toBe('Error: boom\n    at f (a.ts:1)\n');
    const block = messageBlock('line\n'.repeat(10_000), 100);
    expect(block.length).toBeLessThan(130);
    expect(block).toMatch(/bytes cut\)$/);
  });
});
