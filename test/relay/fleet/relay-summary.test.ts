import { describe, expect, it } from 'vitest';
import { GraphModel } from '../../../src/relay/bandwidth/index.js';
import { LAST_MINUTE_SECONDS, summarizeRelay, totalsOf, type RelaySummaryInput } from '../../../src/relay/fleet/index.js';
import { LogBuffer } from '../../../src/relay/log/index.js';
import { facts, graphOf, hostileDisconnected, hostileRelay, logsOf, mixedFleet, NOW_MS, storeOf, weights } from './fleet-fixtures.js';

const byName = (name: string): RelaySummaryInput => mixedFleet().find((r) => r.name === name)!;
const summary = (name: string) => summarizeRelay(byName(name), NOW_MS);
// Controls, invisible format characters and lone surrogate halves (whole emoji are drawn, two cells).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('summarizeRelay: state', () => {
  it('connected', () => expect(summary('guard-1').state).toEqual({ kind: 'connected' }));

  it('bootstrapping N% while connected with bootstrap below 100', () => expect(summary('middle-fr').state).toEqual({ kind: 'bootstrapping', progress: 45 }));

  it('not answering while a request is unanswered, since tor was last heard', () => {
    expect(summary('hung').state).toEqual({ kind: 'not-answering', sinceMs: NOW_MS - 25_000, lastHeardAtMs: NOW_MS - 27_000 });
  });

  it('password needed when the way back is entering a password', () => {
    expect(summary('locked').state).toEqual({ kind: 'password-needed', atMs: NOW_MS - 50_000, problem: 'password needed' });
    const rejected = facts({ connection: { kind: 'disconnected', target: 't', atMs: NOW_MS, reason: 'x', retryAtMs: undefined, problem: 'password rejected' } });
    expect(summarizeRelay({ name: 'r', facts: rejected }, NOW_MS).state).toEqual({ kind: 'password-needed', atMs: NOW_MS, problem: 'password rejected' });
  });

  it('disconnected since, with the problem', () => {
    expect(summary('gone').state).toEqual({ kind: 'disconnected', atMs: NOW_MS - 120_000, problem: 'nothing listening' });
  });

  it('connecting before the first connection', () => expect(summary('new-one').state).toEqual({ kind: 'connecting' }));

  it('not answering wins over bootstrapping', () => {
    const f = facts({ bootstrap: { progress: 10, tag: 't', summary: 's', warning: undefined }, connection: { kind: 'connected', target: 't', authMethod: 'NULL', sinceMs: 0, silence: { command: 'GETINFO', askedAtMs: 5, lastHeardAtMs: 4, dropAtMs: 9 } } });
    expect(summarizeRelay({ name: 'r', facts: f }, NOW_MS).state.kind).toBe('not-answering');
  });
});

