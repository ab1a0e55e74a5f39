// Reading back files under a cap (readFileBounded) and ortop's own files (readOwnedFile): missing is
// normal; a directory, FIFO, device, huge or binary file is refused in words without reading it all
// or hanging; a bad owned file is renamed aside (never over another file); an error that may pass
// (EIO) leaves the file where it is.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileAtomic } from '../../src/system/atomic-write.js';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeTextFile, formatByteSize, readFileBounded, type OpenForRead } from '../../src/system/bounded-read.js';
import { corruptSuffix, describeBadOwnedFile, OwnedFileFormatError, readOwnedFile, setAsideFile } from '../../src/system/owned-file.js';

const AT = Date.UTC(2026, 10, 27, 12, 0, 0);
let dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'ortop-owned-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

const failingOpen =
  (code: string): OpenForRead =>
  async (path) => {
    throw Object.assign(new Error(`${code}: simulated, open '${path}'`), { code });
  };

const parseLines = (bytes: Buffer) => {
  const decoded = decodeTextFile(bytes, true);
  if (decoded.kind === 'binary') throw new OwnedFileFormatError(decoded.problem);
  return decoded.text.split('\n').filter((l) => l !== '');
};

describe('readFileBounded', () => {
  it('reads a file under the cap, and says missing for no file', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'f'), 'hello\n');
    expect(await readFileBounded(join(dir, 'f'), { maxBytes: 100 })).toEqual({ kind: 'read', bytes: Buffer.from('hello\n') });
    expect(await readFileBounded(join(dir, 'none'), { maxBytes: 100 })).toEqual({ kind: 'missing' });
  });

  it('refuses a file over the cap from its size, without reading gigabytes', async () => {
    const dir = scratch();
    const huge = join(dir, 'huge');
    writeFileSync(huge, '');
    truncateSync(huge, 3 * 1024 ** 3); // sparse: 3 GiB that cost nothing to make
    const started = performance.now();
    const result = await readFileBounded(huge, { maxBytes: 2 * 1024 * 1024 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result).toMatchObject({ kind: 'refused', code: 'EFBIG', transient: false, problem: 'it is 3.0 GiB, more than the 2.0 MiB ortop reads from it' });
    writeFileSync(join(dir, 'edge'), 'x'.repeat(100));
    expect((await readFileBounded(join(dir, 'edge'), { maxBytes: 100 })).kind).toBe('read');
    expect((await readFileBounded(join(dir, 'edge'), { maxBytes: 99 })).kind).toBe('refused');
  });

  it('refuses a directory, a FIFO (without blocking on it) and a device', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'd'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(await readFileBounded(join(dir, 'd'), { maxBytes: 100 })).toMatchObject({ kind: 'refused', problem: 'it is a directory' });
    expect(await readFileBounded(join(dir, 'fifo'), { maxBytes: 100 })).toMatchObject({ kind: 'refused', problem: 'it is not a regular file (a FIFO)' });
    expect(await readFileBounded('/dev/zero', { maxBytes: 100 })).toMatchObject({ kind: 'refused', problem: 'it is not a regular file (a device)' });
  });

  it("with special 'read', reads a pipe and caps an endless device", async () => {
    const dir = scratch();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // A writer on the other end, as `ortop -c <(printf …)` has.
    const writer = spawn('sh', ['-c', `printf 'show_bits true\\n' > '${fifo}'`]);
    const exited = new Promise((resolve) => writer.once('exit', resolve));
    const read = await readFileBounded(fifo, { maxBytes: 100, special: 'read' });
    await exited;
    expect(read).toEqual({ kind: 'read', bytes: Buffer.from('show_bits true\n') });
    expect(await readFileBounded('/dev/zero', { maxBytes: 1000, special: 'read' })).toMatchObject({ kind: 'refused', problem: 'it is more than 1000 bytes, more than the 1000 bytes ortop reads from it' });
  });

  it('turns open errors into words; EIO and EMFILE are marked as errors that may pass', async () => {
    expect(await readFileBounded('/x', { maxBytes: 1, open: failingOpen('EACCES') })).toEqual({ kind: 'refused', problem: 'permission denied', code: 'EACCES', transient: false });
    expect(await readFileBounded('/x', { maxBytes: 1, open: failingOpen('EIO') })).toMatchObject({ kind: 'refused', code: 'EIO', transient: true });
    expect(await readFileBounded('/x', { maxBytes: 1, open: failingOpen('EMFILE') })).toMatchObject({ transient: true });
  });

  it('sizes in words', () => {
    expect(formatByteSize(999)).toBe('999 bytes');
    expect(formatByteSize(1536)).toBe('1.5 KiB');
    expect(formatByteSize(16 * 1024 * 1024)).toBe('16 MiB');
  });
});

describe('decodeTextFile', () => {
  it('calls NUL bytes binary, and bytes that are not UTF-8 binary only when strict', () => {
    expect(decodeTextFile(Buffer.from('GETINFO version\n'), true)).toEqual({ kind: 'text', text: 'GETINFO version\n' });
    expect(decodeTextFile(Buffer.from([0x41, 0x00, 0x42]), false)).toEqual({ kind: 'binary', problem: 'it holds binary data (a NUL byte at offset 1), not text' });
    expect(decodeTextFile(Buffer.from([0x23, 0x20, 0xe9]), true)).toEqual({ kind: 'binary', problem: 'it is not UTF-8 text' });
    expect(decodeTextFile(Buffer.from([0x23, 0x20, 0xe9]), false)).toEqual({ kind: 'text', text: '# \ufffd' });
  });
});

