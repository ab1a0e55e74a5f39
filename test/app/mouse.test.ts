// The mouse, fed as the SGR reports a terminal sends (ESC[<b;x;yM, 1-based cells) through the
// fake terminal into the whole app: the status line's page number and key names, the menu bar and
// its items, the help popup, list rows (select, then open as Enter) and the wheel (three rows per
// step where Up/Down move). A question on screen is answered by keys only.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigPage } from '../../src/app/pages/config-page.js';
import { InterpreterHistoryStore } from '../../src/app/session/interpreter-history-store.js';
import { RelaySession } from '../../src/app/session/relay-session.js';
import { OrtopApp } from '../../src/app/shell/app.js';
import { DEFAULT_SETTINGS } from '../../src/config/index.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { createFakeTerminal, gridText, readGrid } from '../../src/terminal/index.js';
import { parseSgrMouse } from '../../src/terminal/mouse.js';
import { NO_PROC_FS, onCleanup, startApp, stopApps, TEST_HOST, TEST_START_MS } from '../helpers/app-harness.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';

afterEach(stopApps);

const click = (col: number, row: number) => `\x1b[<0;${col + 1};${row + 1}M\x1b[<0;${col + 1};${row + 1}m`;
const wheel = (col: number, row: number, step: 1 | -1) => `\x1b[<${step < 0 ? 64 : 65};${col + 1};${row + 1}M`;

/** Row and column of the first cell of `what` on the screen. */
function find(text: string, what: string): { row: number; col: number } {
  const rows = text.split('\n');
  const row = rows.findIndex((r) => r.includes(what));
  expect(row, `"${what}" on screen`).toBeGreaterThanOrEqual(0);
  return { row, col: rows[row]!.indexOf(what) };
}

