// ortop --ssh against real parts: a throwaway sshd on 127.0.0.1 (test/helpers/sshd.ts) in front of
// real tors (DisableNetwork 1). Cookie auth over ssh, password auth, a key sshd refuses, sshd killed
// and back, tor killed behind a live ssh, no ssh left behind on exit, SIGTERM or SIGHUP, a snapshot
// through ssh equal to the local one for pages that read nothing local, and a fleet with ssh in it.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { StateChange } from '../../src/controller/index.js';
import { describeConnectionProblem } from '../../src/app/session/connection-problem.js';
import { attachSsh, SshFleet } from '../../src/app/shell/attach-ssh.js';
import { parseSshTarget } from '../../src/transport/index.js';
import { spawnInPty } from '../../bench/lib/pty-process.js';
import { maskNumbers } from '../e2e/frames.js';
import { pollUntil } from '../helpers/poll-until.js';
import { processesMentioning, SSH_HOST_ALIAS, startSshd, type Sshd } from '../helpers/sshd.js';
import { describeWithSshd } from '../helpers/sshd-required.js';
import { startTor, type TorProcess } from '../helpers/tor-process.js';

const run = promisify(execFile);
const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'ortop-ssh-test-'));
let runs = 0;

/** A fresh runtime dir per run, so each run's ssh processes and sockets can be looked for by path. */
function runtimeDir(): string {
  const dir = join(scratch, `rt${runs++}`);
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}

async function ortop(args: string[], env: NodeJS.ProcessEnv, timeout = 30_000) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...env }, timeout });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Nothing of a run is left: no process naming its runtime dir (a SIGTERMed ssh takes a moment to go), no socket in it. */
async function expectNothingLeft(dir: string): Promise<void> {
  await pollUntil(`no ssh process left for ${dir} (${processesMentioning(dir).join(', ')})`, () => processesMentioning(dir).length === 0, 5000);
  const left = existsSync(join(dir, 'ortop')) ? readdirSync(join(dir, 'ortop')) : [];
  expect(left, `sockets left in ${dir}/ortop`).toEqual([]);
}

