// Proves the real-tor harness (test/helpers/tor-process.ts): every auth variant answers PROTOCOLINFO as
// configured over a raw socket framed by src/protocol, kill + restart keeps the control port, failures
// carry tor's own words, and no tor or temp directory outlives the suite. Uses no Controller.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Framer, parseProtocolInfo, type ProtocolInfo, type Reply } from '../../src/protocol/index.js';
import { liveTorCount, startTor, stopAllTor, type TorProcess } from '../helpers/tor-process.js';
import { decideTorRequirement, describeWithTor, TOR_MISSING_LINE } from '../helpers/tor-required.js';

/** A bare control connection: send a line, get the next framed reply. */
class RawControl {
  private readonly framer = new Framer();
  private readonly replies: Reply[] = [];
  private waiter: ((r: Reply) => void) | null = null;
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const out of this.framer.push(chunk)) {
        if (out.kind === 'error') throw out.error;
        this.replies.push(out.reply);
      }
      this.flush();
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static open(target: { port: number } | { path: string }): Promise<RawControl> {
    return new Promise((resolve, reject) => {
      const socket = 'path' in target ? connect(target.path) : connect(target.port, '127.0.0.1');
      socket.once('error', reject);
      socket.once('connect', () => resolve(new RawControl(socket)));
    });
  }

  send(line: string): Promise<Reply> {
    this.socket.write(`${line}\r\n`);
    return new Promise((resolve) => {
      this.waiter = resolve;
      this.flush();
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private flush(): void {
    const reply = this.waiter === null ? undefined : this.replies.shift();
    if (reply === undefined || this.waiter === null) return;
    const waiter = this.waiter;
    this.waiter = null;
    waiter(reply);
  }
}

async function protocolInfoAt(target: { port: number } | { path: string }): Promise<ProtocolInfo> {
  const control = await RawControl.open(target);
  try {
    return parseProtocolInfo(await control.send('PROTOCOLINFO 1'));
  } finally {
    control.close();
  }
}

/** Local ports in TIME_WAIT (state 06) from /proc/net/tcp. */
function timeWaitPorts(): Set<number> {
  const ports = new Set<number>();
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (local === undefined || fields[3] !== '06') continue;
    ports.add(Number.parseInt(local.split(':')[1] ?? '', 16));
  }
  return ports;
}

describe('decideTorRequirement', () => {
  it('runs when tor is found', () => {
    expect(decideTorRequirement('/usr/sbin/tor', {})).toEqual({ kind: 'run', torPath: '/usr/sbin/tor' });
  });
  it('skips with the one-line message when tor is missing', () => {
    expect(decideTorRequirement(undefined, {})).toEqual({ kind: 'skip', message: TOR_MISSING_LINE });
    expect(TOR_MISSING_LINE).toBe('skipped: tor not installed (apt-get install tor)');
  });
  it('fails when ORTOP_REQUIRE_TOR=1 and tor is missing', () => {
    const decision = decideTorRequirement(undefined, { ORTOP_REQUIRE_TOR: '1', ORTOP_TOR: '/nope/tor' });
    expect(decision.kind).toBe('fail');
    expect(decision.kind === 'fail' && decision.message).toMatch(/ORTOP_REQUIRE_TOR=1.*ORTOP_TOR=\/nope\/tor/);
  });
});

describeWithTor('tor process harness', () => {
  const started: TorProcess[] = [];
  async function start(...args: Parameters<typeof startTor>): Promise<TorProcess> {
    const tor = await startTor(...args);
    started.push(tor);
    return tor;
  }

  it('cookie auth offers COOKIE and SAFECOOKIE with our cookie file', async () => {
    const tor = await start({ auth: 'cookie' });
    const info = await protocolInfoAt({ port: tor.controlPort });
    expect(info.authMethods).toEqual(['COOKIE', 'SAFECOOKIE']);
    expect(info.cookieFiles).toEqual([tor.cookiePath]);
    expect(statSync(tor.cookiePath).size).toBe(32);
    expect(info.torVersion).toMatch(/^0\.4\./);
    await tor.stop();
  });

  it('password auth offers HASHEDPASSWORD and accepts the password', async () => {
    const tor = await start({ auth: 'password', password: 'sw0rd "fish"' });
    expect(tor.password).toBe('sw0rd "fish"');
    const control = await RawControl.open({ port: tor.controlPort });
    const info = parseProtocolInfo(await control.send('PROTOCOLINFO 1'));
    expect(info.authMethods).toEqual(['HASHEDPASSWORD']);
    expect(info.cookieFiles).toEqual([]);
    const ok = await control.send('AUTHENTICATE "sw0rd \\"fish\\""');
    expect(ok.lines.map((l) => `${l.code} ${l.text}`)).toEqual(['250 OK']);
    control.close();
    await tor.stop();
  });

  it('cookie+password offers all three methods', async () => {
    const tor = await start({ auth: 'cookie+password' });
    const info = await protocolInfoAt({ port: tor.controlPort });
    expect([...info.authMethods].sort()).toEqual(['COOKIE', 'HASHEDPASSWORD', 'SAFECOOKIE']);
    expect(tor.password).toMatch(/^ortop-/);
    await tor.stop();
  });

  it('no auth offers NULL only', async () => {
    const tor = await start({ auth: 'none' });
    const info = await protocolInfoAt({ port: tor.controlPort });
    expect(info.authMethods).toEqual(['NULL']);
    expect(existsSync(tor.cookiePath)).toBe(false);
    await tor.stop();
  });

  it('a unix control socket in a 0700 directory answers too', async () => {
    const tor = await start({ auth: 'cookie', controlSocket: true });
    expect(tor.controlSocket).toBeDefined();
    const socketPath = tor.controlSocket!;
    expect(statSync(dirname(socketPath)).mode & 0o777).toBe(0o700);
    const info = await protocolInfoAt({ path: socketPath });
    expect(info.authMethods).toEqual(['COOKIE', 'SAFECOOKIE']);
    await tor.stop();
  });

  it('relay mode has an identity, a nickname and a loopback ORPort', async () => {
    const tor = await start({ auth: 'none', relay: { nickname: 'harnessRelay' } });
    const control = await RawControl.open({ port: tor.controlPort });
    expect((await control.send('AUTHENTICATE')).code).toBe(250);
    const info = await control.send('GETINFO fingerprint');
    expect(info.lines[0]?.text).toMatch(/^fingerprint=[0-9A-F]{40}$/);
    const conf = await control.send('GETCONF ORPort Nickname');
    expect(conf.lines.map((l) => l.text)).toEqual(['ORPort=127.0.0.1:auto', 'Nickname=harnessRelay']);
    control.close();
    await tor.stop();
  });

  it('kill + restart comes back on the same control port, through TIME_WAIT', async () => {
    const tor = await start({ auth: 'cookie' });
    const port = tor.controlPort;
    const firstPid = tor.pid;
    const firstCookie = readFileSync(tor.cookiePath);
    const control = await RawControl.open({ port });
    await control.send('PROTOCOLINFO 1');
    const exit = await tor.kill('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    expect(tor.running).toBe(false);
    await control.closed;
    // tor's side closed first, so the old connection now sits in TIME_WAIT on the control port.
    expect(timeWaitPorts().has(port)).toBe(true);

    await tor.restart();
    expect(tor.controlPort).toBe(port);
    expect(tor.pid).not.toBe(firstPid);
    expect(tor.running).toBe(true);
    const info = await protocolInfoAt({ port });
    expect(info.authMethods).toEqual(['COOKIE', 'SAFECOOKIE']);
    expect(readFileSync(tor.cookiePath).equals(firstCookie)).toBe(false);
    await tor.stop();
    expect(existsSync(tor.dataDir)).toBe(false);
  });

  it('a tor that refuses its torrc fails fast with its own log lines', async () => {
    const liveBefore = liveTorCount();
    const error = await startTor({ torrc: ['NoSuchOptionForOrtop 1'] }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/exited .* before its control port was ready/);
    expect(error?.message).toMatch(/NoSuchOptionForOrtop/);
    expect(liveTorCount()).toBe(liveBefore);
  });

  it('leaves no tor process and no data directory behind', async () => {
    expect(started.length).toBeGreaterThanOrEqual(7);
    await stopAllTor();
    expect(liveTorCount()).toBe(0);
    for (const tor of started) {
      expect(tor.running).toBe(false);
      expect(() => process.kill(tor.pid, 0)).toThrow(/ESRCH/);
      expect(existsSync(tor.dataDir)).toBe(false);
    }
  });
});
