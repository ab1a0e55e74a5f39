import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/controller/clock.js';

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
