// Tells an exception thrown inside blessed's own deferred work (a label repositioned on the tick
// after a resize, …) from one of ortop's: such an error leaves at most a stale frame, so the app
// logs it and redraws instead of ending. Must not catch anything whose innermost frame is ortop's.

/** True when the innermost stack frame is in blessed's library code. */
export function isBlessedInternalError(error: unknown): boolean {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return false;
  const frame = error.stack.split('\n').find((line) => /^\s+at /.test(line));
  return frame !== undefined && /[\\/]node_modules[\\/]blessed[\\/]lib[\\/]/.test(frame);
}
