import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/protocol/index.js';
import { eventOf, expectMalformed, parsedAs } from './event-of.js';

const R2 = '$A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2~r2';
const ONION = 'cij5kl3po7tygv663kkugkukmubyvgrnu52dlmubg536m5baqqazmvad';

describe('NS / NEWCONSENSUS', () => {
  it('hands the data block on untouched (captures)', () => {
    const ns = parsedAs(
      'NS',
      '650+NS\nr r1 YlcwbLeYwuP/3kdSC0gg+OcjS54 NtQZ55vQpuw3yiNCi4xOrSqr5WQ 2038-01-01 00:00:00 127.0.0.1 5010 0\ns Exit Fast Guard HSDir Running Stable V2Dir Valid\nw Bandwidth=0\n.\n650 OK\n',
    );
    expect(ns).toEqual({
      kind: 'NS',
      type: 'NS',
      body: 'r r1 YlcwbLeYwuP/3kdSC0gg+OcjS54 NtQZ55vQpuw3yiNCi4xOrSqr5WQ 2038-01-01 00:00:00 127.0.0.1 5010 0\ns Exit Fast Guard HSDir Running Stable V2Dir Valid\nw Bandwidth=0',
    });
    const cons = parsedAs(
      'NEWCONSENSUS',
      '650+NEWCONSENSUS\nr a0 aTOJVEUrUWtb+Iok4egfIDiBtvc Ryl8wS1dUkLdkZgpGLuO2zU2LDE 2038-01-01 00:00:00 127.0.0.1 5000 5001\ns Authority Exit Fast Guard HSDir Running Stable V2Dir Valid\nw Bandwidth=158\np reject 1-65535\n.\n650 OK\n',
    );
    expect(cons.body.split('\n')).toEqual([
      'r a0 aTOJVEUrUWtb+Iok4egfIDiBtvc Ryl8wS1dUkLdkZgpGLuO2zU2LDE 2038-01-01 00:00:00 127.0.0.1 5000 5001',
      's Authority Exit Fast Guard HSDir Running Stable V2Dir Valid',
      'w Bandwidth=158',
      'p reject 1-65535',
    ]);
  });

  it('keeps dot-stuffed lines unstuffed and bytes as bytes', () => {
    const ns = parsedAs('NS', '650+NS\n..leading dot\nr caf\xe9\n.\n650 OK\n');
    expect(ns.body).toBe('.leading dot\nr caf\xe9');
  });

  it('flags NS without a data block', () => {
    expectMalformed('650 NS', 'NS event without a data block');
  });
});

describe('CONF_CHANGED', () => {
  it('keeps order, decodes CStrings and bare keys (capture)', () => {
    expect(parsedAs('CONF_CHANGED', '650-CONF_CHANGED\n650-ContactInfo="caf\\303\\251 \\"q\\" back\\\\slash"\n650-Nickname=weird\n650 OK\n')).toEqual({
      kind: 'CONF_CHANGED',
      type: 'CONF_CHANGED',
      entries: [
        { key: 'ContactInfo', value: 'café "q" back\\slash' },
        { key: 'Nickname', value: 'weird' },
      ],
    });
    expect(parsedAs('CONF_CHANGED', '650-CONF_CHANGED\n650-Log\n650 OK\n').entries).toEqual([{ key: 'Log', value: null }]);
  });

  it('Stem vector 34 and repeated keys', () => {
    expect(parsedAs('CONF_CHANGED', '650-CONF_CHANGED\n650-ExitNodes=caerSidi\n650-ExitPolicy\n650-MaxCircuitDirtiness=20\n650 OK\n').entries).toEqual([
      { key: 'ExitNodes', value: 'caerSidi' },
      { key: 'ExitPolicy', value: null },
      { key: 'MaxCircuitDirtiness', value: '20' },
    ]);
    expect(
      parsedAs('CONF_CHANGED', '650-CONF_CHANGED\n650-ExitPolicy=accept *:80\n650-ExitPolicy=reject *:*\n650-ContactInfo=r1 <nobody AT example dot invalid>\n650 OK\n')
        .entries,
    ).toEqual([
      { key: 'ExitPolicy', value: 'accept *:80' },
      { key: 'ExitPolicy', value: 'reject *:*' },
      { key: 'ContactInfo', value: 'r1 <nobody AT example dot invalid>' },
    ]);
  });

  it('flags an entry without a key and a broken quoted value', () => {
    expectMalformed('650-CONF_CHANGED\n650-=x\n650 OK\n', 'CONF_CHANGED line without a key');
    expectMalformed('650-CONF_CHANGED\n650-Nickname="open\n650 OK\n', 'unterminated quoted string');
  });
});

