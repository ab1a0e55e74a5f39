// The locality rule on an injected /proc: who tor is, which socket ortop is connected to, and who holds it.
import { describe, expect, it } from 'vitest';
import { decideTorLocality, normalizeAddress, type LocalityFs, type TorLocalityInput } from '../../src/system/tor-locality.js';
import { parseProcNetUnix } from '../../src/system/sockets/index.js';

const err = (code: string, p: string) => Object.assign(new Error(`${code} ${p}`), { code });

interface Proc {
  readonly exe: string | 'EACCES' | 'ENOENT';
  readonly comm: string;
  readonly uid: number;
  readonly fds: readonly number[] | 'EACCES';
}
interface World {
  readonly procs: Readonly<Record<number, Proc>>;
  readonly tcp?: readonly string[];
  readonly tcp6?: readonly string[];
  readonly unix?: readonly string[];
  readonly owners?: Readonly<Record<string, number>>;
  readonly symlinks?: Readonly<Record<string, string>>;
}

const TCP_HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const UNIX_HEADER = 'Num       RefCount Protocol Flags    Type St Inode Path';
const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
const v4 = (a: string) => a.split('.').map((b) => Number(b).toString(16).toUpperCase().padStart(2, '0')).reverse().join('');
/** One /proc/net/tcp line; state '0A' LISTEN, '01' ESTABLISHED. */
const tcp = (local: string, remote: string, st: string, uid: number, inode: number) => {
  const [la, lp] = local.split(':');
  const [ra, rp] = remote.split(':');
  return `   0: ${v4(la!)}:${hex4(Number(lp))} ${v4(ra!)}:${hex4(Number(rp))} ${st} 00000000:00000000 00:00000000 00000000 ${String(uid).padStart(5)}        0 ${inode} 1 0000000000000000 20 4 30 10 -1`;
};
const unixLine = (inode: number, path: string, listening = true) => `0000000000000000: 00000002 00000000 ${listening ? '00010000' : '00000000'} 0001 01 ${String(inode).padStart(5)} ${path}`;

function fakeFs(world: World): LocalityFs {
  const proc = (p: string): [Proc, number, string] => {
    const m = /^\/proc\/(\d+)\/(.*)$/.exec(p);
    const pr = m === null ? undefined : world.procs[Number(m[1])];
    if (pr === undefined) throw err('ENOENT', p);
    return [pr, Number(m![1]), m![2]!];
  };
  return {
    readText: async (p) => {
      if (p === '/proc/net/tcp') return [TCP_HEADER, ...(world.tcp ?? [])].join('\n');
      if (p === '/proc/net/tcp6') return [TCP_HEADER, ...(world.tcp6 ?? [])].join('\n');
      if (p === '/proc/net/unix') return [UNIX_HEADER, ...(world.unix ?? [])].join('\n');
      const [pr, , rest] = proc(p);
      if (rest === 'comm') return `${pr.comm}\n`;
      if (rest === 'status') return `Name:\t${pr.comm}\nUid:\t${pr.uid}\t${pr.uid}\t${pr.uid}\t${pr.uid}\n`;
      throw err('ENOENT', p);
    },
    listDir: async (p) => {
      if (p === '/proc') return [...Object.keys(world.procs), 'net', 'self'];
      const [pr, , rest] = proc(p);
      if (rest !== 'fd') throw err('ENOENT', p);
      if (pr.fds === 'EACCES') throw err('EACCES', p);
      return pr.fds.map((_, i) => String(i + 3));
    },
    readLink: async (p) => {
      const [pr, , rest] = proc(p);
      if (rest === 'exe') {
        if (pr.exe === 'EACCES' || pr.exe === 'ENOENT') throw err(pr.exe, p);
        return pr.exe;
      }
      const fd = /^fd\/(\d+)$/.exec(rest);
      if (fd === null || pr.fds === 'EACCES') throw err('EACCES', p);
      const inode = pr.fds[Number(fd[1]) - 3];
      if (inode === undefined) throw err('ENOENT', p);
      return `socket:[${inode}]`;
    },
    ownerUid: async (p) => {
      const uid = world.owners?.[world.symlinks?.[p] ?? p];
      if (uid === undefined) throw err('ENOENT', p);
      return uid;
    },
    realPath: async (p) => world.symlinks?.[p] ?? p,
  };
}

