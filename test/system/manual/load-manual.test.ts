// Loading the manual: parsed cold and cached atomically under the XDG cache directory, keyed by
// tor version and checked against the man page's size and mtime; warm loads come from the cache;
// a missing manual or an unwritable cache is reported, not thrown.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { candidateManualPaths, findTorManual, loadTorManual, manualCacheFile, ortopCacheDir, ortopStateDir, writeFileAtomic } from '../../../src/system/manual/index.js';

const FIXTURE = readFileSync(new URL('./fixtures/sample-tor.1', import.meta.url), 'utf8');
let dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'ortop-manual-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('XDG directories', () => {
  it('uses XDG_CACHE_HOME / XDG_STATE_HOME when absolute, else the home fallbacks', () => {
    expect(ortopCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' })).toBe('/x/cache/ortop');
    expect(ortopCacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.cache/ortop');
    expect(ortopStateDir({ HOME: '/home/u' })).toBe('/home/u/.local/state/ortop');
    expect(ortopStateDir({ XDG_STATE_HOME: '/s', HOME: '/home/u' })).toBe('/s/ortop');
  });
});

describe('writeFileAtomic', () => {
  it('creates the directory private, writes mode 600 and leaves no temporary file', async () => {
    const dir = join(scratch(), 'a', 'b');
    await writeFileAtomic(join(dir, 'f'), 'one');
    await writeFileAtomic(join(dir, 'f'), 'two');
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['f']);
    expect(statSync(join(dir, 'f')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});

describe('loadTorManual', () => {
  function setup(gz = true) {
    const root = scratch();
    const manualPath = join(root, gz ? 'tor.1.gz' : 'tor.1');
    writeFileSync(manualPath, gz ? gzipSync(FIXTURE) : FIXTURE);
    return { root, manualPath, cacheDir: join(root, 'cache') };
  }

  it('parses cold, caches by tor version, and loads warm from the cache', async () => {
    const { manualPath, cacheDir } = setup();
    const cold = await loadTorManual({ torVersion: '0.4.9.11', manualPath, cacheDir });
    expect(cold).toMatchObject({ kind: 'loaded', from: 'parsed', cacheFile: manualCacheFile(cacheDir, '0.4.9.11') });
    expect(readdirSync(cacheDir)).toEqual(['tor-manual-0.4.9.11.json']);
    const warm = await loadTorManual({ torVersion: '0.4.9.11', cacheDir, manW: async () => undefined, manRoots: [], env: {} });
    expect(warm.kind === 'loaded' && warm.from).toBe('cache');
    if (warm.kind !== 'loaded' || cold.kind !== 'loaded') throw new Error('not loaded');
    expect(warm.manual).toEqual(cold.manual);
    const other = await loadTorManual({ torVersion: '0.4.8.1', manualPath, cacheDir });
    expect(other.kind === 'loaded' && other.from).toBe('parsed');
    expect(readdirSync(cacheDir).sort()).toEqual(['tor-manual-0.4.8.1.json', 'tor-manual-0.4.9.11.json']);
  });

  it('parses again when the man page changed (size or mtime) or the cache is damaged', async () => {
    const { manualPath, cacheDir } = setup(false);
    await loadTorManual({ torVersion: 'v', manualPath, cacheDir });
    utimesSync(manualPath, new Date(2000, 1, 1), new Date(2000, 1, 1));
    expect((await loadTorManual({ torVersion: 'v', manualPath, cacheDir })) as { from?: string }).toMatchObject({ from: 'parsed' });
    expect((await loadTorManual({ torVersion: 'v', manualPath, cacheDir })) as { from?: string }).toMatchObject({ from: 'cache' });
    writeFileSync(manualCacheFile(cacheDir, 'v'), '{"format":1,"torVersion":"v","sour');
    expect((await loadTorManual({ torVersion: 'v', manualPath, cacheDir })) as { from?: string }).toMatchObject({ from: 'parsed' });
  });

  it('reports a missing manual with where it looked, and a cache it could not write', async () => {
    const { root, manualPath } = setup();
    const missing = await loadTorManual({ torVersion: 'v', cacheDir: null, env: { MANPATH: join(root, 'nothing') }, manRoots: [], manW: async () => undefined });
    expect(missing.kind).toBe('missing');
    if (missing.kind !== 'missing') return;
    expect(missing.searched).toEqual([join(root, 'nothing', 'man1/tor.1.gz'), join(root, 'nothing', 'man1/tor.1'), 'man -w tor']);
    expect(missing.reason).toMatch(/no tor\(1\) man page/);
    expect(candidateManualPaths({})).toContain('/usr/share/man/man1/tor.1.gz');
    const blocked = join(root, 'blocked');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'cache'), 'a file where the cache directory should be');
    const loaded = await loadTorManual({ torVersion: 'v', manualPath, cacheDir: join(blocked, 'cache') });
    expect(loaded).toMatchObject({ kind: 'loaded', from: 'parsed' });
    expect(loaded.kind === 'loaded' && loaded.cacheError).toMatch(/EEXIST|ENOTDIR/);
  });

  it('says so when the file is not a readable man page', async () => {
    const root = scratch();
    const bogus = join(root, 'tor.1');
    writeFileSync(bogus, 'not roff at all');
    expect(await loadTorManual({ torVersion: 'v', manualPath: bogus, cacheDir: null })).toMatchObject({ kind: 'missing', reason: expect.stringMatching(/no option entries/) });
    expect(await loadTorManual({ torVersion: 'v', manualPath: join(root, 'absent.1'), cacheDir: null })).toMatchObject({ kind: 'missing', reason: expect.stringMatching(/ENOENT/) });
  });

  it('finds a man page on MANPATH before the standard places', async () => {
    const root = scratch();
    mkdirSync(join(root, 'man1'));
    writeFileSync(join(root, 'man1', 'tor.1'), FIXTURE);
    expect((await findTorManual({ env: { MANPATH: root }, manW: async () => undefined })).path).toBe(join(root, 'man1', 'tor.1'));
  });
});