describe('setAsideFile', () => {
  it('renames to <name>.corrupt-<UTC time>, and never over an earlier one', async () => {
    const dir = scratch();
    const path = join(dir, 'history');
    expect(corruptSuffix(AT + 123)).toBe('corrupt-20261127T120000Z');
    writeFileSync(path, 'first');
    expect(await setAsideFile(path, AT)).toEqual({ kind: 'moved', to: `${path}.corrupt-20261127T120000Z` });
    writeFileSync(path, 'second');
    expect(await setAsideFile(path, AT)).toEqual({ kind: 'moved', to: `${path}.corrupt-20261127T120000Z-2` });
    expect(readFileSync(`${path}.corrupt-20261127T120000Z`, 'utf8')).toBe('first');
    expect(readFileSync(`${path}.corrupt-20261127T120000Z-2`, 'utf8')).toBe('second');
    expect(existsSync(path)).toBe(false);
  });

  it('says why when the rename fails', async () => {
    expect(await setAsideFile(join(scratch(), 'absent'), AT)).toMatchObject({ kind: 'kept', reason: expect.stringMatching(/^renaming it aside failed: ENOENT/) });
  });
});

describe('readOwnedFile', () => {
  it('loads a good file and says missing for none, touching nothing', async () => {
    const dir = scratch();
    const path = join(dir, 'history');
    expect(await readOwnedFile(path, { maxBytes: 100, parse: parseLines })).toEqual({ kind: 'missing' });
    writeFileSync(path, 'a\nb\n');
    expect(await readOwnedFile(path, { maxBytes: 100, parse: parseLines })).toEqual({ kind: 'loaded', value: ['a', 'b'] });
    expect(readdirSync(dir)).toEqual(['history']);
  });

  it.each([
    ['binary junk', (p: string) => writeFileSync(p, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a, 0xff])), /binary data \(a NUL byte at offset 4\)/],
    ['not UTF-8', (p: string) => writeFileSync(p, Buffer.from([0x61, 0xff, 0x0a])), /not UTF-8 text/],
    ['too big', (p: string) => writeFileSync(p, 'x'.repeat(200)), /it is 200 bytes, more than the 100 bytes/],
    ['a directory', (p: string) => mkdirSync(p), /it is a directory/],
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p]), /not a regular file \(a FIFO\)/],
  ])('%s: reported, renamed aside, the path free for a fresh file', async (_name, make, problem) => {
    const dir = scratch();
    const path = join(dir, 'history');
    make(path);
    const result = await readOwnedFile(path, { maxBytes: 100, parse: parseLines, nowMs: () => AT });
    expect(result).toMatchObject({ kind: 'bad', problem: expect.stringMatching(problem), setAside: { kind: 'moved', to: `${path}.corrupt-20261127T120000Z` } });
    expect(readdirSync(dir)).toEqual(['history.corrupt-20261127T120000Z']);
  });

  // ortop runs as root on some relays: a history or cache path set to /dev/null must never move or
  // replace the device. As root a device node made in a scratch dir stands in for it (renaming that is
  // harmless should this regress); otherwise /dev/null itself, which a non-root rename cannot touch.
  it('a device is reported and left where it is, and an atomic save refuses to replace it', async () => {
    const root = process.getuid?.() === 0;
    const path = root ? join(scratch(), 'history') : '/dev/null';
    if (root) execFileSync('mknod', ['-m', '666', path, 'c', '1', '3']);
    const result = await readOwnedFile(path, { maxBytes: 100, parse: parseLines, nowMs: () => AT });
    expect(result).toMatchObject({ kind: 'bad', setAside: { kind: 'kept', reason: 'it is a character device, which ortop never moves' } });
    await expect(writeFileAtomic(path, 'new\n')).rejects.toThrow(`${path} is a character device, not a file ortop may replace`);
    expect(statSync(path).isCharacterDevice()).toBe(true);
  });

  it('EACCES: the file is moved aside (it cannot be used as it is); EIO: left in place', async () => {
    const dir = scratch();
    const path = join(dir, 'history');
    writeFileSync(path, 'a\n');
    const denied = await readOwnedFile(path, { maxBytes: 100, parse: parseLines, nowMs: () => AT, open: failingOpen('EACCES') });
    expect(denied).toMatchObject({ kind: 'bad', problem: 'permission denied', setAside: { kind: 'moved' } });
    writeFileSync(path, 'b\n');
    const io = await readOwnedFile(path, { maxBytes: 100, parse: parseLines, nowMs: () => AT, open: failingOpen('EIO') });
    expect(io).toEqual({ kind: 'bad', problem: expect.stringMatching(/^EIO/), setAside: { kind: 'kept', reason: 'the error may pass' } });
    expect(readFileSync(path, 'utf8')).toBe('b\n');
  });

  it('describes a bad file in one line: what, where, what was wrong, where it went', () => {
    expect(describeBadOwnedFile('the interpreter history', '/s/history', { problem: 'it is a directory', setAside: { kind: 'moved', to: '/s/history.corrupt-x' } }, 'the history starts empty')).toBe(
      'the interpreter history /s/history could not be used: it is a directory; moved it aside to /s/history.corrupt-x; the history starts empty',
    );
    expect(describeBadOwnedFile('the cache', '/c', { problem: 'EIO', setAside: { kind: 'kept', reason: 'the error may pass' } }, 'parsed again')).toBe(
      'the cache /c could not be used: EIO; left it in place (the error may pass); parsed again',
    );
  });
});
