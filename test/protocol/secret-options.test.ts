// The table of secret options and the redaction of each text shape, on their own: how a key names a
// secret option (exact, any case, abbreviated unless it is a public option's full name), free text
// (log messages) and framed replies. Every place that persists or shows tor's config uses these.
import { describe, expect, it } from 'vitest';
import {
  PUBLIC_PREFIX_OPTIONS,
  redactCommandText,
  redactReply,
  redactSecretsInText,
  redactTorrcLine,
  secretOptionFor,
  secretOptionNamed,
  SECRET_OPTIONS,
  type Reply,
} from '../../src/protocol/index.js';

const SECRET = 's3cretPW';

describe('the table', () => {
  it('covers the credentials tor(1) documents', () => {
    const names = SECRET_OPTIONS.map((o) => o.name);
    for (const n of ['HashedControlPassword', '__HashedControlSessionPassword', 'Socks5ProxyUsername', 'Socks5ProxyPassword', 'HTTPProxyAuthenticator', 'HTTPSProxyAuthenticator', 'BridgePassword', 'ServerTransportOptions', 'HidServAuth']) {
      expect(names).toContain(n);
    }
    expect(names).not.toContain('ClientOnionAuthDir');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it.each(SECRET_OPTIONS.map((o) => o.name))('%s: named exactly in any case, and by its abbreviations', (name) => {
    expect(secretOptionNamed(name)?.name).toBe(name);
    expect(secretOptionNamed(name.toUpperCase())?.name).toBe(name);
    expect(secretOptionNamed(name.slice(0, -1))).toBeUndefined();
    expect(secretOptionFor(name.toLowerCase())?.name).toBe(name);
    for (let cut = 1; cut < name.length - 2; cut++) {
      const key = name.slice(0, name.length - cut);
      if (!PUBLIC_PREFIX_OPTIONS.some((p) => p.toLowerCase() === key.toLowerCase())) expect(secretOptionFor(key), key).toBeDefined();
    }
  });

  it('a public option whose name starts a secret one names itself', () => {
    for (const name of PUBLIC_PREFIX_OPTIONS) {
      expect(secretOptionFor(name)).toBeUndefined();
      expect(secretOptionFor(name.toUpperCase())).toBeUndefined();
      expect(SECRET_OPTIONS.some((o) => o.name.toLowerCase().startsWith(name.toLowerCase()))).toBe(true);
    }
    expect(secretOptionFor('ContactInfo')).toBeUndefined();
    expect(secretOptionFor('SocksPort')).toBeUndefined();
  });
});

describe.each(SECRET_OPTIONS.map((o) => o.name))('%s in text', (name) => {
  it('free text: Key=value loses the value, quoted or not, once', () => {
    const once = redactSecretsInText(`tor said ${name}=${SECRET}, then ${name}="${SECRET} x" and ok`, '[R]');
    expect(once).toBe(`tor said ${name}=[R] then ${name}="[R]" and ok`);
    expect(redactSecretsInText(once, '[R]')).toBe(once);
  });

  it('a framed reply: GETCONF lines, config-text data, CONF_CHANGED', () => {
    const reply: Reply = {
      code: 250,
      lines: [
        { code: 250, separator: '-', text: `${name}=${SECRET} b` },
        { code: 250, separator: '+', text: 'config-text=', data: `SocksPort 0\n${name} ${SECRET}` },
        { code: 250, separator: ' ', text: 'OK' },
      ],
    };
    const clean = redactReply(reply, '<h>');
    expect(JSON.stringify(clean)).not.toContain(SECRET);
    expect(clean.lines[0]!.text).toBe(`${name}=<h>`);
    expect(clean.lines[1]!.data).toBe(`SocksPort 0\n${name} <h>`);
    expect(clean.lines[2]).toBe(reply.lines[2]);
  });

  it('torrc lines: exact names for what tor wrote, abbreviations for what people wrote', () => {
    expect(redactTorrcLine(`  ${name}   ${SECRET}  `, '<h>', 'exact')).toBe(`  ${name}   <h>  `);
    expect(redactTorrcLine(`${name.slice(0, -2)} ${SECRET}`, '<h>', 'exact')).toBe(`${name.slice(0, -2)} ${SECRET}`);
    expect(redactTorrcLine(`${name.slice(0, -2)} ${SECRET}`, '<h>', 'as-typed')).toBe(`${name.slice(0, -2)} <h>`);
    expect(redactTorrcLine(`# ${name} ${SECRET}`, '<h>', 'as-typed')).toBe(`# ${name} ${SECRET}`);
  });
});

describe('values that are secret by their form', () => {
  it('hashes, onion keys, client-auth keys and SOCKS passwords, in any text', () => {
    const hash = `16:${'A'.repeat(58)}`;
    expect(redactSecretsInText(`bad password hash ${hash}`, '[R]')).toBe('bad password hash [R]');
    expect(redactSecretsInText(`key ED25519-V3:${'k'.repeat(86)}`, '[R]')).toBe('key ED25519-V3:[R]');
    expect(redactSecretsInText('STREAM 5 NEW SOCKS_USERNAME="u" SOCKS_PASSWORD="p w"', '[R]')).toBe('STREAM 5 NEW SOCKS_USERNAME="u" SOCKS_PASSWORD="[R]"');
    expect(redactCommandText(`ONION_CLIENT_AUTH_ADD x x25519:${'b'.repeat(43)}=\r\n`, '[R]').text).toBe('ONION_CLIENT_AUTH_ADD x x25519:[R]\r\n');
  });

  it('text without any of it is returned unchanged (the same string)', () => {
    const line = 'Bootstrapped 100% (done): Done; at 12:16:05 circuits 16';
    expect(redactSecretsInText(line, '[R]')).toBe(line);
  });
});
