import { describe, expect, it } from 'vitest';
import { PeerProcessCache, programName, readTorSocketTable, type SocketFs } from '../../../src/system/sockets/index.js';

const HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const line = (sl: number, local: string, remote: string, st: string, uid: number, inode: number) =>
  `${String(sl).padStart(4)}: ${local} ${remote} ${st} 00000000:00000000 00:00000000 00000000 ${String(uid).padStart(5)}        0 ${inode} 1 0000000000000000 20 4 30 10 -1`;

// tor (pid 4242, uid 108) listens on 127.0.0.1:9051 (control, 0x235B) and 9050 (SOCKS, 0x235A).
// Controllers: nyx (pid 500, port 0xD000) and ortop (pid 600, port 0xD001); a SOCKS client whose
// process ortop cannot read (pid 700, port 0xD002); an exit connection to 8.8.8.8.
const TCP = [
  HEADER,
  line(0, '0100007F:235B', '00000000:0000', '0A', 108, 10),
  line(1, '0100007F:235B', '0100007F:D000', '01', 108, 11),
  line(2, '0100007F:235B', '0100007F:D001', '01', 108, 12),
  line(3, '0100007F:235A', '0100007F:D002', '01', 108, 13),
  line(4, '0100007F:D003', '08080808:01BB', '01', 108, 14),
  line(5, '0100007F:D000', '0100007F:235B', '01', 1000, 50),
  line(6, '0100007F:D001', '0100007F:235B', '01', 1000, 60),
  line(7, '0100007F:D002', '0100007F:235A', '01', 0, 70),
].join('\n');

const FDS: Record<number, Record<string, string> | 'EACCES'> = {
  4242: { '5': 'socket:[10]', '6': 'socket:[11]', '7': 'socket:[12]', '8': 'socket:[13]', '9': 'socket:[14]' },
  500: { '0': '/dev/pts/1', '3': 'socket:[50]' },
  600: { '0': '/dev/pts/2', '19': 'socket:[60]' },
  700: 'EACCES',
  800: { '1': 'pipe:[9]' },
};
const PROCS: Record<string, string> = {
  '/proc/500/comm': 'python3\n',
  '/proc/500/cmdline': '/usr/bin/python3\x00/usr/bin/nyx\x00-i\x009051\x00',
  '/proc/600/comm': 'node\n',
  '/proc/600/cmdline': 'node\x00/usr/local/bin/ortop\x00',
};

const err = (code: string, p: string) => Object.assign(new Error(`${code} ${p}`), { code });

function fakeFs(reads: string[]): SocketFs {
  return {
    readText: async (p) => {
      reads.push(p);
      if (p === '/proc/net/tcp') return TCP;
      if (p in PROCS) return PROCS[p]!;
      throw err('ENOENT', p);
    },
    listDir: async (p) => {
      reads.push(p);
      if (p === '/proc') return ['1', 'self', ...Object.keys(FDS)];
      const pid = Number(/^\/proc\/(\d+)\/fd$/.exec(p)?.[1]);
      const fds = FDS[pid];
      if (fds === undefined) throw err('ENOENT', p);
      if (fds === 'EACCES') throw err('EACCES', p);
      return Object.keys(fds);
    },
    readLink: async (p) => {
      const m = /^\/proc\/(\d+)\/fd\/(\d+)$/.exec(p);
      const fds = m === null ? undefined : FDS[Number(m[1])];
      if (fds === undefined || fds === 'EACCES' || !(m![2]! in fds)) throw err('ENOENT', p);
      return fds[m![2]!]!;
    },
  };
}

const isTorListener = (address: string, port: number) => address === '127.0.0.1' && (port === 9051 || port === 9050);

describe('the local programs on the other end of tor\'s loopback sockets', () => {
  it('names controllers by program and pid; an unreadable process stays unnamed', async () => {
    const reads: string[] = [];
    const fs = fakeFs(reads);
    const table = await readTorSocketTable({ fs, pid: 4242, uid: 108, isTorListener });
    expect(table.kind).toBe('sockets');
    if (table.kind !== 'sockets') return;
    expect(table.sockets.map((s) => s.inode)).toEqual([11, 12, 13, 14]);
    expect(table.peers?.get(11)).toEqual({ pid: 500, name: 'nyx' });
    expect(table.peers?.get(12)).toEqual({ pid: 600, name: 'ortop' });
    expect(table.peers?.has(13)).toBe(false);
    expect(table.peers?.has(14)).toBe(false);

    // The next reading finds the same sockets: no second scan of /proc.
    reads.length = 0;
    const again = await readTorSocketTable({ fs, pid: 4242, uid: 108, isTorListener });
    expect(again.kind === 'sockets' && again.peers?.get(11)).toEqual({ pid: 500, name: 'nyx' });
    expect(reads.filter((p) => p === '/proc' || p === '/proc/500/fd')).toEqual([]);
  });

  it('resolves several peers in one scan; one nobody holds is null', async () => {
    const cache = new PeerProcessCache();
    const fs = fakeFs([]);
    const first = await cache.resolve(fs, [50, 60, 999], 4242);
    expect([...first]).toEqual([[50, { pid: 500, name: 'nyx' }], [60, { pid: 600, name: 'ortop' }], [999, null]]);
  });
});

describe('a tor that is no process here', () => {
  it('is said plainly, as no failure', async () => {
    expect(await readTorSocketTable({ fs: undefined, pid: 4242, uid: 108, isTorListener })).toEqual({ kind: 'unavailable', reason: 'tor is not a process on this machine', elsewhere: true });
  });
});

describe('programName', () => {
  it.each([
    ['python3', '/usr/bin/python3\x00/usr/bin/nyx\x00', 'nyx'],
    ['node', 'node\x00--import\x00tsx\x00src/ortop.ts\x00--demo\x00', 'ortop'],
    ['node', 'node\x00-e\x00console.log(1)\x00', 'node'],
    ['node', 'node\x00/usr/lib/node_modules/ortop/dist/cli.js\x00--demo\x00', 'ortop'],
    ['python3', 'python3\x00/opt/stem-tools/src/main.py\x00', 'stem-tools'],
    ['curl', 'curl\x00--socks5-hostname\x00127.0.0.1:9050\x00', 'curl'],
    ['bash', '', 'bash'],
    ['torsocks\x1b[2J', '', 'torsocks\x1b[2J'],
  ])('comm %j, cmdline %j → %j', (comm, cmdline, name) => {
    expect(programName(comm, cmdline)).toBe(name);
  });

  it('reads a relative script from where the program runs', () => {
    expect(programName('node', 'node\x00dist/cli.js\x00-i\x009051\x00', '/home/op/ortop')).toBe('ortop');
    expect(programName('node', 'node\x00dist/cli.js\x00', '')).toBe('cli');
  });
});
