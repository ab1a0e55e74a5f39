// tor restarts wanting its password again: ortop asks on its own screen, shows only '*', and
// reconnects with what was typed. (Nyx echoed the password in clear text here.)
import { afterEach, expect, it } from 'vitest';
import { promptOnScreen } from '../../src/app/shell/screen-prompt.js';
import { gridText, readGrid } from '../../src/terminal/index.js';
import { startApp, stopApps } from '../helpers/app-harness.js';
import { FakeTor } from '../helpers/fake-tor.js';
import { xtermRows } from '../helpers/xterm.js';

afterEach(stopApps);

it('asks for the password on screen without echo when tor restarts, then reconnects', async () => {
  const tor = new FakeTor({ authMethods: ['HASHEDPASSWORD'], password: 'hunter2 secret', conf: { Nickname: 'pw', SocksPort: '0' } });
  let asked = 0;
  let firstAnswer = true;
  const { app, controller, clock, term, flush } = await startApp({
    tor,
    cols: 100,
    rows: 20,
    startAtMs: Date.UTC(2026, 10, 27),
    reconnect: { initialDelayMs: 1000, maxDelayMs: 1000 },
    auth: (t) => ({
      password: () => {
        asked++;
        if (firstAnswer) {
          firstAnswer = false;
          return Promise.resolve('hunter2 secret');
        }
        return promptOnScreen(t.screen, 'Tor control password: ', { censor: true });
      },
    }),
    procFs: { readText: async () => '', listDir: async () => [] },
  });
  const screen = term.screen;
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
