import { describe, expect, it } from 'vitest';
import { historyBuckets, parseBwEventCache, parseStateFileHistory, stateRates } from '../../../src/relay/bandwidth/index.js';

// Captured from tor 0.4.9.11 (relay, DisableNetwork 1) right after start: daily periods.
const STATE_0_4_9 = [
  '# Tor state file last generated on 2026-11-27 11:29:40 local time',
  '# Other times below are in UTC',
  '# You *do not* need to edit this file.',
  '',
  'AccountingIntervalStart 2026-10-31 00:00:00',
  'BWHistoryDirReadEnds 2026-11-28 11:29:40',
  'BWHistoryDirReadInterval 86400',
  'BWHistoryDirReadValues 0',
  'BWHistoryReadEnds 2026-11-28 11:29:40',
  'BWHistoryReadInterval 86400',
  'BWHistoryReadMaxima 0',
  'BWHistoryReadValues 0',
  'BWHistoryWriteEnds 2026-11-28 11:29:40',
  'BWHistoryWriteInterval 86400',
  'BWHistoryWriteMaxima 0',
  'BWHistoryWriteValues 0',
  'LastWritten 2026-11-27 11:29:40',
  'TorVersion Tor 0.4.9.11',
  '',
].join('\n');

// Older tors kept 15-minute periods: four periods here, the last one still running.
const STATE_15_MIN = [
  'BWHistoryReadEnds 2026-11-27 11:00:00',
  'BWHistoryReadInterval 900',
  'BWHistoryReadValues 900000,1800000,2700000,450000',
  'BWHistoryWriteEnds 2026-11-27 11:00:00',
  'BWHistoryWriteInterval 900',
  'BWHistoryWriteValues 90000,180000,270000,45000',
  'LastWritten 2026-11-27 10:52:30',
].join('\r\n');

describe('parseBwEventCache', () => {
  it('reads read,written pairs oldest first and skips junk', () => {
    expect(parseBwEventCache('0,0 23232,45539 1608,4787')).toEqual([
      { readBytes: 0, writtenBytes: 0 },
      { readBytes: 23232, writtenBytes: 45539 },
      { readBytes: 1608, writtenBytes: 4787 },
    ]);
    expect(parseBwEventCache('')).toEqual([]);
    expect(parseBwEventCache('1,2 x,3 4,5')).toHaveLength(2);
  });
});

describe('parseStateFileHistory', () => {
  it('reads a real 0.4.9 state file (daily periods, one running)', () => {
    const h = parseStateFileHistory(STATE_0_4_9);
    expect(h.read).toEqual({ endsAtMs: Date.UTC(2026, 10, 28, 11, 29, 40), intervalSec: 86_400, totals: [0] });
    expect(h.written?.totals).toEqual([0]);
    expect(h.lastWrittenAtMs).toBe(Date.UTC(2026, 10, 27, 11, 29, 40));
  });

  it('is empty-handed for a file without BWHistory lines', () => {
    expect(parseStateFileHistory('# nothing\nDormant 0\n')).toEqual({ read: undefined, written: undefined, lastWrittenAtMs: undefined });
  });
});

describe('stateRates and historyBuckets', () => {
  const h = parseStateFileHistory(STATE_15_MIN);

  it('divides each period by its length, the running one by the part that had passed', () => {
    const { rates, coversUntilMs } = stateRates(h.read!, h.lastWrittenAtMs);
    expect(rates).toEqual([1000, 2000, 3000, 1000]);
    expect(coversUntilMs).toBe(Date.UTC(2026, 10, 27, 10, 52, 30));
  });

  it('regroups into longer buckets from the newest end and adds no-data buckets up to now', () => {
    const now = Date.UTC(2026, 10, 27, 11, 40, 0);
    expect(historyBuckets(h.read!, h.lastWrittenAtMs, 900, now, 100).map((v) => (Number.isNaN(v) ? 'gap' : v))).toEqual([1000, 2000, 3000, 1000, 'gap', 'gap', 'gap']);
    expect(historyBuckets(h.read!, h.lastWrittenAtMs, 1800, now, 100).slice(0, 2)).toEqual([1500, 2000]);
    expect(historyBuckets(h.read!, h.lastWrittenAtMs, 3600, now, 100)[0]).toBe(1750);
  });

  it('cannot fill intervals shorter than, or not a multiple of, the file period', () => {
    expect(historyBuckets(h.read!, h.lastWrittenAtMs, 60, Date.now(), 100)).toEqual([]);
    expect(historyBuckets({ ...h.read!, intervalSec: 86_400 }, undefined, 3600, Date.now(), 100)).toEqual([]);
  });

  it('never returns more than the ring holds', () => {
    expect(historyBuckets(h.read!, h.lastWrittenAtMs, 900, Date.UTC(2027, 0, 1), 10)).toHaveLength(10);
  });
});