describe('GUARD', () => {
  it('captures, including the GOOD_L2 status absent from the spec', () => {
    expect(parsedAs('GUARD', '650 GUARD ENTRY $C5F33457E9CEAFCA9D245C361B01F62967BDCC98~r3 NEW')).toEqual({
      kind: 'GUARD',
      type: 'GUARD',
      guardType: 'ENTRY',
      name: '$C5F33457E9CEAFCA9D245C361B01F62967BDCC98~r3',
      fingerprint: 'C5F33457E9CEAFCA9D245C361B01F62967BDCC98',
      nickname: 'r3',
      status: 'NEW',
      keywords: new Map(),
    });
    expect(parsedAs('GUARD', '650 GUARD ENTRY $6257306CB798C2E3FFDE47520B4820F8E7234B9E~r1 GOOD_L2').status).toBe('GOOD_L2');
  });

  it('legacy = LongName (Stem vector 35) and a bare $fingerprint', () => {
    const bad = parsedAs('GUARD', '650 GUARD ENTRY $5D0034A368E0ABAF663D21847E1C9B6CFA09752A=caerSidi BAD');
    expect([bad.fingerprint, bad.nickname, bad.status]).toEqual(['5D0034A368E0ABAF663D21847E1C9B6CFA09752A', 'caerSidi', 'BAD']);
    const fresh = parsedAs('GUARD', '650 GUARD ENTRY $36B5DBA788246E8369DBAF58577C6BC044A9A374 NEW');
    expect([fresh.fingerprint, fresh.nickname]).toEqual(['36B5DBA788246E8369DBAF58577C6BC044A9A374', undefined]);
  });

  it('flags a missing status', () => {
    expectMalformed('650 GUARD ENTRY $36B5DBA788246E8369DBAF58577C6BC044A9A374', 'missing guard status');
  });
});

describe('single-word events', () => {
  it('SIGNAL, NETWORK_LIVENESS (Stem vector 52), DESCCHANGED', () => {
    for (const name of ['RELOAD', 'DUMP', 'DEBUG', 'NEWNYM', 'CLEARDNSCACHE', 'HEARTBEAT']) {
      expect(parsedAs('SIGNAL', `650 SIGNAL ${name}`)).toEqual({ kind: 'SIGNAL', type: 'SIGNAL', signal: name, keywords: new Map() });
    }
    expect(parsedAs('NETWORK_LIVENESS', '650 NETWORK_LIVENESS UP').status).toBe('UP');
    const other = parsedAs('NETWORK_LIVENESS', '650 NETWORK_LIVENESS OTHER_STATUS key=value');
    expect([other.status, [...other.keywords]]).toEqual(['OTHER_STATUS', [['key', 'value']]]);
    expect(parsedAs('DESCCHANGED', '650 DESCCHANGED')).toEqual({ kind: 'DESCCHANGED', type: 'DESCCHANGED', keywords: new Map() });
    expectMalformed('650 SIGNAL', 'missing signal name');
  });

  it('NEWDESC with one and several LongNames (capture, Stem vector 38)', () => {
    expect(parsedAs('NEWDESC', '650 NEWDESC $6257306CB798C2E3FFDE47520B4820F8E7234B9E~r1').relays).toEqual([
      { fingerprint: '6257306CB798C2E3FFDE47520B4820F8E7234B9E', nickname: 'r1' },
    ]);
    expect(
      parsedAs('NEWDESC', '650 NEWDESC $BE938957B2CA5F804B3AFC2C1EE6673170CDBBF8=Moonshine $B4BE08B22D4D2923EDC3970FD1B93D0448C6D8FF~Unnamed').relays,
    ).toEqual([
      { fingerprint: 'BE938957B2CA5F804B3AFC2C1EE6673170CDBBF8', nickname: 'Moonshine' },
      { fingerprint: 'B4BE08B22D4D2923EDC3970FD1B93D0448C6D8FF', nickname: 'Unnamed' },
    ]);
    expectMalformed('650 NEWDESC', 'NEWDESC without a relay');
    expectMalformed('650 NEWDESC $BE93=Moonshine', 'relay fingerprint must be 40 hex digits');
  });
});

describe('BUILDTIMEOUT_SET', () => {
  it('reads integers and decimals (capture)', () => {
    expect(
      parsedAs(
        'BUILDTIMEOUT_SET',
        '650 BUILDTIMEOUT_SET COMPUTED TOTAL_TIMES=100 TIMEOUT_MS=52 XM=45 ALPHA=10.826704 CUTOFF_QUANTILE=0.800000 TIMEOUT_RATE=0.000000 CLOSE_MS=60000 CLOSE_RATE=0.000000',
      ),
    ).toEqual({
      kind: 'BUILDTIMEOUT_SET',
      type: 'BUILDTIMEOUT_SET',
      setType: 'COMPUTED',
      totalTimes: 100,
      timeoutMs: 52,
      xmMs: 45,
      alpha: 10.826704,
      cutoffQuantile: 0.8,
      timeoutRate: 0,
      closeMs: 60000,
      closeRate: 0,
      keywords: new Map(),
    });
  });

  it('Stem vector 54 and the RESET capture', () => {
    const ev = parsedAs(
      'BUILDTIMEOUT_SET',
      '650 BUILDTIMEOUT_SET COMPUTED TOTAL_TIMES=124 TIMEOUT_MS=9019 XM=1375 ALPHA=0.855662 CUTOFF_QUANTILE=0.800000 TIMEOUT_RATE=0.137097 CLOSE_MS=21850 CLOSE_RATE=0.072581',
    );
    expect([ev.totalTimes, ev.timeoutMs, ev.xmMs, ev.alpha, ev.cutoffQuantile, ev.timeoutRate, ev.closeMs, ev.closeRate]).toEqual([
      124, 9019, 1375, 0.855662, 0.8, 0.137097, 21850, 0.072581,
    ]);
    const reset = parsedAs(
      'BUILDTIMEOUT_SET',
      '650 BUILDTIMEOUT_SET RESET TOTAL_TIMES=0 TIMEOUT_MS=359 XM=304 ALPHA=9.615635 CUTOFF_QUANTILE=1.000000 TIMEOUT_RATE=0.000000 CLOSE_MS=60000 CLOSE_RATE=0.000000',
    );
    expect([reset.setType, reset.timeoutMs, reset.cutoffQuantile]).toEqual(['RESET', 359, 1]);
  });

  it('flags non-numeric values (Stem BUILD_TIMEOUT_EVENT_BAD_1/2)', () => {
    expectMalformed('650 BUILDTIMEOUT_SET COMPUTED TOTAL_TIMES=one_twenty_four TIMEOUT_MS=9019', 'TOTAL_TIMES is not a decimal number');
    expectMalformed('650 BUILDTIMEOUT_SET COMPUTED CUTOFF_QUANTILE=zero_point_eight', 'CUTOFF_QUANTILE is not a decimal number');
    expectMalformed('650 BUILDTIMEOUT_SET COMPUTED ALPHA=1.', 'ALPHA is not a decimal number');
  });
});