describe('summarizeRelay: traffic', () => {
  it('current rate is the last second; the 1-minute average is the mean of the last 60 seconds', () => {
    const g = new GraphModel();
    for (let i = 0; i < 100; i++) g.recordSecond({ readBytes: i < 40 ? 999_999 : 1000 + i, writtenBytes: 10 * i }, NOW_MS - (99 - i) * 1000);
    const s = summarizeRelay({ name: 'r', facts: facts(), graph: g }, NOW_MS);
    expect(s.readBytesPerSec).toBe(1099);
    expect(s.writtenBytesPerSec).toBe(990);
    // seconds 40..99: read 1040..1099, written 400..990
    expect(s.avgReadBytesPerSec).toBeCloseTo(1069.5);
    expect(s.avgWrittenBytesPerSec).toBeCloseTo(695);
    expect(s.lastMinute).toHaveLength(LAST_MINUTE_SECONDS);
    expect(s.lastMinute[59]).toBe(1099 + 990);
    expect(s.lastMinute[0]).toBe(1040 + 400);
  });

  it('averages over the seconds it has when there are fewer than 60, leaving the rest of the minute empty', () => {
    const g = new GraphModel();
    [100, 200, 300].forEach((v, i) => g.recordSecond({ readBytes: v, writtenBytes: 0 }, NOW_MS - (2 - i) * 1000));
    const s = summarizeRelay({ name: 'r', facts: facts(), graph: g }, NOW_MS);
    expect(s.avgReadBytesPerSec).toBe(200);
    expect(s.lastMinute.slice(57)).toEqual([100, 200, 300]);
    expect(s.lastMinute.slice(0, 57).every((v) => v === undefined)).toBe(true);
  });

  it('places samples by time: a relay whose BW events stopped has no current rate and an emptying minute', () => {
    const s = summary('hung');
    expect(s.readBytesPerSec).toBeUndefined();
    expect(s.lastMinute.slice(-27).every((v) => v === undefined)).toBe(true);
    expect(s.lastMinute[0]).toBeDefined();
    const gone = summary('gone');
    expect(gone.lastMinute.every((v) => v === undefined)).toBe(true);
    expect(gone.avgReadBytesPerSec).toBeUndefined();
  });

  it('a disconnected relay has no current rate even with a fresh last second', () => {
    const f = facts({ connection: { kind: 'disconnected', target: 't', atMs: NOW_MS, reason: 'x', retryAtMs: undefined } });
    expect(summarizeRelay({ name: 'r', facts: f, graph: graphOf(10, NOW_MS) }, NOW_MS).readBytesPerSec).toBeUndefined();
  });

  it('skips no-data buckets (NaN) from the state-file history', () => {
    const g = new GraphModel();
    g.bandwidth.primary.interval('each second').pushBucket(Number.NaN);
    g.bandwidth.secondary.interval('each second').pushBucket(Number.NaN);
    g.recordSecond({ readBytes: 10, writtenBytes: 20 }, NOW_MS);
    const s = summarizeRelay({ name: 'r', facts: facts(), graph: g }, NOW_MS);
    expect(s.avgReadBytesPerSec).toBe(10);
    expect(s.lastMinute[58]).toBeUndefined();
  });
});

describe('summarizeRelay: connections, accounting, weight, warnings', () => {
  it('counts OR connections in/out, exit sockets, circuits and streams', () => {
    const s = summary('exit-de');
    expect(s.orConnections).toEqual({ inbound: 1200, outbound: 3100 });
    expect(s.exitConnections).toBe(4321);
    expect(s.circuits).toBe(890);
    expect(s.streams).toBe(0);
    expect(summary('middle-fr').exitConnections).toBeUndefined();
    expect(summary('locked').orConnections).toBeUndefined();
  });

  it('accounting: the direction nearest its limit, only while on', () => {
    const s = summary('guard-1');
    expect(s.accounting).toEqual({ hibernating: 'awake', usedBytes: 21 * 2 ** 30, limitBytes: 50 * 2 ** 30, usedPercent: 42 });
    const writtenFirst = graphOf(1, NOW_MS, 1, { kind: 'on', facts: { hibernating: 'hard', readBytes: 1, writtenBytes: 9, readLimitBytes: 10, writtenLimitBytes: 10, intervalEndMs: undefined, atMs: 0 } });
    expect(summarizeRelay({ name: 'r', facts: facts(), graph: writtenFirst }, NOW_MS).accounting).toMatchObject({ hibernating: 'hard', usedBytes: 9, usedPercent: 90 });
    expect(summarizeRelay({ name: 'r', facts: facts(), graph: graphOf(1, NOW_MS, 1, { kind: 'off' }) }, NOW_MS).accounting).toBeUndefined();
    expect(summarizeRelay({ name: 'r', facts: facts(), graph: graphOf(1, NOW_MS, 1, { kind: 'on', facts: undefined }) }, NOW_MS).accounting).toBeUndefined();
  });

  it('consensus weight of our own fingerprint, when the consensus has it', () => {
    expect(summary('guard-1').consensusWeight).toBe(12_400);
    expect(summary('hung').consensusWeight).toBeUndefined();
    expect(summarizeRelay({ name: 'r', facts: facts({ fingerprint: undefined }), directory: weights({}) }, NOW_MS).consensusWeight).toBeUndefined();
  });

  it('counts WARN and ERR since the start, beyond what the log buffer still holds, with the newest message', () => {
    const logs = new LogBuffer(3);
    logs.addBacklog([{ atMs: 1, type: 'WARN', message: 'old backlog warning', source: 'backlog' }]);
    for (let i = 0; i < 5; i++) logs.add({ atMs: 10 + i, type: 'WARN', message: `w${i}`, source: 'tor' });
    logs.add({ atMs: 20, type: 'ERR', message: 'the error', source: 'tor' });
    logs.add({ atMs: 21, type: 'NOTICE', message: 'fine', source: 'tor' });
    logs.add({ atMs: 22, type: 'ORTOP_WARN', message: 'ours, not tor', source: 'ortop' });
    logs.clear();
    const s = summarizeRelay({ name: 'r', facts: facts(), logs }, NOW_MS);
    expect(s.warnings).toBe(6);
    expect(s.errors).toBe(1);
    expect(s.lastProblem).toEqual({ atMs: 20, type: 'ERR', message: 'the error' });
    expect(summary('locked').warnings).toBeUndefined();
    expect(summary('middle-fr')).toMatchObject({ warnings: 0, errors: 0, lastProblem: undefined });
  });

  it('uptime runs while attached and freezes at a disconnect', () => {
    expect(summary('guard-1').uptimeMs).toBe((3 * 86_400 + 4 * 3600) * 1000);
    expect(summary('gone').uptimeMs).toBe(7_200_000 - 120_000);
    expect(summary('locked').uptimeMs).toBeUndefined();
  });
});

