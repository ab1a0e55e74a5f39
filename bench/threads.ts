// `npm run bench:threads -- [--seconds 30] [--variants='a|b']`: where an idle ortop's CPU goes, by
// thread (main, V8 workers, libuv) and user/system time, for each set of node flags in --variants ('|'
// separated; each a space-separated flag list, '' for none). ortop on a 120x40 pty against a bench tor
// (DisableNetwork 1: BW events once a second, nothing else). With --trace-gc among the flags it counts
// V8's collections from the pty (ORTOP_BENCH_GC_LINES=1 prints each line). Measures only.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { clockTicksPerSec, createSandbox, ensureBuilt, formatNumber, formatTable, integerFlag, loadLines, onCleanup, ortopMonitor, readLoadAvg, readPssBytes, sampleProcess, startMonitor, withBenchTor } from './lib/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, variants: { type: 'string', default: '' } } });
const SECONDS = integerFlag('seconds', flags.seconds, 5);
const VARIANTS = flags.variants.split('|');

/** utime and stime ticks of each thread of pid, by thread name. */
function threadTicks(pid: number): Map<string, { user: number; system: number }> {
  const out = new Map<string, { user: number; system: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = tid === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, 'N').replace(/^node$/, 'worker');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const prev = out.get(name) ?? { user: 0, system: 0 };
      out.set(name, { user: prev.user + Number(f[11]), system: prev.system + Number(f[12]) });
    } catch {
      // thread gone
    }
  }
  return out;
}

ensureBuilt(ROOT);
const loadBefore = readLoadAvg();
const rows: string[][] = [];
await withBenchTor(async (tor) => {
  const sandbox = await createSandbox();
  onCleanup(() => sandbox.remove());
  for (const variant of VARIANTS) {
    const previous = process.env.ORTOP_BENCH_NODE_ARGS;
    process.env.ORTOP_BENCH_NODE_ARGS = variant;
    const running = await startMonitor(ortopMonitor(ROOT, tor.controlPort, sandbox));
    process.env.ORTOP_BENCH_NODE_ARGS = previous;
    const pid = await running.pty.childPid;
    await new Promise((r) => setTimeout(r, 5000));
    let writes = 0;
    // With --trace-gc, V8 prints each collection to the pty: counted by kind.
    const gcs = new Map<string, number>();
    running.pty.onChunk((chunk) => {
      writes++;
      if (process.env.ORTOP_BENCH_GC_LINES === '1') for (const l of chunk.bytes.toString('latin1').match(/\[\d+:0x[0-9a-f]+\][^\n]*/g) ?? []) process.stderr.write(`${l}\n`);
      for (const m of chunk.bytes.toString('latin1').matchAll(/(Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact)[^\n]*?(\d+\.\d+) \/ (\d+\.\d+) ms/g)) {
        gcs.set(m[1]!, (gcs.get(m[1]!) ?? 0) + 1);
        gcs.set(`${m[1]} ms`, (gcs.get(`${m[1]} ms`) ?? 0) + Number(m[2]));
      }
    });
    const t0 = threadTicks(pid);
    const s0 = sampleProcess(pid, performance.now())!;
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const t1 = threadTicks(pid);
    const s1 = sampleProcess(pid, performance.now())!;
    const seconds = (s1.atMs - s0.atMs) / 1000;
    const pct = (ticks: number) => formatNumber((ticks / clockTicksPerSec() / seconds) * 100, 2);
    const threads = [...t1].flatMap(([name, t]) => {
      const before = t0.get(name) ?? { user: 0, system: 0 };
      return t.user + t.system - before.user - before.system === 0 ? [] : [`${name} ${pct(t.user - before.user)}/${pct(t.system - before.system)}`];
    });
    const pss = readPssBytes(pid);
    if (gcs.size > 0) process.stderr.write(`gc in ${SECONDS} s: ${[...gcs].map(([k, v]) => `${k} ${formatNumber(v, 1)}`).join(', ')}\n`);
    rows.push([variant || '(none)', pct(s1.cpuTicks - s0.cpuTicks), formatNumber(writes / seconds, 1), formatNumber(s1.rssBytes / 2 ** 20, 1), formatNumber((s1.anonBytes ?? 0) / 2 ** 20, 1), formatNumber((pss ?? 0) / 2 ** 20, 1), threads.join(', ')]);
    process.stderr.write(`${rows.at(-1)!.join('  ')}\n`);
    await running.stop();
  }
});
process.stdout.write(
  `\nidle ortop on a bench tor, ${SECONDS} s after 5 s; cpu % of one core; per thread user/system %\n${formatTable(['node flags', 'cpu %', 'pty writes/s', 'RSS MB', 'RssAnon MB', 'PSS MB', 'threads (user/system %)'], rows)}\n${loadLines(loadBefore, readLoadAvg()).join('\n')}\n`,
);
