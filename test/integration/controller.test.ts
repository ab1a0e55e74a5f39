// The controller against a real tor that the harness starts on loopback: every auth method, the
// distinct auth errors, a unix socket, configuration round trips, and tor killed and restarted
// mid-test (the controller reconnects by itself and events flow again).
import { truncate, unlink } from 'node:fs/promises';
import { afterEach, expect, it } from 'vitest';
import { connect, type Controller, type StateChange } from '../../src/controller/index.js';
import type { ControlTarget } from '../../src/transport/index.js';
import { pollUntil } from '../helpers/poll-until.js';
import { startTor, type TorProcess } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

const tcp = (tor: TorProcess): ControlTarget => ({ kind: 'tcp', host: '127.0.0.1', port: tor.controlPort });

let open: Controller[] = [];
afterEach(() => {
  for (const c of open) c.close();
  open = [];
});

async function attach(target: ControlTarget, options: Parameters<typeof connect>[0] = {}): Promise<Controller> {
  const c = await connect({ target, reconnect: false, ...options });
  open.push(c);
  return c;
}

describeWithTor('controller against a real tor', () => {
  it('authenticates with SAFECOOKIE when tor offers cookies, and answers GETINFO', async () => {
    const tor = await startTor({ auth: 'cookie' });
    const c = await attach(tcp(tor));
    expect(c.authMethod).toBe('SAFECOOKIE');
    expect(c.state).toBe('connected');
    const version = await c.getInfoOne('version');
    expect(version).toMatch(/^\d+\.\d+\.\d+\.\d+/);
    expect(c.torVersion).toBe(version.split(' ')[0]);
    const info = await c.getInfo(['process/pid', 'config-file']);
    expect(Number(info.get('process/pid'))).toBe(tor.pid);
    expect(info.get('config-file')).toBe(tor.torrcPath);
  });

  it('prefers SAFECOOKIE over the password when both are configured, without asking for it', async () => {
    const tor = await startTor({ auth: 'cookie+password' });
    let asked = 0;
    const c = await attach(tcp(tor), { password: async () => (asked++, tor.password!) });
    expect(c.authMethod).toBe('SAFECOOKIE');
    expect(asked).toBe(0);
  });

  it('authenticates with HASHEDPASSWORD, asking the provider once', async () => {
    const tor = await startTor({ auth: 'password', password: 'pa ss "wörd"\\' });
    let asked = 0;
    const c = await attach(tcp(tor), { password: async () => (asked++, 'pa ss "wörd"\\') });
    expect(c.authMethod).toBe('HASHEDPASSWORD');
    expect(asked).toBe(1);
    expect(await c.getInfoOne('version')).toMatch(/^\d/);
  });

  it('reports a wrong password, and a missing one, as distinct errors', async () => {
    const tor = await startTor({ auth: 'password' });
    await expect(attach(tcp(tor), { password: async () => 'not the password' })).rejects.toMatchObject({ kind: 'wrong-password' });
    await expect(attach(tcp(tor))).rejects.toMatchObject({ kind: 'password-required' });
  });

  it('authenticates with NULL when tor has no authentication', async () => {
    const tor = await startTor({ auth: 'none' });
    const c = await attach(tcp(tor));
    expect(c.authMethod).toBe('NULL');
  });

  it('connects over a unix socket', async () => {
    const tor = await startTor({ auth: 'cookie', controlSocket: true });
    const c = await attach({ kind: 'unix', path: tor.controlSocket! });
    expect(c.authMethod).toBe('SAFECOOKIE');
    expect(Number(await c.getInfoOne('process/pid'))).toBe(tor.pid);
  });

  it('says which cookie file is unreadable, and falls back to the password when tor allows one', async () => {
    const tor = await startTor({ auth: 'cookie+password' });
    await unlink(tor.cookiePath);
    const err = await attach(tcp(tor)).catch((e: unknown) => e);
    // cookie gone and no password: tor would take a password, so that is what is asked for,
    // and the message still names the cookie problem.
    expect(err).toMatchObject({ kind: 'password-required' });
    expect((err as Error).message).toContain(tor.cookiePath);
    const c = await attach(tcp(tor), { password: async () => tor.password! });
    expect(c.authMethod).toBe('HASHEDPASSWORD');
  });

  it('refuses an unreadable cookie with the file and the usual fix when no password is possible', async () => {
    const tor = await startTor({ auth: 'cookie' });
    await unlink(tor.cookiePath);
    const err = await attach(tcp(tor)).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'cookie-unreadable', file: tor.cookiePath });
  });

  it('refuses a cookie file that is not exactly 32 bytes, before sending anything secret', async () => {
    const tor = await startTor({ auth: 'cookie' });
    await truncate(tor.cookiePath, 31);
    const err = await attach(tcp(tor)).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'cookie-wrong-size' });
    expect((err as Error).message).toContain('31');
  });

  it('sets and resets an option and sees tor confirm it with CONF_CHANGED', async () => {
    const tor = await startTor({ auth: 'cookie' });
    const c = await attach(tcp(tor));
    const changes: string[] = [];
    c.on('CONF_CHANGED', (_event, reply) => changes.push(reply.lines.map((l) => l.text).join('|')));
    await c.syncEvents();
    await c.setConf({ ContactInfo: 'ortop test <nobody AT example dot invalid> "quoted" \\ back' });
    expect((await c.getConf(['ContactInfo'])).get('ContactInfo')).toEqual(['ortop test <nobody AT example dot invalid> "quoted" \\ back']);
    await pollUntil('CONF_CHANGED for ContactInfo', () => changes.some((t) => t.includes('ContactInfo=ortop test')));
    await c.resetConf(['ContactInfo']);
    expect((await c.getConf(['ContactInfo'])).get('ContactInfo')).toEqual([]);
    await pollUntil('CONF_CHANGED resetting ContactInfo', () => changes.some((t) => /\|ContactInfo(\||$)/.test(t) || t === 'CONF_CHANGED|ContactInfo|OK'));
  });

  it('turns an unknown GETINFO key into a ReplyError naming the key', async () => {
    const tor = await startTor({ auth: 'cookie' });
    const c = await attach(tcp(tor));
    await expect(c.getInfo(['version', 'no/such/key'])).rejects.toMatchObject({ code: 552, unrecognized: ['no/such/key'] });
    expect(await c.getInfoOne('version')).toMatch(/^\d/);
  });

  it('reconnects by itself when tor is killed and restarted, and events flow again', async () => {
    const tor = await startTor({ auth: 'cookie' });
    const c = await connect({ target: tcp(tor), reconnect: { initialDelayMs: 200, maxDelayMs: 1000 } });
    open.push(c);
    const states: StateChange['kind'][] = [];
    c.onState((s) => states.push(s.kind));
    let bw = 0;
    c.on('BW', () => bw++);
    await c.syncEvents();
    await pollUntil('a BW event', () => bw > 0);

    await tor.kill('SIGKILL');
    await pollUntil('the controller to notice', () => states.includes('closed'));
    expect(c.state).not.toBe('connected');
    const pending = c.getInfoOne('version').catch((e: unknown) => e);

    await tor.restart(); // same port, new cookie
    await pollUntil('reconnection', () => states.includes('connected'), 20_000);
    expect(c.state).toBe('connected');
    expect(Number(await c.getInfoOne('process/pid'))).toBe(tor.pid);
    const before = bw;
    await pollUntil('BW events after the restart', () => bw > before);
    // A request made while disconnected either waited for the new connection or failed clearly.
    const result = await pending;
    if (result instanceof Error) expect(result.message).toMatch(/clos|connect/i);
    else expect(result).toMatch(/^\d/);
  }, 40_000);
});
