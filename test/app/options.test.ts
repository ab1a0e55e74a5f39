import { describe, expect, it } from 'vitest';
import { OptionError, parseInterface, parseLogEvents, parseSize } from '../../src/app/shell/options.js';

describe('parseInterface', () => {
  it.each([
    ['9051', { host: '127.0.0.1', port: 9051 }],
    [':9151', { host: '127.0.0.1', port: 9151 }],
    ['10.0.0.5:9051', { host: '10.0.0.5', port: 9051 }],
    ['localhost:9051', { host: '127.0.0.1', port: 9051 }],
    ['[::1]:9051', { host: '::1', port: 9051 }],
    ['[2001:db8::7]:19051', { host: '2001:db8::7', port: 19051 }],
  ])('%s', (input, expected) => {
    expect(parseInterface(input)).toEqual(expected);
  });

  it.each([
    ['::1:9051', 'brackets'],
    ['[127.0.0.1]:9051', 'not an IPv6'],
    ['example.com:9051', 'not an IPv4'],
    ['abc', 'not a port'],
    ['70000', 'out of range'],
    ['0', 'out of range'],
  ])('refuses %s', (input, why) => {
    expect(() => parseInterface(input)).toThrow(OptionError);
    expect(() => parseInterface(input)).toThrow(why);
  });
});

describe('parseLogEvents', () => {
  it('expands runlevel ranges and keeps event names', () => {
    expect(parseLogEvents('NOTICE-ERR,CIRC')).toEqual(['NOTICE', 'WARN', 'ERR', 'CIRC']);
    expect(parseLogEvents('ORTOP_DEBUG-ORTOP_INFO')).toEqual(['ORTOP_DEBUG', 'ORTOP_INFO']);
    expect(parseLogEvents('info-warn, bw')).toEqual(['INFO', 'NOTICE', 'WARN', 'BW']);
  });

  it('understands the log title forms and Nyx names', () => {
    expect(parseLogEvents('TOR/ORTOP NOTICE-ERR')).toEqual(['NOTICE', 'WARN', 'ERR', 'ORTOP_NOTICE', 'ORTOP_WARN', 'ORTOP_ERR']);
    expect(parseLogEvents('ORTOP NOTICE-ERR')).toEqual(['ORTOP_NOTICE', 'ORTOP_WARN', 'ORTOP_ERR']);
    expect(parseLogEvents('NYX_WARNING,WARNING,ERROR')).toEqual(['ORTOP_WARN', 'WARN', 'ERR']);
  });

  it('refuses nonsense with a message', () => {
    expect(() => parseLogEvents('ERR-DEBUG')).toThrow('not a runlevel range');
    expect(() => parseLogEvents('no$pe')).toThrow('not an event name');
    expect(() => parseLogEvents(' , ')).toThrow('no events');
  });
});

describe('parseSize', () => {
  it('reads COLSxROWS', () => {
    expect(parseSize('120x40')).toEqual({ cols: 120, rows: 40 });
    expect(parseSize('1x1')).toEqual({ cols: 1, rows: 1 });
    expect(() => parseSize('120')).toThrow('COLSxROWS');
    expect(() => parseSize('0x5')).toThrow('out of range');
  });
});
