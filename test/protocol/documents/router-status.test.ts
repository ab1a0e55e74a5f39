import { describe, expect, it } from 'vitest';
import {
  parseRouterStatusEntries,
  parseRouterStatusEntriesLenient,
  summarizeExitPolicy,
  type RouterStatusEntry,
} from '../../../src/protocol/documents/index.js';
import { ProtocolError } from '../../../src/protocol/index.js';
import { fixtureData, fixtureReply } from './fixture.js';

const STEM_WITHOUT_ED25519 = [
  'r seele AAoQ1DAR6kkoo19hBAX5K0QztNw m0ynPuwzSextzsiXYJYA0Hce+Cs 2015-08-23 00:26:35 73.15.150.172 9001 0',
  's Running Stable Valid',
  'v Tor 0.2.6.10',
  'w Bandwidth=102 Measured=31',
  'p reject 1-65535',
  'id ed25519 none',
  'm 13,14,15 sha256=uaAYTOVuYRqUwJpNfP2WizjzO0FiNQB4U97xSQu+vMc',
  'm 16,17 sha256=G6FmPe/ehgfb6tsRzFKDCwvvae+RICeP1MaP0vWDGyI',
  'm 18,19,20,21 sha256=/XhIMOnhElo2UiKjL2S10uRka/fhg1CFfNd+9wgUwEE',
].join('\n');

const STEM_WITH_ED25519 = [
  'r PDrelay1 AAFJ5u9xAqrKlpDW6N0pMhJLlKs yrJ6b/73pmHBiwsREgw+inf8WFw 2015-08-23 16:52:37 95.215.44.189 8080 0',
  's Fast Running Stable Valid',
  'v Tor 0.2.7.2-alpha-dev',
  'w Bandwidth=608 Measured=472',
  'p reject 1-65535',
  'id ed25519 8RH34kO07Pp+XYwzdoATVyCibIvmbslUjRkAm7J4IA8',
  'm 13 sha256=PTSHzE7RKnRGZMRmBddSzDiZio254FUhv9+V4F5zq8s',
].join('\n');

const MYLEX = [
  'r MYLEX AQt3KEVEEfSFzinUx5oUU0FRwsQ 2018-07-15 16:38:10 77.123.42.148 444 800',
  'a [2001:470:71:9b9:f66d:4ff:fee7:954c]:444',
  'm GWb+xjav0fsuwPwPNnUvW9Q1Ivk5nz8m1McECM4KY8A',
  's Fast Guard HSDir Running Stable V2Dir Valid',
  'v Tor 0.2.5.16',
  'pr Cons=1 Desc=1 DirCache=1 HSDir=1 HSIntro=3 HSRend=1 Link=1-4 LinkAuth=1 Microdesc=1 Relay=1-2',
  'w Bandwidth=4950',
].join('\n');

/** A minimal valid entry whose r line fields can be replaced one at a time. */
const R_FIELDS = {
  nickname: 'caerSidi',
  identity: 'p1aag7VwarGxqctS7/fS0y5FU+s',
  digest: 'oQZFLYe9e4A7bOkWKR7TaNxb0JE',
  published: '2012-08-06 11:19:31',
  address: '71.35.150.29',
  orPort: '9001',
  dirPort: '0',
};

function entryWith(overrides: Partial<typeof R_FIELDS>, extra: readonly string[] = ['s Fast Running Valid']): string {
  const f = { ...R_FIELDS, ...overrides };
  return [`r ${f.nickname} ${f.identity} ${f.digest} ${f.published} ${f.address} ${f.orPort} ${f.dirPort}`, ...extra].join('\n');
}