// ortop (pid 900, uid 1000) is connected from 127.0.0.1:40000 to tor's control port 127.0.0.1:9051.
const TOR: Proc = { exe: '/usr/sbin/tor', comm: 'tor', uid: 108, fds: [500, 501] };
const ORTOP: Proc = { exe: '/usr/bin/node', comm: 'node', uid: 1000, fds: [600] };
const TCP_TABLE = [tcp('127.0.0.1:9051', '0.0.0.0:0', '0A', 108, 500), tcp('127.0.0.1:9051', '127.0.0.1:40000', '01', 108, 501), tcp('127.0.0.1:40000', '127.0.0.1:9051', '01', 1000, 600)];
const ENDPOINT = { kind: 'tcp', localAddress: '127.0.0.1', localPort: 40000, remoteAddress: '127.0.0.1', remotePort: 9051 } as const;
const INPUT: TorLocalityInput = { pid: 4242, uid: 108, controlListeners: ['127.0.0.1:9051'], endpoint: ENDPOINT };
const world = (over: Partial<World> = {}, procs: Record<number, Proc> = {}): World => ({ procs: { 4242: TOR, 900: ORTOP, ...procs }, tcp: TCP_TABLE, ...over });
const unreadableTor: Proc = { ...TOR, exe: 'EACCES', fds: 'EACCES' };

