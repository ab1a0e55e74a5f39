import { describe, expect, it } from 'vitest';
import { parseOrConnArgs, parseStreamArgs } from '../../../src/protocol/index.js';
import { expectMalformed, parsedAs } from './event-of.js';

const ISO = 'CLIENT_PROTOCOL=SOCKS5 NYM_EPOCH=0 SESSION_GROUP=-4 ISO_FIELDS=SOCKS_USERNAME,SOCKS_PASSWORD,CLIENTADDR,SESSION_GROUP,NYM_EPOCH';
const ISO_FIELDS = ['SOCKS_USERNAME', 'SOCKS_PASSWORD', 'CLIENTADDR', 'SESSION_GROUP', 'NYM_EPOCH'];
const EXIT_TARGET = '127.0.0.1.C5F33457E9CEAFCA9D245C361B01F62967BDCC98.exit:5080';

describe('STREAM (tor 0.4.9.11 captures)', () => {
  it('NEW with source address and isolation fields', () => {
    expect(parsedAs('STREAM', `650 STREAM 70 NEW 0 127.0.0.1:5080 SOURCE_ADDR=127.0.0.1:49072 PURPOSE=USER ${ISO}`)).toEqual({
      kind: 'STREAM',
      type: 'STREAM',
      id: '70',
      status: 'NEW',
      circuitId: undefined,
      target: '127.0.0.1:5080',
      targetHost: '127.0.0.1',
      targetPort: 5080,
      targetExit: undefined,
      reason: undefined,
      remoteReason: undefined,
      source: undefined,
      sourceAddr: '127.0.0.1:49072',
      sourceHost: '127.0.0.1',
      sourcePort: 49072,
      purpose: 'USER',
      socksUsername: undefined,
      socksPassword: undefined,
      clientProtocol: 'SOCKS5',
      nymEpoch: 0,
      sessionGroup: -4,
      isoFields: ISO_FIELDS,
      keywords: new Map(),
    });
  });

  it('takes .exit targets apart (fingerprint with and without $)', () => {
    const remap = parsedAs('STREAM', `650 STREAM 70 REMAP 53 ${EXIT_TARGET} SOURCE=EXIT ${ISO}`);
    expect([remap.status, remap.circuitId, remap.source]).toEqual(['REMAP', '53', 'EXIT']);
    expect([remap.target, remap.targetHost, remap.targetPort]).toEqual([EXIT_TARGET, EXIT_TARGET.slice(0, -5), 5080]);
    expect(remap.targetExit).toEqual({ host: '127.0.0.1', relay: { fingerprint: 'C5F33457E9CEAFCA9D245C361B01F62967BDCC98', nickname: undefined } });
    const dir = parsedAs(
      'STREAM',
      '650 STREAM 5 NEW 0 127.0.0.1.$69338954452B516B5BF88A24E1E81F203881B6F7.exit:5000 PURPOSE=DIR_FETCH CLIENT_PROTOCOL=UNKNOWN NYM_EPOCH=0 SESSION_GROUP=-2 ISO_FIELDS=SESSION_GROUP',
    );
    expect(dir.targetExit).toEqual({ host: '127.0.0.1', relay: { fingerprint: '69338954452B516B5BF88A24E1E81F203881B6F7', nickname: undefined } });
    expect([dir.purpose, dir.clientProtocol, dir.sessionGroup, dir.isoFields]).toEqual(['DIR_FETCH', 'UNKNOWN', -2, ['SESSION_GROUP']]);
    const byNick = parsedAs('STREAM', '650 STREAM 6 NEW 0 www.example.com.r3.exit:443');
    expect(byNick.targetExit).toEqual({ host: 'www.example.com', relay: { fingerprint: undefined, nickname: 'r3' } });
  });

  it('CLOSED/DETACHED/FAILED with reasons, CANT_ATTACH included', () => {
    const closed = parsedAs('STREAM', `650 STREAM 70 CLOSED 53 ${EXIT_TARGET} REASON=END REMOTE_REASON=DONE ${ISO}`);
    expect([closed.status, closed.reason, closed.remoteReason]).toEqual(['CLOSED', 'END', 'DONE']);
    const failed = parsedAs('STREAM', `650 STREAM 73 FAILED 0 localhost:5080 REASON=CANT_ATTACH ${ISO}`);
    expect([failed.status, failed.circuitId, failed.targetHost, failed.reason]).toEqual(['FAILED', undefined, 'localhost', 'CANT_ATTACH']);
    const detached = parsedAs('STREAM', `650 STREAM 75 DETACHED 53 127.0.0.1:5999 REASON=END REMOTE_REASON=MISC ${ISO}`);
    expect([detached.status, detached.remoteReason, detached.targetPort]).toEqual(['DETACHED', 'MISC', 5999]);
  });

  it('onion targets and CString SOCKS credentials', () => {
    const onion = parsedAs(
      'STREAM',
      '650 STREAM 123 NEW 0 cij5kl3po7tygv663kkugkukmubyvgrnu52dlmubg536m5baqqazmvad.onion:80 SOURCE_ADDR=127.0.0.1:53120 PURPOSE=USER CLIENT_PROTOCOL=SOCKS5 NYM_EPOCH=1',
    );
    expect([onion.targetHost, onion.targetPort, onion.nymEpoch]).toEqual(['cij5kl3po7tygv663kkugkukmubyvgrnu52dlmubg536m5baqqazmvad.onion', 80, 1]);
    const creds = parsedAs(
      'STREAM',
      `650 STREAM 181 NEW 0 127.0.0.1:5080 SOURCE_ADDR=127.0.0.1:48802 PURPOSE=USER SOCKS_USERNAME="o\\'brien x\\\\y" SOCKS_PASSWORD="pa\\"ss\\303\\251=1" CLIENT_PROTOCOL=SOCKS5 NYM_EPOCH=1 SESSION_GROUP=-6 ISO_FIELDS=SOCKS_USERNAME,SOCKS_PASSWORD,CLIENTADDR,SESSION_GROUP,NYM_EPOCH`,
    );
    expect([creds.socksUsername, creds.socksPassword, creds.sessionGroup]).toEqual(["o'brien x\\y", 'pa"ssé=1', -6]);
  });
});

