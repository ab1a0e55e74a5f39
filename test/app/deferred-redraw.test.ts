// Deferred redraws on a ManualClock: a burst of changes asks for one frame within the delay, a frame
// drawn meanwhile takes them along (no extra frame), and cancel drops what is pending.
import { describe, expect, it } from 'vitest';
import { createDeferredRedraw } from '../../src/app/shell/deferred-redraw.js';
import { ManualClock } from '../../src/controller/index.js';

describe('createDeferredRedraw', () => {
  it('folds a burst of changes into one frame at most the delay later', () => {
    const clock = new ManualClock(1_000_000);
    const frames: number[] = [];
    const r = createDeferredRedraw(clock, () => frames.push(clock.nowMs()), 1000);
    for (let i = 0; i < 30; i++) {
      r.changed();
      clock.advance(100);
    }
    // 3 s of changes every 100 ms and no other frame: one frame a second.
    expect(frames).toEqual([1_001_000, 1_002_000, 1_003_000]);
  });

  it('a frame drawn for another reason (the BW event) takes the pending changes along', () => {
    const clock = new ManualClock(0);
    let frames = 0;
    const r = createDeferredRedraw(clock, () => frames++, 1000);
    for (let second = 0; second < 5; second++) {
      r.changed();
      clock.advance(300);
      r.changed();
      clock.advance(300);
      r.drawn();
      clock.advance(400);
    }
    expect(frames).toBe(0);
    r.changed();
    r.cancel();
    clock.advance(2000);
    expect(frames).toBe(0);
  });
});