describe('summarizeRelay: hostile strings', () => {
  it('sanitises and cuts every string from tor, fast even for a 1 MB nickname', () => {
    const started = performance.now();
    for (const input of [hostileRelay(), hostileDisconnected()]) {
      const s = summarizeRelay(input, NOW_MS);
      const strings = [s.name, s.nickname, s.fingerprint, s.torVersion, s.versionStatus, ...(s.flags ?? []), s.lastProblem?.message, s.accounting?.hibernating, s.state.kind === 'disconnected' ? s.state.problem : ''];
      for (const text of strings) {
        expect(text).toBeDefined();
        expect(text!).not.toMatch(UNSAFE);
        expect(text!).not.toContain('pwned');
        expect(text!.length).toBeLessThanOrEqual(1001);
      }
    }
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('totalsOf', () => {
  it('sums what relays have, counts states, adds the minutes second by second', () => {
    const summaries = mixedFleet().map((r) => summarizeRelay(r, NOW_MS));
    const t = totalsOf(summaries);
    expect(t.relays).toBe(7);
    expect(t.byState).toEqual({ connecting: 1, connected: 2, bootstrapping: 1, 'not-answering': 1, 'password-needed': 1, disconnected: 1 });
    expect(t.orConnections).toEqual({ inbound: 310 + 1200 + 0 + 80 + 20, outbound: 42 + 3100 + 4 + 12 + 30 });
    expect(t.exitConnections).toBe(4321);
    expect(t.circuits).toBe(57 + 890 + 2 + 9 + 5);
    expect(t.consensusWeight).toBe(12_400 + 31_000 + 800);
    expect(t.warnings).toBe(3);
    expect(t.errors).toBe(1);
    const sum = summaries.reduce((n, s) => n + (s.readBytesPerSec ?? 0), 0);
    expect(t.readBytesPerSec).toBe(sum);
    expect(t.lastMinute[59]).toBe(summaries.reduce((n, s) => n + (s.lastMinute[59] ?? 0), 0));
    expect(totalsOf([]).readBytesPerSec).toBeUndefined();
  });

  it('keeps store counts out of relays without a store', () => {
    const only = [summarizeRelay({ name: 'x', facts: facts(), connections: storeOf(1, 2, 3, 4, undefined), logs: logsOf([]) }, NOW_MS)];
    expect(totalsOf(only)).toMatchObject({ orConnections: { inbound: 1, outbound: 2 }, circuits: 3, streams: 4, exitConnections: undefined });
  });
});
