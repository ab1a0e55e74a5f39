import { describe, expect, it } from 'vitest';
import { expectMalformed, parsedAs } from './event-of.js';

const ms = (iso: string): number => Date.parse(`${iso}Z`);

describe('BW', () => {
  it('reads the captured per-second counters', () => {
    expect(parsedAs('BW', '650 BW 23232 45539')).toEqual({ kind: 'BW', type: 'BW', readBytes: 23232, writtenBytes: 45539, keywords: new Map() });
    const zero = parsedAs('BW', '650 BW 0 0');
    expect([zero.readBytes, zero.writtenBytes]).toEqual([0, 0]);
  });

  it('keeps the reserved Type=Num extras (Stem vector 51)', () => {
    const ev = parsedAs('BW', '650 BW 10 20 OR=5 EXIT=500');
    expect(ev.readBytes).toBe(10);
    expect(ev.writtenBytes).toBe(20);
    expect([...ev.keywords]).toEqual([
      ['OR', '5'],
      ['EXIT', '500'],
    ]);
  });

  it('reads counters beyond 32 bits', () => {
    expect(parsedAs('BW', '650 BW 4294967296 9007199254740991').writtenBytes).toBe(9007199254740991);
  });

  it('flags broken counters (Stem vector 53 and BW tests)', () => {
    expectMalformed('650 BW &15* 25', 'BW read is not a non-negative integer: "&15*"');
    expectMalformed('650 BW', 'missing BW read');
    expectMalformed('650 BW 15', 'missing BW written');
    expectMalformed('650 BW -15 25', 'BW read is not a non-negative integer');
    expectMalformed('650 BW 15 -25', 'BW written is not a non-negative integer');
    expectMalformed('650 BW x 25', 'BW read');
  });
});

describe('STREAM_BW', () => {
  it('reads written before read, then the time (capture)', () => {
    expect(parsedAs('STREAM_BW', '650 STREAM_BW 5 144 0 2026-11-27T09:46:41.646246')).toEqual({
      kind: 'STREAM_BW',
      type: 'STREAM_BW',
      streamId: '5',
      writtenBytes: 144,
      readBytes: 0,
      time: '2026-11-27T09:46:41.646246',
      atMs: expect.closeTo(ms('2026-11-27T09:46:41.646') + 0.246, 6),
      keywords: new Map(),
    });
  });

  it('accepts alphanumeric ids and a missing time (Stem vector 47)', () => {
    const ev = parsedAs('STREAM_BW', '650 STREAM_BW Stream02 0 0 2012-12-06T13:51:11.433755');
    expect(ev.streamId).toBe('Stream02');
    const old = parsedAs('STREAM_BW', '650 STREAM_BW 2 15 25');
    expect([old.writtenBytes, old.readBytes, old.time, old.atMs]).toEqual([15, 25, undefined, undefined]);
  });

  it('flags bad ids, negative and missing counters (Stem vector 47)', () => {
    expectMalformed('650 STREAM_BW 12345678901234567 15 25', 'stream id must be 1-16 letters or digits, got "12345678901234567"');
    expectMalformed('650 STREAM_BW 2 -15 25', 'STREAM_BW written is not a non-negative integer: "-15"');
    expectMalformed('650 STREAM_BW 2 15 -25', 'STREAM_BW read is not a non-negative integer');
    expectMalformed('650 STREAM_BW 2 x 25', 'STREAM_BW written');
    expectMalformed('650 STREAM_BW - 15 25', 'stream id');
    expectMalformed('650 STREAM_BW', 'missing stream id');
    expectMalformed('650 STREAM_BW 2 15', 'missing STREAM_BW read');
    expectMalformed('650 STREAM_BW 2 15 25 yesterday', 'STREAM_BW time is not an ISO time');
  });
});

describe('CONN_BW', () => {
  it('reads the capture', () => {
    expect(parsedAs('CONN_BW', '650 CONN_BW ID=8 TYPE=OR READ=11085 WRITTEN=4808')).toEqual({
      kind: 'CONN_BW',
      type: 'CONN_BW',
      connId: '8',
      connType: 'OR',
      readBytes: 11085,
      writtenBytes: 4808,
      keywords: new Map(),
    });
  });

  it('flags a fractional count and a missing ID', () => {
    expectMalformed('650 CONN_BW ID=11 TYPE=DIR READ=272 WRITTEN=817.7', 'WRITTEN is not a non-negative integer: "817.7"');
    expectMalformed('650 CONN_BW TYPE=DIR READ=272 WRITTEN=817', 'missing ID=');
  });
});