describe('decideTorLocality: TCP with tor fds readable', () => {
  it('local when tor holds the other end of ortop connection, saying which evidence', async () => {
    const d = await decideTorLocality(INPUT, fakeFs(world()));
    expect(d).toMatchObject({ local: true, pid: 4242, basis: 'fd' });
    if (!d.local) return;
    expect(d.evidence).toContain('/proc/4242/exe is /usr/sbin/tor');
    expect(d.evidence).toContain("the other end of ortop's connection to 127.0.0.1:9051 (socket:[501] in /proc/4242/fd)");
  });

  it('local by the listener (also a wildcard one) when the other end is not in the table', async () => {
    const tcpTable = [tcp('0.0.0.0:9051', '0.0.0.0:0', '0A', 108, 500)];
    const d = await decideTorLocality(INPUT, fakeFs(world({ tcp: tcpTable })));
    expect(d).toMatchObject({ local: true, basis: 'fd' });
    if (d.local) expect(d.evidence).toContain('the listening socket at 127.0.0.1:9051 (socket:[500]');
  });

  it('remote when no process has the reported pid', async () => {
    expect(await decideTorLocality({ ...INPUT, pid: 31337 }, fakeFs(world()))).toEqual({
      local: false,
      reason: 'there is no process 31337 here: tor runs in another PID namespace (a container) or on another machine',
    });
  });

  it('remote when the pid is not tor (pid 1 of another PID namespace lands on systemd)', async () => {
    const systemd: Proc = { exe: '/usr/lib/systemd/systemd', comm: 'systemd', uid: 0, fds: [] };
    const d = await decideTorLocality({ ...INPUT, pid: 1 }, fakeFs(world({}, { 1: systemd })));
    expect(d).toEqual({
      local: false,
      reason: 'pid 1 here is systemd (/proc/1/exe is /usr/lib/systemd/systemd), not tor: tor runs in another PID namespace (a container) or on another machine',
    });
  });

  it('a reused pid: a live non-tor process, judged by comm when exe is unreadable', async () => {
    const python: Proc = { exe: 'EACCES', comm: 'python3', uid: 1001, fds: 'EACCES' };
    const d = await decideTorLocality(INPUT, fakeFs(world({}, { 4242: python })));
    expect(d.local).toBe(false);
    if (!d.local) expect(d.reason).toMatch(/^pid 4242 here is python3 \(\/proc\/4242\/comm\), not tor/);
  });

  it('a kernel thread (no exe) is not tor, whatever its name', async () => {
    const kthread: Proc = { exe: 'ENOENT', comm: 'tor', uid: 0, fds: [] };
    const d = await decideTorLocality({ ...INPUT, pid: 2 }, fakeFs(world({}, { 2: kthread })));
    expect(d.local).toBe(false);
    if (!d.local) expect(d.reason).toContain('no executable');
  });

  it('a tor that does not hold the socket (another tor, or the pid of a tor behind a forward) is remote', async () => {
    const otherTor: Proc = { ...TOR, fds: [700, 701] };
    const d = await decideTorLocality(INPUT, fakeFs(world({}, { 4242: otherTor })));
    expect(d).toEqual({
      local: false,
      reason:
        "the control port ortop is connected to (127.0.0.1:9051) is not tor's own socket: pid 4242 (tor) does not hold the other end of ortop's connection to 127.0.0.1:9051; a forward or proxy (e.g. ssh -L), or another tor",
    });
  });

  it('a forward: tor holds its listener, but the other end of ortop connection belongs to the forwarder', async () => {
    // ssh (pid 777) listens on 127.0.0.1:9051 and accepted ortop; tor listens elsewhere.
    const ssh: Proc = { exe: '/usr/bin/ssh', comm: 'ssh', uid: 1000, fds: [800, 801] };
    const tcpTable = [tcp('127.0.0.1:9051', '0.0.0.0:0', '0A', 1000, 800), tcp('127.0.0.1:9051', '127.0.0.1:40000', '01', 1000, 801), tcp('127.0.0.1:9052', '0.0.0.0:0', '0A', 108, 500)];
    const d = await decideTorLocality(INPUT, fakeFs(world({ tcp: tcpTable }, { 777: ssh })));
    expect(d.local).toBe(false);
    if (!d.local) expect(d.reason).toContain("is not tor's own socket");
  });

  it('remote when nothing here listens on the address ortop reached', async () => {
    const d = await decideTorLocality(INPUT, fakeFs(world({ tcp: [] })));
    expect(d.local).toBe(false);
    if (!d.local) expect(d.reason).toContain('nothing on this machine listens on 127.0.0.1:9051');
  });

  it('IPv6: [::1] endpoints match the decoded table', async () => {
    const one = '00000000000000000000000001000000';
    const line6 = (l: string, lp: number, r: string, rp: number, st: string, inode: number) =>
      `   0: ${l}:${hex4(lp)} ${r}:${hex4(rp)} ${st} 00000000:00000000 00:00000000 00000000   108        0 ${inode} 1 0 20 4 30 10 -1`;
    const d = await decideTorLocality(
      { ...INPUT, endpoint: { kind: 'tcp', localAddress: '::1', localPort: 40000, remoteAddress: '::1', remotePort: 9051 } },
      fakeFs(world({ tcp: [], tcp6: [line6(one, 9051, one, 40000, '01', 501)] })),
    );
    expect(d).toMatchObject({ local: true, basis: 'fd' });
    if (d.local) expect(d.evidence).toContain('[::1]:9051');
  });
});

