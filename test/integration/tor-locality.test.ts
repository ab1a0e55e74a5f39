// "Is this tor on this machine?" against real tors (DisableNetwork 1, loopback only): a plain tor is
// local by its fds (TCP and unix socket), and by the weaker uid rule when its fds are denied (also as a
// real unprivileged user); a tor in its own PID namespace (unshare: needs root, fails loudly without),
// TCP and unix-socket forwards to a tor, and another tor's pid are remote, each with its reason.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type Controller } from '../../src/controller/index.js';
import { parseListeners } from '../../src/relay/header-info.js';
import { decideTorLocality, realLocalityFs, type LocalityFs, type TorLocalityInput } from '../../src/system/tor-locality.js';
import type { ControlTarget, TransportEndpoint } from '../../src/transport/index.js';
import { findTor, startTor, type TorProcess } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

const controllers: Controller[] = [];
const servers: net.Server[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'ortop-loc-'));

afterAll(async () => {
  controllers.forEach((c) => c.close());
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  rmSync(scratch, { recursive: true, force: true });
});

/** Attaches as main.ts would, keeping the transport's endpoint (wrapTransport), and asks tor what the rule needs. */
async function attach(target: ControlTarget): Promise<TorLocalityInput & { endpoint: TransportEndpoint }> {
  let endpoint: TransportEndpoint | undefined;
  const controller = await connect({
    target,
    reconnect: false,
    wrapTransport: (open) => async () => {
      const transport = await open();
      endpoint = transport.endpoint;
      return transport;
    },
  });
  controllers.push(controller);
  const info = await controller.getInfo(['process/pid', 'process/uid', 'net/listeners/control']);
  if (endpoint === undefined) throw new Error('the transport did not expose its endpoint');
  return { pid: Number(info.get('process/pid')), uid: Number(info.get('process/uid')), controlListeners: parseListeners(info.get('net/listeners/control') ?? ''), endpoint };
}

