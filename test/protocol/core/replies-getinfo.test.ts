// GETINFO replies (control-spec §3.9) and the shared checks: values single-line and in data blocks,
// Stem's malformed vectors, all-or-nothing 551/552 errors, expectOk, replyText, parseSingleLine.
import { describe, expect, it } from 'vitest';
import {
  ProtocolError,
  ReplyError,
  expectOk,
  parseGetInfo,
  parseSingleLine,
  replyText,
  type Reply,
} from '../../../src/protocol/index.js';
import { replyOf } from '../../helpers/feed.js';
import { fixtureReply } from './fixture.js';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('parseGetInfo', () => {
  it('reads a single value with spaces and parentheses', () => {
    const values = parseGetInfo(replyOf('250-version=0.2.2.23-alpha (git-b85eb949b528f4d7)\r\n250 OK\r\n'));
    expect([...values]).toEqual([['version', '0.2.2.23-alpha (git-b85eb949b528f4d7)']]);
  });

  it('reads several keys, in order', () => {
    const reply = replyOf(
      '250-version=0.2.3.11-alpha-dev\r\n250-address=67.137.76.214\r\n250-fingerprint=5FDE0422045DF0E1879A3738D09099EB4A0C5BA0\r\n250 OK\r\n',
    );
    expect([...parseGetInfo(reply, ['version', 'address', 'fingerprint'])]).toEqual([
      ['version', '0.2.3.11-alpha-dev'],
      ['address', '67.137.76.214'],
      ['fingerprint', '5FDE0422045DF0E1879A3738D09099EB4A0C5BA0'],
    ]);
  });

  it('reads data-block values with their line breaks, beside single-line values', () => {
    const values = parseGetInfo(fixtureReply('getinfo-version-config-text.txt'));
    expect(values.get('version')).toBe('0.2.3.11-alpha-dev (git-ef0bc7f8f26a917c)');
    expect(values.get('config-text')!.split('\n')).toEqual([
      'ControlPort 9051',
      'DataDirectory /home/atagar/.tor',
      'ExitPolicy reject *:*',
      'Log notice stdout',
      'Nickname Unnamed',
      'ORPort 9050',
    ]);
    expect(parseGetInfo(fixtureReply('getinfo-exit-policy.txt'))).toEqual(
      new Map([
        ['exit-policy/ipv4', 'accept 127.0.0.0/8:*\nreject *:*'],
        ['exit-policy/ipv6', 'reject6 *:*'],
      ]),
    );
    expect(parseGetInfo(fixtureReply('getinfo-info-names.txt')).get('info/names')!.split('\n')).toHaveLength(6);
  });

  it('reads empty values, values with "=", and an empty data block', () => {
    const values = parseGetInfo(
      replyOf('250-circuit-status=\r\n250-status/reachability-succeeded=OR=1 DIR=1\r\n250+ns/all=\r\n\r\n.\r\n250 OK\r\n'),
    );
    expect(Object.fromEntries(values)).toEqual({ 'circuit-status': '', 'status/reachability-succeeded': 'OR=1 DIR=1', 'ns/all': '' });
  });

  it('decodes values as UTF-8, with U+FFFD for invalid bytes', () => {
    const values = parseGetInfo(replyOf(Buffer.from('250-a=caf\xc3\xa9\r\n250-b=caf\xe9\r\n250 OK\r\n', 'latin1')));
    expect(values.get('a')).toBe('caf\u00e9');
    expect(values.get('b')).toBe('caf\ufffd');
  });

  it('returns an empty map for "GETINFO" with no keys', () => {
    expect(parseGetInfo(replyOf('250 OK\r\n')).size).toBe(0);
  });

  it('refuses a data value that does not start on the next line (250+config-text=ControlPort 9051)', () => {
    expect(() => parseGetInfo(fixtureReply('getinfo-config-text-same-line.txt'))).toThrow(ProtocolError);
    expect(() => parseGetInfo(fixtureReply('getinfo-config-text-same-line.txt'))).toThrow(/config-text must start on the next line/);
  });

  it('refuses a line without "=" (250-address 67.137.76.214) and an empty key', () => {
    expect(() => parseGetInfo(fixtureReply('getinfo-address-no-equals.txt'))).toThrow(ProtocolError);
    expect(() => parseGetInfo(replyOf('250-=x\r\n250 OK\r\n'))).toThrow(/without key=value/);
  });

  it('refuses a reply that lacks a requested key', () => {
    expect(() => parseGetInfo(replyOf('250-version=1\r\n250 OK\r\n'), ['version', 'uptime'])).toThrow(/lacks the requested key uptime/);
  });

  it('turns 552 unrecognized keys into a ReplyError listing them', () => {
    const e = thrown(() => parseGetInfo(fixtureReply('getinfo-unrecognized.txt')));
    expect(e).toBeInstanceOf(ReplyError);
    const err = e as ReplyError;
    expect(err.code).toBe(552);
    expect(err.unrecognized).toEqual(['nonexistent', 'other/bogus']);
    expect(err.replyText).toBe('Unrecognized key "nonexistent"\nUnrecognized key "other/bogus"');
    expect(err.message).toBe('GETINFO failed: 552 Unrecognized key "nonexistent"\nUnrecognized key "other/bogus"');
  });

  it('turns Stem\'s single 552 vector into a ReplyError', () => {
    const err = thrown(() => parseGetInfo(replyOf('552 Unrecognized key "blackhole"\r\n'))) as ReplyError;
    expect(err.unrecognized).toEqual(['blackhole']);
  });

  it('turns a lone 551 into a ReplyError with nothing unrecognized', () => {
    const err = thrown(() => parseGetInfo(fixtureReply('getinfo-551.txt'))) as ReplyError;
    expect(err).toBeInstanceOf(ReplyError);
    expect(err.code).toBe(551);
    expect(err.replyText).toBe('Address unknown');
    expect(err.unrecognized).toEqual([]);
  });
});