describe('STREAM (Stem vectors)', () => {
  it('(Tor_internal) source and a .exit target (vector 43)', () => {
    const ev = parsedAs(
      'STREAM',
      '650 STREAM 14 NEW 0 176.28.51.238.$649F2D0ACF418F7CFC6539AB2257EB2D5297BAFA.exit:443 SOURCE_ADDR=(Tor_internal):0 PURPOSE=DIR_FETCH',
    );
    expect([ev.targetHost, ev.targetPort]).toEqual(['176.28.51.238.$649F2D0ACF418F7CFC6539AB2257EB2D5297BAFA.exit', 443]);
    expect(ev.targetExit).toEqual({ host: '176.28.51.238', relay: { fingerprint: '649F2D0ACF418F7CFC6539AB2257EB2D5297BAFA', nickname: undefined } });
    expect([ev.sourceAddr, ev.sourceHost, ev.sourcePort]).toEqual(['(Tor_internal):0', '(Tor_internal)', 0]);
  });

  it('port 0 (vector 44) and an unbracketed IPv6 target split on the last colon (vector 45)', () => {
    const dns = parsedAs('STREAM', '650 STREAM 1113 NEW 0 www.google.com:0 SOURCE_ADDR=127.0.0.1:15297 PURPOSE=DNS_REQUEST');
    expect([dns.targetHost, dns.targetPort, dns.purpose]).toEqual(['www.google.com', 0, 'DNS_REQUEST']);
    const v6 = parsedAs('STREAM', '650 STREAM 23 NEWRESOLVE 0 2001:db8::1:0 PURPOSE=DNS_REQUEST');
    expect([v6.status, v6.target, v6.targetHost, v6.targetPort]).toEqual(['NEWRESOLVE', '2001:db8::1:0', '2001:db8::1', 0]);
    const bracketed = parsedAs('STREAM', '650 STREAM 24 NEW 0 [2001:db8::1]:443');
    expect([bracketed.targetHost, bracketed.targetPort]).toEqual(['2001:db8::1', 443]);
  });

  it('Stem STREAM_* lifecycle vectors', () => {
    const sent = parsedAs('STREAM', '650 STREAM 18 SENTCONNECT 26 encrypted.google.com:443');
    expect([sent.circuitId, sent.targetHost, sent.targetPort, sent.purpose, sent.sourceAddr]).toEqual(['26', 'encrypted.google.com', 443, undefined, undefined]);
    const reset = parsedAs('STREAM', '650 STREAM 21 CLOSED 26 74.125.227.129:443 REASON=CONNRESET');
    expect(reset.reason).toBe('CONNRESET');
  });

  it('flags missing and non-numeric ports (vector 46) and bad SOURCE_ADDR', () => {
    expectMalformed('650 STREAM 18 SENTCONNECT 26 encrypted.google.com:https', 'target port is not a non-negative integer: "https"');
    expectMalformed('650 STREAM 18 SENTCONNECT 26', 'missing target');
    expectMalformed('650 STREAM 18 SENTCONNECT 26 encrypted.google.com', 'target lacks a port: "encrypted.google.com"');
    expectMalformed('650 STREAM 18 SENTCONNECT 26 example.com:65536', 'target port out of range');
    expectMalformed('650 STREAM 1113 NEW 0 www.google.com:0 SOURCE_ADDR=127.0.0.1 PURPOSE=DNS_REQUEST', 'SOURCE_ADDR lacks a port');
    expectMalformed('650 STREAM 1113 NEW 0 www.google.com:0 SOURCE_ADDR=127.0.0.1:dns PURPOSE=DNS_REQUEST', 'SOURCE_ADDR port is not a non-negative integer');
    expectMalformed('650 STREAM 1113 NEW toolong8901234567 www.google.com:0', 'circuit id must be 1-16 letters or digits');
    expectMalformed('650 STREAM 1113 NEW 0 www.google.com:0 NYM_EPOCH=-1', 'NYM_EPOCH is not a non-negative integer');
  });

  it('keeps unknown statuses, reasons and keywords raw', () => {
    const ev = parsedAs('STREAM', '650 STREAM 9 TELEPORTED 3 example.com:80 REASON=SOLAR_FLARE PURPOSE=FUTURE NEW_KEY="a b"');
    expect([ev.status, ev.reason, ev.purpose]).toEqual(['TELEPORTED', 'SOLAR_FLARE', 'FUTURE']);
    expect([...ev.keywords]).toEqual([['NEW_KEY', 'a b']]);
  });

  it('parses stream-status lines (GETINFO) with the same grammar', () => {
    const ev = parseStreamArgs('70 SUCCEEDED 53 example.com:443', 0);
    expect([ev.id, ev.status, ev.circuitId, ev.targetHost]).toEqual(['70', 'SUCCEEDED', '53', 'example.com']);
  });
});

