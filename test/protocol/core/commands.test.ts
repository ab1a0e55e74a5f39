// Command formatting (control-spec §2.2, §3): quoting, SETCONF/RESETCONF forms, refusal of names
// and values that could break a command, multi-line dot-stuffing, and the AUTHENTICATE forms.
import { describe, expect, it } from 'vitest';
import {
  ProtocolError,
  decodeQuoted,
  formatAuthChallenge,
  formatAuthenticate,
  formatCloseCircuit,
  formatCommand,
  formatGetConf,
  formatGetInfo,
  formatMultiLineCommand,
  formatProtocolInfo,
  formatResetConf,
  formatSaveConf,
  formatSetConf,
  formatSetEvents,
  formatSignal,
  quoteString,
} from '../../../src/protocol/index.js';

describe('quoteString', () => {
  it('quotes plain text and spaces', () => {
    expect(quoteString('')).toBe('""');
    expect(quoteString('Research Team <nobody AT example dot invalid>')).toBe('"Research Team <nobody AT example dot invalid>"');
  });

  it('escapes quotes, backslashes, newlines, CR and tabs', () => {
    expect(quoteString('a "b" c:\\d\ne\rf\tg')).toBe(String.raw`"a \"b\" c:\\d\ne\rf\tg"`);
    expect(quoteString('C:\\')).toBe(String.raw`"C:\\"`);
  });

  it('passes UTF-8 text through unescaped (the transport encodes it)', () => {
    expect(quoteString('caf\u00e9 \u6587 \u{1f9c5}')).toBe('"caf\u00e9 \u6587 \u{1f9c5}"');
  });

  it('round-trips through the CString decoder tor applies to SETCONF values', () => {
    for (const value of ['', 'plain', 'a "b"', 'C:\\', 'x\\"y', 'line1\nline2\r\n\tz', '\\n literal', '\x01\x7f']) {
      expect(decodeQuoted(quoteString(value), 0).value, JSON.stringify(value)).toBe(value);
    }
  });

  it('refuses NUL, which tor cannot store', () => {
    expect(() => quoteString('a\0b')).toThrow(ProtocolError);
  });
});

describe('formatCommand', () => {
  it('joins keyword and arguments with spaces and ends with CRLF', () => {
    expect(formatCommand('GETINFO')).toBe('GETINFO\r\n');
    expect(formatCommand('GETINFO', ['version', 'uptime'])).toBe('GETINFO version uptime\r\n');
  });

  it('refuses CR, LF and NUL anywhere in the line', () => {
    for (const arg of ['a\rb', 'a\nb', 'a\0b', '\r\nSIGNAL HALT']) {
      expect(() => formatCommand('GETINFO', [arg]), JSON.stringify(arg)).toThrow(ProtocolError);
    }
  });
});

describe('SETCONF / RESETCONF / GETCONF', () => {
  it('formats a single quoted value', () => {
    expect(formatSetConf([['ContactInfo', 'Research Team <nobody AT example dot invalid>']])).toBe(
      'SETCONF ContactInfo="Research Team <nobody AT example dot invalid>"\r\n',
    );
  });

  it('formats null and an empty list as the bare key, and repeats the key for lists', () => {
    expect(formatSetConf([['ExitPolicy', null], ['Log', ['notice stdout', 'info file /tmp/x y.log']], ['Bridge', []], ['ORPort', '9001']])).toBe(
      'SETCONF ExitPolicy Log="notice stdout" Log="info file /tmp/x y.log" Bridge ORPort="9001"\r\n',
    );
  });

  it('escapes values with quotes, backslashes, newlines and tabs and keeps the command on one line', () => {
    const line = formatSetConf([['ContactInfo', 'a "q"\\\n\tz']]);
    expect(line).toBe(`SETCONF ContactInfo=${String.raw`"a \"q\"\\\n\tz"`}\r\n`);
    expect(line.indexOf('\n')).toBe(line.length - 1);
  });

  it('formats RESETCONF with keys alone, or values through formatSetConf', () => {
    expect(formatResetConf(['Log', 'ExitPolicy'])).toBe('RESETCONF Log ExitPolicy\r\n');
    expect(formatSetConf([['Log', 'notice stdout']], 'RESETCONF')).toBe('RESETCONF Log="notice stdout"\r\n');
  });

  it('formats GETCONF, including with no keys', () => {
    expect(formatGetConf(['Nickname', 'ORPort', '__OwningControllerProcess'])).toBe('GETCONF Nickname ORPort __OwningControllerProcess\r\n');
    expect(formatGetConf([])).toBe('GETCONF\r\n');
  });

  it('refuses option names with a space, CR, LF, quote, "=" or that are empty', () => {
    for (const key of ['Contact Info', 'Nick\r', 'Nick\nSIGNAL', 'a"b', 'Log=x', '', 'Ñick']) {
      expect(() => formatSetConf([[key, '1']]), JSON.stringify(key)).toThrow(ProtocolError);
      expect(() => formatSetConf([[key, null]]), JSON.stringify(key)).toThrow(/invalid option name/);
      expect(() => formatResetConf([key]), JSON.stringify(key)).toThrow(ProtocolError);
      expect(() => formatGetConf([key]), JSON.stringify(key)).toThrow(ProtocolError);
    }
  });
});

