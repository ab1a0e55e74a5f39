// The rule for answering a yes/no question (quit, reload, close a circuit, clear the log, save,
// send a dangerous command): only a key pressed on its own, after the question was drawn, may
// answer it. A key from the input chunk that asked, from a chunk of several keys (a paste, keys
// typed ahead) or between bracketed-paste markers is discarded — with the rest of its chunk, as the
// question stays open — and counted, to be reported once per chunk. No drawing, no timers.
import type { KeyOrigin } from '../../terminal/key-bursts.js';

export class QuestionGate {
  /** Input chunk whose keys opened the question now asked; none of its keys may answer it. */
  private askedInBurst = Number.NaN;
  private discarded = 0;

  /** @param report called once after a chunk in which keys were discarded, with how many. */
  constructor(private readonly report: (count: number) => void) {}

  /** Lets the key through to `dispatch` unless a question is open and the key is not a deliberate answer. */
  take(origin: KeyOrigin, asking: () => boolean, dispatch: () => void): void {
    const wasAsking = asking();
    if (wasAsking && (origin.burst === this.askedInBurst || !origin.alone || origin.pasted)) {
      if (this.discarded === 0) queueMicrotask(() => this.flush());
      this.discarded++;
      return;
    }
    dispatch();
    if (!wasAsking && asking()) this.askedInBurst = origin.burst;
  }

  private flush(): void {
    const count = this.discarded;
    this.discarded = 0;
    if (count > 0) this.report(count);
  }
}
