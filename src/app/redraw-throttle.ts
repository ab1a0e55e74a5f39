// Spaces out a page's model-driven redraws: the first change after a quiet spell draws at once, the
// changes that follow within the gap are folded into one frame at its end. Keys are not throttled
// (the page asks for those frames directly); only the model's churn is.
import type { Clock, Timer } from '../controller/index.js';

export interface RedrawThrottle {
  /** A model change: redraw now, or once the gap since the last one has passed. */
  changed(): void;
  /** Drops a pending redraw (page stopped). */
  cancel(): void;
}

export function createRedrawThrottle(clock: Clock, invalidate: () => void, minGapMs: number): RedrawThrottle {
  let lastAtMs = Number.NEGATIVE_INFINITY;
  let timer: Timer | undefined;
  const fire = () => {
    timer = undefined;
    lastAtMs = clock.nowMs();
    invalidate();
  };
  return {
    changed() {
      if (timer !== undefined) return;
      const waitMs = lastAtMs + minGapMs - clock.nowMs();
      if (waitMs <= 0) fire();
      else timer = clock.setTimer(fire, waitMs);
    },
    cancel() {
      timer?.cancel();
      timer = undefined;
    },
  };
}