describe('word arguments', () => {
  it('formats GETINFO, SETEVENTS, SIGNAL, SAVECONF, PROTOCOLINFO and CLOSECIRCUIT', () => {
    expect(formatGetInfo(['ns/id/$AAAA', 'ip-to-country/2001:db8::1'])).toBe('GETINFO ns/id/$AAAA ip-to-country/2001:db8::1\r\n');
    expect(formatSetEvents(['CIRC', 'BW'])).toBe('SETEVENTS CIRC BW\r\n');
    expect(formatSetEvents([])).toBe('SETEVENTS\r\n');
    expect(formatSignal('NEWNYM')).toBe('SIGNAL NEWNYM\r\n');
    expect(formatSaveConf(false)).toBe('SAVECONF\r\n');
    expect(formatSaveConf(true)).toBe('SAVECONF FORCE\r\n');
    expect(formatProtocolInfo()).toBe('PROTOCOLINFO 1\r\n');
    expect(formatCloseCircuit('42')).toBe('CLOSECIRCUIT 42\r\n');
  });

  it('refuses words with spaces, quotes or control characters', () => {
    for (const word of ['', 'a b', 'a"b', 'a\tb', 'a\rb', 'a\x1bb', 'a\x7fb']) {
      expect(() => formatGetInfo([word]), JSON.stringify(word)).toThrow(ProtocolError);
      expect(() => formatSignal(word), JSON.stringify(word)).toThrow(ProtocolError);
      expect(() => formatSetEvents([word]), JSON.stringify(word)).toThrow(ProtocolError);
    }
  });
});

describe('formatMultiLineCommand', () => {
  it('dot-stuffs data lines that start with "." and ends with "."', () => {
    expect(formatMultiLineCommand('LOADCONF', [], 'a\n.b\n..c\n.\nd')).toBe('+LOADCONF\r\na\r\n..b\r\n...c\r\n..\r\nd\r\n.\r\n');
  });

  it('accepts CRLF or LF line ends and an optional final line end', () => {
    const expected = '+LOADCONF\r\nSocksPort 0\r\nLog notice stdout\r\n.\r\n';
    expect(formatMultiLineCommand('LOADCONF', [], 'SocksPort 0\nLog notice stdout')).toBe(expected);
    expect(formatMultiLineCommand('LOADCONF', [], 'SocksPort 0\r\nLog notice stdout\r\n')).toBe(expected);
  });

  it('keeps empty lines, including a lone empty line', () => {
    expect(formatMultiLineCommand('LOADCONF', [], '')).toBe('+LOADCONF\r\n.\r\n');
    expect(formatMultiLineCommand('LOADCONF', [], '\n')).toBe('+LOADCONF\r\n\r\n.\r\n');
    expect(formatMultiLineCommand('LOADCONF', [], 'a\n\nb\n\n')).toBe('+LOADCONF\r\na\r\n\r\nb\r\n\r\n.\r\n');
  });

  it('puts arguments on the "+" line and refuses a lone CR or NUL in the data', () => {
    expect(formatMultiLineCommand('POSTDESCRIPTOR', ['purpose=general'], 'router x')).toBe('+POSTDESCRIPTOR purpose=general\r\nrouter x\r\n.\r\n');
    expect(() => formatMultiLineCommand('LOADCONF', [], 'a\rb')).toThrow(ProtocolError);
    expect(() => formatMultiLineCommand('LOADCONF', [], 'a\0b')).toThrow(ProtocolError);
    expect(() => formatMultiLineCommand('LOADCONF', ['x\ny'], 'a')).toThrow(ProtocolError);
  });
});

describe('AUTHENTICATE and AUTHCHALLENGE', () => {
  const cookieHex = '4B9FCA8A9BE2A6BD4DFBC9A4B36453869064C971108EFC26D3AB1920441E830F';

  it('sends a cookie or SAFECOOKIE response as hex', () => {
    expect(formatAuthenticate({ hex: cookieHex })).toBe(`AUTHENTICATE ${cookieHex}\r\n`);
    expect(formatAuthenticate({ hex: cookieHex.toLowerCase() })).toBe(`AUTHENTICATE ${cookieHex.toLowerCase()}\r\n`);
  });

  it('sends a password as the hex of its UTF-8 bytes', () => {
    expect(formatAuthenticate({ password: 'testpass' })).toBe('AUTHENTICATE 7465737470617373\r\n');
    expect(formatAuthenticate({ password: 'p "w"\\\n\u00e9' })).toBe(`AUTHENTICATE ${Buffer.from('p "w"\\\n\u00e9', 'utf8').toString('hex').toUpperCase()}\r\n`);
  });

  it('sends the empty password as "" and NULL auth as the bare command', () => {
    expect(formatAuthenticate({ password: '' })).toBe('AUTHENTICATE ""\r\n');
    expect(formatAuthenticate(null)).toBe('AUTHENTICATE\r\n');
  });

  it('refuses a hex secret that is not hex', () => {
    for (const hex of ['', 'ABC', 'XYZ0', 'AB CD', 'AB\r\n']) {
      expect(() => formatAuthenticate({ hex }), JSON.stringify(hex)).toThrow(ProtocolError);
    }
  });

  it('formats AUTHCHALLENGE with a hex nonce and refuses anything else', () => {
    const nonce = 'C62D479BB9DDB4A66FAFA021A65D21F0BE50771753F989FCE863D63FCA1298D7';
    expect(formatAuthChallenge(nonce)).toBe(`AUTHCHALLENGE SAFECOOKIE ${nonce}\r\n`);
    expect(() => formatAuthChallenge('not hex')).toThrow(ProtocolError);
    expect(() => formatAuthChallenge('')).toThrow(ProtocolError);
  });
});
