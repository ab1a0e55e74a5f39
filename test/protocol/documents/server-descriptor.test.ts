import { describe, expect, it } from 'vitest';
import {
  parseServerDescriptor,
  parseServerDescriptors,
  policyAllowsPort,
  summarizeExitPolicy,
} from '../../../src/protocol/documents/index.js';
import { parseGetInfo, ProtocolError } from '../../../src/protocol/index.js';
import { fixtureData, fixtureReply } from './fixture.js';

/** A small descriptor in tor's item order; `extra` lines go before the policy. */
function descriptor(extra: readonly string[] = [], router = 'router caerSidi 71.35.143.157 9001 0 0'): string {
  return [
    router,
    'identity-ed25519',
    '-----BEGIN ED25519 CERT-----',
    'AQQABhtZAaW2GoBED1IjY3A6f6GNqBEl5A83fD2Za9upGke51JGqAQAgBABnprVR',
    '-----END ED25519 CERT-----',
    'platform Tor 0.2.2.35 (git-b04388f9e7546a9f) on Linux x86_64',
    'published 2012-03-01 17:15:27',
    'fingerprint A756 9A83 B570 6AB1 B1A9 CB52 EFF7 D2D3 2E45 53EB',
    'uptime 588217',
    'bandwidth 153600 256000 104590',
    ...extra,
    'reject *:*',
    'router-signature',
    '-----BEGIN SIGNATURE-----',
    'dskLSPz8beUW7bzwDjR6EVNGpyoZde83Ejvau+5F2c6cGnlu91fiZN3suE88iE6e',
    '-----END SIGNATURE-----',
  ].join('\n');
}

describe('parseServerDescriptor — real status/fresh-relay-descs capture (tor 0.4.9.11)', () => {
  const text = fixtureData('getinfo-fresh-relay-descs.txt');

  it('finds one server descriptor; the extra-info document after it is skipped', () => {
    expect(parseServerDescriptors(text)).toHaveLength(1);
    expect(text).toContain('\nextra-info ortopDocs 3EE5BD82604FF4A5E8C96565300270AA38B9FE8A\n');
  });

  it('reads every field a monitor shows', () => {
    const d = parseServerDescriptor(text);
    expect(d).toMatchObject({
      nickname: 'ortopDocs',
      address: '192.0.2.10',
      orPort: 9001,
      socksPort: 0,
      dirPort: undefined,
      orAddresses: [{ address: '2001:db8::10', port: 9001, isIPv6: true }],
      platform: 'Tor 0.4.9.11 on Linux',
      torVersion: '0.4.9.11',
      operatingSystem: 'Linux',
      publishedAtMs: Date.UTC(2026, 10, 27, 10, 49, 18),
      fingerprint: '3EE5BD82604FF4A5E8C96565300270AA38B9FE8A',
      uptimeSec: 9,
      bandwidth: { avgBytesPerSec: 1073741824, burstBytesPerSec: 1073741824, observedBytesPerSec: 0 },
      contact: 'ortop test <nobody AT example dot invalid> café',
      family: ['$3EE5BD82604FF4A5E8C96565300270AA38B9FE8A', '$6257306CB798C2E3FFDE47520B4820F8E7234B9E'],
      isHibernating: false,
      overloadGeneral: undefined,
      ed25519MasterKey: 'LNAr/+RfdqLLQIuIM7u6uTibacka65wSuuV5LHaQMDs',
      ntorOnionKey: 'TNjAvHVSI1fOJchFKTPDrsgZjT2XrAJqjzRfPQSNXD4',
      isHiddenServiceDir: true,
      isTunnelledDirServer: false,
      extraInfoDigest: 'E0FDD9FC93E225B0A2DAA68E14C2A45677B05C09',
    });
    expect(d.protocols?.get('Relay')).toEqual([{ min: 2, max: 6 }]);
    expect(d.protocols?.get('Conflux')).toEqual([{ min: 1, max: 1 }]);
  });

  it('keeps the exit policy lines in order and summarises them', () => {
    const d = parseServerDescriptor(text);
    expect(d.exitPolicy.rules).toHaveLength(11);
    expect(d.exitPolicy.rules[0]).toEqual({ action: 'reject', family: 'ipv4', address: '0.0.0.0', maskBits: 8, minPort: 1, maxPort: 65535 });
    expect(d.exitPolicy.rules[6]).toMatchObject({ action: 'reject', address: '192.0.2.10', maskBits: 32 });
    expect(d.exitPolicy.rules[10]).toEqual({ action: 'reject', family: 'any', address: '*', maskBits: undefined, minPort: 1, maxPort: 65535 });
    expect(summarizeExitPolicy(d.exitPolicy)).toBe('accept 80, 443, 1000-2000');
    expect([443, 1500, 22, 2001].map((p) => policyAllowsPort(d.exitPolicy, p))).toEqual([true, true, false, false]);
    expect(d.ipv6Policy).toEqual({
      kind: 'summary',
      action: 'accept',
      ports: [{ minPort: 80, maxPort: 80 }, { minPort: 443, maxPort: 443 }, { minPort: 1000, maxPort: 2000 }],
    });
  });

  it('takes already-decoded text with input: "text" (e.g. a parseGetInfo value) without re-decoding', () => {
    const value = parseGetInfo(fixtureReply('getinfo-fresh-relay-descs.txt')).get('status/fresh-relay-descs')!;
    expect(parseServerDescriptor(value, { input: 'text' }).contact).toBe('ortop test <nobody AT example dot invalid> café');
  });
});

