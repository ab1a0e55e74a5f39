import { describe, expect, it } from 'vitest';
import { LogBuffer, type NewLogEntry } from '../../../src/relay/log/index.js';

const T = Date.UTC(2026, 10, 27, 12, 0, 0);
const e = (message: string, type = 'NOTICE', atMs = T): NewLogEntry => ({ atMs, type, message, source: 'tor' });

describe('LogBuffer', () => {
  it('keeps at most cap entries, dropping the oldest', () => {
    const b = new LogBuffer(3);
    for (let i = 0; i < 5; i++) b.add(e(`m${i}`));
    expect(b.length).toBe(3);
    expect(b.toArray().map((x) => x.message)).toEqual(['m2', 'm3', 'm4']);
    expect(b.at(0)!.message).toBe('m4');
  });

  it('groups duplicates: only the newest shows, with how many it hides', () => {
    const b = new LogBuffer(100);
    const first = b.add(e("Heartbeat: Tor's uptime is 1:00 hours, with 30 circuits open. I've sent 1.00 MB and received 2.00 MB."));
    b.add(e('something else'));
    const second = b.add(e("Heartbeat: Tor's uptime is 2:00 hours, with 31 circuits open. I've sent 2.00 MB and received 3.00 MB."));
    const third = b.add(e("Heartbeat: Tor's uptime is 3:00 hours, with 32 circuits open. I've sent 3.00 MB and received 4.00 MB."));
    expect(b.isHiddenDuplicate(first)).toBe(true);
    expect(b.isHiddenDuplicate(second)).toBe(true);
    expect(b.isHiddenDuplicate(third)).toBe(false);
    expect(b.duplicatesOf(third)).toBe(2);
    expect(b.duplicatesOf(first)).toBe(0);
  });

  it('never merges different types or days', () => {
    const b = new LogBuffer(100);
    const a = b.add(e('same', 'NOTICE'));
    const w = b.add(e('same', 'WARN'));
    const yesterday = b.add(e('same', 'NOTICE', T - 86_400_000));
    expect([a, w, yesterday].map((x) => b.isHiddenDuplicate(x))).toEqual([false, false, false]);
  });

  it('forgets evicted duplicates so counts stay right', () => {
    const b = new LogBuffer(3);
    b.add(e('dup'));
    b.add(e('dup'));
    const last = b.add(e('dup'));
    expect(b.duplicatesOf(last)).toBe(2);
    b.add(e('other'));
    expect(b.duplicatesOf(last)).toBe(1);
    b.add(e('other 2'));
    b.add(e('other 3'));
    expect(b.length).toBe(3);
    expect(b.isHiddenDuplicate(b.at(0)!)).toBe(false);
  });

  it('puts the backlog at the old end, only as much as fits, newest of it kept', () => {
    const b = new LogBuffer(4);
    b.add(e('live 1'));
    b.add(e('live 2'));
    const kept = b.addBacklog([e('old 1', 'NOTICE', T - 3000), e('old 2', 'NOTICE', T - 2000), e('old 3', 'NOTICE', T - 1000)]);
    expect(kept).toBe(2);
    expect(b.toArray().map((x) => x.message)).toEqual(['old 2', 'old 3', 'live 1', 'live 2']);
    expect(b.toArray().map((x) => x.seq)).toEqual([-2, -1, 0, 1]);
    b.add(e('live 3'));
    expect(b.toArray()[0]!.message).toBe('old 3');
  });

  it('a backlog duplicate of a live entry only adds to its count', () => {
    const b = new LogBuffer(10);
    const live = b.add(e('Bootstrapped 100% (done): Done'));
    b.addBacklog([e('Bootstrapped 100% (done): Done', 'NOTICE', T - 1000)]);
    expect(b.duplicatesOf(live)).toBe(1);
    expect(b.isHiddenDuplicate(b.at(1)!)).toBe(true);
  });

  it('clones independently and clears', () => {
    const b = new LogBuffer(10);
    b.add(e('a'));
    const copy = b.clone();
    b.add(e('a'));
    expect(copy.length).toBe(1);
    expect(copy.duplicatesOf(copy.at(0)!)).toBe(0);
    b.clear();
    expect(b.length).toBe(0);
    expect(copy.length).toBe(1);
    b.add(e('a'));
    expect(b.duplicatesOf(b.at(0)!)).toBe(0);
  });

  it('adds in constant time: 200k entries into a 1000-entry buffer stay fast and bounded', () => {
    const b = new LogBuffer(1000);
    const start = performance.now();
    for (let i = 0; i < 200_000; i++) b.add(e(`connection_handle_write(): After TLS write of ${i % 600}: 0 read, ${i} written`, 'DEBUG'));
    expect(b.length).toBe(1000);
    expect(b.duplicatesOf(b.at(0)!)).toBe(999);
    // Generous bound: a quadratic dedup (Nyx before 2.0) would take minutes here.
    expect(performance.now() - start).toBeLessThan(5000);
  });
  it("tallies tor's WARN and ERR since the start: eviction, clear() and the backlog leave the count right", () => {
    const b = new LogBuffer(2);
    b.add(e('w1', 'WARN', T + 1));
    b.add(e('n', 'NOTICE', T + 2));
    b.add(e('e1', 'ERR', T + 3));
    b.add(e('n2', 'NOTICE', T + 4));
    b.add(e('ours', 'ORTOP_WARN', T + 5));
    expect(b.problems).toMatchObject({ warn: 1, err: 1, newest: { message: 'e1' } });
    const copy = b.clone();
    b.clear();
    b.addBacklog([e('older warn', 'WARN', T - 2), e('old warn', 'WARN', T - 1)]);
    expect(b.problems).toMatchObject({ warn: 3, err: 1, newest: { message: 'e1' } });
    expect(copy.problems).toMatchObject({ warn: 1, err: 1 });
    const fresh = new LogBuffer(10);
    fresh.addBacklog([e('older warn', 'WARN', T - 2), e('old warn', 'WARN', T - 1), e('notice', 'NOTICE', T)]);
    expect(fresh.problems).toMatchObject({ warn: 2, err: 0, newest: { message: 'old warn' } });
  });
});
