// A relay's password file: used while tor accepts it (read again on each connect), the usual prompt
// once it is refused or rejected, each said once; nobody to ask is an error naming the file.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { passwordFileProvider } from '../../src/app/shell/password-file.js';

const dir = mkdtempSync(join(tmpdir(), 'ortop-pwfile-'));
function file(text: string, mode = 0o600): string {
  const path = join(dir, `p${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}
const request = (rejected: boolean) => ({ address: '127.0.0.1:9051', rejected });

describe('passwordFileProvider', () => {
  it('reads the file on each connect, so a changed password is used', async () => {
    const path = file('one\n');
    const notes: string[] = [];
    const provider = passwordFileProvider(path, undefined, (m) => notes.push(m));
    expect(await provider(request(false))).toBe('one');
    writeFileSync(path, 'two\n');
    expect(await provider(request(false))).toBe('two');
    expect(notes).toEqual([]);
  });

  it('asks the usual way once tor rejected the file password, saying so once', async () => {
    const path = file('wrong\n');
    const notes: string[] = [];
    const asked: boolean[] = [];
    const provider = passwordFileProvider(path, async (r) => (asked.push(r.rejected), 'typed'), (m) => notes.push(m));
    expect(await provider(request(false))).toBe('wrong');
    expect(await provider(request(true))).toBe('typed');
    // The prompt is not told "rejected" for the file's password: the user did not type it.
    expect(asked).toEqual([false]);
    expect(await provider(request(true))).toBe('typed');
    expect(asked).toEqual([false, true]);
    expect(notes).toEqual([`tor rejected the password in ${path}`]);
  });

  it('refuses a file others may read and asks instead; with nobody to ask, the error names the file', async () => {
    const path = file('secret\n', 0o644);
    const notes: string[] = [];
    expect(await passwordFileProvider(path, async () => 'typed', (m) => notes.push(m))(request(false))).toBe('typed');
    expect(notes).toEqual([`password file ${path}: others may read it (mode 0644); chmod 600 ${path}; it is not used`]);
    await expect(passwordFileProvider(path, undefined, () => {})(request(false))).rejects.toThrow(`the password file ${path} was refused, and there is no terminal to ask`);
  });
});