describe('CIRC_BW', () => {
  it('reads the capture without congestion control fields', () => {
    expect(
      parsedAs(
        'CIRC_BW',
        '650 CIRC_BW ID=1 READ=8144 WRITTEN=3054 TIME=2026-11-27T09:46:42.551443 DELIVERED_READ=4455 OVERHEAD_READ=3513 DELIVERED_WRITTEN=452 OVERHEAD_WRITTEN=2536',
      ),
    ).toEqual({
      kind: 'CIRC_BW',
      type: 'CIRC_BW',
      circuitId: '1',
      readBytes: 8144,
      writtenBytes: 3054,
      time: '2026-11-27T09:46:42.551443',
      atMs: expect.closeTo(ms('2026-11-27T09:46:42.551') + 0.443, 6),
      deliveredReadBytes: 4455,
      overheadReadBytes: 3513,
      deliveredWrittenBytes: 452,
      overheadWrittenBytes: 2536,
      slowStart: undefined,
      cwndCells: undefined,
      rttMs: undefined,
      minRttMs: undefined,
      keywords: new Map(),
    });
  });

  it('reads SS/CWND/RTT/MIN_RTT when the circuit negotiated congestion control', () => {
    const ev = parsedAs(
      'CIRC_BW',
      '650 CIRC_BW ID=53 READ=1527 WRITTEN=2036 TIME=2026-11-27T09:47:37.602903 DELIVERED_READ=187 OVERHEAD_READ=1307 DELIVERED_WRITTEN=384 OVERHEAD_WRITTEN=1608 SS=1 CWND=124 RTT=0 MIN_RTT=0',
    );
    expect([ev.circuitId, ev.slowStart, ev.cwndCells, ev.rttMs, ev.minRttMs]).toEqual(['53', true, 124, 0, 0]);
    const notSlow = parsedAs('CIRC_BW', '650 CIRC_BW ID=53 READ=1 WRITTEN=2 SS=0 CWND=31 RTT=87 MIN_RTT=52');
    expect([notSlow.slowStart, notSlow.rttMs, notSlow.minRttMs, notSlow.time]).toEqual([false, 87, 52, undefined]);
  });

  it('keeps keywords it does not know (Stem vector 48 layout, plus a future one)', () => {
    const ev = parsedAs(
      'CIRC_BW',
      '650 CIRC_BW ID=11 READ=272 WRITTEN=817 TIME=2012-12-06T13:51:11.433755 DELIVERED_READ=12 OVERHEAD_READ=34 DELIVERED_WRITTEN=56 OVERHEAD_WRITTEN=78 FUTURE_THING=x',
    );
    expect([ev.readBytes, ev.writtenBytes, ev.deliveredReadBytes, ev.overheadWrittenBytes]).toEqual([272, 817, 12, 78]);
    expect([...ev.keywords]).toEqual([['FUTURE_THING', 'x']]);
  });

  it('flags the Stem vector 48 variants', () => {
    expectMalformed('650 CIRC_BW ID=11 READ=272 WRITTEN=817.7', 'WRITTEN is not a non-negative integer: "817.7"');
    expectMalformed('650 CIRC_BW ID=11 READ=272 WRITTEN=817 TIME=boom', 'TIME is not an ISO time: "boom"');
    expectMalformed('650 CIRC_BW READ=272 WRITTEN=817', 'missing ID=');
    expectMalformed('650 CIRC_BW ID=11 WRITTEN=817', 'missing READ=');
    expectMalformed('650 CIRC_BW ID=toolong8901234567 READ=1 WRITTEN=2', 'ID must be 1-16 letters or digits');
  });
});

describe('CELL_STATS', () => {
  it('reads the client capture (circuit id, outbound only)', () => {
    const ev = parsedAs(
      'CELL_STATS',
      '650 CELL_STATS ID=1 OutboundQueue=2303110114 OutboundConn=1 OutboundRemoved=relay:6,create_fast:1 OutboundTime=relay:0,create_fast:0',
    );
    expect(ev.circuitId).toBe('1');
    expect(ev.outboundQueue).toBe('2303110114');
    expect(ev.outboundConn).toBe('1');
    expect(ev.outboundRemoved).toEqual(
      new Map([
        ['relay', 6],
        ['create_fast', 1],
      ]),
    );
    expect(ev.outboundTimeMs).toEqual(
      new Map([
        ['relay', 0],
        ['create_fast', 0],
      ]),
    );
    expect([ev.inboundQueue, ev.inboundAdded, ev.outboundAdded]).toEqual([undefined, undefined, undefined]);
  });

  it('reads the relay capture (no ID, both directions) and Stem vector 49', () => {
    const relay = parsedAs(
      'CELL_STATS',
      '650 CELL_STATS InboundQueue=2726818758 InboundConn=2 InboundRemoved=relay:3,created2:1 InboundTime=relay:0,created2:0 OutboundQueue=3044660602 OutboundConn=4 OutboundRemoved=relay_early:3,create2:1 OutboundTime=relay_early:0,create2:0',
    );
    expect(relay.circuitId).toBeUndefined();
    expect([relay.inboundQueue, relay.inboundConn, relay.outboundConn]).toEqual(['2726818758', '2', '4']);
    expect(relay.inboundRemoved).toEqual(
      new Map([
        ['relay', 3],
        ['created2', 1],
      ]),
    );
    const stem = parsedAs(
      'CELL_STATS',
      '650 CELL_STATS InboundQueue=19403 InboundConn=32 InboundAdded=relay:1,created_fast:1 InboundRemoved=relay:1,created_fast:1 InboundTime=relay:0,created_fast:0 OutboundQueue=6710 OutboundConn=18 OutboundAdded=create:1,relay_early:1 OutboundRemoved=create:1,relay_early:1 OutboundTime=create:0,relay_early:0',
    );
    expect(stem.inboundAdded).toEqual(
      new Map([
        ['relay', 1],
        ['created_fast', 1],
      ]),
    );
    expect(stem.outboundAdded).toEqual(
      new Map([
        ['create', 1],
        ['relay_early', 1],
      ]),
    );
  });

  it('flags bad cell types and counts (Stem vector 49 invalid forms)', () => {
    expectMalformed('650 CELL_STATS OutboundAdded=create_fast:-1,relay_early:2', 'OutboundAdded create_fast is not a non-negative integer');
    expectMalformed('650 CELL_STATS OutboundAdded=create_fast:arg,relay_early:-2', 'OutboundAdded create_fast');
    expectMalformed('650 CELL_STATS OutboundAdded=create_fast!:1,relay_early:-2', 'malformed OutboundAdded entry: "create_fast!:1"');
  });
});
