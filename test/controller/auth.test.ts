import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  AuthFailedError,
  CookieRejectedError,
  CookieSizeError,
  CookieUnreadableError,
  NoUsableAuthMethodError,
  NotTorError,
  PasswordRequiredError,
  ServerHashMismatchError,
  WrongPasswordError,
} from '../../src/controller/auth-errors.js';
import { readCookieFile } from '../../src/controller/cookie.js';
import { NothingListeningError } from '../../src/transport/errors.js';
import { settle } from '../helpers/fake-tor.js';
import { makeHarness } from './harness.js';

const COOKIE_FILE = '/var/lib/tor/control_auth_cookie';
const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex').toUpperCase();

describe('choosing the method', () => {
  it('uses NULL when offered, without reading the cookie or asking for a password', async () => {
    const password = vi.fn(async () => 'secret');
    const readCookie = vi.fn(async (_file: string) => new Uint8Array(32));
    const h = makeHarness({ authMethods: ['NULL'] }, { auth: { readCookie, password } });
    const { controller } = h;
    await controller.open();
    expect(h.tor.commands.slice(0, 2)).toEqual(['PROTOCOLINFO 1', 'AUTHENTICATE']);
    expect(controller.authMethod).toBe('NULL');
    expect(readCookie).not.toHaveBeenCalled();
    expect(password).not.toHaveBeenCalled();
  });

  it('prefers SAFECOOKIE over COOKIE and HASHEDPASSWORD and never prompts', async () => {
    const password = vi.fn(async () => 'secret');
    const h = makeHarness({ authMethods: ['COOKIE', 'SAFECOOKIE', 'HASHEDPASSWORD'], password: 'secret' }, (tor) => ({ auth: { readCookie: tor.readCookie, password } }));
    const { controller } = h;
    await controller.open();
    expect(h.tor.commands[1]).toMatch(/^AUTHCHALLENGE SAFECOOKIE [0-9A-F]{64}$/);
    expect(h.tor.commands[2]).toMatch(/^AUTHENTICATE [0-9A-F]{64}$/);
    expect(controller.authMethod).toBe('SAFECOOKIE');
    expect(password).not.toHaveBeenCalled();
  });

  it('uses a fresh random client nonce on each connection', async () => {
    const h = makeHarness({ authMethods: ['SAFECOOKIE'] });
    await h.controller.open();
    await h.controller.reconnect();
    const nonces = h.tor.commands.filter((c) => c.startsWith('AUTHCHALLENGE'));
    expect(nonces).toHaveLength(2);
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('sends the cookie in hex for COOKIE-only tors', async () => {
    const h = makeHarness({ authMethods: ['COOKIE'] });
    await h.controller.open();
    expect(h.tor.commands[1]).toBe(`AUTHENTICATE ${Buffer.from(h.tor.cookie).toString('hex').toUpperCase()}`);
    expect(h.controller.authMethod).toBe('COOKIE');
  });

  it('asks the password provider once, only for HASHEDPASSWORD, and sends the password hex-encoded', async () => {
    const password = vi.fn(async () => 'correct horse');
    const h = makeHarness({ authMethods: ['HASHEDPASSWORD'], password: 'correct horse' }, { auth: { password } });
    const { controller } = h;
    await controller.open();
    expect(password).toHaveBeenCalledTimes(1);
    expect(h.tor.commands[1]).toBe(`AUTHENTICATE ${hex('correct horse')}`);
    expect(controller.authMethod).toBe('HASHEDPASSWORD');
  });

  it('falls back to the password when the cookie is unreadable', async () => {
    const password = vi.fn(async () => 'pw');
    const h = makeHarness({ authMethods: ['COOKIE', 'SAFECOOKIE', 'HASHEDPASSWORD'], password: 'pw' }, (tor) => ({ auth: { readCookie: tor.readCookie, password } }));
    h.tor.files.set(COOKIE_FILE, { errno: 'EACCES' });
    const { controller } = h;
    await controller.open();
    expect(controller.authMethod).toBe('HASHEDPASSWORD');
    expect(h.tor.commands).not.toContainEqual(expect.stringMatching(/^AUTHCHALLENGE/));
  });

  it('falls back to the password when the cookie has the wrong size', async () => {
    const h = makeHarness({ authMethods: ['SAFECOOKIE', 'HASHEDPASSWORD'], password: 'pw' }, (tor) => ({ auth: { readCookie: tor.readCookie, password: async () => 'pw' } }));
    h.tor.files.set(COOKIE_FILE, new Uint8Array(16));
    const { controller } = h;
    await controller.open();
    expect(controller.authMethod).toBe('HASHEDPASSWORD');
  });

  it('reads the cookie under the chroot path', async () => {
    const h = makeHarness({ authMethods: ['SAFECOOKIE'] }, (tor) => ({ auth: { readCookie: tor.readCookie, chrootPath: '/srv/tor-chroot' } }));
    h.tor.files.delete(COOKIE_FILE);
    h.tor.files.set(`/srv/tor-chroot${COOKIE_FILE}`, h.tor.cookie);
    const { controller } = h;
    await controller.open();
    expect(controller.authMethod).toBe('SAFECOOKIE');
  });
});

describe('every distinct failure', () => {
  it('nothing listening: names the address', async () => {
    const h = makeHarness();
    h.tor.kill();
    const error = await h.controller.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NothingListeningError);
    expect((error as NothingListeningError).kind).toBe('nothing-listening');
    expect((error as Error).message).toContain('fake-tor:9051');
    expect(h.controller.state).toBe('closed');
  });

  it('not tor: an HTTP server', async () => {
    const h = makeHarness({ personality: 'http' });
    const error = await h.controller.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotTorError);
    expect((error as NotTorError).kind).toBe('not-tor');
    expect((error as Error).message).toContain('HTTP/1.0 400 Bad Request');
    expect((error as Error).message).toContain('an HTTP server?');
  });

  it('not tor: garbage bytes', async () => {
    const h = makeHarness({ personality: 'garbage' });
    const error = await h.controller.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotTorError);
    expect((error as Error).message).toMatch(/SSH-2\.0/);
  });

  it('not tor: silence until the request timeout (fake clock)', async () => {
    const h = makeHarness({ personality: 'silent' });
    const opening = h.controller.open().catch((e: unknown) => e);
    await settle();
    h.clock.advance(9_999);
    await settle();
    expect(h.controller.state).toBe('connecting');
    h.clock.advance(1);
    const error = await opening;
    expect(error).toBeInstanceOf(NotTorError);
    expect((error as Error).message).toContain('no reply to PROTOCOLINFO within 10000 ms');
  });

  it('password required: tor wants a password and there is no provider', async () => {
    const h = makeHarness({ authMethods: ['HASHEDPASSWORD'], password: 'pw' });
    const error = await h.controller.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PasswordRequiredError);
    expect(h.tor.commands).toEqual(['PROTOCOLINFO 1']);
  });

  it('a password prompt that fails (cancelled) is "password required", not retried', async () => {
    const h = makeHarness({ authMethods: ['HASHEDPASSWORD'], password: 'pw' }, { auth: { password: async () => Promise.reject(new Error('cancelled by user')) } });
    const error = await h.controller.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PasswordRequiredError);
    expect((error as Error).message).toContain('the password prompt failed: cancelled by user');
  });

  it('wrong password: tor says so, and the message does not contain the password', async () => {
    const h = makeHarness({ authMethods: ['HASHEDPASSWORD'], password: 'right' }, { auth: { password: async () => 'hunter2-wrong' } });
    const { controller } = h;
    const error = await controller.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongPasswordError);
    expect((error as WrongPasswordError).kind).toBe('wrong-password');
    expect((error as Error).message).toContain('Password did not match HashedControlPassword value from configuration');
    expect((error as Error).message).not.toContain('plain text password');
    expect((error as Error).message).not.toContain('hunter2');
    expect((error as Error).message).not.toContain(hex('hunter2-wrong'));
  });

  it('cookie unreadable: names the file, the errno and the usual fixes', async () => {
    const h = makeHarness({ authMethods: ['COOKIE', 'SAFECOOKIE'] });
    h.tor.files.set(COOKIE_FILE, { errno: 'EACCES' });
    const error = await h.controller.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CookieUnreadableError);
    const message = (error as Error).message;
    expect(message).toContain(COOKIE_FILE);
    expect(message).toContain('EACCES');
    expect(message).toContain('debian-tor');
    expect(message).toContain('CookieAuthFileGroupReadable 1');
    expect(h.tor.commands).toEqual(['PROTOCOLINFO 1']);
  });

  it('cookie unreadable and a password offered but not provided: asks for the password and says why the cookie failed', async () => {
    const h = makeHarness({ authMethods: ['SAFECOOKIE', 'HASHEDPASSWORD'] });
    h.tor.files.set(COOKIE_FILE, { errno: 'EACCES' });
    const error = await h.controller.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PasswordRequiredError);
    expect((error as Error).message).toContain('EACCES');
  });

  it('cookie of the wrong size: refused before anything is sent, naming size and file', async () => {
    const h = makeHarness({ authMethods: ['COOKIE', 'SAFECOOKIE'] });
    h.tor.files.set(COOKIE_FILE, new Uint8Array(31));
    const error = await h.controller.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CookieSizeError);
    expect((error as CookieSizeError).sizeBytes).toBe(31);
    expect((error as Error).message).toContain(`${COOKIE_FILE}: it is 31 bytes, not 32`);
    expect(h.tor.commands).toEqual(['PROTOCOLINFO 1']);
  });

  it('server hash mismatch: aborts before AUTHENTICATE and never falls back to the password', async () => {
    const password = vi.fn(async () => 'pw');
    const h = makeHarness({ authMethods: ['SAFECOOKIE', 'HASHEDPASSWORD'], password: 'pw', corruptServerHash: true }, (tor) => ({ auth: { readCookie: tor.readCookie, password } }));
    const { controller } = h;
    const error = await controller.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerHashMismatchError);
    expect((error as Error).message).toContain(COOKIE_FILE);
    expect(h.tor.commands.map((c) => c.split(' ')[0])).toEqual(['PROTOCOLINFO', 'AUTHCHALLENGE']);
    expect(password).not.toHaveBeenCalled();
    await settle();
    expect(h.tor.openConnections).toBe(0);
  });

  it('a cookie file that is not the one tor knows gives a server hash mismatch with SAFECOOKIE', async () => {
    const h = makeHarness({ authMethods: ['SAFECOOKIE'] });
    h.tor.files.set(COOKIE_FILE, new Uint8Array(32).fill(7));
    await expect(h.controller.open()).rejects.toBeInstanceOf(ServerHashMismatchError);
  });

  it('cookie rejected (COOKIE method): tor\'s words plus the likely cause', async () => {
    const h = makeHarness({ authMethods: ['COOKIE'] });
    h.tor.files.set(COOKIE_FILE, new Uint8Array(32).fill(7));
    const error = await h.controller.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CookieRejectedError);
    expect((error as Error).message).toContain('Authentication cookie did not match expected value.');
    expect((error as Error).message).toContain('stale');
  });

  it('no usable method: lists what tor offers and what we have', async () => {
    const h = makeHarness({ authMethods: ['MAGIC', 'PIXIE_DUST'] });
    const error = await h.controller.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoUsableAuthMethodError);
    expect((error as NoUsableAuthMethodError).offered).toEqual(['MAGIC', 'PIXIE_DUST']);
    expect((error as Error).message).toContain('we have NULL, SAFECOOKIE, COOKIE');
  });

  it('no usable method: cookie offered but no way to read it', async () => {
    const h = makeHarness({ authMethods: ['SAFECOOKIE'] }, { auth: {} });
    await expect(h.controller.open()).rejects.toBeInstanceOf(NoUsableAuthMethodError);
  });

  it('other refusals keep tor\'s words', async () => {
    const h = makeHarness({ authMethods: ['SAFECOOKIE'] });
    h.tor.handle('AUTHCHALLENGE', () => '515 Cookie authentication is disabled\r\n');
    const error = await h.controller.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthFailedError);
    expect((error as Error).message).toContain('515 Cookie authentication is disabled');
  });
});

describe('readCookieFile (real files)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ortop-cookie-'));

  it('reads a 32-byte cookie', async () => {
    const file = path.join(dir, 'good');
    writeFileSync(file, Buffer.alloc(32, 1));
    expect(Buffer.from(await readCookieFile(file))).toEqual(Buffer.alloc(32, 1));
  });

  it('refuses other sizes with the size and file in the message', async () => {
    const file = path.join(dir, 'big');
    writeFileSync(file, Buffer.alloc(33, 1));
    const error = await readCookieFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CookieSizeError);
    expect((error as Error).message).toContain(`${file}: it is 33 bytes, not 32`);
  });

  it('does not read devices (a fake tor could name /dev/zero)', async () => {
    const error = await readCookieFile('/dev/zero').catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('ENOTFILE');
  });

  it('reports a missing file with ENOENT', async () => {
    const error = await readCookieFile(path.join(dir, 'missing')).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('ENOENT');
  });
});