describe('parseServerDescriptor — fields and tolerance', () => {
  it('decodes a non-UTF-8 contact byte string with U+FFFD replacement', () => {
    const d = parseServerDescriptor(descriptor(['contact caf\xe9 \xff <x AT y>', 'platform-extra z']));
    expect(d.contact).toBe('caf\ufffd \ufffd <x AT y>');
  });

  it('decodes UTF-8 bytes in platform and contact', () => {
    const utf8 = Buffer.from('Relais à Zürich', 'utf8').toString('latin1');
    const d = parseServerDescriptor(descriptor([`contact ${utf8}`]));
    expect(d.contact).toBe('Relais à Zürich');
  });

  it('reads a platform with a git tag and a multi-word OS', () => {
    const d = parseServerDescriptor(descriptor());
    expect([d.torVersion, d.operatingSystem]).toEqual(['0.2.2.35', 'Linux x86_64']);
    expect(d.fingerprint).toBe('A7569A83B5706AB1B1A9CB52EFF7D2D32E4553EB');
    expect(d.uptimeSec).toBe(588217);
  });

  it('reads hibernating, overload-general, family forms, tunnelled-dir-server, caches-extra-info, or-address', () => {
    const d = parseServerDescriptor(
      descriptor([
        'hibernating 1',
        'overload-general 1 2026-11-27 09:00:00',
        'family $0CE3CFB1E9CC47B63C1517D6B62DCC1E6B9F9000~alpha $ABCDEF0123456789ABCDEF0123456789ABCDEF01=beta gamma',
        'tunnelled-dir-server',
        'caches-extra-info',
        'or-address [2001:db8::1]:443',
        'or-address 10.0.0.1:9002',
        'ipv6-policy reject 1-65535',
        'accept *:80',
        'accept6 [2001:db8::]/32:443',
      ]),
    );
    expect(d.isHibernating).toBe(true);
    expect(d.overloadGeneral).toEqual({ version: 1, atMs: Date.UTC(2026, 10, 27, 9, 0, 0) });
    expect(d.family).toEqual(['$0CE3CFB1E9CC47B63C1517D6B62DCC1E6B9F9000~alpha', '$ABCDEF0123456789ABCDEF0123456789ABCDEF01=beta', 'gamma']);
    expect([d.isTunnelledDirServer, d.cachesExtraInfo, d.isHiddenServiceDir]).toEqual([true, true, false]);
    expect(d.orAddresses).toEqual([
      { address: '2001:db8::1', port: 443, isIPv6: true },
      { address: '10.0.0.1', port: 9002, isIPv6: false },
    ]);
    expect(d.exitPolicy.rules.map((r) => `${r.action}/${r.family}/${r.address}/${r.minPort}`)).toEqual([
      'accept/any/*/80',
      'accept/ipv6/2001:db8::/443',
      'reject/any/*/1',
    ]);
    expect(summarizeExitPolicy(d.exitPolicy)).toBe('accept 80');
    expect(summarizeExitPolicy(d.ipv6Policy!)).toBe('reject all');
  });

  it('skips crypto objects even when their lines look like keywords', () => {
    const text = descriptor([
      'onion-key',
      '-----BEGIN RSA PUBLIC KEY-----',
      'router evil 6.6.6.6 1 0 0',
      'contact not me',
      '-----END RSA PUBLIC KEY-----',
      'ntor-onion-key-crosscert 1',
      '-----BEGIN ED25519 CERT-----',
      'accept *:*',
      '-----END ED25519 CERT-----',
    ]);
    const all = parseServerDescriptors(text);
    expect(all).toHaveLength(1);
    expect(all[0]!.contact).toBeUndefined();
    expect(summarizeExitPolicy(all[0]!.exitPolicy)).toBe('reject all');
  });

  it('tolerates CRLF, blank lines, annotations and unknown keywords', () => {
    const text = `@downloaded-at 2026-11-27 09:49:01\n@source "127.0.0.1"\n${descriptor(['zz-future-thing 1 2 3', '', 'bridge-distribution-request any'])}\n\n\n`.replace(/\n/g, '\r\n');
    const d = parseServerDescriptor(text);
    expect(d.nickname).toBe('caerSidi');
    expect(d.platform).toBe('Tor 0.2.2.35 (git-b04388f9e7546a9f) on Linux x86_64');
  });

  it('parses concatenated descriptors in order', () => {
    const text = [descriptor(), descriptor([], 'router second 1.2.3.4 443 0 80')].join('\n');
    expect(parseServerDescriptors(text).map((d) => [d.nickname, d.orPort, d.dirPort])).toEqual([
      ['caerSidi', 9001, undefined],
      ['second', 443, 80],
    ]);
    expect(() => parseServerDescriptor(text)).toThrow(/expected one server descriptor, found 2/);
  });

  it.each([
    ['nickname', descriptor([], 'router caer$idi 71.35.143.157 9001 0 0'), /nickname/],
    ['address', descriptor([], 'router caerSidi 71.35.143 9001 0 0'), /address/],
    ['ORPort', descriptor([], 'router caerSidi 71.35.143.157 90010 0 0'), /ORPort/],
    ['DirPort', descriptor([], 'router caerSidi 71.35.143.157 9001 0 x'), /DirPort/],
    ['router fields', descriptor([], 'router caerSidi 71.35.143.157 9001'), /router nickname address/],
    ['fingerprint', descriptor().replace('EFF7 D2D3 2E45 53EB', 'EFF7 D2D3 2E45'), /malformed fingerprint/],
    ['bandwidth', descriptor().replace('bandwidth 153600 256000 104590', 'bandwidth 153600 lots 104590'), /bandwidth.*burst/],
    ['missing bandwidth', descriptor().replace('bandwidth 153600 256000 104590\n', ''), /no bandwidth line/],
    ['missing published', descriptor().replace('published 2012-03-01 17:15:27\n', ''), /no published line/],
    ['published', descriptor().replace('2012-03-01 17:15:27', '2012-03-01 25:15:27'), /published/],
    ['duplicate published', descriptor(['published 2012-03-01 17:15:28']), /duplicate "published"/],
    ['uptime', descriptor().replace('uptime 588217', 'uptime -5'), /uptime/],
    ['hibernating', descriptor(['hibernating yes']), /hibernating/],
    ['exit rule', descriptor(['accept *:http']), /line \d+: accept of "caerSidi".*port/],
    ['ipv6-policy', descriptor(['ipv6-policy accept 80,']), /ipv6-policy/],
    ['overload-general', descriptor(['overload-general 1']), /overload-general/],
    ['or-address', descriptor(['or-address [::1]']), /or-address/],
    ['unterminated object', descriptor().replace('-----END SIGNATURE-----', ''), /has no END line/],
    ['mismatched object', descriptor().replace('-----END SIGNATURE-----', '-----END RSA PUBLIC KEY-----'), /ends as/],
    ['text before router', `hello\n${descriptor()}`, /before the first "router"/],
  ])('malformed %s → ProtocolError', (_label, text, pattern) => {
    expect(() => parseServerDescriptors(text)).toThrow(ProtocolError);
    expect(() => parseServerDescriptors(text)).toThrow(pattern);
  });
});
