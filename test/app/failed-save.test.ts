// A SAVECONF that tor fails as tor 0.4.9 does on a full disk: it renames the torrc to torrc.orig.1,
// cannot write the new one and answers "551 Unable to write configuration to disk." The config page
// says what happened — tor's own words and what is left on disk — and page 4 reads the torrc again
// (after any SAVECONF, typed ones too) instead of still showing the old file as "no problems found".
// test/integration/failed-save.test.ts does the same against a real tor on a full tmpfs.
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newestBackup } from '../../src/app/session/torrc-after-save.js';
import { onCleanup, startApp, stopApps } from '../helpers/app-harness.js';
import { FakeTor } from '../helpers/fake-tor.js';
import { procFsWithTor } from '../helpers/tor-owner.js';

afterEach(async () => {
  await stopApps();
  vi.unstubAllEnvs();
});

function fullDiskTor(torrc: string): FakeTor {
  const tor = new FakeTor({
    address: '127.0.0.1:9051',
    info: {
      'config-file': torrc,
      'config-can-saveconf': '1',
      'config/names': 'Nickname String\nContactInfo String',
      'config/defaults': '',
      'config-text': 'Nickname snowfall',
      'info/names': 'version -- v',
      'features/names': 'VERBOSE_NAMES',
    },
    conf: { Nickname: 'snowfall', ContactInfo: null },
  });
  tor.handle('SAVECONF', () => {
    if (existsSync(torrc)) renameSync(torrc, `${torrc}.orig.1`);
    return '551 Unable to write configuration to disk.\r\n';
  });
  return tor;
}

async function start(tor: FakeTor, dir: string) {
  vi.stubEnv('ORTOP_TOR_MANUAL', join(dir, 'no-manual.1'));
  vi.stubEnv('XDG_STATE_HOME', join(dir, 'state'));
  return startApp({ tor, cols: 120, rows: 30, procFs: procFsWithTor() });
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-failed-save-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('a SAVECONF that tor fails', () => {
  it("the config page says tor's answer and what happened to the torrc; page 4 shows the file is gone", async () => {
    const dir = scratch();
    const torrc = join(dir, 'torrc');
    writeFileSync(torrc, 'Nickname snowfall\n');
    const { type, text, until } = await start(fullDiskTor(torrc), dir);
    await type('4');
    await until('Validation: no problems found');
    await type('3');
    await type('w');
    await until('Write this to');
    await type('y');
    await until('tor did not save its configuration');
    const shown = text().replace(/\s*\n\s*/g, ' ');
    expect(shown).toContain('tor could not save its configuration (tor answered "551 Unable to write configuration to disk.")');
    expect(shown).toContain(`${torrc} no longer exists: tor renamed it to ${torrc}.orig.1, then failed to write the new one`);
    await type('\x1b');
    await type('4');
    await until('1 file not read');
    expect(text()).toContain(`cannot read ${torrc}: ENOENT: it does not exist`);
    expect(text()).not.toContain('no problems found');
  });

  it('a SAVECONF typed in the interpreter also makes page 4 read the torrc again', async () => {
    const dir = scratch();
    const torrc = join(dir, 'torrc');
    writeFileSync(torrc, 'Nickname snowfall\n');
    const { type, text, until } = await start(fullDiskTor(torrc), dir);
    await type('4');
    await until('Validation: no problems found');
    await type('5');
    await type('\r');
    await type('SAVECONF\r');
    await until('551 Unable to write configuration to disk.');
    await type('\x1b');
    await type('4');
    await until('1 file not read');
    expect(text()).toContain(`cannot read ${torrc}: ENOENT: it does not exist`);
  });

  it('names the newest backup tor made', () => {
    expect(newestBackup('torrc', ['torrc', 'torrc.orig.1', 'torrc.orig.12', 'torrc.orig.2', 'torrc.orig.x', 'other.orig.99'])).toBe('torrc.orig.12');
    expect(newestBackup('torrc', ['torrc.d'])).toBeUndefined();
  });
});