describe('ORCONN', () => {
  it('an inbound connection: first by address, then by identity, same ID (captures)', () => {
    expect(parsedAs('ORCONN', '650 ORCONN 127.0.0.1:34632 NEW ID=24')).toEqual({
      kind: 'ORCONN',
      type: 'ORCONN',
      target: '127.0.0.1:34632',
      fingerprint: undefined,
      nickname: undefined,
      address: '127.0.0.1',
      port: 34632,
      status: 'NEW',
      reason: undefined,
      ncircs: undefined,
      id: '24',
      keywords: new Map(),
    });
    const connected = parsedAs('ORCONN', '650 ORCONN $6257306CB798C2E3FFDE47520B4820F8E7234B9E~r1 CONNECTED ID=24');
    expect([connected.fingerprint, connected.nickname, connected.address, connected.status, connected.id]).toEqual([
      '6257306CB798C2E3FFDE47520B4820F8E7234B9E',
      'r1',
      undefined,
      'CONNECTED',
      '24',
    ]);
    const closed = parsedAs('ORCONN', '650 ORCONN $6257306CB798C2E3FFDE47520B4820F8E7234B9E~r1 CLOSED REASON=TLS_ERROR ID=24');
    expect([closed.status, closed.reason]).toEqual(['CLOSED', 'TLS_ERROR']);
  });

  it('FAILED with NCIRCS (capture)', () => {
    const ev = parsedAs('ORCONN', '650 ORCONN $C5F33457E9CEAFCA9D245C361B01F62967BDCC98~r3 FAILED REASON=CONNECTREFUSED NCIRCS=1 ID=174');
    expect([ev.status, ev.reason, ev.ncircs, ev.id]).toEqual(['FAILED', 'CONNECTREFUSED', 1, '174']);
  });

  it('Stem vectors: address target (39), legacy = separator', () => {
    const ev = parsedAs('ORCONN', '650 ORCONN 127.0.0.1:9000 CONNECTED NCIRCS=20 ID=18');
    expect([ev.address, ev.port, ev.ncircs, ev.id, ev.fingerprint]).toEqual(['127.0.0.1', 9000, 20, '18', undefined]);
    const legacy = parsedAs('ORCONN', '650 ORCONN $7ED90E2833EE38A75795BA9237B0A4560E51E1A0=GreenDragon LAUNCHED');
    expect([legacy.fingerprint, legacy.nickname, legacy.id]).toEqual(['7ED90E2833EE38A75795BA9237B0A4560E51E1A0', 'GreenDragon', undefined]);
  });

  it('flags a short fingerprint, a non-numeric NCIRCS and an over-long id (vector 40)', () => {
    expectMalformed('650 ORCONN $7ED90E2833EE38A75795BA9237B0A4560E5=GreenD LAUNCHED', 'relay fingerprint must be 40 hex digits');
    expectMalformed('650 ORCONN 127.0.0.1:9000 CONNECTED NCIRCS=too_many', 'NCIRCS is not a non-negative integer: "too_many"');
    expectMalformed(
      '650 ORCONN 127.0.0.1:9000 CONNECTED NCIRCS=20 ID=30635A0CDA6F60C276FBF6994EFBD4ECADA',
      'ID must be 1-16 letters or digits, got "30635A0CDA6F60C276FBF6994EFBD4ECADA"',
    );
    expectMalformed('650 ORCONN 127.0.0.1:9000', 'missing connection status');
  });

  it('parses orconn-status lines (GETINFO) with the same grammar', () => {
    const ev = parseOrConnArgs('$6257306CB798C2E3FFDE47520B4820F8E7234B9E~r1 CONNECTED', 0);
    expect([ev.nickname, ev.status]).toEqual(['r1', 'CONNECTED']);
  });
});