describe('expectOk', () => {
  it('returns 2xx replies unchanged', () => {
    const reply = replyOf('250 OK\r\n');
    expect(expectOk(reply, 'SIGNAL')).toBe(reply);
    expect(expectOk(replyOf('251 Resource exhausted\r\n'), 'X').code).toBe(251);
  });

  it('fails a reply whose final line is OK but an earlier line is an error', () => {
    const err = thrown(() => expectOk(replyOf('512-syntax error: bad\r\n250 23=324\r\n'), 'MAPADDRESS')) as ReplyError;
    expect(err.code).toBe(512);
    expect(err.replyText).toBe('syntax error: bad');
  });

  it('fails mixed replies with the last failing code (captured MAPADDRESS)', () => {
    const reply: Reply = {
      code: 512,
      lines: [
        { code: 250, separator: '-', text: '1.2.3.4=torproject.org' },
        { code: 512, separator: ' ', text: "syntax error: invalid address '@@@'" },
      ],
    };
    const err = thrown(() => expectOk(reply, 'MAPADDRESS')) as ReplyError;
    expect([err.code, err.replyText]).toEqual([512, "syntax error: invalid address '@@@'"]);
  });

  it('fails nonsense codes (123-FOO / 532 BAR)', () => {
    const err = thrown(() => expectOk(fixtureReply('nonsense-codes.txt'), 'X')) as ReplyError;
    expect([err.code, err.replyText]).toEqual([532, 'BAR']);
  });

  it('lists unrecognized names for the 552 forms tor uses', () => {
    const cases: Array<[string, string]> = [
      ['552 Unrecognized configuration key "brickroad"', 'brickroad'],
      ['552 Unrecognized event "BOGUS"', 'BOGUS'],
      ['552 Unrecognized signal code "FOO"', 'FOO'],
      ['552 Unrecognized feature "NOPE"', 'NOPE'],
      ["552 Unrecognized option: Unknown option 'NoSuchOption'.  Failing.", 'NoSuchOption'],
    ];
    for (const [line, name] of cases) {
      expect((thrown(() => expectOk(replyOf(`${line}\r\n`), 'X')) as ReplyError).unrecognized, line).toEqual([name]);
    }
    expect((thrown(() => expectOk(replyOf('552 Not running in server mode\r\n'), 'X')) as ReplyError).unrecognized).toEqual([]);
  });

  it('decodes error text for display (raw bytes captured in a 513)', () => {
    const err = thrown(() => expectOk(replyOf(Buffer.from('513 Unable to parse \xe9\xff\x01x as a number\r\n', 'latin1')), 'SETCONF')) as ReplyError;
    expect(err.replyText).toBe('Unable to parse \ufffd\ufffd\u0001x as a number');
  });
});

describe('replyText and parseSingleLine', () => {
  it('joins lines and data blocks with "\\n"', () => {
    expect(replyText(fixtureReply('getinfo-exit-policy.txt'))).toBe('exit-policy/ipv4=\naccept 127.0.0.0/8:*\nreject *:*\nexit-policy/ipv6=reject6 *:*\nOK');
  });

  it('returns the final line of an OK reply and throws ReplyError otherwise', () => {
    expect(parseSingleLine(replyOf('250 closing connection\r\n'), 'QUIT')).toBe('closing connection');
    expect(() => parseSingleLine(replyOf('514 Authentication required.\r\n'), 'GETINFO')).toThrow(ReplyError);
  });
});
