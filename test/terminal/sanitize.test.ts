import { describe, expect, it } from 'vitest';
import { displayWidth, escapeTags, padToWidth, safeTagText, sanitizeLine, sanitizeLines, truncateToWidth } from '../../src/terminal/index.js';

// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe('sanitizeLine', () => {
  it('leaves ordinary text untouched', () => {
    expect(sanitizeLine('moria1 <nobody AT example dot org> café 日本')).toBe('moria1 <nobody AT example dot org> café 日本');
  });

  it.each([
    ['CSI clear screen', 'evil\x1b[2Jnick', 'evilnick'],
    ['SGR colour', '\x1b[31;1mred\x1b[0m', 'red'],
    ['OSC title with BEL', 'a\x1b]0;pwned\x07b', 'ab'],
    ['OSC 8 hyperlink with ST', 'x\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\y', 'xlinky'],
    ['DCS string', 'a\x1bPq#0;2;0;0;0\x1b\\b', 'ab'],
    ['8-bit CSI', 'a\u009b2Jb', 'ab'],
    ['lone ESC at end', 'abc\x1b', 'abc'],
    ['two-byte escape', 'a\x1bcb', 'ab'],
    ['bell, backspace, DEL', 'a\x07\x08\x7fb', 'ab'],
    ['tabs and line breaks become spaces', 'a\tb\nc\rd', 'a b c d'],
    ['bidi override', 'abc\u202edef', 'abcdef'],
    ['astral emoji kept (two cells)', 'onion 🧅 relay', 'onion 🧅 relay'],
    ['BMP emoji-presentation kept (two cells)', 'fast ⚡ relay', 'fast ⚡ relay'],
    ['ZWJ sequence: its parts, without the joiner and selector', '👩\u200d💻\ufe0f', '👩💻'],
    ['skin tone modifier dropped', '👍🏽 ok', '👍 ok'],
    ['flag as its letters', 'relay 🇩🇪', 'relay DE'],
    ['narrow astral symbol (uncertain width)', 'math 𝐀', 'math \ufffd'],
    ['lone surrogates', 'a\ud83eb\udd45c', 'a\ufffdb\ufffdc'],
    ['private-use character (no agreed width)', 'icon \ue0b0 x', 'icon \ufffd x'],
  ])('%s', (_name, input, expected) => {
    const out = sanitizeLine(input);
    expect(out).toBe(expected);
    expect(out).not.toMatch(ANY_CONTROL);
  });

  it('never leaves a control character, whatever the input (seeded random bytes)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let n = 0; n < 2000; n++) {
      let s = '';
      for (let i = 0; i < 40; i++) s += String.fromCharCode(Math.floor(rand() * (rand() < 0.8 ? 0x100 : 0x10000)));
      expect(sanitizeLine(s)).not.toMatch(ANY_CONTROL);
    }
  });

  it('sanitizeLines keeps line breaks but cleans each line', () => {
    expect(sanitizeLines('a\x1b[1m\r\nb\x07\nc')).toBe('a\nb\nc');
  });
});

describe('escapeTags', () => {
  it('shows braces instead of interpreting them', () => {
    expect(escapeTags('{bold}x{/bold}')).toBe('{open}bold{close}x{open}/bold{close}');
    expect(safeTagText('{red-fg}\x1b[5m')).toBe('{open}red-fg{close}');
  });
});

describe('display width', () => {
  it('counts cells, not code units', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('counts emoji and other wide characters two cells, never splits one when cutting', () => {
    expect(displayWidth('🧅')).toBe(2);
    expect(displayWidth('⚡ fast')).toBe(7);
    expect(displayWidth('日本🧅')).toBe(6);
    expect(truncateToWidth('ab🧅cd', 4)).toBe('ab…');
    expect(truncateToWidth('ab🧅cd', 5)).toBe('ab🧅…');
    expect(truncateToWidth('🧅🧅🧅', 4)).toBe('🧅…');
    expect(padToWidth('🧅', 3)).toBe('🧅 ');
    expect(displayWidth(padToWidth('x🧅🧅🧅', 6))).toBe(6);
  });

  it('truncates and pads by width', () => {
    expect(truncateToWidth('Unnamed relay', 8)).toBe('Unnamed…');
    expect(truncateToWidth('日本語', 5)).toBe('日本…');
    expect(truncateToWidth('abc', 0)).toBe('');
    expect(padToWidth('ab', 4)).toBe('ab  ');
    expect(padToWidth('ab', 4, 'right')).toBe('  ab');
    expect(displayWidth(padToWidth('日本語テキスト', 7))).toBe(7);
  });
});