/** A byte-for-byte forward (a stand-in for ssh -L / socat): listens on `where`, connects every client to `to`. */
async function forward(where: { port: 0 } | { path: string }, to: ControlTarget): Promise<ControlTarget> {
  const server = net.createServer((client) => {
    const upstream = to.kind === 'tcp' ? net.connect(to.port, to.host) : net.connect(to.path);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if ('path' in where) server.listen(where.path, resolve);
    else server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if ('path' in where) return { kind: 'unix', path: where.path };
  return { kind: 'tcp', host: '127.0.0.1', port: typeof address === 'object' && address !== null ? address.port : 0 };
}

/** The real /proc, except that tor's fds and exe are denied as they are to a user when tor is non-dumpable. */
function deniedFdsOf(pid: number): LocalityFs {
  const denied = (p: string) => p === `/proc/${pid}/exe` || p === `/proc/${pid}/fd` || p.startsWith(`/proc/${pid}/fd/`);
  const eacces = (p: string) => Promise.reject(Object.assign(new Error(`EACCES: permission denied, ${p}`), { code: 'EACCES' }));
  return {
    ...realLocalityFs,
    listDir: (p) => (denied(p) ? eacces(p) : realLocalityFs.listDir(p)),
    readLink: (p) => (denied(p) ? eacces(p) : realLocalityFs.readLink(p)),
  };
}

const tcpOf = (tor: TorProcess): ControlTarget => ({ kind: 'tcp', host: '127.0.0.1', port: tor.controlPort });

describeWithTor('tor locality against real tors', () => {
  let torA: TorProcess;
  let torB: TorProcess;
  beforeAll(async () => {
    [torA, torB] = await Promise.all([startTor({ controlSocket: true }), startTor()]);
  });

  it('(a) a tor on 127.0.0.1 is local by its fds, and so is the same tor on its unix socket', async () => {
    const viaTcp = await decideTorLocality(await attach(tcpOf(torA)));
    expect(viaTcp).toMatchObject({ local: true, pid: torA.pid, basis: 'fd' });
    if (viaTcp.local) expect(viaTcp.evidence).toMatch(new RegExp(`/proc/${torA.pid}/exe is \\S+/tor\\) and holds the other end of ortop's connection to 127\\.0\\.0\\.1:${torA.controlPort} \\(socket:\\[\\d+\\]`));
    const viaSocket = await attach({ kind: 'unix', path: torA.controlSocket! });
    expect(viaSocket.controlListeners).toContain(`unix:${torA.controlSocket}`);
    const d = await decideTorLocality(viaSocket);
    expect(d).toMatchObject({ local: true, pid: torA.pid, basis: 'fd' });
    if (d.local) expect(d.evidence).toContain(`the listening socket at ${torA.controlSocket}`);
  });

  it('(a) with tor fds denied (tor as another user), local by the weaker uid rule, and it says so', async () => {
    for (const target of [tcpOf(torA), { kind: 'unix', path: torA.controlSocket! } as const]) {
      const d = await decideTorLocality(await attach(target), deniedFdsOf(torA.pid));
      expect(d, JSON.stringify(target)).toMatchObject({ local: true, pid: torA.pid, basis: 'uid' });
      if (d.local) expect(d.evidence).toContain(`/proc/${torA.pid}/comm is tor; /proc/${torA.pid}/exe: permission denied`);
    }
  });

  it('(a) as an unprivileged user (tor non-dumpable, fds and exe denied by the kernel), local by the uid rule', async () => {
    const setpriv = requireRootAnd('setpriv');
    const probe = fileURLToPath(new URL('../helpers/locality-probe.ts', import.meta.url));
    const input = await attach(tcpOf(torA));
    const args = [String(torA.controlPort), String(input.pid), String(input.uid)];
    const run = (listeners: readonly string[]) =>
      JSON.parse(
        execFileSync(setpriv, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', probe, ...args, ...listeners], {
          encoding: 'utf8',
          cwd: fileURLToPath(new URL('../..', import.meta.url)),
          env: { ...process.env, HOME: scratch },
        }),
      ) as unknown;
    const d = run(input.controlListeners!);
    expect(d).toMatchObject({ local: true, pid: torA.pid, basis: 'uid' });
    expect((d as { evidence: string }).evidence).toContain(`/proc/${torA.pid}/fd: permission denied`);
    expect(run(['127.0.0.1:1'])).toMatchObject({ local: false, reason: expect.stringContaining("tor's control listeners are 127.0.0.1:1") });
  });

  it('(c) a TCP forward to tor A (while tor B runs) is remote: tor A does not hold the socket ortop is connected to', async () => {
    const proxy = await forward({ port: 0 }, tcpOf(torA));
    const input = await attach(proxy);
    expect(input.pid).toBe(torA.pid);
    const d = await decideTorLocality(input);
    expect(d).toEqual({
      local: false,
      reason: `the control port ortop is connected to (127.0.0.1:${(proxy as { port: number }).port}) is not tor's own socket: pid ${torA.pid} (tor) does not hold the other end of ortop's connection to 127.0.0.1:${(proxy as { port: number }).port}; a forward or proxy (e.g. ssh -L), or another tor`,
    });
    // Also by the uid rule: tor A lists only its own port.
    const weak = await decideTorLocality(input, deniedFdsOf(torA.pid));
    expect(weak).toMatchObject({ local: false, reason: expect.stringContaining(`tor's control listeners are 127.0.0.1:${torA.controlPort}, unix:${torA.controlSocket}, but ortop is connected to 127.0.0.1:`) });
    // tor B, reached directly, is local; its pid offered for tor A's connection (another tor) is not.
    expect(await decideTorLocality(await attach(tcpOf(torB)))).toMatchObject({ local: true, pid: torB.pid });
    const crossed = await decideTorLocality({ ...(await attach(tcpOf(torA))), pid: torB.pid });
    expect(crossed).toMatchObject({ local: false, reason: expect.stringContaining(`pid ${torB.pid} (tor) does not hold`) });
  });

  it('(c) a unix-socket forward to tor A is remote', async () => {
    const fwd = await forward({ path: join(scratch, 'fwd') }, { kind: 'unix', path: torA.controlSocket! });
    const input = await attach(fwd);
    expect(input.pid).toBe(torA.pid);
    expect(await decideTorLocality(input)).toMatchObject({ local: false, reason: expect.stringContaining(`(${join(scratch, 'fwd')}) is not tor's own socket`) });
    expect(await decideTorLocality(input, deniedFdsOf(torA.pid))).toMatchObject({ local: false });
  });

  it('--remote wins over every piece of evidence', async () => {
    expect(await decideTorLocality({ ...(await attach(tcpOf(torA))), forceRemote: true })).toMatchObject({ local: false, reason: expect.stringContaining('--remote') });
  });

  it('(b) a tor in its own PID namespace (unshare --pid) on 127.0.0.1 is remote: the pid it reports is not tor here', async () => {
    const unshare = requireRootAnd('unshare');
    const setpriv = requireRootAnd('setpriv');
    // The wrapper execs into unshare, which forks tor as pid 1 of a new PID namespace. If the test
    // process dies, setpriv's parent-death signal ends unshare and --kill-child ends tor.
    const wrapper = join(scratch, 'tor-in-pidns');
    writeFileSync(wrapper, `#!/bin/sh\nexec ${setpriv} --pdeathsig KILL ${unshare} --pid --fork --mount-proc --kill-child=TERM ${findTor()} "$@"\n`);
    chmodSync(wrapper, 0o755);
    // tor cannot see our pid from inside its namespace, so no __OwningControllerProcess.
    const inner = await startTor({ torPath: wrapper, owningProcess: false }).catch((e: Error) => {
      throw new Error(`could not start tor under unshare --pid (needs root and unprivileged namespaces allowed): ${e.message}`);
    });
    try {
      const input = await attach(tcpOf(inner));
      expect(input.pid, 'tor in a fresh PID namespace reports a small pid').toBeLessThan(10);
      const d = await decideTorLocality(input);
      expect(d.local).toBe(false);
      if (!d.local) expect(d.reason).toMatch(new RegExp(`^(pid ${input.pid} here is .+, not tor|there is no process ${input.pid} here): tor runs in another PID namespace \\(a container\\) or on another machine$`));
      // The same tor under its pid on this machine's side holds the socket: only the reported pid was wrong.
      const hostPid = innerTorPid(inner.pid);
      expect(await decideTorLocality({ ...input, pid: hostPid })).toMatchObject({ local: true, pid: hostPid, basis: 'fd' });
    } finally {
      // unshare blocks SIGTERM while it waits for tor; end tor (our own grandchild, by pid) so unshare exits.
      const hostPid = innerTorPidOrUndefined(inner.pid);
      if (hostPid !== undefined) process.kill(hostPid, 'SIGTERM');
      await inner.stop();
    }
  });
});

/** The path of a util-linux tool these tests need, as root; fails loudly (never skips) otherwise. */
function requireRootAnd(command: string): string {
  if (process.getuid?.() !== 0) throw new Error(`this test needs root (for ${command}); CI runs as root`);
  const path = which(command);
  if (path === undefined) throw new Error(`this test needs ${command} (util-linux) on PATH`);
  return path;
}

function which(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The child unshare forked (tor, as this machine numbers it). */
function innerTorPidOrUndefined(unsharePid: number): number | undefined {
  try {
    const child = Number(readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(child) && child > 0 ? child : undefined;
  } catch {
    return undefined;
  }
}

function innerTorPid(unsharePid: number): number {
  const pid = innerTorPidOrUndefined(unsharePid);
  if (pid === undefined) throw new Error(`no child of unshare (pid ${unsharePid})`);
  return pid;
}