function only(text: string, flavour?: 'ns' | 'microdesc'): RouterStatusEntry {
  const entries = parseRouterStatusEntries(text, flavour);
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

describe('parseRouterStatusEntries — real 0.4.9.11 captures', () => {
  it('NS event (framed from CRLF bytes)', () => {
    const entry = only(fixtureData('event-ns.txt'));
    expect(entry).toMatchObject({
      flavour: 'ns',
      nickname: 'r1',
      fingerprint: '6257306CB798C2E3FFDE47520B4820F8E7234B9E',
      digest: 'NtQZ55vQpuw3yiNCi4xOrSqr5WQ',
      publishedAtMs: undefined,
      address: '127.0.0.1',
      orPort: 5010,
      dirPort: undefined,
      orAddresses: [],
      flags: ['Exit', 'Fast', 'Guard', 'HSDir', 'Running', 'Stable', 'V2Dir', 'Valid'],
      versionLine: undefined,
      bandwidthWeight: 0,
      measuredWeight: undefined,
      isUnmeasured: false,
      exitPolicy: undefined,
    });
  });

  it('NEWCONSENSUS event: every entry, DirPort kept when non-zero', () => {
    const reply = fixtureReply('event-newconsensus.txt');
    expect(reply.code).toBe(650);
    const entries = parseRouterStatusEntries(reply.lines[0]!.data!);
    expect(entries.map((e) => [e.nickname, e.fingerprint, e.orPort, e.dirPort, e.bandwidthWeight])).toEqual([
      ['a0', '69338954452B516B5BF88A24E1E81F203881B6F7', 5000, 5001, 158],
      ['r1', '6257306CB798C2E3FFDE47520B4820F8E7234B9E', 5010, undefined, 0],
      ['r2', 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2', 5020, undefined, 159],
    ]);
    expect(entries[0]!.flags).toContain('Authority');
    expect(entries.every((e) => e.exitPolicy !== undefined && summarizeExitPolicy(e.exitPolicy) === 'reject all')).toBe(true);
  });

  it('GETINFO ns/id/<fp>: the 2038 published constant is "unknown"', () => {
    const entry = only(fixtureData('getinfo-ns-id-r2.txt'));
    expect(entry.nickname).toBe('r2');
    expect(entry.fingerprint).toBe('A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2');
    expect(entry.publishedAtMs).toBeUndefined();
    expect(entry.exitPolicy).toEqual({ kind: 'summary', action: 'reject', ports: [{ minPort: 1, maxPort: 65535 }] });
  });

  it('GETINFO ns/all with no consensus is an empty value → no entries', () => {
    const reply = fixtureReply('getinfo-ns-all-empty.txt');
    expect(reply.lines[0]!.text).toBe('ns/all=');
    expect(parseRouterStatusEntries('')).toEqual([]);
  });
});

describe('parseRouterStatusEntries — Stem vectors', () => {
  it('vote-style entry without ed25519', () => {
    const e = only(STEM_WITHOUT_ED25519);
    expect(e.nickname).toBe('seele');
    expect(e.fingerprint).toBe('000A10D43011EA4928A35F610405F92B4433B4DC');
    expect(Buffer.from(e.digest!, 'base64').toString('hex').toUpperCase()).toBe('9B4CA73EEC3349EC6DCEC897609600D0771EF82B');
    expect(e.publishedAtMs).toBe(Date.UTC(2015, 7, 23, 0, 26, 35));
    expect(e.address).toBe('73.15.150.172');
    expect(e.orPort).toBe(9001);
    expect(e.dirPort).toBeUndefined();
    expect(e.flags).toEqual(['Running', 'Stable', 'Valid']);
    expect(e.versionLine).toBe('Tor 0.2.6.10');
    expect(e.torVersion).toBe('0.2.6.10');
    expect([e.bandwidthWeight, e.measuredWeight, e.isUnmeasured]).toEqual([102, 31, false]);
    expect(e.exitPolicy).toEqual({ kind: 'summary', action: 'reject', ports: [{ minPort: 1, maxPort: 65535 }] });
    expect(e.ed25519Id).toBeUndefined();
    expect(e.microdescHashes.map((h) => [h.methods, Object.fromEntries(h.digests)])).toEqual([
      [[13, 14, 15], { sha256: 'uaAYTOVuYRqUwJpNfP2WizjzO0FiNQB4U97xSQu+vMc' }],
      [[16, 17], { sha256: 'G6FmPe/ehgfb6tsRzFKDCwvvae+RICeP1MaP0vWDGyI' }],
      [[18, 19, 20, 21], { sha256: '/XhIMOnhElo2UiKjL2S10uRka/fhg1CFfNd+9wgUwEE' }],
    ]);
    expect(e.microdescDigest).toBeUndefined();
  });

  it('vote-style entry with ed25519 and a -dev version', () => {
    const e = only(STEM_WITH_ED25519);
    expect(e.fingerprint).toBe('000149E6EF7102AACA9690D6E8DD2932124B94AB');
    expect(e.torVersion).toBe('0.2.7.2-alpha-dev');
    expect(e.ed25519Id).toBe('8RH34kO07Pp+XYwzdoATVyCibIvmbslUjRkAm7J4IA8');
    expect([e.bandwidthWeight, e.measuredWeight]).toEqual([608, 472]);
  });

  it.each([undefined, 'microdesc'] as const)('microdesc-flavour entry (flavour %s): no digest, a and m lines', (flavour) => {
    const e = only(MYLEX, flavour);
    expect(e.flavour).toBe('microdesc');
    expect(e.nickname).toBe('MYLEX');
    expect(e.fingerprint).toBe('010B7728454411F485CE29D4C79A14534151C2C4');
    expect(e.digest).toBeUndefined();
    expect(e.publishedAtMs).toBe(Date.UTC(2018, 6, 15, 16, 38, 10));
    expect([e.address, e.orPort, e.dirPort]).toEqual(['77.123.42.148', 444, 800]);
    expect(e.orAddresses).toEqual([{ address: '2001:470:71:9b9:f66d:4ff:fee7:954c', port: 444, isIPv6: true }]);
    expect(e.microdescDigest).toBe('GWb+xjav0fsuwPwPNnUvW9Q1Ivk5nz8m1McECM4KY8A');
    expect(Buffer.from(e.microdescDigest!, 'base64').toString('hex').toUpperCase()).toBe(
      '1966FEC636AFD1FB2EC0FC0F36752F5BD43522F9399F3F26D4C70408CE0A63C0',
    );
    expect(e.flags).toEqual(['Fast', 'Guard', 'HSDir', 'Running', 'Stable', 'V2Dir', 'Valid']);
    expect(e.torVersion).toBe('0.2.5.16');
    expect(e.protocols?.size).toBe(10);
    expect(e.protocols?.get('Link')).toEqual([{ min: 1, max: 4 }]);
    expect(e.bandwidthWeight).toBe(4950);
  });

  it('a microdesc r line given as ns flavour is refused with the field count', () => {
    expect(() => parseRouterStatusEntries(MYLEX, 'ns')).toThrow(/7 fields, expected 8/);
  });

  it('ignores unknown lines, tolerates blank lines and CRLF', () => {
    const text = `\r\n${entryWith({}, ['z New tor feature: sparkly unicorns!', '', 's Fast Valid', '', 'v Tor 0.2.2.35', ''])}`.replace(/\n/g, '\r\n');
    const e = only(text);
    expect(e.flags).toEqual(['Fast', 'Valid']);
    expect(e.versionLine).toBe('Tor 0.2.2.35');
    expect(e.dirPort).toBeUndefined();
  });

  it('keeps unknown flags and accepts an empty s line', () => {
    expect(only(entryWith({}, ['s Ugabuga Fast'])).flags).toEqual(['Ugabuga', 'Fast']);
    expect(only(entryWith({}, ['s'])).flags).toEqual([]);
  });

  it('skips a consensus header before the first r line and stops at directory-footer', () => {
    const text = ['network-status-version 3', 'vote-status consensus', entryWith({}), 'directory-footer', 'r junk'].join('\n');
    expect(parseRouterStatusEntries(text).map((e) => e.nickname)).toEqual(['caerSidi']);
  });

  it('collects any number of a lines', () => {
    const e = only(entryWith({}, ['a [2607:fcd0:daaa:101::602c:bd62]:443', 'a [1148:fcd0:daaa:101::602c:bd62]:80']));
    expect(e.orAddresses.map((a) => `${a.address} ${a.port}`)).toEqual(['2607:fcd0:daaa:101::602c:bd62 443', '1148:fcd0:daaa:101::602c:bd62 80']);
  });

  it('an unrecognised tor version in v is kept as text, not an error', () => {
    const e = only(entryWith({}, ['v Tor ugabuga']));
    expect(e.versionLine).toBe('Tor ugabuga');
    expect(e.torVersion).toBeUndefined();
  });

  it.each([
    ['Bandwidth=0', 0, undefined, false],
    ['Bandwidth=63138', 63138, undefined, false],
    ['Bandwidth=11111 Measured=482', 11111, 482, false],
    ['Bandwidth=11111 Measured=482 Blarg!', 11111, 482, false],
    ['Bandwidth=11111 Measured=482 Unmeasured=1 Blarg!', 11111, 482, true],
  ])('w %s', (w, bandwidth, measured, unmeasured) => {
    const e = only(entryWith({}, [`w ${w}`]));
    expect([e.bandwidthWeight, e.measuredWeight, e.isUnmeasured]).toEqual([bandwidth, measured, unmeasured]);
  });
});

describe('parseRouterStatusEntries — malformed entries name the field', () => {
  const cases: Array<[string, Partial<typeof R_FIELDS>, RegExp]> = [
    ...['', 'saberrider2008ReallyLongNickname', '$aberrider2008'].map(
      (v): [string, Partial<typeof R_FIELDS>, RegExp] => [`nickname ${JSON.stringify(v)}`, { nickname: v }, /nickname/],
    ),
    ...['', 'zzzzz', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'].map(
      (v): [string, Partial<typeof R_FIELDS>, RegExp] => [`fingerprint ${JSON.stringify(v)}`, { identity: v }, /fingerprint/],
    ),
    ['published "" (a field short)', { published: '' }, /7 fields, expected 8/],
    ...[
      '2012-08-06 11:19:', '2012-08-06 11:19:71', '2012-08-06 11::31', '2012-08-06 11:79:31', '2012-08-06 :19:31',
      '2012-08-06 41:19:31', '2012-08- 11:19:31', '2012-08-86 11:19:31', '2012--06 11:19:31', '2012-38-06 11:19:31',
      '-08-06 11:19:31', '2012-08-06   11:19:31', '2013-02-29 00:00:00',
    ].map((v): [string, Partial<typeof R_FIELDS>, RegExp] => [`published ${JSON.stringify(v)}`, { published: v }, /published/]),
    ...['', '71.35.150.', '71.35..29', '71.35.150', '71.35.150.256', '::1'].map(
      (v): [string, Partial<typeof R_FIELDS>, RegExp] => [`address ${JSON.stringify(v)}`, { address: v }, /address/],
    ),
    ...['', '-1', '399482', 'blarg', '65536'].flatMap((v): Array<[string, Partial<typeof R_FIELDS>, RegExp]> => [
      [`ORPort ${JSON.stringify(v)}`, { orPort: v }, /ORPort/],
      [`DirPort ${JSON.stringify(v)}`, { dirPort: v }, /DirPort/],
      [`both ports ${JSON.stringify(v)}`, { orPort: v, dirPort: v }, /ORPort/],
    ]),
    ['digest', { digest: 'not base64!' }, /digest/],
  ];

  it.each(cases)('%s', (_label, overrides, pattern) => {
    const text = entryWith(overrides);
    expect(() => parseRouterStatusEntries(text, 'ns')).toThrow(ProtocolError);
    expect(() => parseRouterStatusEntries(text, 'ns')).toThrow(pattern);
  });

  it('reports the line number of the bad line', () => {
    const text = [entryWith({}), entryWith({ address: '1.2.3' })].join('\n');
    expect(() => parseRouterStatusEntries(text)).toThrow(/^line 3: r line: malformed IPv4 address "1.2.3"/);
  });

  it('refuses an r line with missing fields', () => {
    expect(() => parseRouterStatusEntries('r caerSidi p1aag7VwarGxqctS7/fS0y5FU+s 71.35.150.29 9001 0')).toThrow(/5 fields/);
  });

  it.each([
    ['a', ''],
    ['a', '[1148:fcd0:daaa:101::602c:bd62]:80000'],
    ['a', '[1148:fcd0:daaa:101::602c:bd62:::1]:80'],
    ['w', ''],
    ['w', 'blarg'],
    ['w', 'Bandwidth'],
    ['w', 'Bandwidth='],
    ['w', 'Bandwidth:0'],
    ['w', 'Bandwidth 0'],
    ['w', 'Bandwidth=-10'],
    ['w', 'Bandwidth=10 Measured='],
    ['w', 'Bandwidth=10 Measured=-50'],
    ['w', 'Bandwidth=10 Measured=482 Unmeasured='],
    ['w', 'Bandwidth=10 Measured=482 Unmeasured=0'],
    ['w', 'Bandwidth=10 Measured=482 Unmeasured=842'],
    ['p', ''],
    ['p', 'blarg'],
    ['p', 'reject -50'],
    ['p', 'accept 80,'],
    ['p', 'accept 0'],
    ['m', ''],
    ['m', '4,a,2'],
    ['m', '1,2,3 stuff'],
    ['id', 'ed25519'],
    ['pr', 'Link=x'],
  ])('%s line %j', (keyword, value) => {
    const text = entryWith({}, [`${keyword} ${value}`]);
    expect(() => parseRouterStatusEntries(text, 'ns')).toThrow(new RegExp(`^line 2 \\(entry "caerSidi"\\): ${keyword} line`));
  });

  it.each(['s Fast', 'w Bandwidth=1', 'p accept 80', 'v Tor 0.4.8.1', 'id ed25519 none'])('duplicate %j line', (line) => {
    const text = entryWith({}, ['s Running', 'w Bandwidth=2', 'p reject 1-65535', 'v Tor 0.4.8.2', 'id ed25519 none', line]);
    expect(() => parseRouterStatusEntries(text)).toThrow(/duplicate/);
  });
});

describe('parseRouterStatusEntriesLenient', () => {
  it('skips bad entries (r line or later line), keeps the rest and says why', () => {
    const text = [
      entryWith({ nickname: 'good1' }, ['s Fast', 'w Bandwidth=10']),
      entryWith({ nickname: 'badaddr', address: '300.1.1.1' }, ['s Fast', 'w Bandwidth=11']),
      entryWith({ nickname: 'badweight' }, ['s Fast', 'w Bandwidth=x']),
      entryWith({ nickname: 'good2' }, ['s Valid']),
      entryWith({ nickname: 'bad$nick' }),
    ].join('\r\n');
    const { entries, errors } = parseRouterStatusEntriesLenient(text);
    expect(entries.map((e) => e.nickname)).toEqual(['good1', 'good2']);
    expect(entries[1]!.flags).toEqual(['Valid']);
    expect(errors.map((e) => [e.lineNumber, e.nickname])).toEqual([
      [4, 'badaddr'],
      [7, 'badweight'],
      [12, undefined],
    ]);
    expect(errors[0]!.message).toMatch(/address/);
    expect(errors[1]!.message).toMatch(/Bandwidth/);
    expect(errors[2]!.message).toMatch(/nickname/);
  });

  it('returns the same entries as the strict parser when nothing is wrong', () => {
    const text = fixtureData('event-newconsensus.txt');
    expect(parseRouterStatusEntriesLenient(text)).toEqual({ entries: parseRouterStatusEntries(text), errors: [] });
  });
});
