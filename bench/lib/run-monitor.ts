// Starts one monitor on a 120x40 pty, waits for its first full frame, and stops it (SIGTERM, then
// SIGKILL) so that nothing is left running. Times are from the child's fork, as seen by the pty helper.

import { onCleanup } from './bench-tor.js';
import { TERMINAL, type Monitor } from './monitors.js';
import { spawnInPty, type PtyProcess, type PtyStopResult } from './pty-process.js';
import { watchScreen, type ScreenMatch } from './screen-watch.js';

export interface RunningMonitor {
  readonly monitor: Monitor;
  readonly pty: PtyProcess;
  readonly pid: number;
  readonly frame: ScreenMatch;
  readonly firstByteMs: number | undefined;
  readonly uiDrawnMs: number | undefined;
  stop(): Promise<PtyStopResult>;
}

export interface FrameTiming {
  readonly fullFrameMs: number;
  readonly uiDrawnMs: number | undefined;
  readonly firstByteMs: number | undefined;
  readonly stoppedBy: PtyStopResult['stoppedBy'];
}

/** Resolves once the monitor shows a full frame; the caller must stop() it (a cleanup is registered too). */
export async function startMonitor(monitor: Monitor, timeoutMs = 20_000): Promise<RunningMonitor> {
  const pty = spawnInPty(monitor.command, monitor.args, { ...TERMINAL, env: monitor.env });
  const unregister = onCleanup(() => pty.stop());
  const watch = watchScreen(pty, TERMINAL, monitor.isFullFrame, timeoutMs, monitor.name, { uiDrawn: monitor.isUiDrawn });
  try {
    const pid = await pty.childPid;
    const frame = await watch.match;
    return {
      monitor,
      pty,
      pid,
      frame,
      firstByteMs: watch.firstByteAtMs(),
      uiDrawnMs: watch.marks().get('uiDrawn'),
      stop: async () => {
        watch.dispose();
        const result = await pty.stop();
        unregister();
        return result;
      },
    };
  } catch (e) {
    watch.dispose();
    await pty.stop();
    unregister();
    throw e;
  }
}

export async function timeFirstFrame(monitor: Monitor, timeoutMs?: number): Promise<FrameTiming> {
  const running = await startMonitor(monitor, timeoutMs);
  const stopped = await running.stop();
  return {
    fullFrameMs: running.frame.atMs,
    uiDrawnMs: running.uiDrawnMs,
    firstByteMs: running.firstByteMs,
    stoppedBy: stopped.stoppedBy,
  };
}
