// What else was running: load average and CPU count, printed with every benchmark result because
// this machine is shared with other engineers' test runs. Read-only.

import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** "/proc/loadavg" text, e.g. "1.26 1.68 1.86 3/105 7153". */
export function readLoadAvg(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    return '(no /proc/loadavg)';
  }
}

export function describeMachine(): string {
  const cpu = cpus();
  return `${cpu.length} cpu (${cpu[0]?.model.trim() ?? 'unknown'}), node ${process.version}`;
}
