// Several relays in one app: [ / ] (and Tab / S-Tab) switch the relay shown on the same page at
// once, the header names it ("relay 2/2: NAME"), each relay keeps its own history and view, and a
// relay that goes away does not disturb the other. With one relay the keys are not bound.
import { afterEach, expect, it } from 'vitest';
import { OrtopApp } from '../../src/app/shell/app.js';
import { InterpreterHistoryStore } from '../../src/app/session/interpreter-history-store.js';
import { RelaySession } from '../../src/app/session/relay-session.js';
import { DEFAULT_SETTINGS } from '../../src/config/index.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { createFakeTerminal, gridText, readGrid, type FakeTerminal } from '../../src/terminal/index.js';
import { NO_PROC_FS, TEST_HOST, TEST_START_MS } from '../helpers/app-harness.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function relayTor(nickname: string): FakeTor {
  return new FakeTor({
    info: {
      uptime: '3600',
      'status/version/current': 'recommended',
      'net/listeners/or': '"127.0.0.1:5020"',
      'net/listeners/dir': '',
      'process/descriptor-limit': '1000',
      'status/bootstrap-phase': 'NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done"',
      'network-liveness': 'up',
      fingerprint: 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2',
    },
    conf: { Nickname: nickname, SocksPort: '0' },
  });
}

async function twoRelays(): Promise<{ app: OrtopApp; term: FakeTerminal; tors: FakeTor[]; clock: ManualClock; text: () => string; flush: () => Promise<void> }> {
  const clock = new ManualClock(TEST_START_MS);
  const history = new InterpreterHistoryStore(null);
  const tors = [relayTor('alpha'), relayTor('bravo')];
  const sessions: RelaySession[] = [];
  for (const [i, tor] of tors.entries()) {
    const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: false });
    await controller.open();
    sessions.push(new RelaySession({ name: ['east', 'west'][i]!, controller, target: `127.0.0.1:905${i}`, clock, settings: DEFAULT_SETTINGS, procFs: NO_PROC_FS, host: TEST_HOST, deps: { history } }));
  }
  const term = createFakeTerminal({ cols: 120, rows: 30 });
  const app = new OrtopApp({ screen: term.screen, sessions, clock, settings: DEFAULT_SETTINGS, theme: { colors: false }, unicode: true, onQuit: () => {} });
  app.start();
  cleanup.push(async () => {
    app.stop();
    for (const s of sessions) s.controller.close();
    await term.destroy();
  });
  const flush = async () => {
    for (let i = 0; i < 20; i++) await settle();
    clock.advance(50);
    for (let i = 0; i < 20; i++) await settle();
    app.renderNow();
    await term.settle();
  };
  await flush();
  await flush();
  return { app, term, tors, clock, text: () => gridText(readGrid(term.screen)), flush };
}

it('switches relays with ] and [, names the relay in the header, keeps each relay on its own', async () => {
  const { app, tors, text, flush } = await twoRelays();
  expect(text()).toMatch(/^ortop relay 1\/2: east - h/);
  expect(text()).toContain('alpha');
  tors[0]!.emitEvent('BW 100 200');
  tors[1]!.emitEvent('BW 7000 8000');
  await flush();
  app.handleKey(']', ']');
  await flush();
  expect(text()).toMatch(/^ortop relay 2\/2: west - h/);
  expect(text()).toContain('bravo');
  expect(text()).not.toContain('alpha');
  // Each relay's own graph: bravo's 7000 B/s download, not alpha's.
  expect(app.session.graph.model.bandwidth.samples).toBeGreaterThan(0);
  expect(app.sessions[0]!.graph.model).not.toBe(app.sessions[1]!.graph.model);
  app.handleKey('tab');
  await flush();
  expect(text()).toMatch(/^ortop relay 1\/2: east - h/);
  app.handleKey('S-tab');
  await flush();
  expect(text()).toMatch(/^ortop relay 2\/2: west - h/);
  // The help lists the relay keys.
  app.handleKey('h', 'h');
  await flush();
  expect(text()).toContain('[ / ], Tab / S-Tab: previous / next');
});

it('a relay that goes away is shown as such; the other keeps updating', async () => {
  const { app, tors, text, flush } = await twoRelays();
  tors[1]!.kill();
  await flush();
  expect(text()).toContain('alpha');
  app.handleKey(']', ']');
  await flush();
  expect(text()).toMatch(/Tor Disconnected at/);
  app.handleKey('[', '[');
  await flush();
  expect(text()).not.toMatch(/Tor Disconnected at/);
  tors[0]!.emitEvent('BW 300 400');
  await flush();
  expect(app.sessions[0]!.controller.state).toBe('connected');
});

it('with one relay, [ and ] are not relay keys and the header is as before', async () => {
  const { startApp, stopApps } = await import('../helpers/app-harness.js');
  cleanup.push(stopApps);
  const h = await startApp({ tor: relayTor('solo') });
  expect(h.text()).toMatch(/^ortop - h \(Linux 6\)/);
  expect(h.app.viewState.relayCount).toBe(1);
  h.app.handleKey(']', ']');
  await h.flush();
  expect(h.text()).toMatch(/^ortop - h/);
});

it('0 (or Left from page 1) shows every relay in one table; Enter opens the selected one', async () => {
  const { app, text, flush } = await twoRelays();
  app.handleKey('0', '0');
  await flush();
  expect(text()).toMatch(/east/);
  expect(text()).toMatch(/west/);
  expect(text()).toContain('page 0 / 6');
  app.handleKey('down');
  app.handleKey('enter');
  await flush();
  expect(text()).toMatch(/^ortop relay 2\/2: west - h/);
  expect(text()).toContain('page 1 / 6');
  app.handleKey('left');
  await flush();
  expect(app.viewState.overview).toBe(true);
  app.handleKey('right');
  await flush();
  expect(app.viewState).toMatchObject({ overview: false, page: 0 });
});
