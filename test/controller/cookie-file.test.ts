// A COOKIEFILE that is not a cookie: a FIFO (which used to block the open forever: a blank TUI, a
// --snapshot that never returned), /dev/zero, a directory, a path with a NUL, a 200 KB path. Each
// fails at once, says what is wrong, and gets the "add your user to the group" hint only when the
// problem is permission on a regular file. Real files; the controller against FakeTor's PROTOCOLINFO
// (a NUL in tor's path, which FakeTor cannot send, is in test/hardening/hostile-startup.test.ts).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Controller, CookieUnreadableError, ManualClock, readCookieFile } from '../../src/controller/index.js';
import { FakeTor } from '../helpers/fake-tor.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ortop-cookiefile-'));
const fifo = path.join(dir, 'control_auth_cookie.fifo');
execFileSync('mkfifo', [fifo]);
mkdirSync(path.join(dir, 'a-directory'));

/** What the controller says when tor names `file` as its COOKIEFILE (read with the real reader). */
async function openWithCookieFile(file: string): Promise<Error> {
  const tor = new FakeTor({ authMethods: ['COOKIE', 'SAFECOOKIE'], cookieFile: file });
  const controller = new Controller({ openTransport: tor.openTransport, clock: new ManualClock(), reconnect: false, auth: { readCookie: readCookieFile } });
  const error = await controller.open().then(
    () => new Error('authenticated'),
    (e: unknown) => e as Error,
  );
  controller.close();
  return error;
}

const GROUP_HINT = /adduser|CookieAuthFileGroupReadable/;

describe('readCookieFile refuses what is not a regular file, without blocking', () => {
  it.each([
    ['a FIFO with no writer', fifo, 'ENOTFILE', 'it is not a regular file (a FIFO)'],
    ['/dev/zero', '/dev/zero', 'ENOTFILE', 'it is not a regular file (a character device)'],
    ['a directory', path.join(dir, 'a-directory'), 'EISDIR', 'it is a directory'],
    ['a path with a NUL byte', `${dir}/cookie\0evil`, 'ENUL', 'the path contains a NUL byte'],
  ])('%s', async (_name, file, code, problem) => {
    const error = (await readCookieFile(file).catch((e: unknown) => e)) as Error & { code?: string };
    expect(error.code).toBe(code);
    expect(error.message).toBe(problem);
  });
});

describe('what the user is told', () => {
  it.each([
    ['a FIFO', fifo, 'it is not a regular file (a FIFO)'],
    ['/dev/zero', '/dev/zero', 'it is not a regular file (a character device)'],
    ['a directory', path.join(dir, 'a-directory'), 'it is a directory'],
  ])('%s: says what is wrong, no group hint', async (_name, file, problem) => {
    const error = await openWithCookieFile(file);
    expect(error).toBeInstanceOf(CookieUnreadableError);
    expect(error.message).toContain(problem);
    expect(error.message).toContain('32-byte regular file');
    expect(error.message).not.toMatch(GROUP_HINT);
    expect(error.message).not.toMatch(/EACCES|permission/);
  });

  it('a 200 KB path: fails at once with the path cut short', async () => {
    const error = await openWithCookieFile(`/tmp/${'a'.repeat(200_000)}`);
    expect(error).toBeInstanceOf(CookieUnreadableError);
    expect(error.message.length).toBeLessThan(1000);
    expect(error.message).toMatch(/… \(\d+ bytes cut\): its path is too long \(ENAMETOOLONG\)/);
    expect(error.message).not.toMatch(GROUP_HINT);
  });

  it('escape sequences in the path are shown escaped', async () => {
    const error = await openWithCookieFile('/tmp/\x1b]2;pwned\x07\x1b[2J');
    expect(error.message).toContain('/tmp/\\x1b]2;pwned\\x07\\x1b[2J: no such file (ENOENT)');
    expect(error.message).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
  });

  it('permission denied on a regular file: the group hint (FakeTor reader; root reads everything)', async () => {
    const tor = new FakeTor({ authMethods: ['COOKIE', 'SAFECOOKIE'] });
    tor.files.set(tor.cookieFile, { errno: 'EACCES' });
    const controller = new Controller({ openTransport: tor.openTransport, clock: new ManualClock(), reconnect: false, auth: { readCookie: tor.readCookie } });
    const error = (await controller.open().catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('permission denied (EACCES)');
    expect(error.message).toMatch(GROUP_HINT);
  });

  it('permission denied on a regular file with the real reader, when not running as root', async () => {
    const file = path.join(dir, 'unreadable');
    writeFileSync(file, Buffer.alloc(32, 1));
    chmodSync(file, 0o000);
    const error = (await readCookieFile(file).then(
      () => undefined,
      (e: unknown) => e,
    )) as (Error & { code?: string }) | undefined;
    // root (uid 0) opens a mode-000 file; anyone else is refused with EACCES, which the message keeps.
    expect(error?.code).toBe(process.getuid?.() === 0 ? undefined : 'EACCES');
  });
});
