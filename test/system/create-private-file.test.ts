// The one helper behind every file ortop writes for the user: what it says is at a path (without
// following a link), and that even a confirmed replace never goes through a symlink or over a
// directory. The per-writer cases (record, save-log, -d, write_logs_to) are in
// test/hardening/files-ortop-writes.test.ts.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrivateFileSync, describeFileTarget, FileTargetError, inspectFileTarget, writePrivateFile } from '../../src/system/create-private-file.js';

let dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'ortop-private-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('create-private-file', () => {
  it('tells what is at a path without following a link', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'f'), 'abc', { mode: 0o644 });
    symlinkSync(join(dir, 'f'), join(dir, 'l'));
    mkdirSync(join(dir, 'd'));
    execFileSync('mkfifo', [join(dir, 'p')]);
    expect(await inspectFileTarget(join(dir, 'none'))).toEqual({ kind: 'missing' });
    expect(await inspectFileTarget(join(dir, 'f'))).toEqual({ kind: 'file', size: 3, mode: 0o644 });
    expect(await inspectFileTarget(join(dir, 'l'))).toEqual({ kind: 'symlink', to: join(dir, 'f') });
    expect(await inspectFileTarget(join(dir, 'd'))).toEqual({ kind: 'other', what: 'a directory' });
    expect(await inspectFileTarget(join(dir, 'p'))).toEqual({ kind: 'other', what: 'a FIFO' });
    expect(describeFileTarget({ kind: 'symlink', to: '/etc/shadow' })).toBe('is a symbolic link (to /etc/shadow); ortop writes no file through a link');
  });

  it('a confirmed replace swaps a regular file only: a link or a directory is still refused', async () => {
    const dir = scratch();
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'link'));
    mkdirSync(join(dir, 'd'));
    await expect(writePrivateFile(join(dir, 'link'), 'x', { replace: true })).rejects.toBeInstanceOf(FileTargetError);
    await expect(writePrivateFile(join(dir, 'd'), 'x', { replace: true })).rejects.toThrow(`${join(dir, 'd')} is a directory`);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readlinkSync(join(dir, 'link'))).toBe(victim);
    writeFileSync(join(dir, 'old'), 'old', { mode: 0o666 });
    await writePrivateFile(join(dir, 'old'), 'new', { replace: true });
    expect(readFileSync(join(dir, 'old'), 'utf8')).toBe('new');
    expect(statSync(join(dir, 'old')).mode & 0o777).toBe(0o600);
  });

  it('createPrivateFileSync makes missing directories 0700 only when asked', () => {
    const dir = scratch();
    expect(() => createPrivateFileSync(join(dir, 'a', 'f'))).toThrow(/ENOENT/);
    const fd = createPrivateFileSync(join(dir, 'a', 'f'), { createDirs: true });
    closeSync(fd);
    expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'a', 'f')).mode & 0o777).toBe(0o600);
  });
});
