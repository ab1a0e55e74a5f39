// PROTOCOLINFO (control-spec §3.21) and AUTHCHALLENGE (§3.24) replies: captured and Stem vectors,
// cookie paths as bytes (UTF-8 and Latin-1), unknown methods, and malformed variants.
import { describe, expect, it } from 'vitest';
import { ProtocolError, ReplyError, parseAuthChallenge, parseProtocolInfo } from '../../../src/protocol/index.js';
import { replyOf } from '../../helpers/feed.js';
import { fixtureReply } from './fixture.js';

describe('parseProtocolInfo', () => {
  it('reads the captured relay reply (COOKIE, SAFECOOKIE, HASHEDPASSWORD)', () => {
    expect(parseProtocolInfo(fixtureReply('protocolinfo-safecookie.txt'))).toEqual({
      protocolVersion: 1,
      authMethods: ['COOKIE', 'SAFECOOKIE', 'HASHEDPASSWORD'],
      unknownAuthMethods: [],
      cookieFiles: ['/var/lib/tor/control_auth_cookie'],
      cookieFileBytes: ['/var/lib/tor/control_auth_cookie'],
      torVersion: '0.4.9.11',
    });
  });

  it('reads NULL and HASHEDPASSWORD without a cookie file', () => {
    const none = parseProtocolInfo(fixtureReply('protocolinfo-null.txt'));
    expect([none.authMethods, none.cookieFiles, none.torVersion]).toEqual([['NULL'], [], '0.2.1.30']);
    expect(parseProtocolInfo(fixtureReply('protocolinfo-password.txt')).authMethods).toEqual(['HASHEDPASSWORD']);
  });

  it('tolerates unknown methods and lists them', () => {
    const info = parseProtocolInfo(fixtureReply('protocolinfo-unknown-methods.txt'));
    expect(info.authMethods).toEqual(['HASHEDPASSWORD']);
    expect(info.unknownAuthMethods).toEqual(['MAGIC', 'PIXIE_DUST']);
  });

  it('reads PIVERSION 5 with no AUTH or VERSION line', () => {
    expect(parseProtocolInfo(fixtureReply('protocolinfo-minimum.txt'))).toEqual({
      protocolVersion: 5,
      authMethods: [],
      unknownAuthMethods: [],
      cookieFiles: [],
      cookieFileBytes: [],
      torVersion: undefined,
    });
  });

  it('decodes COOKIEFILE escapes (vectors 13 and 14)', () => {
    expect(parseProtocolInfo(fixtureReply('protocolinfo-cookie-escapes.txt')).cookieFiles).toEqual(['/tmp/my data\\"dir//control_auth_cookie']);
    expect(parseProtocolInfo(fixtureReply('protocolinfo-cookie-windows.txt')).cookieFiles).toEqual([
      String.raw`C:\Users\Atagar\AppData\tor\control_auth_cookie`,
    ]);
  });

  it('decodes an octal UTF-8 COOKIEFILE (vector 15)', () => {
    const info = parseProtocolInfo(fixtureReply('protocolinfo-cookie-utf8.txt'));
    expect(info.cookieFiles).toEqual(['/home/user/\u6587\u6863/tor-browser_en-US/Browser/TorBrowser/Data/Tor/control_auth_cookie']);
    expect(Buffer.from(info.cookieFileBytes[0]!, 'latin1').toString('utf8')).toBe(info.cookieFiles[0]);
  });

  it('keeps the exact bytes of an octal Latin-1 COOKIEFILE (vector 16)', () => {
    const info = parseProtocolInfo(fixtureReply('protocolinfo-cookie-latin1.txt'));
    const expected =
      'c:\\Drive-E\\Web\\Today\\ZeroNet-win-dist-win64 \u00e1rv\u00edzt\u00fbr\u00f5 t\u00fck\u00f6rf\u00far\u00f3g\u00e9p\\ZeroNet-win-dist-win64\\core\\tools\\tor\\data\\control_auth_cookie';
    expect(info.cookieFileBytes).toEqual([expected]);
    expect(info.cookieFiles[0]).toContain('\ufffd');
    expect(info.authMethods).toEqual(['COOKIE', 'SAFECOOKIE']);
    expect(info.torVersion).toBe('0.4.2.6');
  });

  it('keeps a relative COOKIEFILE as given', () => {
    expect(parseProtocolInfo(fixtureReply('protocolinfo-cookie-relative.txt')).cookieFiles).toEqual(['./tor-browser_en-US/Data/control_auth_cookie']);
  });

  it('accepts info lines in any order, repeated cookie files and unknown lines', () => {
    const info = parseProtocolInfo(
      replyOf(
        '250-VERSION Tor="0.4.9.11" EXTRA=1\r\n250-FUTURE thing\r\n250-AUTH METHODS=SAFECOOKIE COOKIEFILE="/a" COOKIEFILE="/b" NEW=x\r\n250-PROTOCOLINFO 1 more\r\n250 OK\r\n',
      ),
    );
    expect([info.protocolVersion, info.authMethods, info.cookieFiles, info.torVersion]).toEqual([1, ['SAFECOOKIE'], ['/a', '/b'], '0.4.9.11']);
  });

  it('refuses a reply without a numeric PROTOCOLINFO line', () => {
    expect(() => parseProtocolInfo(replyOf('250-AUTH METHODS=NULL\r\n250 OK\r\n'))).toThrow(/lacks the PROTOCOLINFO line/);
    expect(() => parseProtocolInfo(replyOf('250-PROTOCOLINFO x\r\n250 OK\r\n'))).toThrow(ProtocolError);
    expect(() => parseProtocolInfo(replyOf('250-PROTOCOLINFO 1x\r\n250 OK\r\n'))).toThrow(/not a number/);
    expect(() => parseProtocolInfo(replyOf('250-PROTOCOLINFO\r\n250 OK\r\n'))).toThrow(ProtocolError);
  });

  it('turns a refusal into a ReplyError', () => {
    expect(() => parseProtocolInfo(replyOf('514 Authentication required.\r\n'))).toThrow(ReplyError);
  });
});