describe('decideTorLocality: inputs that decide remote at once', () => {
  it('--remote, a missing pid or endpoint', async () => {
    const fs = fakeFs(world());
    expect(await decideTorLocality({ ...INPUT, forceRemote: true }, fs)).toEqual({ local: false, reason: 'treated as remote (--remote): nothing about tor is read from this machine' });
    expect(await decideTorLocality({ ...INPUT, pid: undefined }, fs)).toMatchObject({ local: false, reason: expect.stringContaining('GETINFO process/pid') });
    expect(await decideTorLocality({ ...INPUT, pid: Number('') - 1 }, fs)).toMatchObject({ local: false });
    expect(await decideTorLocality({ ...INPUT, endpoint: undefined }, fs)).toMatchObject({ local: false });
  });

  it('never throws: a reader that fails oddly gives remote with the reason', async () => {
    const fs = fakeFs(world());
    const broken: LocalityFs = { ...fs, readLink: () => Promise.reject(new TypeError('boom')), readText: () => Promise.reject(new TypeError('boom')) };
    const d = await decideTorLocality(INPUT, broken);
    expect(d.local).toBe(false);
    if (!d.local) expect(d.reason).toContain('boom');
  });
});

describe('decideTorLocality: tor fds unreadable (the uid rule)', () => {
  it('local by uid when every check passes, and says the evidence is weaker', async () => {
    const d = await decideTorLocality(INPUT, fakeFs(world({}, { 4242: unreadableTor })));
    expect(d).toMatchObject({ local: true, pid: 4242, basis: 'uid' });
    if (!d.local) return;
    expect(d.evidence).toContain('/proc/4242/comm is tor; /proc/4242/exe: permission denied');
    expect(d.evidence).toContain('/proc/4242/fd: permission denied');
    expect(d.evidence).toContain('weaker evidence');
  });

  it('remote when tor does not list the address among its control listeners (a proxy on another port)', async () => {
    const d = await decideTorLocality({ ...INPUT, controlListeners: ['127.0.0.1:9052'] }, fakeFs(world({}, { 4242: unreadableTor })));
    expect(d).toMatchObject({ local: false, reason: expect.stringContaining("tor's control listeners are 127.0.0.1:9052, but ortop is connected to 127.0.0.1:9051") });
    const unanswered = await decideTorLocality({ ...INPUT, controlListeners: undefined }, fakeFs(world({}, { 4242: unreadableTor })));
    expect(unanswered).toMatchObject({ local: false, reason: expect.stringContaining('net/listeners/control') });
  });

  it('remote when the socket belongs to another uid than tor (a forward run by the user)', async () => {
    const tcpTable = [tcp('127.0.0.1:9051', '0.0.0.0:0', '0A', 1000, 800), tcp('127.0.0.1:9051', '127.0.0.1:40000', '01', 1000, 801)];
    const d = await decideTorLocality(INPUT, fakeFs(world({ tcp: tcpTable }, { 4242: unreadableTor })));
    expect(d).toMatchObject({ local: false, reason: expect.stringContaining("belongs to uid 1000, not to tor's uid 108") });
  });

  it("remote when a process ortop can read holds the socket (a forward of tor's own user)", async () => {
    const socat: Proc = { exe: '/usr/bin/socat', comm: 'socat', uid: 108, fds: [501] };
    const d = await decideTorLocality(INPUT, fakeFs(world({}, { 4242: unreadableTor, 777: socat })));
    expect(d).toMatchObject({ local: false, reason: expect.stringContaining('is held by pid 777 (socat), not by tor') });
  });

  it('remote when tor gave no uid, or the pid runs as another uid than tor says', async () => {
    const fs = fakeFs(world({}, { 4242: unreadableTor }));
    expect(await decideTorLocality({ ...INPUT, uid: undefined }, fs)).toMatchObject({ local: false, reason: expect.stringContaining('GETINFO process/uid') });
    expect(await decideTorLocality({ ...INPUT, uid: 0 }, fs)).toMatchObject({ local: false, reason: expect.stringContaining('pid 4242 here runs as uid 108, but tor says it runs as uid 0') });
  });

  it('the listener alone (other end not in the table) is not enough for the uid rule', async () => {
    const d = await decideTorLocality(INPUT, fakeFs(world({ tcp: [tcp('127.0.0.1:9051', '0.0.0.0:0', '0A', 108, 500)] }, { 4242: unreadableTor })));
    expect(d.local).toBe(false);
  });
});

