// Reads one process's CPU time, resident set size and anonymous memory from /proc (Linux only), for
// the idle benchmark. RSS counts the interpreter's mapped binary (node's is ~34 MB of file-backed
// pages, python's ~7 MB); RssAnon (heap, stacks) is the memory the program itself allocated.
// Read-only; returns undefined when the process is gone instead of throwing.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcSample {
  readonly atMs: number;
  /** utime + stime, in clock ticks. */
  readonly cpuTicks: number;
  readonly rssBytes: number;
  /** RssAnon from /proc/<pid>/status (heap, stacks; no mapped files); undefined on kernels without it. */
  readonly anonBytes: number | undefined;
}

let ticksPerSec: number | undefined;

/** sysconf(_SC_CLK_TCK) via getconf; 100 on every Linux we know of. */
export function clockTicksPerSec(): number {
  if (ticksPerSec === undefined) {
    try {
      ticksPerSec = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSec = 100;
    }
  }
  return ticksPerSec;
}

/** /proc/<pid>/stat fields 14 and 15 (utime, stime), counted after the parenthesised comm. */
export function parseCpuTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) fields[12].
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unexpected /proc/<pid>/stat: ${stat.slice(0, 200)}`);
  return utime + stime;
}

/** VmRSS from /proc/<pid>/status, in bytes. */
export function parseRssBytes(status: string): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (m === null) throw new Error('no VmRSS line in /proc/<pid>/status');
  return Number(m[1]) * 1024;
}

/** RssAnon from /proc/<pid>/status, in bytes. */
export function parseAnonBytes(status: string): number | undefined {
  const m = /^RssAnon:\s+(\d+) kB$/m.exec(status);
  return m === null ? undefined : Number(m[1]) * 1024;
}

export function sampleProcess(pid: number, atMs: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { atMs, cpuTicks: parseCpuTicks(stat), rssBytes: parseRssBytes(status), anonBytes: parseAnonBytes(status) };
  } catch {
    return undefined;
  }
}

/** CPU time between two samples as a percentage of one core over the wall time between them. */
export function cpuPercent(from: ProcSample, to: ProcSample): number {
  return ((to.cpuTicks - from.cpuTicks) / clockTicksPerSec() / ((to.atMs - from.atMs) / 1000)) * 100;
}

/** Pss from /proc/<pid>/smaps_rollup (shared pages divided among their users), in bytes; undefined when unreadable. */
export function readPssBytes(pid: number): number | undefined {
  try {
    const m = /^Pss:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m === null ? undefined : Number(m[1]) * 1024;
  } catch {
    return undefined;
  }
}
