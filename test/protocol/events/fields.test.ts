import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../src/protocol/errors.js';
import { ArgCursor, KeyTable } from '../../../src/protocol/events/cursor.js';
import { NO_KEYWORDS, parseIsoTimeMs, parseRelayRef, splitComma } from '../../../src/protocol/events/fields.js';

describe('parseIsoTimeMs', () => {
  it('reads ISOTime2Frac and ISOTime as UTC, agreeing with Date.UTC', () => {
    expect(parseIsoTimeMs('2026-11-27T09:47:36', 't')).toBe(Date.UTC(2026, 10, 27, 9, 47, 36));
    expect(parseIsoTimeMs('2008-12-25 23:50:43', 't')).toBe(Date.UTC(2008, 11, 25, 23, 50, 43));
    expect(parseIsoTimeMs('1970-01-01T00:00:00', 't')).toBe(0);
    expect(parseIsoTimeMs('1969-12-31T23:59:59', 't')).toBe(-1000);
    expect(parseIsoTimeMs('2000-02-29T12:00:00.5', 't')).toBe(Date.UTC(2000, 1, 29, 12) + 500);
    expect(parseIsoTimeMs('2038-01-19T03:14:08.000001', 't')).toBeCloseTo(Date.UTC(2038, 0, 19, 3, 14, 8) + 0.001, 6);
    for (let year = 1996; year <= 2104; year += 4) {
      expect(parseIsoTimeMs(`${year}-03-01T00:00:00`, 't')).toBe(Date.UTC(year, 2, 1));
    }
  });

  it('reads in place from a range of a longer line', () => {
    const line = 'X TIME=2012-12-06T13:51:11.433755 Y';
    expect(parseIsoTimeMs(line, 'TIME', 7, 33)).toBeCloseTo(Date.UTC(2012, 11, 6, 13, 51, 11) + 433.755, 6);
  });

  it('returns undefined for well-shaped impossible dates', () => {
    for (const t of ['2012-13-08T16:48:38', '2012-00-08T16:48:38', '2012-02-30T00:00:00', '1900-02-29T00:00:00', '2012-01-01T24:00:00', '2012-01-01T23:60:00']) {
      expect(parseIsoTimeMs(t, 't')).toBeUndefined();
    }
    expect(parseIsoTimeMs('2016-12-31T23:59:60', 't')).toBe(Date.UTC(2017, 0, 1));
  });

  it('throws ProtocolError naming the field for broken shapes', () => {
    for (const t of ['boom', '20121108T164838417238', '2012-11-08T16:48', '2012-11-08T16:48:38.', '2012-11-08T16:48:38Z', '2012-11-08X16:48:38', '2012-11-08T16:48:3x', '+012-11-08T16:48:38']) {
      expect(() => parseIsoTimeMs(t, 'TIME')).toThrow(ProtocolError);
    }
    expect(() => parseIsoTimeMs('boom', 'TIME')).toThrow('TIME is not an ISO time: "boom"');
  });
});

describe('parseRelayRef', () => {
  it('accepts every LongName form', () => {
    const fp = '999A226EBED397F331B612FE1E4CFAE5C1F201BA';
    expect(parseRelayRef(`$${fp}~piyaz`)).toEqual({ fingerprint: fp, nickname: 'piyaz' });
    expect(parseRelayRef(`$${fp}=piyaz`)).toEqual({ fingerprint: fp, nickname: 'piyaz' });
    expect(parseRelayRef(`$${fp}`)).toEqual({ fingerprint: fp, nickname: undefined });
    expect(parseRelayRef(fp)).toEqual({ fingerprint: fp, nickname: undefined });
    expect(parseRelayRef(`$${fp.toLowerCase()}`)).toEqual({ fingerprint: fp.toLowerCase(), nickname: undefined });
    expect(parseRelayRef('caerSidi')).toEqual({ fingerprint: undefined, nickname: 'caerSidi' });
  });

  it('stays correct when memoised names share a slot, and never memoises a rejected name', () => {
    const fp = 'C5F33457E9CEAFCA9D245C361B01F62967BDCC98';
    for (let round = 0; round < 3; round++) {
      expect(parseRelayRef(`$${fp}~r3`)).toEqual({ fingerprint: fp, nickname: 'r3' });
      expect(parseRelayRef(`$${fp}~r4`)).toEqual({ fingerprint: fp, nickname: 'r4' });
      expect(parseRelayRef(fp)).toEqual({ fingerprint: fp, nickname: undefined });
      expect(() => parseRelayRef(`$${fp.slice(0, 39)}X~r3`)).toThrow('relay fingerprint must be 40 hex digits');
    }
    const line = `x $${fp}~r3,$${fp}~r4 y`;
    expect(parseRelayRef(line, 2, 2 + 44)).toBe(parseRelayRef(`$${fp}~r3`));
    expect(Object.isFrozen(parseRelayRef(`$${fp}~r3`))).toBe(true);
  });

  it('rejects broken fingerprints and empty parts', () => {
    expect(() => parseRelayRef('$999A226EBED397F331B612FE1E4CFAE5C1F201B')).toThrow('relay fingerprint must be 40 hex digits');
    expect(() => parseRelayRef('$999A226EBED397F331B612FE1E4CFAE5C1F201BG')).toThrow('relay fingerprint must be 40 hex digits');
    expect(() => parseRelayRef('$999A226EBED397F331B612FE1E4CFAE5C1F201BA!nick')).toThrow('malformed relay name');
    expect(() => parseRelayRef('')).toThrow('empty relay name');
  });
});

