// Secrets never reach a recording; everything else is kept byte for byte.
import { describe, expect, it } from 'vitest';
import { redactCommand, redactMessage } from '../../src/record/redact.js';

const HASH = '16:5C7F8D1E2B3A4C5D6E7F8091A2B3C4D5E6F708192A3B4C5D6E7F809112';

describe('redactCommand', () => {
  it('removes AUTHENTICATE credentials (password, cookie hex, SAFECOOKIE hash)', () => {
    expect(redactCommand('AUTHENTICATE "my secret"\r\n')).toEqual({ data: 'AUTHENTICATE [REDACTED]\r\n', redacted: ['AUTHENTICATE credential'] });
    expect(redactCommand('AUTHENTICATE 4B9FCA8A9BE2A6BD4DFB\r\n').data).toBe('AUTHENTICATE [REDACTED]\r\n');
    expect(redactCommand('AUTHENTICATE\r\n')).toEqual({ data: 'AUTHENTICATE\r\n', redacted: [] });
  });

  it('removes the SAFECOOKIE client nonce but keeps the method', () => {
    expect(redactCommand('AUTHCHALLENGE SAFECOOKIE 0123456789ABCDEF\r\n')).toEqual({
      data: 'AUTHCHALLENGE SAFECOOKIE [REDACTED]\r\n',
      redacted: ['AUTHCHALLENGE client nonce'],
    });
  });

  it('removes a hashed password and onion keys in commands', () => {
    expect(redactCommand(`SETCONF HashedControlPassword=${HASH}\r\n`).data).toBe('SETCONF HashedControlPassword=[REDACTED]\r\n');
    const key = 'ED25519-V3:' + 'A'.repeat(86) + '==';
    expect(redactCommand(`ADD_ONION ${key} Port=80\r\n`).data).toBe('ADD_ONION ED25519-V3:[REDACTED] Port=80\r\n');
    expect(redactCommand('ADD_ONION NEW:ED25519-V3 Port=80\r\n').redacted).toEqual([]);
    expect(redactCommand(`ONION_CLIENT_AUTH_ADD abc x25519:${'b'.repeat(43)}=\r\n`).data).toBe('ONION_CLIENT_AUTH_ADD abc x25519:[REDACTED]\r\n');
  });

  it('leaves ordinary commands alone', () => {
    for (const c of ['GETINFO version\r\n', 'SETEVENTS BW CIRC\r\n', 'GETCONF HashedControlPassword\r\n', 'SIGNAL NEWNYM\r\n']) {
      expect(redactCommand(c)).toEqual({ data: c, redacted: [] });
    }
  });
});

describe('redactMessage', () => {
  it("removes the server's SAFECOOKIE hash and nonce", () => {
    const m = '250 AUTHCHALLENGE SERVERHASH=ABCDEF0123 SERVERNONCE=99AA\r\n';
    expect(redactMessage(m)).toEqual({ data: '250 AUTHCHALLENGE SERVERHASH=[REDACTED] SERVERNONCE=[REDACTED]\r\n', redacted: ['AUTHCHALLENGE server hash and nonce'] });
  });

  it('removes the hashed control password from GETCONF, config-text and CONF_CHANGED', () => {
    expect(redactMessage(`250 HashedControlPassword=${HASH}\r\n`).data).toBe('250 HashedControlPassword=[REDACTED]\r\n');
    expect(redactMessage(`250+config-text=\r\nHashedControlPassword ${HASH}\r\n.\r\n250 OK\r\n`).data).toContain('HashedControlPassword [REDACTED]\r\n');
    expect(redactMessage(`650-CONF_CHANGED\r\n650-HashedControlPassword=${HASH}\r\n650 OK\r\n`).redacted).toEqual(['HashedControlPassword value']);
  });

  it('removes SOCKS passwords from stream and circuit events, keeping the event well-formed', () => {
    const m = '650 STREAM 5 NEW 0 127.0.0.1:80 SOCKS_USERNAME="u" SOCKS_PASSWORD="pa\\"ss" CLIENT_PROTOCOL=SOCKS5\r\n';
    expect(redactMessage(m).data).toBe('650 STREAM 5 NEW 0 127.0.0.1:80 SOCKS_USERNAME="u" SOCKS_PASSWORD="[REDACTED]" CLIENT_PROTOCOL=SOCKS5\r\n');
  });

  it('does not touch look-alikes: option names, TLS group lists, ordinary events', () => {
    for (const m of [
      '250-config/names=HashedControlPassword LineList\r\n250 OK\r\n',
      '650 NOTICE Set list of supported TLS groups to: P-256:X25519:P-224\r\n',
      '650 BW 23232 45539\r\n',
      '250 HashedControlPassword\r\n',
    ]) {
      expect(redactMessage(m)).toEqual({ data: m, redacted: [] });
    }
  });
});
