// What ortop leaves the terminal with, on in-memory terminal streams: the user's cursor as it was
// (blessed's "reset" would write OSC 12;white and force it white; no cursor shape either), mouse
// reporting on while running (the `mouse` setting), off while suspended (Ctrl-Z) and off at quit;
// with `mouse false` never asked for.
import { PassThrough } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { NO_DEBUG_LOG } from '../../src/app/shell/debug-log.js';
import { runTui } from '../../src/app/shell/run-tui.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/config/index.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { createFakeOutput } from '../../src/terminal/index.js';
import { MOUSE_OFF, MOUSE_ON } from '../../src/terminal/mouse.js';
import { NO_PROC_FS, TEST_START_MS } from '../helpers/app-harness.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';

const running: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
});

async function turns(n = 30): Promise<void> {
  for (let i = 0; i < n; i++) await settle();
  await new Promise<void>((resolve) => setImmediate(resolve));
}

async function startTui(settings: Settings = DEFAULT_SETTINGS) {
  const tor = new FakeTor();
  const clock = new ManualClock(TEST_START_MS);
  const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: false });
  await controller.open();
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = createFakeOutput(100, 30);
  let bytes = '';
  output.on('data', (b: Buffer) => (bytes += b.toString('latin1')));
  let stops = 0;
  const exit = runTui({ controller, target: '127.0.0.1:9051', settings, theme: { colors: true }, unicode: true, debug: NO_DEBUG_LOG, clock, input, output, procFs: NO_PROC_FS, stopProcess: () => stops++ });
  let done = false;
  const quit = async () => {
    if (done) return;
    done = true;
    for (const key of ['\x1b', 'q', 'y']) {
      input.write(key);
      await turns();
    }
    return exit;
  };
  running.push(quit);
  await turns();
  clock.advance(200);
  await turns();
  return { input, bytes: () => bytes, stops: () => stops, quit, exit };
}

it('leaves the cursor colour and shape alone, and mouse reporting off at quit', async () => {
  const tui = await startTui();
  expect(tui.bytes()).toContain(MOUSE_ON);
  expect(await tui.quit()).toBe(0);
  const bytes = tui.bytes();
  expect(bytes).not.toContain('\x1b]12;'); // no cursor colour (blessed's reset writes OSC 12;white)
  expect(bytes).not.toContain('\x1b]112'); // nor its colour reset
  expect(bytes).not.toMatch(/\x1b\[\d q/); // nor a cursor shape
  expect(bytes.lastIndexOf(MOUSE_OFF)).toBeGreaterThan(bytes.lastIndexOf(MOUSE_ON));
  expect(bytes.lastIndexOf('\x1b[?1049l')).toBeGreaterThan(bytes.lastIndexOf(MOUSE_OFF));
});

it('turns mouse reporting off for Ctrl-Z and on again after fg', async () => {
  const tui = await startTui();
  tui.input.write('\x1a'); // Ctrl-Z
  await turns();
  expect(tui.stops()).toBe(1);
  const released = tui.bytes();
  expect(released.lastIndexOf(MOUSE_OFF)).toBeGreaterThan(released.lastIndexOf(MOUSE_ON));
  process.emit('SIGCONT');
  await turns();
  const back = tui.bytes();
  expect(back.lastIndexOf(MOUSE_ON)).toBeGreaterThan(back.lastIndexOf(MOUSE_OFF));
  expect(await tui.quit()).toBe(0);
});

it('with mouse false never asks the terminal for mouse reports', async () => {
  const tui = await startTui({ ...DEFAULT_SETTINGS, mouse: false });
  expect(await tui.quit()).toBe(0);
  expect(tui.bytes()).not.toContain('\x1b[?1000h');
  expect(tui.bytes()).not.toContain('\x1b[?1006h');
});
