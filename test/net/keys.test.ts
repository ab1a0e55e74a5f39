// Key material for the test network: the parsers on captured output, and real tor-gencert / tor
// --list-fingerprint runs giving stable identities (the same KeyDirectory gives the same fingerprint).
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTor } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';
import { createAuthorityKeys, findGencert, parseCertificateFingerprint, parseListFingerprint, relayFingerprint } from './keys.js';

describe('key output parsers', () => {
  it('reads the fingerprint line of an authority certificate', () => {
    const cert = 'dir-key-certificate-version 3\nfingerprint EC49C28A15AC61D47EF93F1E2E2304335548E09D\ndir-key-published 2026-11-27 11:31:21\n';
    expect(parseCertificateFingerprint(cert)).toBe('EC49C28A15AC61D47EF93F1E2E2304335548E09D');
    expect(() => parseCertificateFingerprint('dir-key-certificate-version 3\n')).toThrow(/no "fingerprint" line/);
  });

  it('reads `tor --list-fingerprint` output (captured from tor 0.4.9.11)', () => {
    const out = 'auth1 D698 31AC 0DE6 BD12 1C13 50F2 1EBB 8DFA F209 6B1A\n';
    expect(parseListFingerprint(out, 'auth1')).toBe('D69831AC0DE6BD121C1350F21EBB8DFAF2096B1A');
    expect(() => parseListFingerprint(out, 'auth2')).toThrow(/no fingerprint for auth2/);
  });

  it('finds tor-gencert next to tor first, and only where it is executable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ortop-gencert-'));
    try {
      await writeFile(join(dir, 'tor-gencert'), '#!/bin/sh\n', { mode: 0o755 });
      expect(findGencert(join(dir, 'tor'), { PATH: '' })).toBe(join(dir, 'tor-gencert'));
      expect(findGencert(join(dir, 'tor'), { ORTOP_TOR_GENCERT: join(dir, 'missing') })).toBeUndefined();
      await chmod(join(dir, 'tor-gencert'), 0o644);
      expect(findGencert(join(dir, 'tor'), { PATH: '' })).not.toBe(join(dir, 'tor-gencert'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describeWithTor('key generation with the installed tor', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('creates authority keys and a relay identity whose fingerprint is stable', async () => {
    const torPath = findTor()!;
    const gencert = findGencert(torPath);
    expect(gencert, 'tor-gencert ships with tor (apt-get install tor)').toBeDefined();
    const dir = await mkdtemp(join(tmpdir(), 'ortop-keys-'));
    dirs.push(dir);
    const keyDir = join(dir, 'keys');
    const v3ident = await createAuthorityKeys(gencert!, keyDir);
    expect(v3ident).toMatch(/^[0-9A-F]{40}$/);
    expect(await readFile(join(keyDir, 'authority_signing_key'), 'utf8')).toMatch(/BEGIN RSA PRIVATE KEY/);
    const fp = await relayFingerprint(torPath, 'keytest', keyDir, join(dir, 'scratch'));
    expect(fp).toMatch(/^[0-9A-F]{40}$/);
    expect(fp).not.toBe(v3ident);
    expect(await relayFingerprint(torPath, 'keytest', keyDir, join(dir, 'scratch2'))).toBe(fp);
  });
});