describe('shared immutable values', () => {
  it('splitComma returns frozen lists, shared for repeated values', () => {
    const a = splitComma('NEED_CAPACITY,NEED_UPTIME');
    expect(a).toEqual(['NEED_CAPACITY', 'NEED_UPTIME']);
    expect(Object.isFrozen(a)).toBe(true);
    expect(splitComma(`NEED_CAPACITY,${'NEED_UPTIME'}`)).toBe(a);
    expect(splitComma('')).toEqual([]);
  });

  it('NO_KEYWORDS refuses mutation', () => {
    const map = NO_KEYWORDS as Map<string, string>;
    expect(() => map.set('a', 'b')).toThrow(TypeError);
    expect(() => map.delete('a')).toThrow(TypeError);
    expect(() => map.clear()).toThrow(TypeError);
    expect(NO_KEYWORDS.size).toBe(0);
  });
});

describe('ArgCursor', () => {
  it('splits positional arguments from KEY=VALUE pairs, values may hold "=" and quoted spaces', () => {
    const c = new ArgCursor('CLIENTS_SEEN a "b c" IPVersions=v4=16,v6=40 Q="x y" E=', 13);
    expect(c.atPositional()).toBe(true);
    expect(c.need('first')).toBe('a');
    expect(c.need('second')).toBe('b c');
    expect(c.atPositional()).toBe(false);
    const seen: [string, string][] = [];
    while (c.nextKeyword()) seen.push([c.key, c.value()]);
    expect(seen).toEqual([
      ['IPVersions', 'v4=16,v6=40'],
      ['Q', 'x y'],
      ['E', ''],
    ]);
  });

  it('skips positional tokens among keywords, including legacy $FP=nick', () => {
    const c = new ArgCursor('A=1 stray $999A226EBED397F331B612FE1E4CFAE5C1F201BA=x "q q" B=2', 0);
    const keys: string[] = [];
    while (c.nextKeyword()) keys.push(`${c.key}=${c.value()}`);
    expect(keys).toEqual(['A=1', 'B=2']);
  });

  it('resolves known keys to table ids and unknown ones to -1', () => {
    const K = { READ: 0, WRITTEN: 1, RTT: 2 } as const;
    const table = new KeyTable(K);
    const c = new ArgCursor('READ=1 WRITTEN=2 RTX=3 RTT=4 READX=5', 0);
    const ids: [string, number][] = [];
    while (c.nextKeyword(table)) ids.push([c.key, c.keyId]);
    expect(ids).toEqual([
      ['READ', K.READ],
      ['WRITTEN', K.WRITTEN],
      ['RTX', -1],
      ['RTT', K.RTT],
      ['READX', -1],
    ]);
  });

  it('throws ProtocolError on stray and unterminated quotes', () => {
    const stray = new ArgCursor('A=b"c', 0);
    expect(() => stray.nextKeyword()).toThrow('stray quote in value of A');
    const open = new ArgCursor('A="bc', 0);
    expect(() => open.nextKeyword()).toThrow('unterminated quoted string');
    const glued = new ArgCursor('"a"b', 0);
    expect(() => glued.need('x')).toThrow('unexpected text after quoted string');
  });
});
