// The connections page's redraw throttle on a ManualClock: the first change draws at once, a burst
// within the gap becomes one frame at its end, and cancel drops a pending frame.
import { describe, expect, it } from 'vitest';
import { createRedrawThrottle } from '../../src/app/redraw-throttle.js';
import { ManualClock } from '../../src/controller/index.js';

describe('createRedrawThrottle', () => {
  it('draws the first change at once and folds a burst into one frame per gap', () => {
    const clock = new ManualClock(1_000_000);
    const frames: number[] = [];
    const t = createRedrawThrottle(clock, () => frames.push(clock.nowMs()), 1000);
    t.changed();
    expect(frames).toEqual([1_000_000]);
    for (let i = 0; i < 30; i++) {
      clock.advance(100);
      t.changed();
    }
    // 3 s of changes every 100 ms: one frame at each 1 s mark.
    expect(frames).toEqual([1_000_000, 1_001_000, 1_002_000, 1_003_000]);
    clock.advance(5000);
    t.changed();
    expect(frames.at(-1)).toBe(1_008_000);
  });

  it('cancel drops the pending frame', () => {
    const clock = new ManualClock(0);
    let frames = 0;
    const t = createRedrawThrottle(clock, () => frames++, 1000);
    t.changed();
    t.changed();
    t.cancel();
    clock.advance(2000);
    expect(frames).toBe(1);
  });
});
