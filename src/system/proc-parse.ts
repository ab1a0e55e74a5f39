// Parsers for the /proc files ortop reads about a process (proc(5)): stat, status, meminfo.
// Text in, typed values out; no file access here (see proc-reader.ts).
//   /proc/PID/stat: "pid (comm) state ppid … utime(14) stime(15) … starttime(22) vsize(23) rss(24) …"
//   comm may contain spaces and parentheses, so fields are counted from the LAST ')'.

export interface ProcStat {
  readonly comm: string;
  readonly state: string;
  /** User and system CPU time in clock ticks (USER_HZ). */
  readonly utimeTicks: number;
  readonly stimeTicks: number;
  /** Process start, in ticks after boot. */
  readonly startTicks: number;
  readonly threads: number;
}

export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const rest = text.slice(close + 2).trim().split(/\s+/);
  // rest[0] is field 3 (state); field N is rest[N - 3].
  const field = (n: number) => Number(rest[n - 3]);
  const stat = {
    comm: text.slice(open + 1, close),
    state: rest[0] ?? '?',
    utimeTicks: field(14),
    stimeTicks: field(15),
    startTicks: field(22),
    threads: field(20),
  };
  return Number.isFinite(stat.utimeTicks) && Number.isFinite(stat.stimeTicks) && Number.isFinite(stat.startTicks) ? stat : undefined;
}

export interface ProcStatus {
  readonly name: string | undefined;
  readonly rssBytes: number | undefined;
  readonly uid: number | undefined;
}

/** /proc/PID/status: "Name:\ttor", "VmRSS:\t  123456 kB", "Uid:\t0\t0\t0\t0". */
export function parseProcStatus(text: string): ProcStatus {
  const name = /^Name:\s*(.*)$/m.exec(text)?.[1];
  const rss = /^VmRSS:\s*(\d+)\s*kB/m.exec(text)?.[1];
  const uid = /^Uid:\s*(\d+)/m.exec(text)?.[1];
  return {
    name,
    rssBytes: rss === undefined ? undefined : Number(rss) * 1024,
    uid: uid === undefined ? undefined : Number(uid),
  };
}

/** /proc/meminfo "MemTotal: 24576000 kB" → bytes. */
export function parseMemTotal(text: string): number | undefined {
  const kb = /^MemTotal:\s*(\d+)\s*kB/m.exec(text)?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

/** /proc/uptime "12345.67 54321.00" → seconds since boot. */
export function parseUptime(text: string): number | undefined {
  const v = Number.parseFloat(text);
  return Number.isFinite(v) ? v : undefined;
}

/** CPU percentage of one core between two samples: 100 = one core fully busy. */
export function cpuPercent(prevTicks: number, curTicks: number, elapsedMs: number, ticksPerSec = 100): number {
  if (elapsedMs <= 0 || curTicks < prevTicks) return 0;
  return ((curTicks - prevTicks) / ticksPerSec / (elapsedMs / 1000)) * 100;
}