describeWithSshd('ortop over ssh (real sshd, real tor)', () => {
  let sshd: Sshd;
  let tor: TorProcess;
  beforeAll(async () => {
    [sshd, tor] = await Promise.all([startSshd(), startTor({ controlSocket: true, auth: 'cookie' })]);
  });
  afterAll(async () => {
    await sshd?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });
  const via = (t: TorProcess) => `${SSH_HOST_ALIAS}:${t.controlSocket!}`;

  it('attaches with the remote cookie read over ssh (SAFECOOKIE), logs the ssh command with -d, and leaves no ssh behind', async () => {
    const rt = runtimeDir();
    const debug = join(scratch, 'debug.log');
    const r = await ortop(['--ssh', via(tor), '--snapshot', '--size', '120x30', '--wait', '0.5', '-d', debug], { ...sshd.env, XDG_RUNTIME_DIR: rt });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`ortop - ${SSH_HOST_ALIAS}`);
    expect(r.stdout).toContain(`Control Port (safecookie): ssh://${SSH_HOST_ALIAS}${tor.controlSocket}`);
    const log = readFileSync(debug, 'utf8');
    expect(log).toMatch(new RegExp(`ssh: running ssh -F \\S+ -o BatchMode=yes .* -N .*-L ${rt}/ortop/\\S+\\.sock:${tor.controlSocket} -- ${SSH_HOST_ALIAS}`));
    expect(log).toContain(`"cat -- '${tor.dataDir}/control_auth_cookie'"`);
    expect(log).toContain('reached over ssh: nothing about it is read from this machine');
    await expectNothingLeft(rt);
  }, 60_000);

  it('attaches with a password through the tunnel: ORTOP_PASSWORD, or asked at the terminal', async () => {
    const pwTor = await startTor({ controlSocket: true, auth: 'password' });
    const rt = runtimeDir();
    const r = await ortop(['--ssh', via(pwTor), '--snapshot', '--size', '120x30', '--wait', '0'], { ...sshd.env, XDG_RUNTIME_DIR: rt, ORTOP_PASSWORD: pwTor.password });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Control Port (password): ssh://${SSH_HOST_ALIAS}${pwTor.controlSocket}`);
    const wrong = await ortop(['--ssh', via(pwTor), '--snapshot', '--wait', '0'], { ...sshd.env, XDG_RUNTIME_DIR: rt, ORTOP_PASSWORD: 'not-it' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/rejected the password/);
    // At a terminal: tor's password asked, then the frame through the tunnel.
    const pty = spawnInPty(process.execPath, [CLI, '--ssh', via(pwTor), '--snapshot', '--wait', '0'], {
      cols: 120,
      rows: 30,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TERM: 'xterm-256color', ...sshd.env, XDG_RUNTIME_DIR: rt },
    });
    let out = '';
    pty.onChunk((c) => (out += c.bytes.toString('utf8')));
    try {
      await pollUntil('the password prompt', () => out.includes('control password:'), 20_000);
      pty.write(`${pwTor.password}\r`);
      expect((await pty.exited)?.code).toBe(0);
      expect(out).toContain('Control Port (password): ssh://');
      // (No echo is test/integration/cli.test.ts's to check: the prompt is the same one.)
    } finally {
      await pty.stop();
    }
    await expectNothingLeft(rt);
    await pwTor.stop();
  }, 60_000);

  it("a key sshd refuses, a host key ssh does not know, no tor there: one line with the reason, exit 1, nothing left", async () => {
    const rt = runtimeDir();
    const r = await ortop(['--ssh', via(tor), '--snapshot', '--wait', '0'], { ORTOP_SSH_CONFIG: sshd.wrongKeyConfig, XDG_RUNTIME_DIR: rt });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`ortop: ssh to ${SSH_HOST_ALIAS} failed: Permission denied (publickey).`);
    // A host ssh does not know yet: BatchMode never asks, ssh says why.
    const strict = join(scratch, 'strict_config');
    writeFileSync(strict, readFileSync(sshd.clientConfig, 'utf8').replace(/UserKnownHostsFile .*/, `UserKnownHostsFile ${join(scratch, 'empty_known_hosts')}`).replace('accept-new', 'yes'));
    const unknown = await ortop(['--ssh', via(tor), '--snapshot', '--wait', '0'], { ORTOP_SSH_CONFIG: strict, XDG_RUNTIME_DIR: rt });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe(`ortop: ssh to ${SSH_HOST_ALIAS} failed: Host key verification failed.`);
    const nothing = await ortop(['--ssh', `${SSH_HOST_ALIAS}:/nonexistent/control`, '--snapshot', '--wait', '0'], { ...sshd.env, XDG_RUNTIME_DIR: rt });
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/ssh to ortop-test works, but it could not reach tor's control port there \(\/nonexistent\/control: ssh could not open it there\)/);
    await expectNothingLeft(rt);
  }, 60_000);

  it("sshd killed: the banner says ssh's link is lost; sshd back: ortop restarts ssh and reconnects", async () => {
    const rt = runtimeDir();
    const fleet = new SshFleet(() => {}, { ...sshd.env, XDG_RUNTIME_DIR: rt });
    try {
      const relay = await attachSsh({ name: 'r', ssh: parseSshTarget(via(tor)) }, undefined, fleet);
      const states: StateChange[] = [];
      relay.controller.onState((s) => states.push(s));
      await sshd.kill();
      await pollUntil('a failed reconnect while sshd is down', () => states.some((s) => s.kind === 'connect-failed'), 20_000);
      const closed = states.find((s) => s.kind === 'closed');
      expect(closed?.kind === 'closed' ? describeConnectionProblem(closed.reason)?.text : undefined).toMatch(/^ssh to ortop-test lost: /);
      const failed = states.find((s) => s.kind === 'connect-failed');
      expect(failed?.kind === 'connect-failed' ? describeConnectionProblem(failed.error)?.text : undefined).toMatch(/^ssh to ortop-test lost: .*Connection refused/);
      await sshd.restart();
      await pollUntil('reconnected through a new ssh', () => states.some((s) => s.kind === 'connected'), 30_000);
      expect(await relay.controller.getInfoOne('version')).toMatch(/^0\./);
      relay.controller.close();
    } finally {
      fleet.close();
    }
    await expectNothingLeft(rt);
  }, 60_000);

  it("tor killed behind a live ssh: tor's banner (not ssh's); tor back: reconnects", async () => {
    const rt = runtimeDir();
    const fleet = new SshFleet(() => {}, { ...sshd.env, XDG_RUNTIME_DIR: rt });
    const own = await startTor({ controlSocket: true, auth: 'cookie' });
    try {
      const relay = await attachSsh({ name: 'r', ssh: parseSshTarget(via(own)) }, undefined, fleet);
      const states: StateChange[] = [];
      relay.controller.onState((s) => states.push(s));
      const sshPids = fleet.pids;
      await own.kill('SIGKILL');
      await pollUntil('a failed reconnect while tor is down', () => states.some((s) => s.kind === 'connect-failed'), 20_000);
      const closed = states.find((s) => s.kind === 'closed');
      expect(closed?.kind === 'closed' ? describeConnectionProblem(closed.reason)?.text : undefined).toBe('connection lost');
      const failed = states.find((s) => s.kind === 'connect-failed');
      expect(failed?.kind === 'connect-failed' ? describeConnectionProblem(failed.error)?.text : undefined).toBe('nothing listening');
      expect(fleet.pids).toEqual(sshPids);
      await own.restart();
      await pollUntil('reconnected to the new tor', () => states.some((s) => s.kind === 'connected'), 30_000);
      expect(Number(await relay.controller.getInfoOne('process/pid'))).toBe(own.pid);
      relay.controller.close();
    } finally {
      fleet.close();
      await own.stop();
    }
    await expectNothingLeft(rt);
  }, 60_000);

  it('with several control listeners to try (as the defaults: /run/tor/control, then 9051), the first that reaches tor wins', async () => {
    const rt = runtimeDir();
    const fleet = new SshFleet(() => {}, { ...sshd.env, XDG_RUNTIME_DIR: rt });
    try {
      const target = { ...parseSshTarget(SSH_HOST_ALIAS), controls: [{ kind: 'unix' as const, path: '/nonexistent/control' }, { kind: 'tcp' as const, host: '127.0.0.1', port: tor.controlPort }] };
      const relay = await attachSsh({ name: 'r', ssh: target }, undefined, fleet);
      expect(relay.controller.address).toBe(`ssh://${SSH_HOST_ALIAS}/127.0.0.1:${tor.controlPort}`);
      expect(relay.controller.authMethod).toBe('SAFECOOKIE');
      relay.controller.close();
    } finally {
      fleet.close();
    }
    await expectNothingLeft(rt);
  }, 60_000);

  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} while attached: the ssh child is ended and its socket removed`, async () => {
      const rt = runtimeDir();
      const child = spawn(process.execPath, [CLI, '--ssh', via(tor), '--snapshot', '--wait', '60'], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...sshd.env, XDG_RUNTIME_DIR: rt },
        stdio: 'ignore',
      });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig })));
      await pollUntil('ssh running with a forward', () => processesMentioning(rt).length > 0 && existsSync(join(rt, 'ortop')) && readdirSync(join(rt, 'ortop')).some((f) => f.endsWith('.sock')), 20_000);
      child.kill(signal);
      const exit = await exited;
      expect(exit.signal).toBe(signal);
      await pollUntil('ssh gone', () => processesMentioning(rt).length === 0, 5000);
      await expectNothingLeft(rt);
    }, 60_000);
  }

  it('quitting the full-screen monitor (Ctrl-C: quit at once): ssh ended, socket removed', async () => {
    const rt = runtimeDir();
    const pty = spawnInPty(process.execPath, [CLI, '--ssh', via(tor)], {
      cols: 100,
      rows: 30,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TERM: 'xterm-256color', ...sshd.env, XDG_RUNTIME_DIR: rt },
    });
    let out = '';
    pty.onChunk((c) => (out += c.bytes.toString('utf8')));
    try {
      await pollUntil('the monitor on screen', () => out.includes('safecookie'), 20_000);
      expect(processesMentioning(rt).length).toBeGreaterThan(0);
      pty.write('\x03');
      const exit = await pty.exited;
      expect(exit?.code).toBe(0);
    } finally {
      await pty.stop();
    }
    await expectNothingLeft(rt);
  }, 60_000);

  it('a snapshot through ssh equals the local one on the pages that read nothing local (config, interpreter)', async () => {
    for (const page of ['config', 'interpreter']) {
      const rt = runtimeDir();
      const args = ['--snapshot', '--page', page, '--size', '120x40', '--wait', '1'];
      const local = await ortop(['-s', tor.controlSocket!, ...args], {});
      const remote = await ortop(['--ssh', via(tor), ...args], { ...sshd.env, XDG_RUNTIME_DIR: rt });
      expect(remote.stderr).toBe('');
      // The header is about where tor is (host, control address, this machine's figures): the page below it is tor's.
      const rows = local.stdout.split('\n');
      const start = rows.findIndex((r) => r.startsWith('network')) + 1;
      expect(start, local.stdout).toBeGreaterThan(1);
      // The config page's descriptions come from tor's manual, loaded while the frame is drawn: compare name and value.
      const cut = (frame: string) =>
        frame
          .split('\n')
          .slice(start)
          .map((r) => (page === 'config' ? r.split(/\s+/).slice(0, 2).join(' ') : r))
          .map(maskNumbers)
          .sort();
      expect(cut(remote.stdout), page).toEqual(cut(local.stdout));
      expect(cut(local.stdout).join('\n').length).toBeGreaterThan(100);
      await expectNothingLeft(rt);
    }
  }, 60_000);

  it('a fleet: two local tors and one over ssh on the Relays page', async () => {
    const second = await startTor({ controlSocket: true, auth: 'cookie' });
    const rt = runtimeDir();
    try {
      const r = await ortop(['-s', tor.controlSocket!, '-s', second.controlSocket!, '--ssh', via(second), '--snapshot', '--page', 'relays', '--size', '160x30', '--wait', '1'], {
        ...sshd.env,
        XDG_RUNTIME_DIR: rt,
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const rows = r.stdout.split('\n');
      expect(r.stdout).toContain('Relays (3');
      expect(rows.filter((row) => row.startsWith('/tmp/ortop-'))).toHaveLength(2);
      const viaSsh = rows.filter((row) => row.startsWith(`${SSH_HOST_ALIAS}:`));
      expect(viaSsh, r.stdout).toHaveLength(1);
      expect(viaSsh[0]).toContain('0.4.9');
      await expectNothingLeft(rt);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
