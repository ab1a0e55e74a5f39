// Time as an injected dependency: the controller's timeouts and reconnect backoff read it.
// realClock uses the process timers; ManualClock is driven by hand (tests, replays).

export interface Timer {
  cancel(): void;
}

export interface Clock {
  nowMs(): number;
  /** Calls `callback` once after `delayMs`, unless cancelled. */
  setTimer(callback: () => void, delayMs: number): Timer;
}

/** Node's timers hold at most 2^31-1 ms; a longer delay would fire after 1 ms with a warning. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface TimerFunctions {
  readonly set: (callback: () => void, delayMs: number) => unknown;
  readonly clear: (handle: unknown) => void;
}

/**
 * A Clock on the given timer functions. Delays longer than Node can hold are waited out in
 * MAX_TIMER_DELAY_MS steps; a delay that is not finite never fires (NaN and negative ones: at once).
 */
export function timerClock(nowMs: () => number, timers: TimerFunctions): Clock {
  return {
    nowMs,
    setTimer(callback, delayMs) {
      if (delayMs === Infinity) return { cancel: () => undefined };
      let handle: unknown;
      const arm = (remainingMs: number) => {
        const step = Math.min(remainingMs, MAX_TIMER_DELAY_MS);
        handle = timers.set(() => (remainingMs > step ? arm(remainingMs - step) : callback()), step);
      };
      arm(Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0);
      return { cancel: () => timers.clear(handle) };
    },
  };
}

export const realClock: Clock = timerClock(() => Date.now(), {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});

interface ManualTimer {
  readonly atMs: number;
  readonly seq: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told to. Timers due at the same time fire in creation order. */
export class ManualClock implements Clock {
  private now: number;
  private seq = 0;
  private timers: ManualTimer[] = [];

  constructor(startMs = 0) {
    this.now = startMs;
  }

  nowMs(): number {
    return this.now;
  }

  setTimer(callback: () => void, delayMs: number): Timer {
    const timer: ManualTimer = { atMs: this.now + Math.max(0, delayMs), seq: this.seq++, callback, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Timers not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due (including ones set by callbacks). */
  advance(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      let next: ManualTimer | undefined;
      for (const t of this.timers) {
        if (t.atMs <= target && (next === undefined || t.atMs < next.atMs || (t.atMs === next.atMs && t.seq < next.seq))) next = t;
      }
      if (next === undefined) break;
      next.cancelled = true;
      this.now = next.atMs;
      next.callback();
    }
    this.now = target;
  }
}