function configTor(): FakeTor {
  const names = ['BandwidthRate DataSize', 'ContactInfo String', 'Nickname String', 'Log LineList', 'ORPort LineList', 'SocksPort LineList'].join('\n');
  const tor = new FakeTor({
    info: { 'config/names': names, 'config/defaults': '', fingerprint: 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2' },
    conf: { Nickname: 'snowfall', ContactInfo: 'op', BandwidthRate: null, Log: null, ORPort: null, SocksPort: null },
  });
  tor.handle('GETINFO', (args) => (args.trim() === 'config-text' ? '250+config-text=\r\nNickname snowfall\r\nContactInfo op\r\n.\r\n250 OK\r\n' : undefined));
  return tor;
}

describe('parseSgrMouse', () => {
  it('reads presses, releases and wheel steps, 0-based; ignores motion and other bytes', () => {
    expect(parseSgrMouse('x\x1b[<0;5;3Mq\x1b[<0;5;3m\x1b[<64;1;1M\x1b[<65;2;2M\x1b[<35;9;9M\x1b[<2;7;7M')).toEqual([
      { kind: 'press', button: 'left', x: 4, y: 2 },
      { kind: 'release', button: 'left', x: 4, y: 2 },
      { kind: 'wheel', button: 'none', step: -1, x: 0, y: 0 },
      { kind: 'wheel', button: 'none', step: 1, x: 1, y: 1 },
      { kind: 'press', button: 'right', x: 6, y: 6 },
    ]);
    expect(parseSgrMouse('\x1b[<0;;M\x1b[M !!')).toEqual([]);
  });
});

describe('mouse in the app', () => {
  it('the status line: the page number goes to the next page, a key name presses the key', async () => {
    const { type, text, app } = await startApp({ cols: 120, rows: 30 });
    const status = 29;
    await type(click(find(text(), 'page 1 / ').col + 2, status));
    expect(app.viewState.page).toBe(1);
    await type(click(find(text(), 'h: page help').col + 1, status));
    expect(app.viewState.popup.kind).toBe('help');
    await type(click(60, 10)); // any click closes help, as any key does
    expect(app.viewState.popup.kind).toBe('none');
    await type(click(find(text(), 'q: quit').col, status));
    expect(app.viewState.popup.kind).toBe('confirm');
    await type(click(0, status)); // a question is answered by keys only
    expect(app.viewState.popup.kind).toBe('confirm');
    await type('n');
    expect(app.viewState.popup.kind).toBe('none');
  });

  it('the menu: a title opens its list, an item is chosen, a click elsewhere closes it', async () => {
    const { type, text, app } = await startApp({ cols: 120, rows: 30 });
    await type('m');
    await type(click(find(text(), ' View ').col + 2, 0));
    expect(text()).toContain('[ ] Torrc');
    const torrc = find(text(), '[ ] Torrc');
    await type(click(torrc.col + 4, torrc.row));
    expect(app.viewState.popup.kind).toBe('none');
    expect(app.viewState.page).toBe(3);
    await type('m');
    await type(click(100, 20));
    expect(app.viewState.popup.kind).toBe('none');
  });

  it('config rows: a click selects, a click on the selection edits; the wheel moves three rows', async () => {
    const { type, text, app, until, flush } = await startApp({ tor: configTor(), cols: 120, rows: 40 });
    await type('3');
    await until('ContactInfo');
    // The manual is read when the page is first shown (real I/O); its arrival moves the rows.
    for (let i = 0; i < 500 && text().includes("Reading tor's manual"); i++) await flush();
    const page = app.currentPage as ConfigPage;
    await type('a'); // all options
    const rows = page.rows().map((o) => o.name);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const target = rows[2]!;
    const at = find(text(), `${target} `);
    await type(click(at.col + 1, at.row));
    expect(page.viewState.selected).toBe(target);
    expect(page.capturesKeys()).toBe(false);
    await type(click(at.col + 1, at.row));
    expect(page.viewState.mode.kind).toBe('edit');
    await type('\x1b');
    await type('\x1b[H'); // Home
    expect(page.viewState.selected).toBe(rows[0]);
    await type(wheel(at.col, at.row, 1));
    expect(page.viewState.selected).toBe(rows[3]);
    await type(wheel(at.col, at.row, -1));
    expect(page.viewState.selected).toBe(rows[0]);
  });

  it('the wheel scrolls the log on page 1, three entries a step', async () => {
    const { tor, type, flush, app } = await startApp({ cols: 100, rows: 30 });
    for (let i = 0; i < 60; i++) tor.emitEvent(`NOTICE line ${i}`);
    await flush();
    const anchor = () => (app.currentPage as unknown as { models: { state: { log: { anchor: unknown } } } }).models.state.log.anchor;
    expect(anchor()).toBeUndefined();
    await type(wheel(10, 25, 1));
    const once = anchor();
    expect(once).toBeDefined();
    await type(wheel(10, 25, 1));
    expect(anchor()).not.toEqual(once);
    await type('\x1b[H'); // Home: back to the newest
    expect(anchor()).toBeUndefined();
  });

  it('the wheel does nothing inside a text input (Up/Down there walk the history)', async () => {
    const { type, app } = await startApp({ tor: configTor(), cols: 120, rows: 40 });
    await type('5');
    await type('\r'); // the interpreter's input line
    expect(app.currentPage.capturesKeys()).toBe(true);
    const before = app.currentPage.keyHints();
    await type(wheel(10, 10, -1));
    expect(app.currentPage.capturesKeys()).toBe(true);
    expect(app.currentPage.keyHints()).toEqual(before);
  });

  it('Relays overview rows: a click selects a relay, a second click opens its pages', async () => {
    const clock = new ManualClock(TEST_START_MS);
    const history = new InterpreterHistoryStore(null);
    const sessions: RelaySession[] = [];
    for (const [i, name] of ['alpha', 'bravo', 'charlie'].entries()) {
      const controller = new Controller({ openTransport: new FakeTor({ conf: { Nickname: name } }).openTransport, clock, reconnect: false });
      await controller.open();
      sessions.push(new RelaySession({ name, controller, target: `127.0.0.1:905${i}`, clock, settings: DEFAULT_SETTINGS, procFs: NO_PROC_FS, host: TEST_HOST, deps: { history } }));
    }
    const term = createFakeTerminal({ cols: 160, rows: 30 });
    const app = new OrtopApp({ screen: term.screen, sessions, clock, settings: DEFAULT_SETTINGS, theme: { colors: false }, unicode: true, onQuit: () => {}, startOverview: true });
    app.start();
    onCleanup(async () => {
      app.stop();
      for (const session of sessions) session.controller.close();
      await term.destroy();
    });
    const type = async (input: string) => {
      term.type(input);
      for (let i = 0; i < 20; i++) await settle();
      clock.advance(50);
      app.renderNow();
      await term.settle();
    };
    await type('');
    const text = () => gridText(readGrid(term.screen));
    const bravo = find(text(), 'bravo');
    await type(click(bravo.col, bravo.row));
    expect(app.viewState.overview).toBe(true);
    await type(click(bravo.col, bravo.row));
    expect(app.viewState.overview).toBe(false);
    expect(app.session.name).toBe('bravo');
  });
});
