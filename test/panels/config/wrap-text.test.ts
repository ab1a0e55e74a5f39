// Word wrapping shared by the config, torrc and interpreter pages: at spaces, by display width,
// words cut only when wider than a line; wrapKeepingSpaces keeps runs of spaces (tor's replies).
import { describe, expect, it } from 'vitest';
import { wrapKeepingSpaces, wrapText } from '../../../panels/config/wrap-text.js';
import { displayWidth } from '../../../src/terminal/width.js';

describe('wrapText', () => {
  it('wraps at spaces with a hanging indent, cutting only words wider than a line', () => {
    expect(wrapText('If set, Tor will accept connections', 16)).toEqual(['If set, Tor will', 'accept', 'connections']);
    expect(wrapText('a 0123456789ABCDEF0123 b', 10, 0, 2)).toEqual(['a', '  01234567', '  89ABCDEF', '  0123 b']);
  });
});

describe('wrapKeepingSpaces', () => {
  it('keeps aligned columns and leading spaces, drops the spaces at a break', () => {
    expect(wrapKeepingSpaces('  RELOAD    rereads the torrc', 20, 4)).toEqual(['  RELOAD    rereads', '    the torrc']);
    expect(wrapKeepingSpaces('250-version=0.4.9.11', 80)).toEqual(['250-version=0.4.9.11']);
    expect(wrapKeepingSpaces('', 10)).toEqual(['']);
  });

  it('cuts a token only when it alone is wider than the line, and every line fits', () => {
    const fp = 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2';
    const lines = wrapKeepingSpaces(`650 NS r relay1 ${fp} x`, 24, 2);
    expect(lines).toEqual(['650 NS r relay1', '  A6A6904E09B5CBEDDAB41C', '  A92B8CAD9506D013D2 x']);
    for (const width of [2, 5, 13, 24]) for (const l of wrapKeepingSpaces(`日本語 ${fp}  ok`, width, 2)) expect(displayWidth(l)).toBeLessThanOrEqual(width);
  });
});
