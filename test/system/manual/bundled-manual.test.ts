// The manual shipped with ortop (assets/tor-<version>.1.gz): used only when no live manual can be
// read (none installed, ORTOP_TOR_MANUAL pointing nowhere), with a notice naming the tor version it
// describes; a live manual, even one installed after the shipped copy was cached, always wins.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_TOR_MANUAL_FILE, BUNDLED_TOR_MANUAL_VERSION, findBundledTorManual, loadTorManual, manualCacheFile } from '../../../src/system/manual/index.js';

const ROOT = new URL('../../..', import.meta.url).pathname;
const FIXTURE = new URL('./fixtures/sample-tor.1', import.meta.url).pathname;
/** Nothing to find: no MANPATH, no standard directories, `man -w tor` finds nothing. */
const NOWHERE = { env: {}, manRoots: [], manW: async () => undefined } as const;

describe('the manual shipped with ortop', () => {
  it("is tor's manual of the version its name says, found from the source tree and from dist/", async () => {
    expect(BUNDLED_TOR_MANUAL_FILE).toBe(`tor-${BUNDLED_TOR_MANUAL_VERSION}.1.gz`);
    const fromSource = await findBundledTorManual();
    expect(fromSource).toEqual({ path: join(ROOT, 'assets', BUNDLED_TOR_MANUAL_FILE), torVersion: BUNDLED_TOR_MANUAL_VERSION });
    expect(await findBundledTorManual(join(ROOT, 'dist'))).toEqual(fromSource);
    expect(await findBundledTorManual(tmpdir())).toBeUndefined();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('assets');
  });

  it('is used when no manual is installed, and the notice names its version', async () => {
    const load = await loadTorManual({ torVersion: '0.4.8.13', cacheDir: null, ...NOWHERE });
    expect(load).toMatchObject({ kind: 'loaded', from: 'parsed', bundled: { torVersion: BUNDLED_TOR_MANUAL_VERSION } });
    if (load.kind !== 'loaded') return;
    expect(load.source.path).toBe(join(ROOT, 'assets', BUNDLED_TOR_MANUAL_FILE));
    expect(load.notice).toBe(
      `tor's manual: no tor(1) man page is installed on this machine; showing the manual of tor ${BUNDLED_TOR_MANUAL_VERSION} that ships with ortop ` +
        '(this tor is 0.4.8.13: options it added or changed since may be missing or described differently)',
    );
    // The real manual: hundreds of options, with their descriptions.
    expect(load.manual.entries.length).toBeGreaterThan(300);
    expect(load.manual.entries.find((e) => e.name === 'ControlPort')?.summary).toMatch(/connections on this port/i);
  });

  it('is used when ORTOP_TOR_MANUAL points nowhere, saying why', async () => {
    const load = await loadTorManual({ torVersion: BUNDLED_TOR_MANUAL_VERSION, manualPath: '/nonexistent-ortop-test/tor.1', cacheDir: null, ...NOWHERE });
    expect(load).toMatchObject({ kind: 'loaded', bundled: { torVersion: BUNDLED_TOR_MANUAL_VERSION, reason: expect.stringMatching(/^could not read \/nonexistent-ortop-test\/tor\.1: ENOENT/) } });
    expect(load.kind === 'loaded' && load.notice).toMatch(new RegExp(`^tor's manual: could not read /nonexistent-ortop-test/tor\\.1: ENOENT.*; showing the manual of tor ${BUNDLED_TOR_MANUAL_VERSION.replace(/\./g, '\\.')} that ships with ortop$`));
  });

  it('is not used when a live manual is there; a live one installed later beats the cached shipped copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ortop-bundled-'));
    const cacheDir = join(dir, 'cache');
    const live = await loadTorManual({ torVersion: 'v', manualPath: FIXTURE, cacheDir });
    expect(live).toMatchObject({ kind: 'loaded', from: 'parsed', source: { path: FIXTURE } });
    expect(live.kind === 'loaded' && (live.bundled ?? live.notice)).toBeUndefined();

    const first = await loadTorManual({ torVersion: 'w', cacheDir, ...NOWHERE });
    const second = await loadTorManual({ torVersion: 'w', cacheDir, ...NOWHERE });
    expect(first).toMatchObject({ kind: 'loaded', from: 'parsed', bundled: { torVersion: BUNDLED_TOR_MANUAL_VERSION } });
    expect(second).toMatchObject({ kind: 'loaded', from: 'cache', bundled: { torVersion: BUNDLED_TOR_MANUAL_VERSION }, cacheFile: manualCacheFile(cacheDir, 'w') });
    expect(second.kind === 'loaded' && second.notice).toContain(`the manual of tor ${BUNDLED_TOR_MANUAL_VERSION}`);

    mkdirSync(join(dir, 'man', 'man1'), { recursive: true });
    copyFileSync(FIXTURE, join(dir, 'man', 'man1', 'tor.1'));
    const installed = await loadTorManual({ torVersion: 'w', cacheDir, ...NOWHERE, env: { MANPATH: join(dir, 'man') } });
    expect(installed).toMatchObject({ kind: 'loaded', from: 'parsed', source: { path: join(dir, 'man', 'man1', 'tor.1') } });
    expect(installed.kind === 'loaded' && installed.bundled).toBeUndefined();
  });

  it('without it, no manual is still reported as missing', async () => {
    expect(await loadTorManual({ torVersion: 'v', cacheDir: null, ...NOWHERE, bundledManual: null })).toMatchObject({ kind: 'missing' });
  });
});
