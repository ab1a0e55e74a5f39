import { describe, expect, it } from 'vitest';
import { parseMicrodescriptor, parseMicrodescriptors, summarizeExitPolicy } from '../../../src/protocol/documents/index.js';
import { ProtocolError } from '../../../src/protocol/index.js';
import { fixtureData } from './fixture.js';

const ONION_KEY = [
  'onion-key',
  '-----BEGIN RSA PUBLIC KEY-----',
  'MIGJAoGBAMjlHH/daN43cSVRaHBwgUfnszzAhg98EvivJ9Qxfv51mvQUxPjQ07es',
  '-----END RSA PUBLIC KEY-----',
];

describe('parseMicrodescriptor', () => {
  it('reads the md/id reply (framed from CRLF bytes); the onion-key object is skipped', () => {
    const md = parseMicrodescriptor(fixtureData('getinfo-md-id-assembled.txt'));
    expect(md).toEqual({
      ntorOnionKey: 'TNjAvHVSI1fOJchFKTPDrsgZjT2XrAJqjzRfPQSNXD4',
      orAddresses: [],
      family: ['$3EE5BD82604FF4A5E8C96565300270AA38B9FE8A', '$6257306CB798C2E3FFDE47520B4820F8E7234B9E'],
      familyIds: [],
      exitPolicy: {
        kind: 'summary',
        action: 'accept',
        ports: [{ minPort: 80, maxPort: 80 }, { minPort: 443, maxPort: 443 }, { minPort: 1000, maxPort: 2000 }],
      },
      ipv6ExitPolicy: {
        kind: 'summary',
        action: 'accept',
        ports: [{ minPort: 80, maxPort: 80 }, { minPort: 443, maxPort: 443 }, { minPort: 1000, maxPort: 2000 }],
      },
      ed25519Id: 'LNAr/+RfdqLLQIuIM7u6uTibacka65wSuuV5LHaQMDs',
      rsa1024Id: undefined,
    });
    expect(summarizeExitPolicy(md.exitPolicy!)).toBe('accept 80, 443, 1000-2000');
  });

  it('has no exit policy when there is no p line, and reads a, family-ids, id rsa1024', () => {
    const md = parseMicrodescriptor(
      [
        ...ONION_KEY,
        'ntor-onion-key AppBt6CSeb1kKid/36ototmFA24ddfW5JpjWPLuoJgs=',
        'a [2001:db8::2]:9001',
        'family-ids ed25519:dXMgdGhlIHRyaXVtcGguICAgIC1UaG9tYXMgUGFpbmU other:Example',
        'id rsa1024 hFs+0ws91M2IiwiMz6NUpyxHgZs',
        'id ed25519 VGhpcyBpc24ndCBhY3R1YWxseSBhIHB1YmxpYyBrZXk',
        'future-keyword whatever',
      ].join('\r\n'),
    );
    expect(md.exitPolicy).toBeUndefined();
    expect(md.orAddresses).toEqual([{ address: '2001:db8::2', port: 9001, isIPv6: true }]);
    expect(md.familyIds).toEqual(['ed25519:dXMgdGhlIHRyaXVtcGguICAgIC1UaG9tYXMgUGFpbmU', 'other:Example']);
    expect(md.rsa1024Id).toBe('hFs+0ws91M2IiwiMz6NUpyxHgZs');
    expect(md.ed25519Id).toBe('VGhpcyBpc24ndCBhY3R1YWxseSBhIHB1YmxpYyBrZXk');
  });

  it.each([
    ['duplicate p', ['p accept 80', 'p reject 25'], /duplicate "p"/],
    ['duplicate id ed25519', ['id ed25519 AAAA', 'id ed25519 BBBB'], /duplicate "id ed25519"/],
    ['malformed p', ['p accept 80,'], /line 6: p/],
    ['malformed p6', ['p6 allow 80'], /p6.*accept" or "reject/],
    ['malformed a', ['a 1.2.3.4'], /line 6: a/],
    ['id without key', ['id ed25519'], /expected "id <type> <key>"/],
  ])('%s → ProtocolError', (_label, extra, pattern) => {
    const text = [...ONION_KEY, 'ntor-onion-key AppBt6CSeb1kKid/36ototmFA24ddfW5JpjWPLuoJgs=', ...extra].join('\n');
    expect(() => parseMicrodescriptor(text)).toThrow(ProtocolError);
    expect(() => parseMicrodescriptor(text)).toThrow(pattern);
  });

  it('refuses text that does not start a microdescriptor', () => {
    expect(() => parseMicrodescriptor('p accept 80\nntor-onion-key x')).toThrow(/"p" before "onion-key"/);
    expect(() => parseMicrodescriptor('')).toThrow(/expected one microdescriptor, found 0/);
  });
});

describe('parseMicrodescriptors', () => {
  it('splits at each onion-key, with or without a key object', () => {
    const text = [
      ...ONION_KEY,
      'ntor-onion-key AAAA',
      'p accept 443',
      'onion-key',
      'ntor-onion-key BBBB',
      'id ed25519 eSBjb25xdWVyZWQ7IHlldCB3ZSBoYXZlIHRoaXMgY28',
      'family-ids',
    ].join('\n');
    const mds = parseMicrodescriptors(text);
    expect(mds.map((m) => [m.ntorOnionKey, m.exitPolicy?.action, m.ed25519Id, m.familyIds])).toEqual([
      ['AAAA', 'accept', undefined, []],
      ['BBBB', undefined, 'eSBjb25xdWVyZWQ7IHlldCB3ZSBoYXZlIHRoaXMgY28', []],
    ]);
  });

  it('also splits at a second ntor-onion-key when onion-key is missing', () => {
    const mds = parseMicrodescriptors('ntor-onion-key AAAA\np reject 25\nntor-onion-key BBBB\n');
    expect(mds.map((m) => m.ntorOnionKey)).toEqual(['AAAA', 'BBBB']);
    expect(mds[0]!.exitPolicy?.action).toBe('reject');
  });
});
