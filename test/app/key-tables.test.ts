// One key table per page (issue 12): every page's table and the global one are what help shows,
// and nothing reacts to a key that no table lists. Each page of a relay (and the Relays overview of
// two relays) is driven with every printable key and the named keys, one at a time from its list
// mode; any key that changed the screen, the view or the page's keys must be bound by the page's
// table or the global one. Help (the popup as drawn) must name every bound row.
import { afterEach, describe, expect, it } from 'vitest';
import { boundKeysOf, keyHintsOf, keyLabel, type KeyTable } from '../../panels/key-table.js';
import { OrtopApp } from '../../src/app/shell/app.js';
import { InterpreterHistoryStore } from '../../src/app/session/interpreter-history-store.js';
import { RelaySession } from '../../src/app/session/relay-session.js';
import { globalKeyTable } from '../../src/app/shell/view-state.js';
import { DEFAULT_SETTINGS } from '../../src/config/index.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { createFakeTerminal, gridText, readGrid } from '../../src/terminal/index.js';
import { NO_PROC_FS, startApp, stopApps, TEST_HOST, TEST_START_MS, onCleanup } from '../helpers/app-harness.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';

afterEach(stopApps);

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'.split('');
const NAMED = ['up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end', 'enter', 'escape', 'tab', 'S-tab', 'backspace', 'delete', 'insert', 'f1', 'f5', 'f10'];
/** Every key a user can press, as blessed names it (key.full) with the character it types. Ctrl-C (quit) and r (reconnect) are left to the view-state tests: they end or restart the session under test. */
const ALL_KEYS: ReadonlyArray<readonly [string, string | undefined]> = [
  ...LETTERS.filter((k) => k !== 'r').map((k) => [k, k] as const),
  ...LETTERS.map((k) => [`S-${k}`, k.toUpperCase()] as const),
  ...'0123456789'.split('').map((k) => [k, k] as const),
  ...PUNCTUATION.map((k) => [k, k] as const),
  ['space', ' '],
  ...NAMED.map((k) => [k, undefined] as const),
  ...LETTERS.filter((k) => k !== 'c' && k !== 'm' && k !== 'i' && k !== 'h').map((k) => [`C-${k}`, undefined] as const),
];

/** A row's keys as help spells them name each bound key ("1-5" covers 3; "Enter" covers linefeed). */
function expectRowNamesItsKeys(row: KeyTable[number]): void {
  const keys = row.keys.toLowerCase();
  const range = /(\d)-(\d)/.exec(row.keys);
  for (const name of row.bound) {
    if (range !== null && /^\d$/.test(name) && Number(name) >= Number(range[1]) && Number(name) <= Number(range[2])) continue;
    expect(keys, `row "${row.keys}" binds ${name}`).toContain(keyLabel(name).toLowerCase());
  }
}

interface Driven {
  readonly app: OrtopApp;
  readonly frame: () => Promise<string>;
  readonly flush: () => Promise<void>;
}

/** Back to the page's list mode, unpaused, on `page` (or the overview). */
async function restore(d: Driven, page: number, overview: boolean): Promise<void> {
  for (let i = 0; i < 4 && (d.app.viewState.popup.kind !== 'none' || d.app.currentPage.capturesKeys()); i++) d.app.handleKey('escape');
  if (d.app.viewState.paused) d.app.handleKey('p');
  if (overview && !d.app.viewState.overview) d.app.handleKey('0');
  if (!overview && (d.app.viewState.page !== page || d.app.viewState.overview)) d.app.handleKey(String(page + 1));
  await d.flush();
}

/** Presses every key on the page shown; returns the keys that changed something and the tables bound then. */
async function drive(d: Driven): Promise<{ changed: string[]; unlisted: string[] }> {
  const page = d.app.viewState.page;
  const overview = d.app.viewState.overview;
  const changed: string[] = [];
  const unlisted: string[] = [];
  for (const [key, ch] of ALL_KEYS) {
    await restore(d, page, overview);
    const shown = d.app.currentPage;
    expect(shown.capturesKeys(), `before ${key}`).toBe(false);
    const table = shown.keyTable?.();
    expect(table, `${shown.title} has a key table in list mode`).toBeDefined();
    const bound = new Set([...boundKeysOf(table!), ...boundKeysOf(globalKeyTable(d.app.viewState))]);
    const before = [await d.frame(), JSON.stringify(d.app.viewState), JSON.stringify(shown.keyHints()), shown.capturesKeys()].join('\n');
    d.app.handleKey(key, ch);
    const after = [await d.frame(), JSON.stringify(d.app.viewState), JSON.stringify(shown.keyHints()), shown.capturesKeys()].join('\n');
    if (before === after) continue;
    changed.push(key);
    if (!bound.has(key)) unlisted.push(key);
  }
  await restore(d, page, overview);
  return { changed, unlisted };
}

