// Defers a page's model-driven redraws to the next frame: a change asks for a frame within
// maxDelayMs, and any frame drawn before that (tor's BW event draws one every second) takes it
// along. Keys are not deferred (the page asks for those frames directly); only the model's churn is.
import type { Clock, Timer } from '../../controller/index.js';

export interface DeferredRedraw {
  /** The model changed: make sure a frame comes within the delay. */
  changed(): void;
  /** A frame was drawn (it showed the model as it is now): nothing is pending any more. */
  drawn(): void;
  /** Drops a pending redraw (page stopped). */
  cancel(): void;
}

export function createDeferredRedraw(clock: Clock, invalidate: () => void, maxDelayMs: number): DeferredRedraw {
  let timer: Timer | undefined;
  const cancel = () => {
    timer?.cancel();
    timer = undefined;
  };
  return {
    changed() {
      if (timer !== undefined) return;
      timer = clock.setTimer(() => {
        timer = undefined;
        invalidate();
      }, maxDelayMs);
    },
    drawn: cancel,
    cancel,
  };
}
