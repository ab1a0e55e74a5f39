import { describe, expect, it } from 'vitest';
import {
  decodeIPv4,
  decodeIPv6,
  parseProcNetTcp,
  parseSocketInodes,
  parseSsEndpoint,
  parseSsOutput,
  socketInodeOf,
} from '../../../src/system/sockets/index.js';

// Captured from Linux 6.x (header line padded with trailing spaces as the kernel writes it).
const TCP = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode                                                     ',
  '   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1517 1 00000000aa080ea2 100 0 0 10 0                      ',
  '   1: 0100007F:4A6B 00000000:0000 0A 00000000:00000000 00:00000000 00000000   108        0 80257 1 000000008750b625 100 0 0 10 0                     ',
  '   2: 0100007F:8624 0100007F:4A6B 06 00000000:00000000 03:000007AE 00000000     0        0 0 3 000000009176b5f6                                      ',
  '   3: 0100007F:4A6B 0100007F:BB64 01 00000000:00000000 00:00000000 00000000   108        0 91234 1 00000000211e5bbe 20 4 30 10 -1                    ',
  '10000: 0B7164CB:2329 2D2A1C5D:C350 01 00000000:00000000 02:000A1B2C 00000000   108        0 4294967295 2 0000000000000000 20 4 1 10 -1',
  '',
].join('\n');

const TCP6 = [
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 00000000000000000000000001000000:2329 00000000000000000000000001000000:D431 01 00000000:00000000 00:00000000 00000000   108        0 555 1 0000000000000000 20 4 30 10 -1',
  '   1: 0000000000000000FFFF00000100007F:2329 0000000000000000FFFF00000B00000A:1F90 01 00000000:00000000 00:00000000 00000000   108        0 556 1 0000000000000000 20 4 30 10 -1',
  '   2: B80D0120000000000000000001000000:01BB 000080FE00000000FF000200030000FE:0050 01 00000000:00000000 00:00000000 00000000     7        0 557 1 0000000000000000 20 4 30 10 -1',
  'garbage line',
].join('\n');

describe('/proc/net/tcp', () => {
  it('decodes little-endian addresses and big-endian ports, uid, state and inode', () => {
    const all = parseProcNetTcp(TCP, 4);
    expect(all).toHaveLength(5);
    expect(all[1]).toEqual({ family: 4, localAddress: '127.0.0.1', localPort: 19051, remoteAddress: '0.0.0.0', remotePort: 0, state: 10, uid: 108, inode: 80257 });
    expect(all[3]).toEqual({ family: 4, localAddress: '127.0.0.1', localPort: 19051, remoteAddress: '127.0.0.1', remotePort: 47972, state: 1, uid: 108, inode: 91234 });
    // sl beyond 9999 widens the first column; inodes up to 2^32-1.
    expect(all[4]).toMatchObject({ localAddress: '203.100.113.11', localPort: 9001, remoteAddress: '93.28.42.45', remotePort: 50000, inode: 4294967295 });
  });

  it('decodes only the lines the filter keeps', () => {
    const seen: Array<[number, number, number]> = [];
    const kept = parseProcNetTcp(TCP, 4, (inode, uid, state) => {
      seen.push([inode, uid, state]);
      return inode === 91234;
    });
    expect(kept.map((s) => s.inode)).toEqual([91234]);
    expect(seen).toEqual([[1517, 0, 10], [80257, 108, 10], [0, 0, 6], [91234, 108, 1], [4294967295, 108, 1]]);
  });

  it('decodes tcp6 words, compresses zeros and shows IPv4-mapped sockets as IPv4', () => {
    const all = parseProcNetTcp(TCP6, 6);
    expect(all.map((s) => [s.family, s.localAddress, s.localPort, s.remoteAddress, s.remotePort])).toEqual([
      [6, '::1', 9001, '::1', 54321],
      [4, '127.0.0.1', 9001, '10.0.0.11', 8080],
      [6, '2001:db8::1', 443, 'fe80::2:ff:fe00:3', 80],
    ]);
  });

  it('handles empty input, a header only, and truncated lines', () => {
    expect(parseProcNetTcp('', 4)).toEqual([]);
    expect(parseProcNetTcp(TCP.split('\n')[0]!, 4)).toEqual([]);
    expect(parseProcNetTcp(`${TCP.split('\n')[0]}\n   0: 0100007F:4A6B 0100`, 4)).toEqual([]);
  });

  it('decodes single addresses', () => {
    expect(decodeIPv4('0100007F')).toBe('127.0.0.1');
    expect(decodeIPv6('00000000000000000000000000000000')).toEqual({ family: 6, address: '::' });
    expect(decodeIPv6('B80D0120000000000100000000000000')).toEqual({ family: 6, address: '2001:db8::1:0:0' });
  });
});

describe('fd links', () => {
  it('keeps socket inodes only', () => {
    expect(socketInodeOf('socket:[91234]')).toBe(91234);
    expect(socketInodeOf('pipe:[5]')).toBe(-1);
    expect(socketInodeOf('socket:[]')).toBe(-1);
    expect(socketInodeOf('socket:[12a]')).toBe(-1);
    expect(socketInodeOf('/var/lib/tor/cached-consensus')).toBe(-1);
    expect([...parseSocketInodes(['socket:[1]', 'anon_inode:[eventpoll]', 'socket:[2]', 'socket:[1]'])]).toEqual([1, 2]);
  });
});

describe('ss fallback', () => {
  it('parses endpoints in every spelling ss uses', () => {
    expect(parseSsEndpoint('127.0.0.1:9051')).toEqual({ family: 4, address: '127.0.0.1', port: 9051 });
    expect(parseSsEndpoint('[::1]:9001')).toEqual({ family: 6, address: '::1', port: 9001 });
    expect(parseSsEndpoint('[::ffff:127.0.0.1]:9001')).toEqual({ family: 4, address: '127.0.0.1', port: 9001 });
    expect(parseSsEndpoint('[fe80::1%eth0]:22')).toEqual({ family: 6, address: 'fe80::1', port: 22 });
    expect(parseSsEndpoint('0.0.0.0:*')).toBeUndefined();
    expect(parseSsEndpoint('*:*')).toBeUndefined();
  });

  it('reads state, uid (absent = 0) and inode', () => {
    const text = [
      'LISTEN    0      4096   127.0.0.1:19051   0.0.0.0:*     uid:108 ino:80257 sk:2 cgroup:/ <->',
      'ESTAB     0      0      127.0.0.1:19051 127.0.0.1:47972 uid:108 ino:91234 sk:3 <->',
      'TIME-WAIT 0      0      127.0.0.1:34340 127.0.0.1:19051 timer:(timewait,19sec,0) ino:0 sk:3',
      'ESTAB     0      0      [::ffff:10.0.0.1]:9001 [::ffff:10.0.0.2]:5555 ino:777 sk:9',
    ].join('\n');
    expect(parseSsOutput(text)).toEqual([
      { family: 4, localAddress: '127.0.0.1', localPort: 19051, remoteAddress: '0.0.0.0', remotePort: 0, state: 10, uid: 108, inode: 80257 },
      { family: 4, localAddress: '127.0.0.1', localPort: 19051, remoteAddress: '127.0.0.1', remotePort: 47972, state: 1, uid: 108, inode: 91234 },
      { family: 4, localAddress: '10.0.0.1', localPort: 9001, remoteAddress: '10.0.0.2', remotePort: 5555, state: 1, uid: 0, inode: 777 },
    ]);
    expect(parseSsOutput(text, (inode) => inode === 777)).toHaveLength(1);
  });
});
