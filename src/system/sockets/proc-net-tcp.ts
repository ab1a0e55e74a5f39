// Parser for the kernel's TCP socket tables, /proc/net/tcp and /proc/net/tcp6 (proc(5)), into typed
// sockets. Text in, values out: no file access, no clock. Addresses are decoded only for the lines a
// caller keeps (by inode or uid), so a 50,000-line table costs one pass of cheap scanning.
//
// Kernel format (net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/tcp_ipv6.c get_tcp6_sock):
//   "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu ..."
//   sl: local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
// Addresses are the raw in_addr / in6_addr as 32-bit words in host byte order (little-endian on
// every platform Linux tor runs on in practice); ports are big-endian hex.

export type SocketFamily = 4 | 6;

/** TCP states by their kernel number (include/net/tcp_states.h). */
export const TCP_STATES: Readonly<Record<number, string>> = {
  1: 'ESTABLISHED',
  2: 'SYN_SENT',
  3: 'SYN_RECV',
  4: 'FIN_WAIT1',
  5: 'FIN_WAIT2',
  6: 'TIME_WAIT',
  7: 'CLOSE',
  8: 'CLOSE_WAIT',
  9: 'LAST_ACK',
  10: 'LISTEN',
  11: 'CLOSING',
  12: 'NEW_SYN_RECV',
};

export const TCP_LISTEN = 10;

export interface SocketEntry {
  /** 4 also for IPv4-mapped IPv6 sockets (::ffff:a.b.c.d), whose addresses are shown as IPv4. */
  readonly family: SocketFamily;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** Kernel state number (see TCP_STATES). */
  readonly state: number;
  readonly uid: number;
  readonly inode: number;
}

/** Which lines to decode: called with the inode and uid of each line before its addresses are read. */
export type SocketFilter = (inode: number, uid: number, state: number) => boolean;

const hexValue = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);

function hexAt(text: string, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i++) v = v * 16 + hexValue(text.charCodeAt(i));
  return v;
}

/** One little-endian 32-bit word (8 hex digits) → its four bytes in memory order. */
function wordBytes(text: string, at: number, out: number[]): void {
  for (let b = 3; b >= 0; b--) out.push(hexAt(text, at + b * 2, at + b * 2 + 2));
}

/** "0100007F" → "127.0.0.1". */
export function decodeIPv4(text: string, at = 0): string {
  return `${hexAt(text, at + 6, at + 8)}.${hexAt(text, at + 4, at + 6)}.${hexAt(text, at + 2, at + 4)}.${hexAt(text, at, at + 2)}`;
}

/** Sixteen bytes → RFC 5952 text ("2001:db8::1"), IPv4-mapped as "::ffff:1.2.3.4". */
export function formatIPv6(bytes: readonly number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes[i]! * 256 + bytes[i + 1]!);
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLen, 8)}`;
}

/** 32 hex digits (four little-endian words) → address text; IPv4-mapped addresses come back as IPv4. */
export function decodeIPv6(text: string, at = 0): { family: SocketFamily; address: string } {
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) wordBytes(text, at + w * 8, bytes);
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return { family: 4, address: `${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}` };
  return { family: 6, address: formatIPv6(bytes) };
}

const SPACE = 0x20;

/** Index of the next non-space at or after i. */
function skipSpaces(text: string, i: number): number {
  while (text.charCodeAt(i) === SPACE) i++;
  return i;
}

/** Index of the next space (or end of line) at or after i. */
function tokenEnd(text: string, i: number, lineEnd: number): number {
  while (i < lineEnd && text.charCodeAt(i) !== SPACE) i++;
  return i;
}

function decimalAt(text: string, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return end > start ? v : -1;
}

/**
 * Every socket line of a /proc/net/tcp (family 4) or tcp6 (family 6) text that `keep` accepts
 * (all lines when keep is omitted). Lines that do not have the kernel's shape are skipped.
 */
export function parseProcNetTcp(text: string, family: SocketFamily, keep?: SocketFilter): SocketEntry[] {
  const out: SocketEntry[] = [];
  const addrLen = family === 4 ? 8 : 32;
  const endpointLen = addrLen + 5;
  let lineStart = text.indexOf('\n') + 1;
  if (lineStart === 0) return out;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const entry = parseLine(text, lineStart, lineEnd, family, addrLen, endpointLen, keep);
    if (entry !== undefined) out.push(entry);
    lineStart = lineEnd + 1;
  }
  return out;
}

function parseLine(
  text: string,
  start: number,
  end: number,
  family: SocketFamily,
  addrLen: number,
  endpointLen: number,
  keep: SocketFilter | undefined,
): SocketEntry | undefined {
  const colon = text.indexOf(':', start);
  if (colon < 0 || colon >= end) return undefined;
  const local = colon + 2;
  const remote = local + endpointLen + 1;
  const stateAt = remote + endpointLen + 1;
  if (stateAt + 2 > end || text.charCodeAt(local + addrLen) !== 0x3a || text.charCodeAt(remote + addrLen) !== 0x3a) return undefined;
  const state = hexAt(text, stateAt, stateAt + 2);
  // After the state: tx:rx, tr:when, retrnsmt, uid, timeout, inode.
  let i = stateAt + 2;
  let uid = -1;
  let inode = -1;
  for (let field = 0; field < 6; field++) {
    i = skipSpaces(text, i);
    const e = tokenEnd(text, i, end);
    if (e === i) return undefined;
    if (field === 3) uid = decimalAt(text, i, e);
    else if (field === 5) inode = decimalAt(text, i, e);
    i = e;
  }
  if (uid < 0 || inode < 0) return undefined;
  if (keep !== undefined && !keep(inode, uid, state)) return undefined;
  let localAddress: string;
  let remoteAddress: string;
  let fam = family;
  if (family === 4) {
    localAddress = decodeIPv4(text, local);
    remoteAddress = decodeIPv4(text, remote);
  } else {
    const l = decodeIPv6(text, local);
    const r = decodeIPv6(text, remote);
    localAddress = l.address;
    remoteAddress = r.address;
    fam = l.family;
  }
  return {
    family: fam,
    localAddress,
    localPort: hexAt(text, local + addrLen + 1, local + addrLen + 5),
    remoteAddress,
    remotePort: hexAt(text, remote + addrLen + 1, remote + addrLen + 5),
    state,
    uid,
    inode,
  };
}