describe('HS_DESC / HS_DESC_CONTENT', () => {
  it('v3 captures: base64 descriptor ids, UNKNOWN auth/hsdir, HSDIR_INDEX, UPLOADED without id', () => {
    expect(parsedAs('HS_DESC', `650 HS_DESC CREATED ${ONION} UNKNOWN UNKNOWN NEY2IQClMsi839ax5pwfAC7NTX9DkMmsYbphfojf/ZY`)).toEqual({
      kind: 'HS_DESC',
      type: 'HS_DESC',
      action: 'CREATED',
      address: ONION,
      authType: 'UNKNOWN',
      hsDir: 'UNKNOWN',
      hsDirFingerprint: undefined,
      hsDirNickname: undefined,
      descriptorId: 'NEY2IQClMsi839ax5pwfAC7NTX9DkMmsYbphfojf/ZY',
      reason: undefined,
      replica: undefined,
      hsDirIndex: undefined,
      keywords: new Map(),
    });
    const upload = parsedAs(
      'HS_DESC',
      `650 HS_DESC UPLOAD ${ONION} UNKNOWN ${R2} NEY2IQClMsi839ax5pwfAC7NTX9DkMmsYbphfojf/ZY HSDIR_INDEX=6E85350E3409A1807C49487DABCD9301433EA0B8A4ECE6AD929BA87AB5294C82`,
    );
    expect([upload.hsDir, upload.hsDirFingerprint, upload.hsDirNickname, upload.hsDirIndex]).toEqual([
      R2,
      'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2',
      'r2',
      '6E85350E3409A1807C49487DABCD9301433EA0B8A4ECE6AD929BA87AB5294C82',
    ]);
    const uploaded = parsedAs('HS_DESC', `650 HS_DESC UPLOADED ${ONION} UNKNOWN ${R2}`);
    expect([uploaded.action, uploaded.descriptorId]).toEqual(['UPLOADED', undefined]);
    const requested = parsedAs('HS_DESC', `650 HS_DESC REQUESTED ${ONION} NO_AUTH ${R2} n7+ju/eQ46c0JfGU5SWqxXPddL9/eFoWINQjwps9oeA HSDIR_INDEX=56D5`);
    expect([requested.authType, requested.descriptorId]).toEqual(['NO_AUTH', 'n7+ju/eQ46c0JfGU5SWqxXPddL9/eFoWINQjwps9oeA']);
  });

  it('Stem vectors: UNKNOWN hsdir without id (36), FAILED with REASON', () => {
    const ev = parsedAs('HS_DESC', '650 HS_DESC REQUESTED ajhb7kljbiru65qo NO_AUTH UNKNOWN');
    expect([ev.address, ev.hsDir, ev.hsDirFingerprint, ev.descriptorId]).toEqual(['ajhb7kljbiru65qo', 'UNKNOWN', undefined, undefined]);
    const failed = parsedAs(
      'HS_DESC',
      '650 HS_DESC FAILED ajhb7kljbiru65qo NO_AUTH $67B2BDA4264D8A189D9270E28B1D30A262838243 b3oeducbhjmbqmgw2i3jtz4fekkrinwj REASON=NOT_FOUND REPLICA=1',
    );
    expect([failed.hsDirFingerprint, failed.descriptorId, failed.reason, failed.replica]).toEqual([
      '67B2BDA4264D8A189D9270E28B1D30A262838243',
      'b3oeducbhjmbqmgw2i3jtz4fekkrinwj',
      'NOT_FOUND',
      1,
    ]);
  });

  it('HS_DESC_CONTENT with a descriptor and with the empty block (Stem vector 37)', () => {
    const ev = parsedAs(
      'HS_DESC_CONTENT',
      `650+HS_DESC_CONTENT ${ONION} n7+ju/eQ46c0JfGU5SWqxXPddL9/eFoWINQjwps9oeA ${R2}\nhs-descriptor 3\ndescriptor-lifetime 180\n.\n650 OK\n`,
    );
    expect(ev).toEqual({
      kind: 'HS_DESC_CONTENT',
      type: 'HS_DESC_CONTENT',
      address: ONION,
      descriptorId: 'n7+ju/eQ46c0JfGU5SWqxXPddL9/eFoWINQjwps9oeA',
      hsDir: R2,
      hsDirFingerprint: 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2',
      hsDirNickname: 'r2',
      body: 'hs-descriptor 3\ndescriptor-lifetime 180',
    });
    const empty = parsedAs(
      'HS_DESC_CONTENT',
      '650+HS_DESC_CONTENT 3g2upl4pq6kufc4n 255tjwttk3wi7r2df57nuprs72j2daa3 $D7A0C3262724F2BC9646F6836E967A2777A3AF83~tsunaminitor\n\n.\n650 OK\n',
    );
    expect([empty.address, empty.hsDirNickname, empty.body]).toEqual(['3g2upl4pq6kufc4n', 'tsunaminitor', '']);
  });

  it('flags missing fields', () => {
    expectMalformed('650 HS_DESC REQUESTED ajhb7kljbiru65qo NO_AUTH', 'missing HSDir');
    expectMalformed('650 HS_DESC_CONTENT a b c', 'HS_DESC_CONTENT event without a data block');
  });
});

