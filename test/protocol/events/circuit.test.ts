import { describe, expect, it } from 'vitest';
import { parseCircArgs } from '../../../src/protocol/index.js';
import { expectMalformed, parsedAs } from './event-of.js';

const A0 = { fingerprint: '69338954452B516B5BF88A24E1E81F203881B6F7', nickname: 'a0' };
const R1 = { fingerprint: '6257306CB798C2E3FFDE47520B4820F8E7234B9E', nickname: 'r1' };
const R2 = { fingerprint: 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2', nickname: 'r2' };
const R3 = { fingerprint: 'C5F33457E9CEAFCA9D245C361B01F62967BDCC98', nickname: 'r3' };
const longName = (r: { fingerprint: string; nickname: string }): string => `$${r.fingerprint}~${r.nickname}`;
const ONION = 'cij5kl3po7tygv663kkugkukmubyvgrnu52dlmubg536m5baqqazmvad';
const ms = (iso: string): number => Date.parse(`${iso}Z`);

describe('CIRC (tor 0.4.9.11 captures)', () => {
  it('LAUNCHED without a path', () => {
    expect(
      parsedAs(
        'CIRC',
        '650 CIRC 1 LAUNCHED BUILD_FLAGS=ONEHOP_TUNNEL,IS_INTERNAL,NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T09:46:41.551960',
      ),
    ).toEqual({
      kind: 'CIRC',
      type: 'CIRC',
      id: '1',
      status: 'LAUNCHED',
      path: [],
      buildFlags: ['ONEHOP_TUNNEL', 'IS_INTERNAL', 'NEED_CAPACITY'],
      purpose: 'GENERAL',
      hsState: undefined,
      rendQuery: undefined,
      timeCreated: '2026-11-27T09:46:41.551960',
      createdAtMs: expect.closeTo(ms('2026-11-27T09:46:41.551') + 0.96, 6),
      reason: undefined,
      remoteReason: undefined,
      socksUsername: undefined,
      socksPassword: undefined,
      confluxId: undefined,
      keywords: new Map(),
    });
  });

  it('EXTENDED with a bare $fingerprint hop', () => {
    const ev = parsedAs(
      'CIRC',
      '650 CIRC 1 EXTENDED $69338954452B516B5BF88A24E1E81F203881B6F7 BUILD_FLAGS=ONEHOP_TUNNEL,IS_INTERNAL,NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T09:46:41.551960',
    );
    expect(ev.status).toBe('EXTENDED');
    expect(ev.path).toEqual([{ fingerprint: A0.fingerprint, nickname: undefined }]);
  });

  it('BUILT conflux circuit with CONFLUX_ID', () => {
    const ev = parsedAs(
      'CIRC',
      `650 CIRC 54 BUILT ${longName(A0)},${longName(R2)},${longName(R3)} BUILD_FLAGS=NEED_CAPACITY,NEED_UPTIME PURPOSE=CONFLUX_UNLINKED TIME_CREATED=2026-11-27T09:47:36.602761 CONFLUX_ID=9E8F6895D9F06984A22BF9F9ADC9A340`,
    );
    expect(ev.id).toBe('54');
    expect(ev.status).toBe('BUILT');
    expect(ev.path).toEqual([A0, R2, R3]);
    expect(ev.buildFlags).toEqual(['NEED_CAPACITY', 'NEED_UPTIME']);
    expect(ev.purpose).toBe('CONFLUX_UNLINKED');
    expect(ev.confluxId).toBe('9E8F6895D9F06984A22BF9F9ADC9A340');
    expect(ev.keywords.size).toBe(0);
  });

  it('FAILED and CLOSED with reasons, including CHANNEL_CLOSED and remote reasons', () => {
    const failed = parsedAs(
      'CIRC',
      '650 CIRC 4 FAILED BUILD_FLAGS=NEED_CAPACITY,NEED_UPTIME PURPOSE=CONFLUX_UNLINKED TIME_CREATED=2026-11-27T09:46:52.554392 REASON=NOPATH',
    );
    expect([failed.status, failed.reason, failed.remoteReason, failed.path]).toEqual(['FAILED', 'NOPATH', undefined, []]);
    const closed = parsedAs(
      'CIRC',
      `650 CIRC 3272 CLOSED ${longName(A0)},${longName(R2)},${longName(R3)} BUILD_FLAGS=NEED_CAPACITY,NEED_UPTIME PURPOSE=CONFLUX_LINKED TIME_CREATED=2026-11-27T09:50:02.272576 REASON=DESTROYED REMOTE_REASON=DESTROYED`,
    );
    expect([closed.id, closed.status, closed.purpose, closed.reason, closed.remoteReason]).toEqual(['3272', 'CLOSED', 'CONFLUX_LINKED', 'DESTROYED', 'DESTROYED']);
    const vanguard = parsedAs(
      'CIRC',
      '650 CIRC 3284 FAILED BUILD_FLAGS=IS_INTERNAL,NEED_CAPACITY,NEED_UPTIME PURPOSE=HS_VANGUARDS TIME_CREATED=2026-11-27T09:50:05.274619 REASON=CHANNEL_CLOSED',
    );
    expect([vanguard.purpose, vanguard.reason]).toEqual(['HS_VANGUARDS', 'CHANNEL_CLOSED']);
  });

  it('a 4-hop onion-service circuit with HS_STATE and REND_QUERY', () => {
    const ev = parsedAs(
      'CIRC',
      `650 CIRC 3247 BUILT ${longName(R3)},${longName(R2)},${longName(A0)},${longName(R1)} BUILD_FLAGS=IS_INTERNAL,NEED_UPTIME PURPOSE=HS_SERVICE_INTRO HS_STATE=HSSI_CONNECTING REND_QUERY=${ONION} TIME_CREATED=2026-11-27T09:48:39.929548`,
    );
    expect(ev.path).toEqual([R3, R2, A0, R1]);
    expect([ev.purpose, ev.hsState, ev.rendQuery]).toEqual(['HS_SERVICE_INTRO', 'HSSI_CONNECTING', ONION]);
  });

  it('decodes CString SOCKS credentials to UTF-8', () => {
    const ev = parsedAs(
      'CIRC',
      `650 CIRC 3425 EXTENDED ${longName(R1)} BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T09:50:27.616698 SOCKS_USERNAME="o\\'brien x\\\\y" SOCKS_PASSWORD="pa\\"ss\\303\\251=1"`,
    );
    expect(ev.socksUsername).toBe("o'brien x\\y");
    expect(ev.socksPassword).toBe('pa"ssé=1');
  });
});

describe('CIRC (Stem vectors and forward compatibility)', () => {
  it('accepts the legacy "=" nickname separator (vector 29)', () => {
    const ev = parsedAs(
      'CIRC',
      '650 CIRC 7 EXTENDED $999A226EBED397F331B612FE1E4CFAE5C1F201BA=piyaz BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2012-11-08T16:48:38.417238',
    );
    expect(ev.path).toEqual([{ fingerprint: '999A226EBED397F331B612FE1E4CFAE5C1F201BA', nickname: 'piyaz' }]);
    expect(ev.createdAtMs).toBeCloseTo(Date.UTC(2012, 10, 8, 16, 48, 38) + 417.238, 6);
  });

  it('accepts legacy nickname-only hops (vector 32)', () => {
    const ev = parsedAs('CIRC', '650 CIRC 1 BUILT $E57A476CD4DFBD99B4EE52A100A58610AD6E80B9,hamburgerphone,PrivacyRepublic14');
    expect(ev.path).toEqual([
      { fingerprint: 'E57A476CD4DFBD99B4EE52A100A58610AD6E80B9', nickname: undefined },
      { fingerprint: undefined, nickname: 'hamburgerphone' },
      { fingerprint: undefined, nickname: 'PrivacyRepublic14' },
    ]);
    expect([ev.buildFlags, ev.purpose, ev.timeCreated, ev.createdAtMs]).toEqual([[], undefined, undefined, undefined]);
  });

  it('reads quoted credentials right after the status (vector 33)', () => {
    const ev = parsedAs('CIRC', `650 CIRC 7 LAUNCHED SOCKS_USERNAME="It's a me, Mario!" SOCKS_PASSWORD="your princess is in another castle"`);
    expect(ev.path).toEqual([]);
    expect([ev.socksUsername, ev.socksPassword]).toEqual(["It's a me, Mario!", 'your princess is in another castle']);
  });

  it('keeps unknown statuses, purposes, flags, reasons and keywords raw', () => {
    const ev = parsedAs(
      'CIRC',
      '650 CIRC 9 WOBBLING BUILD_FLAGS=NEED_CAPACITY,SHINY PURPOSE=QUANTUM REASON=COSMIC_RAY HS_POW=v1,50 CONFLUX_RTT=12',
    );
    expect([ev.status, ev.purpose, ev.reason]).toEqual(['WOBBLING', 'QUANTUM', 'COSMIC_RAY']);
    expect(ev.buildFlags).toEqual(['NEED_CAPACITY', 'SHINY']);
    expect([...ev.keywords]).toEqual([
      ['HS_POW', 'v1,50'],
      ['CONFLUX_RTT', '12'],
    ]);
  });

  it('keeps a well-shaped but impossible TIME_CREATED as text without epoch ms', () => {
    const ev = parsedAs('CIRC', '650 CIRC 7 LAUNCHED TIME_CREATED=2012-13-08T16:48:38.417238');
    expect(ev.timeCreated).toBe('2012-13-08T16:48:38.417238');
    expect(ev.createdAtMs).toBeUndefined();
  });

  it('flags a 17-character id and a broken timestamp (vectors 30, 31)', () => {
    expectMalformed(
      '650 CIRC toolong8901234567 LAUNCHED BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2012-11-08T16:48:38.417238',
      'circuit id must be 1-16 letters or digits, got "toolong8901234567"',
    );
    expectMalformed(
      '650 CIRC 7 LAUNCHED BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=20121108T164838417238',
      'TIME_CREATED is not an ISO time: "20121108T164838417238"',
    );
  });

  it('flags broken relay names in the path and a missing status', () => {
    expectMalformed('650 CIRC 7 EXTENDED $999A226EBED397F331B612FE1E4C~short', 'relay fingerprint must be 40 hex digits');
    expectMalformed('650 CIRC 7 EXTENDED $999A226EBED397F331B612FE1E4CFAE5C1F201BA~', 'malformed relay name');
    expectMalformed('650 CIRC 7 EXTENDED $999A226EBED397F331B612FE1E4CFAE5C1F201BA,,nick', 'empty relay name');
    expectMalformed('650 CIRC 7', 'missing circuit status');
    expectMalformed('650 CIRC 7 PURPOSE=GENERAL', 'missing circuit status');
  });

  it('parses circuit-status lines (GETINFO) with the same grammar', () => {
    const ev = parseCircArgs(`54 BUILT ${longName(A0)} PURPOSE=GENERAL CONFLUX_RTT=3`, 0);
    expect([ev.id, ev.status, ev.path, ev.purpose]).toEqual(['54', 'BUILT', [A0], 'GENERAL']);
  });
});

describe('CIRC_MINOR', () => {
  it('PURPOSE_CHANGED on a conflux circuit (capture)', () => {
    expect(
      parsedAs(
        'CIRC_MINOR',
        `650 CIRC_MINOR 53 PURPOSE_CHANGED ${longName(R1)},${longName(A0)},${longName(R3)} BUILD_FLAGS=NEED_CAPACITY,NEED_UPTIME PURPOSE=CONFLUX_LINKED TIME_CREATED=2026-11-27T09:47:36.602531 CONFLUX_ID=9E8F6895D9F06984A22BF9F9ADC9A340 OLD_PURPOSE=CONFLUX_UNLINKED`,
      ),
    ).toEqual({
      kind: 'CIRC_MINOR',
      type: 'CIRC_MINOR',
      id: '53',
      event: 'PURPOSE_CHANGED',
      path: [R1, A0, R3],
      buildFlags: ['NEED_CAPACITY', 'NEED_UPTIME'],
      purpose: 'CONFLUX_LINKED',
      hsState: undefined,
      rendQuery: undefined,
      timeCreated: '2026-11-27T09:47:36.602531',
      createdAtMs: expect.closeTo(ms('2026-11-27T09:47:36.602') + 0.531, 6),
      oldPurpose: 'CONFLUX_UNLINKED',
      oldHsState: undefined,
      confluxId: '9E8F6895D9F06984A22BF9F9ADC9A340',
      keywords: new Map(),
    });
  });

  it('carries OLD_HS_STATE (capture) and Stem vector CIRC_MINOR_EVENT', () => {
    const ev = parsedAs(
      'CIRC_MINOR',
      `650 CIRC_MINOR 3261 PURPOSE_CHANGED ${longName(R3)},${longName(R1)},${longName(A0)} BUILD_FLAGS=IS_INTERNAL,NEED_CAPACITY PURPOSE=HS_CLIENT_REND HS_STATE=HSCR_ESTABLISHED_WAITING REND_QUERY=${ONION} TIME_CREATED=2026-11-27T09:48:52.546600 OLD_PURPOSE=HS_CLIENT_REND OLD_HS_STATE=HSCR_ESTABLISHED_IDLE`,
    );
    expect([ev.hsState, ev.oldPurpose, ev.oldHsState]).toEqual(['HSCR_ESTABLISHED_WAITING', 'HS_CLIENT_REND', 'HSCR_ESTABLISHED_IDLE']);
    const stem = parsedAs(
      'CIRC_MINOR',
      '650 CIRC_MINOR 7 PURPOSE_CHANGED $67B2BDA4264D8A189D9270E28B1D30A262838243~europa1 BUILD_FLAGS=IS_INTERNAL,NEED_CAPACITY PURPOSE=MEASURE_TIMEOUT TIME_CREATED=2012-12-03T16:45:33.409602 OLD_PURPOSE=TESTING',
    );
    expect([stem.path, stem.purpose, stem.oldPurpose]).toEqual([
      [{ fingerprint: '67B2BDA4264D8A189D9270E28B1D30A262838243', nickname: 'europa1' }],
      'MEASURE_TIMEOUT',
      'TESTING',
    ]);
  });

  it('flags the Stem CIRC_MINOR bad vectors', () => {
    expectMalformed(
      '650 CIRC_MINOR 7 PURPOSE_CHANGED $67B2BDA4264D8A189D9270E28B1D30A262838243~europa1 TIME_CREATED=20121203T164533409602 OLD_PURPOSE=TESTING',
      'TIME_CREATED is not an ISO time',
    );
    expectMalformed('650 CIRC_MINOR toolong8901234567 PURPOSE_CHANGED', 'circuit id must be 1-16 letters or digits');
  });
});
