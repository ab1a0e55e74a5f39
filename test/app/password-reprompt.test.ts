// tor restarts wanting its password again: ortop asks on its own screen, shows only '*', and
// reconnects with what was typed. (Nyx echoed the password in clear text here.)
import { afterEach, expect, it } from 'vitest';
import { OrtopApp } from '../../src/app/app.js';
import { promptOnScreen } from '../../src/app/screen-prompt.js';
import { DEFAULT_SETTINGS } from '../../src/config/index.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { createFakeTerminal, gridText, readGrid, type FakeTerminal } from '../../src/terminal/index.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';
import { xtermRows } from '../helpers/xterm.js';

let term: FakeTerminal | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  cleanups.splice(0).forEach((c) => c());
  await term?.destroy();
});

it('asks for the password on screen without echo when tor restarts, then reconnects', async () => {
  const tor = new FakeTor({ authMethods: ['HASHEDPASSWORD'], password: 'hunter2 secret', conf: { Nickname: 'pw', SocksPort: '0' } });
  const clock = new ManualClock(Date.UTC(2026, 10, 27));
  term = createFakeTerminal({ cols: 100, rows: 20 });
  const screen = term.screen;
  let asked = 0;
  let firstAnswer = true;
  const controller = new Controller({
    openTransport: tor.openTransport,
    clock,
    reconnect: { initialDelayMs: 1000, maxDelayMs: 1000 },
    auth: {
      password: () => {
        asked++;
        if (firstAnswer) {
          firstAnswer = false;
          return Promise.resolve('hunter2 secret');
        }
        return promptOnScreen(screen, 'Tor control password: ', { censor: true });
      },
    },
  });
  await controller.open();
  const app = new OrtopApp({
    screen,
    controller,
    clock,
    settings: DEFAULT_SETTINGS,
    theme: { colors: true },
    procFs: { readText: async () => '', listDir: async () => [] },
    target: '127.0.0.1:9051',
    unicode: true,
    onQuit: () => {},
  });
  app.start();
  cleanups.push(() => app.stop(), () => controller.close());
  const flush = async () => {
    for (let i = 0; i < 10; i++) await settle();
    await term!.settle();
  };
  await flush();
  expect(asked).toBe(1);

  tor.kill();
  await flush();
  tor.restart();
  clock.advance(1000);
  await flush();
  expect(asked).toBe(2);
  expect(gridText(readGrid(screen))).toContain('Tor control password:');
  term.type('hunter2 secret');
  await flush();
  const shown = (await xtermRows(term.bytes(), 100, 20)).join('\n');
  expect(shown).toContain('Tor control password: **************');
  expect(term.bytes()).not.toContain('hunter2');
  expect(app.viewState.popup.kind).toBe('none'); // 'h' and 'q' in the password went to the prompt, not to the app
  term.type('\r');
  await flush();
  clock.advance(100);
  await flush();
  expect(controller.state).toBe('connected');
  expect(app.headerFacts.connection.kind).toBe('connected');
  expect(gridText(readGrid(screen))).not.toContain('Tor control password:');
});