describe('ADDRMAP', () => {
  it('quoted local expiry, EXPIRES in UTC (Stem vector 25)', () => {
    expect(parsedAs('ADDRMAP', '650 ADDRMAP www.atagar.com 75.119.206.243 "2012-11-19 00:50:13" EXPIRES="2012-11-19 08:50:13"')).toEqual({
      kind: 'ADDRMAP',
      type: 'ADDRMAP',
      hostname: 'www.atagar.com',
      destination: '75.119.206.243',
      expiry: '2012-11-19 00:50:13',
      error: undefined,
      expires: '2012-11-19 08:50:13',
      expiresAtMs: Date.UTC(2012, 10, 19, 8, 50, 13),
      cached: undefined,
      streamId: undefined,
      keywords: new Map(),
    });
  });

  it('<error> destination, CACHED and the unquoted STREAMID tor really sends (capture, vector 26)', () => {
    const ev = parsedAs(
      'ADDRMAP',
      '650 ADDRMAP torproject.org <error> "2026-11-27 09:45:38" error=yes EXPIRES="2026-11-27 09:45:38" CACHED="NO" STREAMID=23',
    );
    expect([ev.destination, ev.error, ev.cached, ev.streamId]).toEqual([undefined, 'yes', 'NO', '23']);
    const stem = parsedAs('ADDRMAP', '650 ADDRMAP www.atagar.com <error> "2012-11-19 00:50:13" error=yes EXPIRES="2012-11-19 08:50:13"');
    expect([stem.destination, stem.error]).toEqual([undefined, 'yes']);
  });

  it('NEVER expiry, and an unknown CACHED value kept raw (vector 28)', () => {
    const never = parsedAs('ADDRMAP', '650 ADDRMAP www.atagar.com 75.119.206.243 NEVER');
    expect([never.expiry, never.expires]).toEqual([undefined, undefined]);
    expect(parsedAs('ADDRMAP', '650 ADDRMAP example.com 192.0.43.10 "2013-04-03 22:29:11" CACHED="KINDA"').cached).toBe('KINDA');
  });

  it('flags unbalanced quotes (vector 27, both forms)', () => {
    expectMalformed('650 ADDRMAP www.atagar.com 75.119.206.243 2012-11-19 00:50:13" EXPIRES="2012-11-19 08:50:13"', 'expiry is not an ISO time: "2012-11-19"');
    expectMalformed('650 ADDRMAP www.atagar.com 75.119.206.243 NEVER 00:50:13" EXPIRES="2012-11-19 08:50:13"', 'stray quote in argument');
    expectMalformed('650 ADDRMAP www.atagar.com 75.119.206.243 "2012-11-19 00:50:13 EXPIRES="2012-11-19 08:50:13"', 'unexpected text after quoted string');
    expectMalformed('650 ADDRMAP www.atagar.com 75.119.206.243 "2012-11-19 00:50:13', 'unterminated quoted string');
  });
});

