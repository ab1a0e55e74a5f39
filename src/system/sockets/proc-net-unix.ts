// Parser for the kernel's unix socket table, /proc/net/unix (proc(5)), for finding the listening
// socket bound to a path. Text in, values out: no file access. Only this network namespace's
// sockets are listed (the reader's /proc/self/net).
//
// Kernel format (net/unix/af_unix.c unix_seq_show):
//   "%pK: %08X %08X %08X %04X %02X %5lu" then " path" when bound ('@' first for abstract names)
//   Num: RefCount Protocol Flags Type St Inode [Path]
// Flags has __SO_ACCEPTCON (0x10000) on listening sockets.

export const SO_ACCEPTCON = 0x10000;

export interface UnixSocketEntry {
  readonly inode: number;
  /** Bound path as the binder spelled it; '' for unbound sockets, '@…' for abstract names. */
  readonly path: string;
  readonly listening: boolean;
  /** 1 SOCK_STREAM, 2 SOCK_DGRAM, 5 SOCK_SEQPACKET. */
  readonly type: number;
}

/** Every socket line of a /proc/net/unix text; lines without the kernel's shape are skipped. */
export function parseProcNetUnix(text: string): UnixSocketEntry[] {
  const out: UnixSocketEntry[] = [];
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const m = /^\s*[0-9a-fA-F]+: [0-9A-F]{8} [0-9A-F]{8} ([0-9A-F]{8}) ([0-9A-F]{4}) [0-9A-F]{2} +(\d+)(?: (.*))?$/.exec(lines[i]!);
    if (m === null) continue;
    out.push({ inode: Number(m[3]), path: m[4] ?? '', listening: (parseInt(m[1]!, 16) & SO_ACCEPTCON) !== 0, type: parseInt(m[2]!, 16) });
  }
  return out;
}
