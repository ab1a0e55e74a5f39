// Benchmark: parsing a 50,000-line /proc/net/tcp plus tor's fd map (20,000 socket links) into tor's
// sockets — the work ortop repeats every 5 s on a busy relay. Goal: under 50 ms. Also times the real
// I/O of reading this process's /proc/self/fd for reference. Not a test: prints a table.
// Run: npm run bench:proc-net-tcp
import { closeSync, openSync } from 'node:fs';
import { median, max, formatNumber, formatTable } from './lib/stats.js';
import { parseProcNetTcp, parseSocketInodes, readFdInodes, realSocketFs, TCP_LISTEN } from '../src/system/sockets/index.js';

const LINES = 50_000;
const TOR_SOCKETS = 20_000;
const ROUNDS = 15;

const hex = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');

function buildTable(): { text: string; torInodes: number[] } {
  const out = ['  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'];
  const torInodes: number[] = [];
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < LINES; i++) {
    const inode = 100_000 + i;
    const tor = i % Math.floor(LINES / TOR_SOCKETS) === 0 && torInodes.length < TOR_SOCKETS;
    if (tor) torInodes.push(inode);
    const local = `${hex(Math.floor(rand() * 2 ** 32), 8)}:${hex(tor ? 9001 : 1024 + Math.floor(rand() * 60000), 4)}`;
    const remote = `${hex(Math.floor(rand() * 2 ** 32), 8)}:${hex(1024 + Math.floor(rand() * 60000), 4)}`;
    const uid = tor ? 108 : 1000;
    out.push(`${String(i).padStart(4)}: ${local} ${remote} 01 00000000:00000000 02:000A1B2C 00000000 ${String(uid).padStart(5)}        0 ${inode} 2 0000000000000000 20 4 1 10 -1                     `);
  }
  return { text: out.join('\n'), torInodes };
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const { text, torInodes } = buildTable();
  const links = [...torInodes.map((i) => `socket:[${i}]`), ...Array.from({ length: 200 }, (_, i) => `/var/lib/tor/file${i}`), 'anon_inode:[eventpoll]'];
  let kept = 0;
  const both: number[] = [];
  const fdOnly: number[] = [];
  const tcpOnly: number[] = [];
  const decodeAll: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    both.push(
      time(() => {
        const inodes = parseSocketInodes(links);
        kept = parseProcNetTcp(text, 4, (inode, _uid, state) => state !== TCP_LISTEN && inodes.has(inode)).length;
      }),
    );
    let inodes = new Set<number>();
    fdOnly.push(time(() => (inodes = parseSocketInodes(links))));
    tcpOnly.push(time(() => parseProcNetTcp(text, 4, (inode) => inodes.has(inode))));
    decodeAll.push(time(() => parseProcNetTcp(text, 4)));
  }
  // Real I/O: this process with ~15,000 extra fds (/dev/null), read the way ortop reads tor's.
  const opened: number[] = [];
  try {
    for (let i = 0; i < 15_000; i++) opened.push(openSync('/dev/null', 'r'));
  } catch {
    // fd limit reached: measure with what we have
  }
  const io: number[] = [];
  let fdCount = 0;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    const fds = await readFdInodes(realSocketFs, process.pid);
    io.push(performance.now() - t0);
    if (fds.kind === 'inodes') fdCount = fds.fds;
  }
  for (const fd of opened) closeSync(fd);
  console.log(`/proc/net/tcp: ${LINES} lines (${(text.length / 1e6).toFixed(1)} MB), fd map: ${links.length} links, tor sockets kept: ${kept}`);
  console.log(
    formatTable(
      ['step', 'median ms', 'max ms'],
      [
        ['fd links + /proc/net/tcp (goal < 50 ms)', formatNumber(median(both), 2), formatNumber(max(both), 2)],
        ['  fd links → inode set', formatNumber(median(fdOnly), 2), formatNumber(max(fdOnly), 2)],
        ['  /proc/net/tcp, decode tor lines only', formatNumber(median(tcpOnly), 2), formatNumber(max(tcpOnly), 2)],
        ['/proc/net/tcp, decode every line', formatNumber(median(decodeAll), 2), formatNumber(max(decodeAll), 2)],
        [`real readFdInodes I/O, ${fdCount} fds (off the main thread)`, formatNumber(median(io), 2), formatNumber(max(io), 2)],
      ],
    ),
  );
}

void main();
