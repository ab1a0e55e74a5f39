import { describe, expect, it } from 'vitest';
import { Controller } from '../../src/controller/controller.js';
import { ManualClock } from '../../src/controller/clock.js';
import { computeSafeCookieHashes, isServerHashValid } from '../../src/controller/safecookie.js';
import { FakeTor } from '../helpers/fake-tor.js';

// The worked example of research/control-protocol.md §3.4, captured against tor 0.4.9.11.
const COOKIE = Buffer.from('4B9FCA8A9BE2A6BD4DFBC9A4B36453869064C971108EFC26D3AB1920441E830F', 'hex');
const CLIENT_NONCE = Buffer.from('C62D479BB9DDB4A66FAFA021A65D21F0BE50771753F989FCE863D63FCA1298D7', 'hex');
const SERVER_NONCE = Buffer.from('1DFA6C81B1411D65836763E7D901D7FAE6D8765BE8A9327A293084BD31456012', 'hex');
const SERVER_HASH = 'CD09BCA7301242F0301CCD83F6F174802A5617A64035B343CEB278BE63A5257A';
const CLIENT_HASH = 'E111D1142F712A3CB4468E51D81E5BEEF930293B5D431CEA059B6AEFE3CD698D';

describe('SAFECOOKIE worked vector', () => {
  it('computes the SERVERHASH tor sent and the AUTHENTICATE value tor accepted', () => {
    const { serverHash, clientHash } = computeSafeCookieHashes(COOKIE, CLIENT_NONCE, SERVER_NONCE);
    expect(serverHash.toString('hex').toUpperCase()).toBe(SERVER_HASH);
    expect(clientHash.toString('hex').toUpperCase()).toBe(CLIENT_HASH);
  });

  it('compares server hashes exactly', () => {
    const good = Buffer.from(SERVER_HASH, 'hex');
    const bad = Buffer.from(good);
    bad[31] = bad[31]! ^ 1;
    expect(isServerHashValid(good, Buffer.from(SERVER_HASH, 'hex'))).toBe(true);
    expect(isServerHashValid(good, bad)).toBe(false);
    expect(isServerHashValid(good, good.subarray(0, 31))).toBe(false);
  });

  it('drives the whole handshake to the exact wire lines of the capture', async () => {
    const tor = new FakeTor({
      authMethods: ['COOKIE', 'SAFECOOKIE', 'HASHEDPASSWORD'],
      cookie: COOKIE,
      cookieFile: '/data/control_auth_cookie',
      serverNonce: SERVER_NONCE,
    });
    const controller = new Controller({
      openTransport: tor.openTransport,
      clock: new ManualClock(),
      auth: { readCookie: tor.readCookie, clientNonce: () => CLIENT_NONCE },
    });
    await controller.open();
    expect(tor.commands.slice(0, 3)).toEqual([
      'PROTOCOLINFO 1',
      `AUTHCHALLENGE SAFECOOKIE ${CLIENT_NONCE.toString('hex').toUpperCase()}`,
      `AUTHENTICATE ${CLIENT_HASH}`,
    ]);
    expect(controller.authMethod).toBe('SAFECOOKIE');
    expect(controller.state).toBe('connected');
    controller.close();
  });
});