describe('parseAuthChallenge', () => {
  const hash = 'B16F72DACD4B5ED1531F3FCC04B593D46A1E30267E636EA7C7F8DD7A2B7BAA05';
  const nonce = '653574272ABBB49395BD1060D642D653CFB7A2FCE6A4955BCFED819703A9998C';

  it('decodes SERVERHASH and SERVERNONCE to 32 bytes each (Stem vector)', () => {
    const challenge = parseAuthChallenge(fixtureReply('authchallenge.txt'));
    expect(Buffer.from(challenge.serverHash).toString('hex').toUpperCase()).toBe(hash);
    expect(Buffer.from(challenge.serverNonce).toString('hex').toUpperCase()).toBe(nonce);
    expect(challenge.serverHash).toBeInstanceOf(Uint8Array);
    expect(challenge.serverHash.length).toBe(32);
  });

  it('accepts lower-case hex and keywords in either order', () => {
    const challenge = parseAuthChallenge(replyOf(`250 AUTHCHALLENGE SERVERNONCE=${nonce.toLowerCase()} SERVERHASH=${hash.toLowerCase()}\r\n`));
    expect(Buffer.from(challenge.serverHash).toString('hex')).toBe(hash.toLowerCase());
  });

  it('refuses the FOOBAR-prefixed values', () => {
    expect(() => parseAuthChallenge(fixtureReply('authchallenge-foobar.txt'))).toThrow(/SERVERHASH must be 64 hex digits/);
  });

  it('refuses the vector with any one word removed', () => {
    const words = `250 AUTHCHALLENGE SERVERHASH=${hash} SERVERNONCE=${nonce}`.split(' ');
    for (let i = 1; i < words.length; i++) {
      const line = [...words.slice(0, i), ...words.slice(i + 1)].join(' ');
      expect(() => parseAuthChallenge(replyOf(`${line}\r\n`)), line).toThrow(ProtocolError);
    }
  });

  it('refuses short hex and turns tor\'s refusal into a ReplyError', () => {
    expect(() => parseAuthChallenge(replyOf(`250 AUTHCHALLENGE SERVERHASH=${hash.slice(2)} SERVERNONCE=${nonce}\r\n`))).toThrow(ProtocolError);
    expect(() => parseAuthChallenge(replyOf('513 AUTHCHALLENGE only supports SAFECOOKIE authentication\r\n'))).toThrow(ReplyError);
  });
});
