import { describe, expect, it } from 'vitest';
import { GraphModel, parseAccounting, parseStateFileHistory } from '../../../src/relay/bandwidth/index.js';

describe('GraphModel', () => {
  it('records one second of every stat per BW event, totals continuing from tor\'s counters', () => {
    const m = new GraphModel();
    m.seedTotals(1000, 2000);
    m.recordSecond({ readBytes: 10, writtenBytes: 20, connections: { inbound: 3, outbound: 4 }, resources: { cpuPercent: 1.5, rssBytes: 1e6 } }, 5000);
    m.recordSecond({ readBytes: 30, writtenBytes: 40 }, 6000);
    expect(m.totalReadBytes).toBe(1040);
    expect(m.totalWrittenBytes).toBe(2060);
    expect(m.bandwidth.samples).toBe(2);
    expect(m.connections.samples).toBe(1);
    expect(m.connectionsAvailable).toBe(false);
    expect(m.resources.secondary.latest).toBe(1e6);
    expect(m.lastSecondAtMs).toBe(6000);
  });

  it("seeds the per-second series from bw-event-cache without counting it twice in the totals", () => {
    const m = new GraphModel();
    m.seedTotals(500, 600);
    m.seedSeconds([{ readBytes: 1, writtenBytes: 2 }, { readBytes: 3, writtenBytes: 4 }]);
    expect(m.bandwidth.primary.interval('each second').newest(5)).toEqual([3, 1]);
    expect(m.totalReadBytes).toBe(500);
    expect(m.cacheSeconds).toBe(2);
  });

  it('seeds the long intervals from the state file, leaving intervals with their own data alone', () => {
    const m = new GraphModel();
    const history = parseStateFileHistory(
      ['BWHistoryReadEnds 2026-11-27 11:00:00', 'BWHistoryReadInterval 900', 'BWHistoryReadValues 900000,1800000', 'BWHistoryWriteEnds 2026-11-27 11:00:00', 'BWHistoryWriteInterval 900', 'BWHistoryWriteValues 9000,18000'].join('\n'),
    );
    m.seedLongHistory(history, '/var/lib/tor/state', Date.UTC(2026, 10, 27, 11, 0, 0));
    expect(m.bandwidth.primary.interval('15 minute').newest(5)).toEqual([2000, 1000]);
    expect(m.bandwidth.secondary.interval('30 minute').newest(5)).toEqual([15]);
    expect(m.bandwidth.primary.interval('each second').length).toBe(0);
    expect(m.longHistory).toEqual({ kind: 'loaded', path: '/var/lib/tor/state', periodSec: 900, periods: 2 });
  });

  it('says why when the state file has no history', () => {
    const m = new GraphModel();
    m.seedLongHistory(parseStateFileHistory('Dormant 0'), '/x/state', 0);
    expect(m.longHistory.kind).toBe('unavailable');
  });

  it('clones deeply: the paused copy does not move', () => {
    const m = new GraphModel();
    m.recordSecond({ readBytes: 1, writtenBytes: 1 }, 0);
    const frozen = m.clone();
    m.recordSecond({ readBytes: 2, writtenBytes: 2 }, 1000);
    expect(frozen.bandwidth.samples).toBe(1);
    expect(frozen.bandwidth.primary.interval('each second').newest(9)).toEqual([1]);
    expect(m.bandwidth.samples).toBe(2);
  });
});

describe('parseAccounting', () => {
  it('reads the GETINFO accounting/* answers (limit = used + left)', () => {
    const facts = parseAccounting(
      new Map([
        ['accounting/hibernating', 'soft'],
        ['accounting/bytes', '100 200'],
        ['accounting/bytes-left', '900 800'],
        ['accounting/interval-end', '2026-12-01 00:00:00'],
      ]),
      42,
    );
    expect(facts).toEqual({ hibernating: 'soft', readBytes: 100, writtenBytes: 200, readLimitBytes: 1000, writtenLimitBytes: 1000, intervalEndMs: Date.UTC(2026, 11, 1), atMs: 42 });
    expect(parseAccounting(new Map([['accounting/bytes', 'x']]), 0)).toBeUndefined();
  });
});
