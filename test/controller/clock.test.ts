import { describe, expect, it } from 'vitest';
import { ManualClock, MAX_TIMER_DELAY_MS, timerClock } from '../../src/controller/clock.js';

describe('ManualClock', () => {
  it('fires due timers in time order (creation order on ties), including timers set by callbacks', () => {
    const clock = new ManualClock(100);
    const fired: string[] = [];
    clock.setTimer(() => fired.push(`b@${clock.nowMs()}`), 20);
    clock.setTimer(() => {
      fired.push(`a@${clock.nowMs()}`);
      clock.setTimer(() => fired.push(`c@${clock.nowMs()}`), 5);
    }, 10);
    clock.setTimer(() => fired.push(`d@${clock.nowMs()}`), 20);
    const late = clock.setTimer(() => fired.push('never'), 31);
    clock.advance(30);
    expect(fired).toEqual(['a@110', 'c@115', 'b@120', 'd@120']);
    expect(clock.nowMs()).toBe(130);
    late.cancel();
    clock.advance(100);
    expect(fired).toHaveLength(4);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('timerClock (the real clock on injected timer functions)', () => {
  function fakeTimers() {
    const pending: Array<{ id: number; atMs: number; callback: () => void }> = [];
    const delays: number[] = [];
    let now = 0;
    let nextId = 1;
    const timers = {
      set: (callback: () => void, delayMs: number) => {
        delays.push(delayMs);
        const id = nextId++;
        pending.push({ id, atMs: now + delayMs, callback });
        return id;
      },
      clear: (handle: unknown) => {
        const i = pending.findIndex((t) => t.id === handle);
        if (i >= 0) pending.splice(i, 1);
      },
    };
    const runUntil = (ms: number) => {
      for (;;) {
        pending.sort((a, b) => a.atMs - b.atMs);
        const next = pending[0];
        if (next === undefined || next.atMs > ms) break;
        pending.shift();
        now = next.atMs;
        next.callback();
      }
      now = ms;
    };
    return { timers, delays, pending, runUntil, now: () => now };
  }

  it('never hands Node a delay it cannot hold, and fires after the whole delay', () => {
    const fake = fakeTimers();
    const clock = timerClock(fake.now, fake.timers);
    let fired = 0;
    const long = 5 * MAX_TIMER_DELAY_MS + 123;
    clock.setTimer(() => fired++, long);
    fake.runUntil(long - 1);
    expect(fired).toBe(0);
    fake.runUntil(long);
    expect(fired).toBe(1);
    expect(Math.max(...fake.delays)).toBeLessThanOrEqual(MAX_TIMER_DELAY_MS);
  });

  it('cancels a long timer between its steps; Infinity never fires, NaN and negative fire at once', () => {
    const fake = fakeTimers();
    const clock = timerClock(fake.now, fake.timers);
    const fired: string[] = [];
    const long = clock.setTimer(() => fired.push('long'), 3 * MAX_TIMER_DELAY_MS);
    fake.runUntil(MAX_TIMER_DELAY_MS + 1);
    long.cancel();
    clock.setTimer(() => fired.push('never'), Infinity);
    clock.setTimer(() => fired.push('nan'), Number.NaN);
    clock.setTimer(() => fired.push('negative'), -5);
    fake.runUntil(10 * MAX_TIMER_DELAY_MS);
    expect(fired).toEqual(['nan', 'negative']);
    expect(fake.pending).toHaveLength(0);
  });
});
