// Fallback socket source for hosts where /proc/net/tcp cannot be read: the output of `ss -tanHe`
// (iproute2, via netlink). Parsing is pure; runSs is the only I/O and is injectable. Never used
// when /proc answers.
//   ESTAB 0 0 127.0.0.1:9051 127.0.0.1:40000 uid:108 ino:12345 sk:1 <->
//   ESTAB 0 0 [::ffff:127.0.0.1]:9001 [::ffff:127.0.0.1]:5555 ino:777 sk:2   (uid 0 is omitted)
import { execFile } from 'node:child_process';
import type { SocketEntry, SocketFamily, SocketFilter } from './proc-net-tcp.js';

const SS_STATES: Readonly<Record<string, number>> = {
  ESTAB: 1,
  'SYN-SENT': 2,
  'SYN-RECV': 3,
  'FIN-WAIT-1': 4,
  'FIN-WAIT-2': 5,
  'TIME-WAIT': 6,
  UNCONN: 7,
  CLOSED: 7,
  'CLOSE-WAIT': 8,
  'LAST-ACK': 9,
  LISTEN: 10,
  CLOSING: 11,
};

/** "1.2.3.4:80", "[::1]:80", "[::ffff:1.2.3.4]:80", "::1:80" (old ss), "*:*" → parts; undefined for wildcards. */
export function parseSsEndpoint(text: string): { family: SocketFamily; address: string; port: number } | undefined {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const port = Number(text.slice(colon + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) return undefined;
  let host = text.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const zone = host.indexOf('%');
  if (zone >= 0) host = host.slice(0, zone);
  if (host === '*' || host === '') return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
  if (mapped !== null) return { family: 4, address: mapped[1]!, port };
  return { family: host.includes(':') ? 6 : 4, address: host.toLowerCase(), port };
}

/** Lines of `ss -tanHe` → sockets accepted by `keep` (lines without an inode are skipped). */
export function parseSsOutput(text: string, keep?: SocketFilter): SocketEntry[] {
  const out: SocketEntry[] = [];
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words.length < 5) continue;
    const state = SS_STATES[words[0]!];
    if (state === undefined) continue;
    const local = parseSsEndpoint(words[3]!);
    const remote = parseSsEndpoint(words[4]!) ?? (local === undefined ? undefined : { family: local.family, address: local.family === 4 ? '0.0.0.0' : '::', port: 0 });
    if (local === undefined || remote === undefined) continue;
    let uid = 0;
    let inode = -1;
    for (const w of words.slice(5)) {
      if (w.startsWith('uid:')) uid = Number(w.slice(4));
      else if (w.startsWith('ino:')) inode = Number(w.slice(4));
    }
    if (!(inode > 0) || !Number.isInteger(uid)) continue;
    if (keep !== undefined && !keep(inode, uid, state)) continue;
    out.push({ family: local.family, localAddress: local.address, localPort: local.port, remoteAddress: remote.address, remotePort: remote.port, state, uid, inode });
  }
  return out;
}

export type SsRunner = () => Promise<string>;

/** Runs `ss -tanHe` (no -p: process details would need /proc, which is what failed). */
export const runSs: SsRunner = () =>
  new Promise((resolve, reject) => {
    execFile('ss', ['-tanHe'], { timeout: 3000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });
