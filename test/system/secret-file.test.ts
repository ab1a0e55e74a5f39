// A relay's password file is read only when it is the user's own regular file that nobody else may read.
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSecretFile } from '../../src/system/secret-file.js';

const dir = mkdtempSync(join(tmpdir(), 'ortop-secret-'));
function file(name: string, text: string, mode: number): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

describe('readSecretFile', () => {
  it('reads a 0600 or 0400 file, without its final newline', async () => {
    expect(await readSecretFile(file('a', 'pa ss\n', 0o600))).toEqual({ kind: 'read', secret: 'pa ss' });
    expect(await readSecretFile(file('b', 'x\r\n', 0o400))).toEqual({ kind: 'read', secret: 'x' });
  });

  it('refuses a file others may read, with the fix', async () => {
    const path = file('c', 'secret\n', 0o644);
    expect(await readSecretFile(path)).toEqual({ kind: 'refused', problem: `password file ${path}: others may read it (mode 0644); chmod 600 ${path}` });
    expect(await readSecretFile(file('d', 'secret\n', 0o640))).toMatchObject({ kind: 'refused', problem: expect.stringContaining('mode 0640') });
  });

  it('refuses a symlink, a directory, a missing, empty, multi-line or huge file, and one owned by someone else', async () => {
    const target = file('e', 'secret', 0o600);
    symlinkSync(target, join(dir, 'link'));
    expect(await readSecretFile(join(dir, 'link'))).toMatchObject({ problem: expect.stringContaining('is a symbolic link') });
    mkdirSync(join(dir, 'dir'), { mode: 0o700 });
    expect(await readSecretFile(join(dir, 'dir'))).toMatchObject({ problem: expect.stringContaining('is not a regular file') });
    expect(await readSecretFile(join(dir, 'missing'))).toMatchObject({ problem: expect.stringContaining('no such file') });
    expect(await readSecretFile(file('f', '\n', 0o600))).toMatchObject({ problem: expect.stringContaining('is empty') });
    expect(await readSecretFile(file('g', 'one\ntwo\n', 0o600))).toMatchObject({ problem: expect.stringContaining('more than one line') });
    expect(await readSecretFile(file('h', 'x'.repeat(5000), 0o600))).toMatchObject({ problem: expect.stringContaining('5000 bytes') });
    expect(await readSecretFile(target, { uid: 12345 })).toMatchObject({ problem: expect.stringContaining('belongs to uid') });
  });
});