describe('CLIENTS_SEEN and TRANSPORT_LAUNCHED', () => {
  it('CLIENTS_SEEN (spec example, Stem vectors)', () => {
    expect(parsedAs('CLIENTS_SEEN', '650 CLIENTS_SEEN TimeStarted="2008-12-25 23:50:43" CountrySummary=us=16,de=8,uk=8 IPVersions=v4=16,v6=40')).toEqual({
      kind: 'CLIENTS_SEEN',
      type: 'CLIENTS_SEEN',
      timeStarted: '2008-12-25 23:50:43',
      startedAtMs: Date.UTC(2008, 11, 25, 23, 50, 43),
      countrySummary: new Map([
        ['us', 16],
        ['de', 8],
        ['uk', 8],
      ]),
      ipVersions: new Map([
        ['v4', 16],
        ['v6', 40],
      ]),
      keywords: new Map(),
    });
    const empty = parsedAs('CLIENTS_SEEN', '650 CLIENTS_SEEN TimeStarted="1970-01-01 00:00:00" CountrySummary= IPVersions=v4=0,v6=0');
    expect([empty.startedAtMs, empty.countrySummary.size, empty.ipVersions.get('v6')]).toEqual([0, 0, 0]);
    expect(parsedAs('CLIENTS_SEEN', '650 CLIENTS_SEEN CountrySummary=??=8').countrySummary.get('??')).toBe(8);
  });

  it('flags the Stem CLIENTS_SEEN bad vectors', () => {
    const base = '650 CLIENTS_SEEN TimeStarted="2008-12-25 23:50:43"';
    expectMalformed(`${base} CountrySummary=us:16,de:8,uk:8 IPVersions=v4=16,v6=40`, 'malformed CountrySummary entry: "us:16"');
    expectMalformed(`${base} CountrySummary=us=16,de=8,uk=eight IPVersions=v4=16,v6=40`, 'CountrySummary uk is not a non-negative integer');
    expectMalformed(`${base} CountrySummary=au=16,au=8,au=8 IPVersions=v4=16,v6=40`, 'malformed CountrySummary entry: "au=8"');
    expectMalformed(`${base} CountrySummary=us=16 IPVersions=v4:16,v6:40`, 'malformed IPVersions entry');
    expectMalformed(`${base} CountrySummary=us=16 IPVersions=v4=sixteen,v6=40`, 'IPVersions v4 is not a non-negative integer');
  });

  it('TRANSPORT_LAUNCHED (Stem vector 50): unknown type and odd address kept, bad port flagged', () => {
    expect(parsedAs('TRANSPORT_LAUNCHED', '650 TRANSPORT_LAUNCHED server obfs1 127.0.0.1 1111')).toEqual({
      kind: 'TRANSPORT_LAUNCHED',
      type: 'TRANSPORT_LAUNCHED',
      transportType: 'server',
      name: 'obfs1',
      address: '127.0.0.1',
      port: 1111,
      keywords: new Map(),
    });
    expect(parsedAs('TRANSPORT_LAUNCHED', '650 TRANSPORT_LAUNCHED unicorn obfs1 127.0.0.1 1111').transportType).toBe('unicorn');
    expect(parsedAs('TRANSPORT_LAUNCHED', '650 TRANSPORT_LAUNCHED server obfs1 127.0.x.y 1111').address).toBe('127.0.x.y');
    expectMalformed('650 TRANSPORT_LAUNCHED server obfs1 127.0.0.1 my_port', 'transport port is not a non-negative integer: "my_port"');
  });
});

describe('unknown and degenerate events', () => {
  it('splits an unknown event generically (Stem vector 23)', () => {
    expect(parsedAs('unknown', '650 NONE SOLID "NON SENSE" condition=MEH quoted="1 2 3"')).toEqual({
      kind: 'unknown',
      type: 'NONE',
      positional: ['SOLID', 'NON SENSE'],
      keywords: new Map([
        ['condition', 'MEH'],
        ['quoted', '1 2 3'],
      ]),
      raw: 'NONE SOLID "NON SENSE" condition=MEH quoted="1 2 3"',
    });
  });

  it('keeps every line of an unknown multi-line event in raw', () => {
    const ev = parsedAs('unknown', '650+AUTHDIR_NEWDESCS\nDROPPED\nNot replacing router descriptor\n.\n650 OK\n');
    expect(ev.raw).toBe('AUTHDIR_NEWDESCS\nDROPPED\nNot replacing router descriptor\nOK');
  });

  it('malformed events keep the raw text and the type', () => {
    const ev = eventOf('650 CIRC_BW ID=1 READ=x WRITTEN=2');
    expect(ev).toEqual({ kind: 'malformed', type: 'CIRC_BW', error: 'READ is not a non-negative integer: "x"', raw: 'CIRC_BW ID=1 READ=x WRITTEN=2' });
  });

  it('never throws on replies without lines, empty text or odd codes', () => {
    expect(parseEvent({ code: 650, lines: [] })).toEqual({ kind: 'malformed', type: '', error: 'event without lines', raw: '' });
    expect(parseEvent({ code: 650, lines: [{ code: 650, separator: ' ', text: '' }] }).kind).toBe('unknown');
    expect(parseEvent({ code: 250, lines: [{ code: 250, separator: ' ', text: 'BW 1 2' }] }).kind).toBe('BW');
    expect(parseEvent({ code: 650, lines: [{ code: 650, separator: ' ', text: ' BW 1 2' }] }).kind).toBe('unknown');
  });
});
