// The demo relay's process as /proc would show it: plausible, seeded figures for the header's cpu,
// memory and file descriptors (a relay of this size uses 8-25 % of a core, ~400 MB, one fd per OR
// connection plus a few dozen). Answers only the paths the header samples; everything else is
// "not on this machine", so nothing is ever read from the real /proc or disk for the demo.
import type { Clock } from '../controller/clock.js';
import type { ProcFs } from '../system/proc-reader.js';
import { Random } from './random.js';

export interface DemoProcessSource {
  readonly pid: number;
  /** Open OR connections right now (each holds an fd). */
  orConns(): number;
}

const TICKS_PER_SEC = 100;
const MEM_TOTAL_KB = 8_167_848;

const notHere = (path: string): never => {
  throw Object.assign(new Error(`${path}: the demo relay is simulated, not a process on this machine`), { code: 'ENOTLOCAL' });
};

/** The demo's /proc, for the header's sampling only (never for tor's files: those stay "elsewhere"). */
export function createDemoProcFs(source: DemoProcessSource, clock: Clock, seed: number): ProcFs {
  const random = new Random(seed, 'process');
  const startedAtMs = clock.nowMs();
  const phase = random.float(0, 100);
  const baseRssKb = random.int(360_000, 430_000);
  const stat = `/proc/${source.pid}/stat`;
  const status = `/proc/${source.pid}/status`;
  const fdDir = `/proc/${source.pid}/fd`;
  // cpu share 0.15 + 0.05 sin(t/23) + 0.03 sin(t/7) + 0.03 sin(t/2.3) (always > 4 %), integrated so
  // ticks only grow.
  const wave = (amplitude: number, period: number, t: number) => -amplitude * period * Math.cos((t + phase) / period);
  const cpuSeconds = (t: number) => 0.15 * t + wave(0.05, 23, t) + wave(0.03, 7, t) + wave(0.03, 2.3, t) + 2;
  return {
    readText: async (path) => {
      const t = (clock.nowMs() - startedAtMs) / 1000;
      if (path === stat) {
        const ticks = Math.floor(cpuSeconds(t) * TICKS_PER_SEC);
        const user = Math.floor(ticks * 0.7);
        return `${source.pid} (tor) S 1 ${source.pid} ${source.pid} 0 -1 4194560 0 0 0 0 ${user} ${ticks - user} 0 0 20 0 3 0 1200 0 0`;
      }
      if (path === status) {
        const rssKb = Math.floor(baseRssKb + 12_000 * Math.sin(t / 300) + 40 * source.orConns());
        return `Name:\ttor\nState:\tS (sleeping)\nVmRSS:\t${rssKb} kB\nThreads:\t3\n`;
      }
      if (path === '/proc/meminfo') return `MemTotal:       ${MEM_TOTAL_KB} kB\n`;
      return notHere(path);
    },
    listDir: async (path) => {
      if (path !== fdDir) return notHere(path);
      const count = 38 + source.orConns();
      return Array.from({ length: count }, (_, i) => String(i));
    },
  };
}
