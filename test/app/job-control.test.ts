// Job control in the TUI runner, on in-memory terminal streams: SIGTSTP (or Ctrl-Z typed) hands the
// terminal back — normal screen, cursor shown, bracketed paste and raw mode off — then stops the
// process (a stub here; test/app/job-control-pty.test.ts stops a real one); nothing is drawn while
// away; SIGCONT takes the terminal again and repaints every cell. Signals are emitted on `process`
// only to the runner's own listeners.
import { PassThrough } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { NO_DEBUG_LOG } from '../../src/app/shell/debug-log.js';
import { runTui } from '../../src/app/shell/run-tui.js';
import { DEFAULT_SETTINGS } from '../../src/config/index.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { createFakeOutput } from '../../src/terminal/index.js';
import { NO_PROC_FS, TEST_START_MS } from '../helpers/app-harness.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';
import { xtermRows } from '../helpers/xterm.js';

const running: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
});

async function turns(n = 30): Promise<void> {
  for (let i = 0; i < n; i++) await settle();
  await new Promise<void>((resolve) => setImmediate(resolve));
}

async function startTui() {
  const tor = new FakeTor();
  const clock = new ManualClock(TEST_START_MS);
  const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: false });
  await controller.open();
  const rawModes: boolean[] = [];
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (raw: boolean) => rawModes.push(raw) });
  const output = createFakeOutput(100, 30);
  let bytes = '';
  output.on('data', (b: Buffer) => (bytes += b.toString('latin1')));
  let stops = 0;
  const exit = runTui({
    controller,
    target: '127.0.0.1:9051',
    settings: DEFAULT_SETTINGS,
    theme: { colors: false },
    unicode: true,
    debug: NO_DEBUG_LOG,
    clock,
    input,
    output,
    procFs: NO_PROC_FS,
    stopProcess: () => stops++,
  });
  const quit = async () => {
    input.write('\x1b'); // out of any prompt
    await turns();
    input.write('q');
    await turns();
    input.write('y');
    await turns();
  };
  running.push(async () => {
    await quit();
    await exit;
  });
  await turns();
  clock.advance(200);
  await turns();
  return {
    input,
    rawModes,
    stops: () => stops,
    take() {
      const b = bytes;
      bytes = '';
      return b;
    },
    clock,
    exit,
    quit,
  };
}

it('SIGTSTP hands the terminal back and stops; SIGCONT takes it again and repaints everything', async () => {
  const tui = await startTui();
  expect((await xtermRows(tui.take(), 100, 30)).join('\n')).toContain('page 1 / 6');
  process.emit('SIGTSTP' as never);
  const released = tui.take();
  expect(released).toContain('\x1b[?2004l'); // bracketed paste off
  expect(released).toContain('\x1b[?1049l'); // normal screen
  expect(released).toContain('\x1b[?25h'); // cursor shown
  expect(tui.rawModes.at(-1)).toBe(false); // line mode, echo on
  expect(tui.stops()).toBe(1);

  // Timers that fire before the SIGCONT handler runs must not draw over the shell's screen.
  tui.clock.advance(5_000);
  await turns();
  expect(tui.take()).toBe('');

  process.emit('SIGCONT' as never);
  await turns();
  const resumed = tui.take();
  expect(tui.rawModes.at(-1)).toBe(true);
  expect(resumed).toContain('\x1b[?1049h');
  expect(resumed).toContain('\x1b[?25l');
  expect(resumed).toContain('\x1b[?2004h');
  // Every cell is written again: the bytes since SIGCONT alone show the whole frame.
  const shown = await xtermRows(resumed, 100, 30);
  expect(shown[0]).toMatch(/^ortop - /);
  expect(shown[29]).toContain('page 1 / 6');
});

it('Ctrl-Z in the TUI suspends the same way, at any prompt', async () => {
  const tui = await startTui();
  tui.input.write('5');
  await turns();
  tui.input.write('\r'); // the interpreter's input line takes every key…
  await turns();
  tui.take();
  tui.input.write('\x1a'); // …but not Ctrl-Z
  await turns();
  expect(tui.stops()).toBe(1);
  expect(tui.take()).toContain('\x1b[?1049l');
  process.emit('SIGCONT' as never);
  await turns();
  expect((await xtermRows(tui.take(), 100, 30)).join('\n')).toContain('>>>');
});
