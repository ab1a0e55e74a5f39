// Loading the manual: parsed cold and cached atomically under the XDG cache directory, keyed by
// tor version and checked against the man page's size and mtime; warm loads come from the cache;
// a missing manual or an unwritable cache is reported, not thrown. A damaged cache (each way it can
// be damaged) is reported once, renamed aside, and replaced by a fresh one from the man page.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { candidateManualPaths, decodeManualCache, findTorManual, loadTorManual, manualCacheFile, ortopCacheDir, ortopStateDir } from '../../../src/system/manual/index.js';

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
    const missing = await loadTorManual({ torVersion: 'v', cacheDir: null, env: { MANPATH: join(root, 'nothing') }, manRoots: [], manW: async () => undefined, bundledManual: null });
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
    expect(await loadTorManual({ torVersion: 'v', manualPath: bogus, cacheDir: null, bundledManual: null })).toMatchObject({ kind: 'missing', reason: expect.stringMatching(/no option entries/) });
    expect(await loadTorManual({ torVersion: 'v', manualPath: join(root, 'absent.1'), cacheDir: null, bundledManual: null })).toMatchObject({ kind: 'missing', reason: expect.stringMatching(/ENOENT/) });
  });

  it('finds a man page on MANPATH before the standard places', async () => {
    const root = scratch();
    mkdirSync(join(root, 'man1'));
    writeFileSync(join(root, 'man1', 'tor.1'), FIXTURE);
    expect((await findTorManual({ env: { MANPATH: root }, manW: async () => undefined })).path).toBe(join(root, 'man1', 'tor.1'));
  });
});

describe('a damaged manual cache', () => {
  const AT = Date.UTC(2026, 10, 27, 12, 0, 0);
  function setup() {
    const root = scratch();
    const manualPath = join(root, 'tor.1');
    writeFileSync(manualPath, FIXTURE);
    const cacheDir = join(root, 'cache');
    mkdirSync(cacheDir);
    return { manualPath, cacheDir, file: manualCacheFile(cacheDir, 'v') };
  }
  const good = async (manualPath: string) => {
    const dir = join(scratch(), 'c');
    await loadTorManual({ torVersion: 'v', manualPath, cacheDir: dir });
    return JSON.parse(readFileSync(manualCacheFile(dir, 'v'), 'utf8')) as Record<string, unknown> & { manual: { entries: unknown[] } };
  };
  type Maker = (file: string, cache: Awaited<ReturnType<typeof good>>) => void;
  const cases: Array<[string, Maker, string]> = [
    ['truncated JSON', (f, c) => writeFileSync(f, JSON.stringify(c).slice(0, 300)), 'it is not JSON ('],
    ['binary junk', (f) => writeFileSync(f, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff])), 'it holds binary data (a NUL byte at offset 3), not text'],
    ['a JSON list', (f) => writeFileSync(f, '[1,2,3]'), 'it is not a JSON object'],
    ['no format', (f) => writeFileSync(f, '{"torVersion":"v"}'), 'it has no "format" number'],
    ['entries not a list', (f, c) => writeFileSync(f, JSON.stringify({ ...c, manual: { ...c.manual, entries: 'many' } })), '"manual.entries" is not a list'],
    ['an entry without a name', (f, c) => writeFileSync(f, JSON.stringify({ ...c, manual: { ...c.manual, entries: [...c.manual.entries.slice(0, 2), { category: 'General' }] } })), '"manual.entries"[2] is not a manual entry'],
    ['manual null', (f, c) => writeFileSync(f, JSON.stringify({ ...c, manual: null })), '"manual" is not an object'],
    ['no source', (f, c) => writeFileSync(f, JSON.stringify({ ...c, source: 7 })), '"source" does not name a man page'],
    ['a huge file', (f) => (writeFileSync(f, ''), truncateSync(f, 4 * 1024 ** 3)), 'it is 4.0 GiB, more than the 16 MiB ortop reads from it'],
    ['a directory', (f) => mkdirSync(f), 'it is a directory'],
  ];

  it.each(cases)('%s: parsed from the man page, reported once, set aside, cache rewritten', async (_name, make, problem) => {
    const { manualPath, cacheDir, file } = setup();
    make(file, await good(manualPath));
    const load = await loadTorManual({ torVersion: 'v', manualPath, cacheDir, nowMs: () => AT });
    expect(load).toMatchObject({ kind: 'loaded', from: 'parsed' });
    const aside = `${file}.corrupt-20261127T120000Z`;
    expect(load.cacheProblem?.startsWith(`the tor manual cache ${file} could not be used: ${problem}`)).toBe(true);
    expect(load.cacheProblem?.endsWith(`; moved it aside to ${aside}; the manual is read from the man page again`)).toBe(true);
    expect(readdirSync(cacheDir).sort()).toEqual(['tor-manual-v.json', 'tor-manual-v.json.corrupt-20261127T120000Z']);
    const warm = await loadTorManual({ torVersion: 'v', manualPath, cacheDir });
    expect(warm).toMatchObject({ kind: 'loaded', from: 'cache' });
    expect(warm.cacheProblem).toBeUndefined();
  });

  it('unreadable (EACCES): set aside and rewritten; a read error that may pass (EIO): left, then overwritten (it is only a cache)', async () => {
    const { manualPath, cacheDir, file } = setup();
    writeFileSync(file, '{}');
    const fail = (code: string) => async () => {
      throw Object.assign(new Error(`${code}: simulated`), { code });
    };
    const denied = await loadTorManual({ torVersion: 'v', manualPath, cacheDir, nowMs: () => AT, openCache: fail('EACCES') });
    expect(denied.cacheProblem).toMatch(/could not be used: permission denied; moved it aside to /);
    const io = await loadTorManual({ torVersion: 'v', manualPath, cacheDir, nowMs: () => AT, openCache: fail('EIO') });
    expect(io).toMatchObject({ kind: 'loaded', from: 'parsed', cacheProblem: expect.stringMatching(/EIO: simulated; left it in place \(the error may pass\)/) });
    expect(readdirSync(cacheDir).sort()).toEqual(['tor-manual-v.json', 'tor-manual-v.json.corrupt-20261127T120000Z']);
  });

  it('reports a damaged cache even when there is no man page to parse', async () => {
    const root = scratch();
    const file = manualCacheFile(root, 'v');
    writeFileSync(file, 'junk');
    const load = await loadTorManual({ torVersion: 'v', cacheDir: root, env: {}, manRoots: [], manW: async () => undefined, nowMs: () => AT, bundledManual: null });
    expect(load).toMatchObject({ kind: 'missing', cacheProblem: expect.stringMatching(/^the tor manual cache .* could not be used: it is not JSON/) });
  });

  it('a cache of another format or tor version is stale, not damaged: rewritten, nothing set aside', async () => {
    const { manualPath, cacheDir, file } = setup();
    const cache = await good(manualPath);
    writeFileSync(file, JSON.stringify({ ...cache, format: 0 }));
    const load = await loadTorManual({ torVersion: 'v', manualPath, cacheDir });
    expect(load).toMatchObject({ kind: 'loaded', from: 'parsed' });
    expect(load.cacheProblem).toBeUndefined();
    expect(readdirSync(cacheDir)).toEqual(['tor-manual-v.json']);
    expect(decodeManualCache(Buffer.from(JSON.stringify({ ...cache, torVersion: 'w' })), 'v')).toBeUndefined();
  });

  it('escapes what JSON.parse quotes from the file, so no control byte reaches the log', () => {
    expect(() => decodeManualCache(Buffer.from('\x1b]0;owned\x07'), 'v')).toThrow(/\\u001b/);
  });
});