describe('decideTorLocality: unix sockets', () => {
  const UNIX_INPUT: TorLocalityInput = { ...INPUT, endpoint: { kind: 'unix', path: '/var/run/tor/control' }, controlListeners: ['unix:/run/tor/control'] };
  const symlinks = { '/var/run/tor/control': '/run/tor/control' };
  const owners = { '/run/tor/control': 108 };

  it('matches the path through symlinks to the one listener, held by tor', async () => {
    const d = await decideTorLocality(UNIX_INPUT, fakeFs(world({ unix: [unixLine(500, '/run/tor/control'), unixLine(999, '/run/other')], symlinks, owners })));
    expect(d).toMatchObject({ local: true, basis: 'fd' });
    if (d.local) expect(d.evidence).toContain('the listening socket at /var/run/tor/control (socket:[500]');
  });

  it('remote when the listener at the path is not tor (a socat forward), or nothing is bound there', async () => {
    const forward = await decideTorLocality(UNIX_INPUT, fakeFs(world({ unix: [unixLine(800, '/run/tor/control')], symlinks, owners })));
    expect(forward).toMatchObject({ local: false, reason: expect.stringContaining("is not tor's own socket") });
    const none = await decideTorLocality(UNIX_INPUT, fakeFs(world({ unix: [unixLine(500, '/run/tor/control', false)], symlinks, owners })));
    expect(none).toMatchObject({ local: false, reason: expect.stringContaining('no listening socket is bound to /var/run/tor/control') });
  });

  it('remote when two listeners share the path (cannot tell which one ortop reached)', async () => {
    const d = await decideTorLocality(UNIX_INPUT, fakeFs(world({ unix: [unixLine(500, '/run/tor/control'), unixLine(800, '/run/tor/control')], symlinks, owners })));
    expect(d).toMatchObject({ local: false, reason: expect.stringContaining('2 listening sockets are bound') });
  });

  it('uid rule: the socket file owned by tor uid and listed by tor', async () => {
    const fs = fakeFs(world({ unix: [unixLine(500, '/run/tor/control')], symlinks, owners }, { 4242: unreadableTor }));
    expect(await decideTorLocality(UNIX_INPUT, fs)).toMatchObject({ local: true, basis: 'uid' });
    const foreign = fakeFs(world({ unix: [unixLine(500, '/run/tor/control')], symlinks, owners: { '/run/tor/control': 1000 } }, { 4242: unreadableTor }));
    expect(await decideTorLocality(UNIX_INPUT, foreign)).toMatchObject({ local: false, reason: expect.stringContaining('belongs to uid 1000') });
    expect(await decideTorLocality({ ...UNIX_INPUT, controlListeners: ['unix:/elsewhere'] }, fs)).toMatchObject({ local: false });
  });
});

describe('parsers', () => {
  it('parseProcNetUnix: listening flag, inode, paths with spaces, abstract and unbound sockets', () => {
    const text = [
      UNIX_HEADER,
      '000000006e0de783: 00000003 00000000 00000000 0001 03  1084',
      '00000000a1b2c3d4: 00000002 00000000 00010000 0001 01 23456 /run/tor/control',
      '00000000a1b2c3d5: 00000002 00000000 00010000 0001 01 23457 /tmp/a b',
      '00000000a1b2c3d6: 00000002 00000000 00000000 0002 01 23458 @abstract',
      'garbage',
    ].join('\n');
    expect(parseProcNetUnix(text)).toEqual([
      { inode: 1084, path: '', listening: false, type: 1 },
      { inode: 23456, path: '/run/tor/control', listening: true, type: 1 },
      { inode: 23457, path: '/tmp/a b', listening: true, type: 1 },
      { inode: 23458, path: '@abstract', listening: false, type: 2 },
    ]);
  });

  it('normalizeAddress spells addresses as /proc/net/tcp decodes them', () => {
    expect(normalizeAddress('[::1]')).toBe('::1');
    expect(normalizeAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
  });
});
