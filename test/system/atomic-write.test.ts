// Replacing a file atomically: private directory and file (0600 whatever the umask), the data
// fsynced before the rename, and a write that fails at any step (mkdir, write, rename) leaves the
// old file as it was and no temporary behind. Two writers racing leave one whole file (last wins).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { atomicTempPath, writeFileAtomic } from '../../src/system/atomic-write.js';

let dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'ortop-atomic-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
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

  it('gives the file the mode asked for even under a umask that would take bits off', async () => {
    const dir = scratch();
    const old = process.umask(0o277);
    try {
      await writeFileAtomic(join(dir, 'f'), 'x');
    } finally {
      process.umask(old);
    }
    expect(statSync(join(dir, 'f')).mode & 0o777).toBe(0o600);
  });

  it('syncs the data before it renames', async () => {
    const dir = scratch();
    const probe = await open(join(dir, 'probe'), 'w');
    const prototype = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    const seen: string[] = [];
    const target = join(dir, 'f');
    const sync = vi.spyOn(prototype, 'sync').mockImplementation(async function (this: unknown) {
      seen.push(readdirSync(dir).includes('f') ? 'renamed' : 'not yet renamed');
    });
    await writeFileAtomic(target, 'data');
    // The file's data first (target not there yet), then the directory after the rename.
    expect(seen).toEqual(['not yet renamed', 'renamed']);
    expect(sync).toHaveBeenCalledTimes(2);
  });

  it('a failed rename (a directory in the way) leaves the directory and no temporary', async () => {
    const dir = scratch();
    const target = join(dir, 'history');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'kept');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['history']);
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('kept');
  });

  it('a write that fails after the temporary exists leaves the old file whole and no temporary', async () => {
    const dir = scratch();
    const target = join(dir, 'f');
    writeFileSync(target, 'old content');
    await expect(writeFileAtomic(target, 42 as unknown as string)).rejects.toThrow();
    expect(readFileSync(target, 'utf8')).toBe('old content');
    expect(readdirSync(dir)).toEqual(['f']);
  });

  it('a directory that cannot be made (a file in its place) fails cleanly', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'state'), 'a file where a directory should be');
    await expect(writeFileAtomic(join(dir, 'state', 'ortop', 'history'), 'x')).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(readdirSync(dir)).toEqual(['state']);
  });

  it('uses a hidden temporary name in the same directory, unique per call', () => {
    const a = atomicTempPath('/s/ortop/history');
    const b = atomicTempPath('/s/ortop/history');
    expect(a).toMatch(new RegExp(`^/s/ortop/\\.history\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`));
    expect(a).not.toBe(b);
  });

  it('two writers racing on one file: every read sees one whole version, the last rename wins', async () => {
    const dir = scratch();
    const target = join(dir, 'history');
    const versions = Array.from({ length: 40 }, (_, i) => `${String.fromCharCode(65 + (i % 26)).repeat(1024 * 1024)}${i}\n`);
    writeFileSync(target, versions[0]!);
    const seen = new Set<string>();
    let writing = true;
    const reader = (async () => {
      while (writing) seen.add(await readFile(target, 'utf8'));
    })();
    // Two "instances": interleaved chains of writes, all in flight at once on the thread pool.
    await Promise.all([0, 1].map((w) => Promise.all(versions.filter((_, i) => i % 2 === w).map((v) => writeFileAtomic(target, v)))));
    writing = false;
    await reader;
    const final = readFileSync(target, 'utf8');
    expect(versions).toContain(final);
    for (const s of seen) expect(versions).toContain(s);
    expect(readdirSync(dir)).toEqual(['history']);
  });
});
