// The interpreter history file: each way it can be bad (binary junk, not UTF-8, huge, a directory,
// a FIFO, unreadable) is not thrown, is reported once with the path and what was wrong, is renamed
// aside, and the history starts empty and is saved fresh. An error that may pass (EIO) leaves the
// file alone and turns saving off. Saves wait for the load; two ortops saving: the last one wins whole.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeHistoryFile, HISTORY_MAX_BYTES, InterpreterHistoryStore } from '../../src/app/session/interpreter-history-store.js';
import type { OpenForRead } from '../../src/system/bounded-read.js';

const AT = Date.UTC(2026, 10, 27, 12, 0, 0);
const ASIDE = 'history.corrupt-20261127T120000Z';
let dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'ortop-history-'));
  dirs.push(d);
  return join(d, 'ortop');
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

const failingOpen =
  (code: string): OpenForRead =>
  async () => {
    throw Object.assign(new Error(`${code}: simulated`), { code });
  };

function junk(length: number): Buffer {
  // Deterministic bytes covering every value, NUL included (what `head -c N /dev/urandom` gives).
  return Buffer.from(Array.from({ length }, (_, i) => (i * 167 + 13) & 0xff));
}

describe('interpreter history store', () => {
  it('reads back what it saved, mode 600, and keeps no secret', async () => {
    const dir = scratch();
    const store = new InterpreterHistoryStore(join(dir, 'history'));
    expect(await store.load()).toEqual([]);
    expect(store.lastError).toBeUndefined();
    await store.save(['GETINFO version', 'AUTHENTICATE "x"', 'GETCONF Nickname']);
    expect(readFileSync(join(dir, 'history'), 'utf8')).toBe('GETINFO version\nGETCONF Nickname\n');
    expect(statSync(join(dir, 'history')).mode & 0o777).toBe(0o600);
    expect(await new InterpreterHistoryStore(join(dir, 'history')).load()).toEqual(['GETINFO version', 'GETCONF Nickname']);
  });

  it.each([
    ['binary junk', (p: string) => writeFileSync(p, junk(8192)), `it holds binary data (a NUL byte at offset ${junk(8192).indexOf(0)}), not text`],
    ['bytes that are not UTF-8', (p: string) => writeFileSync(p, Buffer.from('GETINFO version\n\xff\xfe\n', 'latin1')), 'it is not UTF-8 text'],
    ['a huge file', (p: string) => (writeFileSync(p, ''), truncateSync(p, 5 * 1024 ** 3)), 'it is 5.0 GiB, more than the 2.0 MiB ortop reads from it'],
    ['a directory', (p: string) => mkdirSync(p), 'it is a directory'],
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p]), 'it is not a regular file (a FIFO)'],
  ])('%s: not thrown, reported once, set aside, empty history saved fresh', async (_name, make, problem) => {
    const dir = scratch();
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'history');
    make(path);
    const store = new InterpreterHistoryStore(path, { nowMs: () => AT });
    expect(await store.load()).toEqual([]);
    expect(store.lastError).toBe(`the interpreter history ${path} could not be used: ${problem}; moved it aside to ${join(dir, ASIDE)}; the history starts empty`);
    expect(readdirSync(dir)).toEqual([ASIDE]);
    await store.save(['GETINFO version']);
    expect(readFileSync(path, 'utf8')).toBe('GETINFO version\n');
    expect(readdirSync(dir).sort()).toEqual(['history', ASIDE]);
  });

  it('keeps the set-aside copy byte for byte', async () => {
    const dir = scratch();
    mkdirSync(dir, { recursive: true });
    const bytes = junk(4096);
    writeFileSync(join(dir, 'history'), bytes);
    await new InterpreterHistoryStore(join(dir, 'history'), { nowMs: () => AT }).load();
    expect(readFileSync(join(dir, ASIDE)).equals(bytes)).toBe(true);
  });

  it('unreadable (EACCES): reported and set aside; the next save writes a file ortop can read', async () => {
    const dir = scratch();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'history'), 'GETINFO version\n');
    const store = new InterpreterHistoryStore(join(dir, 'history'), { nowMs: () => AT, open: failingOpen('EACCES') });
    expect(await store.load()).toEqual([]);
    expect(store.lastError).toMatch(/could not be used: permission denied; moved it aside to .*history\.corrupt-20261127T120000Z; the history starts empty$/);
    await store.save(['GETCONF Nickname']);
    expect(readFileSync(join(dir, 'history'), 'utf8')).toBe('GETCONF Nickname\n');
  });

  it('an error that may pass (EIO): the file is left alone and never overwritten this session', async () => {
    const dir = scratch();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'history'), 'GETINFO version\n');
    const store = new InterpreterHistoryStore(join(dir, 'history'), { nowMs: () => AT, open: failingOpen('EIO') });
    expect(await store.load()).toEqual([]);
    expect(store.lastError).toMatch(/: EIO: simulated; left it in place \(the error may pass\); the history starts empty and is not saved this session$/);
    await store.save(['GETCONF Nickname']);
    expect(readFileSync(join(dir, 'history'), 'utf8')).toBe('GETINFO version\n');
    expect(readdirSync(dir)).toEqual(['history']);
  });

  it('a cut-off last line is just a shorter command, not corruption', async () => {
    const dir = scratch();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'history'), 'GETINFO version\nGETCONF Nick');
    const store = new InterpreterHistoryStore(join(dir, 'history'));
    expect(await store.load()).toEqual(['GETINFO version', 'GETCONF Nick']);
    expect(store.lastError).toBeUndefined();
  });

  it('a save failure is reported once, not after every command', async () => {
    const dir = scratch();
    mkdirSync(dir, { recursive: true });
    mkdirSync(join(dir, 'history'));
    writeFileSync(join(dir, 'history', 'x'), '');
    const store = new InterpreterHistoryStore(join(dir, 'history'));
    await store.save(['a']);
    expect(store.lastError).toMatch(/^could not save the interpreter history to .*history: E/);
    store.lastError = undefined;
    await store.save(['a', 'b']);
    expect(store.lastError).toBeUndefined();
  });

  it('saves wait for the load, so the file read is the one from before this session', async () => {
    const dir = scratch();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'history'), 'OLD ONE\n');
    const store = new InterpreterHistoryStore(join(dir, 'history'));
    const loading = store.load();
    const saving = store.save(['NEW ONE']);
    expect(await loading).toEqual(['OLD ONE']);
    await saving;
    expect(readFileSync(join(dir, 'history'), 'utf8')).toBe('NEW ONE\n');
  });

  it('two ortops saving the same history file: it is always one whole history (the last writer wins)', async () => {
    const dir = scratch();
    const path = join(dir, 'history');
    const a = new InterpreterHistoryStore(path);
    const b = new InterpreterHistoryStore(path);
    await Promise.all([a.load(), b.load()]);
    const long = (who: string, n: number) => Array.from({ length: 100 }, (_, i) => `GETINFO ${who}-${n}-${i}-${'x'.repeat(1500)}`);
    const saves: Array<Promise<void>> = [];
    const histories: string[] = [];
    for (let n = 0; n < 20; n++) {
      for (const [who, store] of [['a', a], ['b', b]] as const) {
        const h = long(who, n);
        histories.push(`${h.join('\n')}\n`);
        saves.push(store.save(h));
        // Half the time let the writes overlap on the thread pool.
        if (n % 2 === 0) await Promise.resolve();
      }
    }
    await Promise.all(saves);
    await Promise.all([a.flush(), b.flush()]);
    expect(histories).toContain(readFileSync(path, 'utf8'));
    expect(readdirSync(dir)).toEqual(['history']);
    expect(decodeHistoryFile(readFileSync(path))).toHaveLength(100);
    expect(a.lastError ?? b.lastError).toBeUndefined();
  });

  it('caps reads well above the largest history it writes', () => {
    expect(HISTORY_MAX_BYTES).toBeGreaterThan(100 * (2000 * 4 + 1));
  });
});
