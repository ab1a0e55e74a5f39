import { describe, expect, it } from 'vitest';
import { cpuPercent, parseMemTotal, parseProcStat, parseProcStatus, sampleProcess, type ProcFs } from '../../src/system/index.js';

const STAT = '2369 (tor (main) x) S 1 2369 2369 0 -1 4194560 12000 0 3 0 1234 567 0 0 20 0 3 0 98765 123456789 4567 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0';
const STATUS = 'Name:\ttor\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t108\t108\t108\t108\nVmRSS:\t   45312 kB\n';

describe('/proc parsers', () => {
  it('counts stat fields from the last parenthesis (comm may contain ") ")', () => {
    expect(parseProcStat(STAT)).toEqual({ comm: 'tor (main) x', state: 'S', utimeTicks: 1234, stimeTicks: 567, startTicks: 98765, threads: 3 });
    expect(parseProcStat('garbage')).toBeUndefined();
  });

  it('reads RSS, uid and name from status', () => {
    expect(parseProcStatus(STATUS)).toEqual({ name: 'tor', rssBytes: 45312 * 1024, uid: 108 });
    expect(parseProcStatus('')).toEqual({ name: undefined, rssBytes: undefined, uid: undefined });
  });

  it('reads MemTotal', () => {
    expect(parseMemTotal('MemTotal:       24576000 kB\nMemFree: 1 kB\n')).toBe(24576000 * 1024);
  });

  it('computes CPU percent from tick deltas', () => {
    expect(cpuPercent(100, 150, 1000)).toBe(50);
    expect(cpuPercent(100, 90, 1000)).toBe(0);
    expect(cpuPercent(100, 200, 0)).toBe(0);
  });
});

describe('sampleProcess', () => {
  const fs = (files: Record<string, string>, dirs: Record<string, string[]> = {}): ProcFs => ({
    readText: async (p) => {
      if (p in files) return files[p]!;
      throw Object.assign(new Error('nope'), { code: p.includes('/2369/') ? 'EACCES' : 'ENOENT' });
    },
    listDir: async (p) => {
      if (p in dirs) return dirs[p]!;
      throw Object.assign(new Error('nope'), { code: 'EACCES' });
    },
  });

  it('collects stat, RSS, memory total and fd count', async () => {
    const s = await sampleProcess(
      fs({ '/proc/7/stat': STAT, '/proc/7/status': STATUS, '/proc/meminfo': 'MemTotal: 1000 kB\n' }, { '/proc/7/fd': ['0', '1', '2'] }),
      7,
      5000,
    );
    expect(s).toMatchObject({ kind: 'sample', pid: 7, atMs: 5000, rssBytes: 45312 * 1024, memTotalBytes: 1024000, openFds: 3 });
  });

  it('says why when the process is unreadable or gone', async () => {
    expect(await sampleProcess(fs({}), 2369, 0)).toEqual({ kind: 'unavailable', pid: 2369, reason: '/proc/2369/stat is not readable (permission denied)' });
    expect(await sampleProcess(fs({}), 9, 0)).toMatchObject({ kind: 'unavailable', reason: expect.stringContaining('does not exist') });
  });

  it('reads this very process from the real /proc', async () => {
    const { realProcFs } = await import('../../src/system/index.js');
    const s = await sampleProcess(realProcFs, process.pid, 0);
    expect(s.kind).toBe('sample');
    if (s.kind === 'sample') {
      expect(s.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
      expect(s.openFds).toBeGreaterThan(2);
    }
  });
});