/** The help popup as drawn names every row of the page's table and the global one. */
async function expectHelpNamesEveryRow(d: Driven): Promise<void> {
  const page = d.app.currentPage;
  const table = page.keyTable?.();
  expect(table).toBeDefined();
  const rows = [...table!, ...globalKeyTable(d.app.viewState)];
  expect(page.keyHints()).toEqual(keyHintsOf(table!));
  d.app.handleKey('h');
  const help = await d.frame();
  for (const row of rows) {
    expectRowNamesItsKeys(row);
    if (row.bound.length > 0) expect(help, `help names "${row.keys}"`).toContain(`${row.keys}: ${row.description.slice(0, 20)}`);
  }
  d.app.handleKey('escape');
}

describe('key tables: help and dispatch from one list', () => {
  it('on each of a relay\'s pages: every bound key is in help, every key that acts is bound', async () => {
    const h = await startApp({ cols: 220, rows: 70 });
    const d: Driven = { app: h.app, frame: h.frame, flush: () => h.flush() };
    const seen: Record<string, string[]> = {};
    for (let page = 0; page < h.app.viewState.pageCount; page++) {
      h.app.handleKey(String(page + 1));
      await h.flush();
      await expectHelpNamesEveryRow(d);
      const { changed, unlisted } = await drive(d);
      seen[h.app.currentPage.title] = changed;
      expect(unlisted, `${h.app.currentPage.title}: keys that act but no table binds`).toEqual([]);
    }
    // The drive is not vacuous: page keys and global keys were seen to act on every page.
    for (const [title, changed] of Object.entries(seen)) {
      expect(changed, title).toEqual(expect.arrayContaining(['h', 'm', 'p', 'q', 'left', 'right']));
    }
    expect(seen['Graph / Log']).toEqual(expect.arrayContaining(['s', 'i', 'b', 'g', 'u', 'f', 'e', 'a', 'c']));
    expect(seen['Connections']).toEqual(expect.arrayContaining(['s', '/', 'a', 'enter', 'space']));
    expect(seen['Configuration']).toEqual(expect.arrayContaining(['a', 's', '/', 'w']));
    expect(seen['Torrc']).toEqual(expect.arrayContaining(['l', 's']));
    expect(seen['Interpreter']).toEqual(expect.arrayContaining(['enter']));
  }, 120_000);

  it('on the Relays overview of two relays, with the relay keys bound', async () => {
    const clock = new ManualClock(TEST_START_MS);
    const history = new InterpreterHistoryStore(null);
    const sessions: RelaySession[] = [];
    for (const [i, nickname] of ['alpha', 'bravo'].entries()) {
      const tor = new FakeTor({ conf: { Nickname: nickname } });
      const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: false });
      await controller.open();
      sessions.push(new RelaySession({ name: nickname, controller, target: `127.0.0.1:905${i}`, clock, settings: DEFAULT_SETTINGS, procFs: NO_PROC_FS, host: TEST_HOST, deps: { history } }));
    }
    const term = createFakeTerminal({ cols: 200, rows: 60 });
    const app = new OrtopApp({ screen: term.screen, sessions, clock, settings: DEFAULT_SETTINGS, theme: { colors: false }, unicode: true, onQuit: () => {}, startOverview: true });
    app.start();
    onCleanup(async () => {
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
    const frame = async () => {
      app.renderNow();
      await term.settle();
      return gridText(readGrid(term.screen));
    };
    await flush();
    const d: Driven = { app, frame, flush };
    expect(app.viewState.overview).toBe(true);
    expect(boundKeysOf(globalKeyTable(app.viewState))).toEqual(expect.arrayContaining(['[', ']', 'tab', 'S-tab', '0']));
    await expectHelpNamesEveryRow(d);
    const { changed, unlisted } = await drive(d);
    expect(unlisted).toEqual([]);
    expect(changed).toEqual(expect.arrayContaining(['s', 'S-s', '/', 'enter', 'tab', ']', '[', 'S-tab']));
  }, 60_000);

  it('with one relay the relay keys are neither bound nor in help', () => {
    const table = globalKeyTable({ pageCount: 5, relayCount: 1, paused: false });
    for (const key of ['[', ']', 'tab', 'S-tab', '0']) expect(boundKeysOf(table)).not.toContain(key);
    expect(table.map((r) => r.keys)).toContain('1-5');
    // Page-count independent: a sixth page is reachable with 6.
    expect(boundKeysOf(globalKeyTable({ pageCount: 6, relayCount: 1, paused: false }))).toContain('6');
  });
});
