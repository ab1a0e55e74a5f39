// `npm run bench:ssh`: time from process start (fork on a 120x40 pty) to the first full frame (tor's
// uptime in the header and the page-1 status line, read back through a terminal emulator) for ortop
// attached to one real tor two ways in the same run: locally (-i PORT) and over ssh (--ssh, through a
// throwaway sshd on 127.0.0.1 that ortop's own ssh logs in to). Medians; measures only, no pass/fail.
// Flags: --runs N (default 7).
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createSandbox,
  describeMachine,
  ensureBuilt,
  formatNumber,
  formatTable,
  integerFlag,
  loadLines,
  max,
  median,
  min,
  onCleanup,
  ortopMonitor,
  readLoadAvg,
  TERMINAL,
  timeFirstFrame,
  torVersion,
  withBenchTor,
  type FrameTiming,
  type Monitor,
} from './lib/index.js';
import { SSH_HOST_ALIAS, startSshd } from '../test/helpers/sshd.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = integerFlag('runs', flags.runs, 1);

const built = ensureBuilt(ROOT);
const loadBefore = readLoadAvg();
process.stderr.write(`dist/cli.js: ${built}; tor ${torVersion()}; ${describeMachine()}\n`);

// The page count grows with the project: any "page 1 / N" with tor's uptime is the full frame.
const isFullFrame = (rows: readonly string[]) => rows.some((r) => /page 1 \/ \d/.test(r)) && rows.some((r) => /\buptime: \d/.test(r));
const timings = new Map<string, FrameTiming[]>([
  ['local (-i)', []],
  ['ssh (--ssh)', []],
]);

await withBenchTor(async (tor) => {
  const sandbox = await createSandbox();
  onCleanup(() => sandbox.remove());
  const sshd = await startSshd();
  onCleanup(() => sshd.stop());
  const local: Monitor = { ...ortopMonitor(ROOT, tor.controlPort, sandbox), isFullFrame };
  const viaSsh: Monitor = {
    ...local,
    args: [...local.args.slice(0, -2), '--ssh', `${SSH_HOST_ALIAS}:127.0.0.1:${tor.controlPort}`],
    env: { ...local.env, ...sshd.env },
  };
  const monitors: Array<[string, Monitor]> = [
    ['local (-i)', local],
    ['ssh (--ssh)', viaSsh],
  ];
  process.stderr.write(`tor pid ${tor.pid}, control port ${tor.controlPort}; sshd on 127.0.0.1:${sshd.port}; warm-up run of each (not counted)\n`);
  for (const [, m] of monitors) await timeFirstFrame(m);
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 === 0 ? monitors : [...monitors].reverse();
    const line: string[] = [];
    for (const [label, m] of order) {
      const t = await timeFirstFrame(m);
      timings.get(label)!.push(t);
      line.push(`${label} ${t.fullFrameMs.toFixed(0)} ms`);
    }
    process.stderr.write(`run ${run + 1}/${RUNS}: ${line.join(', ')}\n`);
  }
});

const loadAfter = readLoadAvg();
const rows = [...timings.entries()].map(([label, list]) => {
  const full = list.map((t) => t.fullFrameMs);
  return [label, String(list.length), formatNumber(median(full)), formatNumber(min(full)), formatNumber(max(full)), String(list.filter((t) => t.stoppedBy === 'SIGKILL').length)];
});
const localMs = median((timings.get('local (-i)') ?? []).map((t) => t.fullFrameMs));
const sshMs = median((timings.get('ssh (--ssh)') ?? []).map((t) => t.fullFrameMs));
const out = [
  '',
  `Attach to first full frame: ${TERMINAL.cols}x${TERMINAL.rows} pty, real tor ${torVersion()} (relay, DisableNetwork 1), the same tor locally and over ssh to 127.0.0.1, ${RUNS} runs each after one warm-up, ms from fork`,
  '"full frame" = tor uptime in the header and the page-1 status line on screen; ssh includes starting ssh, its login, the forward and the cookie read over ssh',
  '',
  formatTable(['attach', 'runs', 'median', 'min', 'max', 'SIGKILLed'], rows),
  '',
  `ssh - local = ${formatNumber(sshMs - localMs)} ms (median)`,
  ...loadLines(loadBefore, loadAfter),
  `ssh_attach_ms=${formatNumber(sshMs)} local_attach_ms=${formatNumber(localMs)}`,
];
process.stdout.write(`${out.join('\n')}\n`);
