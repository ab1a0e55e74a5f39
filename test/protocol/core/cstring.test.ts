// CString decoding (control-spec §2.1.1): escapes, octal bytes, Stem's "C:\\" bug, unterminated
// strings, and the COOKIEFILE vectors 13-16 of control-protocol.md §7.6 (UTF-8 and Latin-1 octal).
import { describe, expect, it } from 'vitest';
import { ProtocolError, decodeQuoted, unquote, utf8FromByteString } from '../../../src/protocol/index.js';

const BS = '\\';

describe('decodeQuoted', () => {
  it('decodes a plain quoted string and reports the index after the closing quote', () => {
    expect(decodeQuoted('"abc"', 0)).toEqual({ value: 'abc', end: 5 });
    expect(decodeQuoted('x="a b" y', 2)).toEqual({ value: 'a b', end: 7 });
    expect(decodeQuoted('""', 0)).toEqual({ value: '', end: 2 });
  });

  it('decodes \\n \\t \\r \\\\ \\" and \\\'', () => {
    expect(decodeQuoted(String.raw`"a\nb\tc\rd\\e\"f\'g"`, 0).value).toBe('a\nb\tc\rd\\e"f\'g');
  });

  it('decodes octal escapes of 1 to 3 digits', () => {
    expect(decodeQuoted(String.raw`"\0"`, 0).value).toBe('\x00');
    expect(decodeQuoted(String.raw`"\7|\12|\101|\377"`, 0).value).toBe('\x07|\n|A|\xff');
    expect(decodeQuoted(String.raw`"\1012"`, 0).value).toBe('A2');
    expect(decodeQuoted(String.raw`"\18"`, 0).value).toBe('\x018');
    expect(decodeQuoted(String.raw`"\0009"`, 0).value).toBe('\x009');
    expect(decodeQuoted(String.raw`"x\303\251y"`, 0).value).toBe('x\xc3\xa9y');
  });

  it('refuses octal escapes above \\377, as tor does', () => {
    expect(() => decodeQuoted(String.raw`"\400"`, 0)).toThrow(/octal escape above/);
    expect(() => decodeQuoted(String.raw`"\777"`, 0)).toThrow(ProtocolError);
  });

  it('takes a backslash before any other character as that character', () => {
    expect(decodeQuoted(String.raw`"\q\x41\a\ \8\/"`, 0).value).toBe('qx41a 8/');
  });

  it('ends a string with an escaped backslash just before the quote (Stem gets this wrong)', () => {
    const text = `KEY="C:${BS}${BS}" NEXT=1`;
    expect(decodeQuoted(text, 4)).toEqual({ value: 'C:\\', end: 10 });
    expect(text.slice(10)).toBe(' NEXT=1');
  });

  it('throws ProtocolError for unterminated strings', () => {
    for (const bad of ['"', '"abc', '"abc\\"', '"abc\\', '"\\\\\\"']) {
      expect(() => decodeQuoted(bad, 0), bad).toThrow(ProtocolError);
      expect(() => decodeQuoted(bad, 0), bad).toThrow(/unterminated quoted string/);
    }
  });

  it('throws when not looking at a quote', () => {
    expect(() => decodeQuoted('abc', 0)).toThrow(/expected a quoted string at 0/);
  });

  it('returns byte strings: every char stays below 256', () => {
    const value = decodeQuoted(String.raw`"\377\200\001 caf\303\251"`, 0).value;
    expect([...value].every((c) => c.charCodeAt(0) < 256)).toBe(true);
    expect(utf8FromByteString(value)).toBe('\ufffd\ufffd\u0001 caf\u00e9');
  });

  it('decodes a long escaped string in linear time', () => {
    const text = `"${String.raw`\303\251`.repeat(200_000)}"`;
    const value = decodeQuoted(text, 0).value;
    expect(value.length).toBe(400_000);
    expect(utf8FromByteString(value)).toBe('\u00e9'.repeat(200_000));
  });
});

describe('COOKIEFILE vectors (control-protocol.md §7.6, 13-16)', () => {
  it('13: escaped quote and backslash', () => {
    expect(decodeQuoted(String.raw`"/tmp/my data\\\"dir//control_auth_cookie"`, 0).value).toBe('/tmp/my data\\"dir//control_auth_cookie');
  });

  it('14: backslashes before letters that look like escapes', () => {
    expect(decodeQuoted(String.raw`"C:\\Users\\Atagar\\AppData\\tor\\control_auth_cookie"`, 0).value).toBe(
      String.raw`C:\Users\Atagar\AppData\tor\control_auth_cookie`,
    );
  });

  it('15: octal UTF-8 decodes to bytes, then to text', () => {
    const value = decodeQuoted(String.raw`"/home/user/\346\226\207\346\241\243/tor-browser_en-US/control_auth_cookie"`, 0).value;
    expect(value).toBe('/home/user/\xe6\x96\x87\xe6\xa1\xa3/tor-browser_en-US/control_auth_cookie');
    expect(utf8FromByteString(value)).toBe('/home/user/\u6587\u6863/tor-browser_en-US/control_auth_cookie');
  });

  it('16: octal Latin-1 bytes that are not UTF-8 stay exact bytes', () => {
    const value = decodeQuoted(String.raw`"c:\\Drive-E\\ZeroNet-win-dist-win64 \341rv\355zt\373r\365 t\374k\366rf\372r\363g\351p\\core"`, 0).value;
    expect(value).toBe(
      'c:\\Drive-E\\ZeroNet-win-dist-win64 \u00e1rv\u00edzt\u00fbr\u00f5 t\u00fck\u00f6rf\u00far\u00f3g\u00e9p\\core',
    );
    expect(utf8FromByteString(value)).toContain('\ufffd');
  });
});

describe('unquote', () => {
  it('returns unquoted text as it is', () => {
    expect(unquote('research <nobody AT example dot invalid>')).toBe('research <nobody AT example dot invalid>');
    expect(unquote('')).toBe('');
    expect(unquote('a"b')).toBe('a"b');
  });

  it('decodes a value that is exactly one quoted string', () => {
    expect(unquote(String.raw`"caf\303\251 \"q\" back\\slash"`)).toBe('caf\xc3\xa9 "q" back\\slash');
    expect(unquote('""')).toBe('');
  });

  it('refuses a lone quote, an unterminated string and text after the closing quote', () => {
    expect(() => unquote('"')).toThrow(ProtocolError);
    expect(() => unquote('"abc')).toThrow(ProtocolError);
    expect(() => unquote('"a" b')).toThrow(/unexpected text after quoted string/);
  });
});
