// GETCONF replies (control-spec §3.3): raw values with spaces, bare keys, repeated LineList keys,
// CString values, data-block values, 552 errors, the empty "GETCONF"; and groupConf.
import { describe, expect, it } from 'vitest';
import { ProtocolError, ReplyError, groupConf, parseGetConf } from '../../../src/protocol/index.js';
import { replyOf } from '../../helpers/feed.js';
import { fixtureReply } from './fixture.js';

describe('parseGetConf', () => {
  it('reads values with spaces and no trailing "250 OK" (captured)', () => {
    expect(parseGetConf(fixtureReply('getconf-values.txt'))).toEqual([
      { key: 'Nickname', value: 'stemresearch' },
      { key: 'ORPort', value: '127.0.0.1:19062' },
      { key: 'SocksPort', value: '0' },
      { key: 'Log', value: 'notice file /var/lib/tor/notice.log' },
      { key: 'ContactInfo', value: 'research <nobody AT example dot invalid>' },
      { key: 'HashedControlPassword', value: '16:5878EA4C700E98D660A1E865977D88E4A78B6DCF14C81422F87E4B923F' },
    ]);
  });

  it('reads bare keys as value null (captured)', () => {
    expect(parseGetConf(fixtureReply('getconf-bare-keys.txt'))).toEqual([
      { key: 'DirPort', value: null },
      { key: 'ControlSocket', value: null },
      { key: 'CookieAuthentication', value: '1' },
      { key: 'ExitPolicy', value: null },
      { key: 'Bridge', value: null },
      { key: 'MaxAdvertisedBandwidth', value: '1073741824' },
      { key: 'BandwidthRate', value: '1073741824' },
    ]);
  });

  it('keeps repeated LineList keys in order', () => {
    const entries = parseGetConf(fixtureReply('getconf-linelist.txt'));
    expect(entries.filter((e) => e.key === 'ExitPolicy').map((e) => e.value)).toEqual(['accept 127.0.0.0/8:*', 'reject *:*']);
    const stem = replyOf('250-ExitPolicy=accept 34.3.4.5\r\n250-ExitPolicy=accept 3.4.53.3\r\n250 ExitPolicy=reject 23.245.54.3\r\n');
    expect(parseGetConf(stem).map((e) => e.value)).toEqual(['accept 34.3.4.5', 'accept 3.4.53.3', 'reject 23.245.54.3']);
  });

  it('decodes quoted CString values, then UTF-8', () => {
    expect(parseGetConf(fixtureReply('getconf-quoted.txt'))).toEqual([
      { key: 'ContactInfo', value: 'caf\u00e9 "q" back\\slash' },
      { key: 'Log', value: 'notice file C:\\tor\\notice.log' },
    ]);
  });

  it('keeps an empty value distinct from a bare key', () => {
    expect(parseGetConf(replyOf('250-Nickname=\r\n250 Address\r\n'))).toEqual([
      { key: 'Nickname', value: '' },
      { key: 'Address', value: null },
    ]);
  });

  it('reads a value sent as a data block ("250+Key=")', () => {
    expect(parseGetConf(replyOf('250+ContactInfo=\r\nline one\r\nline two\r\n.\r\n250 Nickname=r1\r\n'))).toEqual([
      { key: 'ContactInfo', value: 'line one\nline two' },
      { key: 'Nickname', value: 'r1' },
    ]);
  });

  it('returns [] for "GETCONF" with no keys ("250 OK")', () => {
    expect(parseGetConf(replyOf('250 OK\r\n'))).toEqual([]);
  });

  it('refuses lines without a key, malformed quoted values and misplaced data', () => {
    expect(() => parseGetConf(replyOf('250 =1\r\n'))).toThrow(/without a key/);
    expect(() => parseGetConf(replyOf('250 \r\n'))).toThrow(ProtocolError);
    expect(() => parseGetConf(replyOf('250 ContactInfo="unterminated\r\n'))).toThrow(ProtocolError);
    expect(() => parseGetConf(replyOf('250 ContactInfo="a" b\r\n'))).toThrow(ProtocolError);
    expect(() => parseGetConf(replyOf('250+ContactInfo=x\r\ny\r\n.\r\n250 OK\r\n'))).toThrow(/must follow "Key="/);
    expect(() => parseGetConf(replyOf('250+ContactInfo\r\ny\r\n.\r\n250 OK\r\n'))).toThrow(ProtocolError);
  });

  it('turns 552 lines into a ReplyError listing the unknown keys', () => {
    let err: unknown;
    try {
      parseGetConf(fixtureReply('getconf-unrecognized.txt'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReplyError);
    expect((err as ReplyError).code).toBe(552);
    expect((err as ReplyError).unrecognized).toEqual(['NoSuchOption', 'AnotherBogus']);
    const stem = replyOf('552-Unrecognized configuration key "brickroad"\r\n552 Unrecognized configuration key "submarine"\r\n');
    expect(() => parseGetConf(stem)).toThrow(/GETCONF failed: 552 Unrecognized configuration key "brickroad"\nUnrecognized configuration key "submarine"/);
  });
});

describe('groupConf', () => {
  it('groups values by key, in order, with bare keys as []', () => {
    const grouped = groupConf(parseGetConf(fixtureReply('getconf-linelist.txt')));
    expect([...grouped]).toEqual([
      ['ExitPolicy', ['accept 127.0.0.0/8:*', 'reject *:*']],
      ['ORPort', ['127.0.0.1:5020']],
      ['DirPort', []],
      ['Nickname', ['r2']],
    ]);
  });

  it('keeps an empty value as [""] and a bare key as []', () => {
    expect([...groupConf([{ key: 'A', value: '' }, { key: 'B', value: null }])]).toEqual([
      ['A', ['']],
      ['B', []],
    ]);
  });
});
