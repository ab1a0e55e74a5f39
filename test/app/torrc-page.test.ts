// The torrc page in the running app: reads the file tor names with its %include directory,
// validates it against FakeTor's running configuration, re-reads it on SIGNAL RELOAD, and refuses
// to read a local file for a tor on another machine.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isLocalControlAddress } from '../../src/app/session/torrc-collector.js';
import { loadTorrcDocument, torrcFsFor } from '../../src/app/session/torrc-loader.js';
import { OUR_TOR_OWNER, procFsWithTor } from '../helpers/tor-owner.js';
import { onCleanup, startApp, stopApps } from '../helpers/app-harness.js';
import { FakeTor } from '../helpers/fake-tor.js';

afterEach(async () => {
  await stopApps();
  vi.unstubAllEnvs();
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-torrc-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function writeTorrc(dir: string, main: string): string {
  mkdirSync(join(dir, 'torrc.d'), { recursive: true });
  writeFileSync(join(dir, 'torrc'), main);
  writeFileSync(join(dir, 'torrc.d', '10-contact.conf'), 'ContactInfo op <op AT example dot org>\n');
  writeFileSync(join(dir, 'torrc.d', '.hidden'), 'Nickname ignored\n');
  writeFileSync(join(dir, 'torrc.d', '20-nick.conf'), 'Nickname fromInclude\n');
  return join(dir, 'torrc');
}

async function startTorrcApp(torrcPath: string, address = '127.0.0.1:9051') {
  vi.stubEnv('ORTOP_TOR_MANUAL', join(torrcPath, '..', 'no-manual.1'));
  const tor = new FakeTor({
    address,
    info: {
      'config-file': torrcPath,
      'config/names': 'Nickname String\nContactInfo String\nSocksPort Dependent\nConnLimit Integer\nCookieAuthentication Boolean',
      'config/defaults': 'ConnLimit "1000"\nCookieAuthentication "0"',
      'config-text': '',
      'net/listeners/or': '',
      'net/listeners/dir': '',
      'net/listeners/control': '"127.0.0.1:9051"',
      'net/listeners/socks': '',
    },
    conf: { Nickname: 'fromInclude', ContactInfo: 'op <op AT example dot org>', SocksPort: '0', ConnLimit: '1000', CookieAuthentication: '1' },
  });
  const harness = await startApp({ tor, cols: 120, rows: 30, target: address, procFs: procFsWithTor() });
  await harness.type('4');
  return harness;
}

describe('torrc page in the app', () => {
  it('shows the torrc and its includes with validation marks', async () => {
    const path = writeTorrc(scratch(), 'Nickname first\nSocksPort 0\nMaxConn 1000\nCookieAuthentication 0\n%include torrc.d\n');
    const { text, until } = await startTorrcApp(path);
    await until('Validation: 1');
    const shown = text();
    expect(shown).toContain(`Tor configuration file ${path}`);
    expect(shown).toMatch(/1 Nickname first +◀ Nickname is set again at line 1 of .*20-nick\.conf/);
    expect(shown).toMatch(/3 MaxConn 1000 +◀ old name: tor reads this as ConnLimit/);
    expect(shown).toMatch(/4 CookieAuthentication 0 +◀ tor runs with True/);
    expect(shown).toContain(`%include ${join(path, '..', 'torrc.d', '10-contact.conf')}`);
    expect(shown).not.toContain('ignored');
  });

  it('reads the file again when tor reloads (SIGNAL RELOAD)', async () => {
    const dir = scratch();
    const path = writeTorrc(dir, 'Nickname first\n');
    const { tor, text, until } = await startTorrcApp(path);
    await until('Nickname first');
    writeFileSync(path, 'Nickname second\n');
    tor.emitEvent('SIGNAL RELOAD');
    await until('Nickname second');
    expect(text()).toContain('1 Nickname second');
  });

  it('does not read a local file for a tor on another machine', async () => {
    const path = writeTorrc(scratch(), 'Nickname first\n');
    const { text, until } = await startTorrcApp(path, '192.0.2.7:9051');
    await until('another machine');
    expect(text()).toContain('runs on another machine');
    expect(text()).not.toContain('Nickname first');
    expect(isLocalControlAddress('127.0.0.1:9051')).toBe(true);
    expect(isLocalControlAddress('/run/tor/control')).toBe(true);
    expect(isLocalControlAddress('[::1]:9051')).toBe(true);
    expect(isLocalControlAddress('192.0.2.7:9051')).toBe(false);
  });

  it('follows includes like tor: wildcards, directories, recursion once, unreadable files named', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'torrc'), '%include d/*.conf\n%include missing.conf\n%include torrc\n');
    writeFileSync(join(dir, 'd', 'b.conf'), 'B 1\n%include ../e\n');
    writeFileSync(join(dir, 'd', 'a.conf'), 'A 1\n');
    writeFileSync(join(dir, 'd', 'skip.txt'), 'S 1\n');
    writeFileSync(join(dir, 'e'), 'E 1\n');
    const doc = await loadTorrcDocument(join(dir, 'torrc'), torrcFsFor(OUR_TOR_OWNER));
    expect(doc.sections.map((s) => [s.path.slice(dir.length), s.depth, s.error === undefined ? 'ok' : s.error.split(':')[0]])).toEqual([
      ['/torrc', 0, 'ok'],
      ['/d/a.conf', 1, 'ok'],
      ['/d/b.conf', 1, 'ok'],
      ['/e', 2, 'ok'],
      ['/missing.conf', 1, 'ENOENT'],
    ]);
  });
});
