// Pause (p) on pages 3-5 and the Relays overview: the model keeps collecting, the page draws what it
// had when the pause began — the configuration list and values, the torrc and its marks — until
// unpaused. The interpreter stays live (its output is the user's own commands); help says so.
// "Paused" is on the status line on every page.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigPage } from '../../src/app/pages/config-page.js';
import { INTERPRETER_KEY_TABLE } from '../../src/app/pages/interpreter-page.js';
import { createTorrcPage } from '../../src/app/pages/torrc-page.js';
import type { PageContext } from '../../src/app/pages/page.js';
import type { RelaySession } from '../../src/app/session/relay-session.js';
import { DEFAULT_SETTINGS } from '../../src/config/index.js';
import { ManualClock } from '../../src/controller/index.js';
import { parseTorrc } from '../../src/relay/torrc/parse-torrc.js';
import { createFakeTerminal, gridText, readGrid, type FakeTerminal } from '../../src/terminal/index.js';
import { startApp, stopApps, TEST_START_MS } from '../helpers/app-harness.js';
import { FakeTor } from '../helpers/fake-tor.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await stopApps();
  await term?.destroy();
  term = undefined;
});

function configTor(): FakeTor {
  const tor = new FakeTor({
    info: { 'config/names': 'ContactInfo String\nNickname String', 'config/defaults': '', fingerprint: 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2' },
    conf: { Nickname: 'snowfall', ContactInfo: 'op' },
  });
  tor.handle('GETINFO', (args) => {
    if (args.trim() !== 'config-text') return undefined;
    const lines = [...tor.conf].filter(([, v]) => v !== null).flatMap(([k, v]) => v!.map((x) => `${k} ${x}`));
    return `250+config-text=\r\n${lines.join('\r\n')}\r\n.\r\n250 OK\r\n`;
  });
  return tor;
}

describe('pause on pages 3-5', () => {
  it('the Configuration page keeps the values it had; they change once unpaused', async () => {
    const tor = configTor();
    const { type, text, until, app, flush } = await startApp({ tor, cols: 120, rows: 30 });
    await type('3');
    await until('snowfall');
    await type('p');
    expect(text()).toContain('Paused');
    tor.conf.set('Nickname', ['frost']);
    await (app.currentPage as ConfigPage).collector.refreshValues();
    await flush();
    expect((app.currentPage as ConfigPage).collector.options.find((o) => o.name === 'Nickname')).toBeDefined();
    await type('\x1b[B'); // a key draws a frame: still the frozen value
    expect(text()).toContain('snowfall');
    expect(text()).not.toContain('frost');
    await type('p');
    expect(text()).toContain('frost');
    expect(text()).not.toContain('Paused');
  });

  it('the Torrc page keeps the file and marks it had', async () => {
    term = createFakeTerminal({ cols: 80, rows: 12 });
    const doc = (text: string) => ({ mainPath: '/etc/tor/torrc', sections: [{ path: '/etc/tor/torrc', parsed: parseTorrc(text), depth: 0 }] });
    const collector = { status: { kind: 'ready', doc: doc('Nickname before\n') }, marks: [], validation: { kind: 'done' } };
    let paused = false;
    const context = {
      session: { torrc: collector, watch: () => {} } as unknown as RelaySession,
      clock: new ManualClock(TEST_START_MS),
      settings: DEFAULT_SETTINGS,
      theme: { colors: false },
      unicode: true,
      isPaused: () => paused,
      invalidate: () => {},
      notify: () => {},
    } satisfies PageContext;
    const page = createTorrcPage()(context, term.screen);
    const draw = async () => {
      page.setVisible(true);
      page.draw({ top: 0, width: 80, height: 12 }, TEST_START_MS);
      term!.screen.render();
      await term!.settle();
      return gridText(readGrid(term!.screen));
    };
    expect(await draw()).toContain('Nickname before');
    paused = true;
    await draw();
    collector.status = { kind: 'ready', doc: doc('Nickname after\n') };
    expect(await draw()).toContain('Nickname before');
    paused = false;
    expect(await draw()).toContain('Nickname after');
  });

  it('the Interpreter stays live while paused, and its help says so', async () => {
    const { type, text, app, until } = await startApp({ cols: 120, rows: 30 });
    await type('5');
    await type('p');
    expect(text()).toContain('Paused');
    await type('\r');
    await type('GETINFO version\r');
    await until('250 OK');
    expect(text()).toMatch(/GETINFO version/);
    expect(text()).toContain('250 OK'); // tor's answer is drawn while paused
    expect(app.viewState.paused).toBe(true);
    expect(INTERPRETER_KEY_TABLE.some((r) => r.keys === 'p' && /pause/.test(r.description))).toBe(true);
  });
});
