import { describe, expect, it } from 'vitest';
import { readFdInodes, readTorSocketTable, socketFsOf, realSocketFs, type SocketFs } from '../../../src/system/sockets/index.js';
import { realProcFs } from '../../../src/system/index.js';

const HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const line = (sl: number, local: string, remote: string, st: string, uid: number, inode: number) =>
  `${String(sl).padStart(4)}: ${local} ${remote} ${st} 00000000:00000000 00:00000000 00000000 ${String(uid).padStart(5)}        0 ${inode} 1 0000000000000000 20 4 30 10 -1`;
// tor (uid 108, inodes 11-13) listens on 127.0.0.1:9001 (OR) and :9051 (control); another process of
// the same user (inode 20) has an outbound socket too.
const TCP = [
  HEADER,
  line(0, '0100007F:2329', '00000000:0000', '0A', 108, 10),
  line(1, '0100007F:2329', '0200007F:C350', '01', 108, 11),
  line(2, '0100007F:235B', '0100007F:D000', '01', 108, 12),
  line(3, '0100007F:D001', '08080808:01BB', '01', 108, 13),
  line(4, '0100007F:D002', '08080808:0050', '01', 108, 20),
  line(5, '0100007F:D003', '0100007F:235B', '01', 0, 30),
].join('\n');

const enoent = (p: string) => Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' });
const eacces = (p: string) => Object.assign(new Error(`EACCES ${p}`), { code: 'EACCES' });

function fakeFs(options: { fds?: Record<string, string> | 'EACCES'; tcp?: string | 'EACCES' }): SocketFs {
  return {
    readText: async (p) => {
      if (p === '/proc/net/tcp') {
        if (options.tcp === 'EACCES') throw eacces(p);
        return options.tcp ?? TCP;
      }
      if (p === '/proc/net/tcp6' && options.tcp === 'EACCES') throw eacces(p);
      throw enoent(p);
    },
    listDir: async (p) => {
      if (p !== '/proc/4242/fd') throw enoent(p);
      if (options.fds === 'EACCES') throw eacces(p);
      return Object.keys(options.fds ?? {});
    },
    readLink: async (p) => {
      const fds = options.fds;
      const name = p.slice('/proc/4242/fd/'.length);
      if (fds === undefined || fds === 'EACCES' || !(name in fds)) throw enoent(p);
      return fds[name]!;
    },
  };
}

const TOR_FDS = { '0': '/dev/null', '5': 'socket:[10]', '6': 'socket:[11]', '7': 'socket:[12]', '8': 'socket:[13]', '9': 'pipe:[3]' };
const isTorListener = (address: string, port: number) => address === '127.0.0.1' && (port === 9001 || port === 9051);

describe('readTorSocketTable', () => {
  it('keeps exactly the non-listening sockets behind tor fds', async () => {
    const table = await readTorSocketTable({ fs: fakeFs({ fds: TOR_FDS }), pid: 4242, uid: 108, isTorListener });
    expect(table.kind).toBe('sockets');
    if (table.kind !== 'sockets') return;
    expect(table).toMatchObject({ source: 'proc', owner: 'fd', limitation: undefined });
    expect(table.sockets.map((s) => s.inode)).toEqual([11, 12, 13]);
  });

  it('falls back to tor uid on tor listeners only when fds are unreadable, and says so', async () => {
    const table = await readTorSocketTable({ fs: fakeFs({ fds: 'EACCES' }), pid: 4242, uid: 108, isTorListener });
    expect(table.kind).toBe('sockets');
    if (table.kind !== 'sockets') return;
    expect(table.owner).toBe('uid');
    expect(table.limitation).toContain('/proc/4242/fd: permission denied');
    // 13 (an exit socket) and 20 (another process of the user) cannot be attributed.
    expect(table.sockets.map((s) => s.inode)).toEqual([11, 12]);
  });

  it('is unavailable without fds and without a uid, or without a pid', async () => {
    expect(await readTorSocketTable({ fs: fakeFs({ fds: 'EACCES' }), pid: 4242, uid: -1, isTorListener })).toEqual({
      kind: 'unavailable',
      reason: "tor's file descriptors are not readable (/proc/4242/fd: permission denied)",
    });
    expect((await readTorSocketTable({ fs: fakeFs({}), pid: undefined, uid: 108, isTorListener })).kind).toBe('unavailable');
    expect((await readTorSocketTable({ fs: undefined, pid: 4242, uid: 108, isTorListener })).kind).toBe('unavailable');
  });

  it('uses ss only when /proc/net/tcp is unreadable', async () => {
    const ss = ['ESTAB 0 0 127.0.0.1:9001 127.0.0.2:50000 uid:108 ino:11 sk:1', 'ESTAB 0 0 127.0.0.1:53249 8.8.8.8:443 uid:108 ino:99 sk:2'].join('\n');
    let ran = 0;
    const runSs = async () => {
      ran++;
      return ss;
    };
    const viaSs = await readTorSocketTable({ fs: fakeFs({ fds: TOR_FDS, tcp: 'EACCES' }), pid: 4242, uid: 108, isTorListener, runSs });
    expect(viaSs).toMatchObject({ kind: 'sockets', source: 'ss', owner: 'fd' });
    expect(viaSs.kind === 'sockets' && viaSs.sockets.map((s) => s.inode)).toEqual([11]);
    await readTorSocketTable({ fs: fakeFs({ fds: TOR_FDS }), pid: 4242, uid: 108, isTorListener, runSs });
    expect(ran).toBe(1);
    const failed = await readTorSocketTable({
      fs: fakeFs({ fds: TOR_FDS, tcp: 'EACCES' }),
      pid: 4242,
      uid: 108,
      isTorListener,
      runSs: async () => {
        throw new Error('spawn ss ENOENT');
      },
    });
    expect(failed).toEqual({ kind: 'unavailable', reason: '/proc/net/tcp: permission denied, and ss failed: spawn ss ENOENT' });
  });

  it('reads a real process fd table (this test process)', async () => {
    const fds = await readFdInodes(realSocketFs, process.pid);
    expect(fds.kind).toBe('inodes');
    if (fds.kind === 'inodes') expect(fds.fds).toBeGreaterThan(2);
    expect(socketFsOf(realProcFs, realProcFs)).toBe(realSocketFs);
    expect(socketFsOf({ readText: realProcFs.readText, listDir: realProcFs.listDir }, realProcFs)).toBeUndefined();
  });
});
