// What the monitor benchmarks (startup, idle, logflood) share around their measurements: integer
// flag checks, whether Nyx takes part, the once-a-second sampling loop, and the report's last lines.
// Measures nothing itself.
import { describeMachine } from './machine.js';
import { nyxInstalled } from './monitors.js';

/** The flag's text as an integer of at least min; throws naming the flag otherwise. */
export function integerFlag(name: string, text: string | undefined, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer >= ${min}, got ${text}`);
  return value;
}

/** Nyx runs alongside ortop unless --no-nyx was given or it is not installed. */
export function nyxTakesPart(noNyx: boolean | undefined): boolean {
  return noNyx !== true && nyxInstalled();
}

/** Why the report has no Nyx column. */
export function nyxAbsentNote(noNyx: boolean | undefined): string {
  return noNyx === true ? 'Nyx: skipped (--no-nyx)' : 'Nyx: not installed (/usr/bin/nyx), no comparison';
}

/** The load average before and after the run, and the machine: other runs share this machine. */
export function loadLines(loadBefore: string, loadAfter: string): string[] {
  return [`load before: ${loadBefore}`, `load after:  ${loadAfter}`, `machine: ${describeMachine()}`];
}

/** Calls sample(k) k seconds after the start for k = 0…seconds, keeping to the schedule when a call is slow. */
export async function everySecond(seconds: number, sample: (k: number) => void): Promise<void> {
  const startMs = performance.now();
  for (let k = 0; k <= seconds; k++) {
    const waitMs = startMs + k * 1000 - performance.now();
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    sample(k);
  }
}
