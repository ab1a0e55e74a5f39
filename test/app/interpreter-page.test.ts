// The interpreter page in the running app against FakeTor: raw replies, refusals, confirmation,
// completion from tor's own lists, /events from the events ortop already receives (no new
// subscription), and a history that survives a restart without any secret in it.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OrtopApp } from '../../src/app/app.js';
import { DEFAULT_SETTINGS } from '../../src/config/index.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import type { ProcFs } from '../../src/system/index.js';
import { createFakeTerminal, gridText, readGrid, type FakeTerminal } from '../../src/terminal/index.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';

const procFs: ProcFs = { readText: async () => Promise.reject(Object.assign(new Error('no'), { code: 'ENOENT' })), listDir: async () => [] };

let terms: FakeTerminal[] = [];
let cleanups: Array<() => void> = [];
afterEach(async () => {
  cleanups.forEach((c) => c());
  cleanups = [];
  for (const t of terms) await t.destroy();
  terms = [];
  vi.unstubAllEnvs();
});

function interpreterTor(): FakeTor {
  return new FakeTor({
    info: {
      'net/listeners/or': '',
      'net/listeners/dir': '',
      'net/listeners/control': '"127.0.0.1:9051"',
      'net/listeners/socks': '',
      'info/names': 'version -- The version.\nconfig-file -- Where the torrc is.\nconfig-text -- What SAVECONF writes.\nns/id/* -- Router status by ID.',
      'features/names': 'VERBOSE_NAMES EXTENDED_EVENTS',
      'config/names': 'Nickname String\nContactInfo String\nHashedControlPassword LineList',
      'config/defaults': '',
      'config-text': 'Nickname snowfall\nContactInfo op',
    },
    conf: { Nickname: 'snowfall', ContactInfo: 'op', HashedControlPassword: null },
  });
}

async function startApp(tor: FakeTor, stateDir: string, cols = 100, rows = 30) {
  vi.stubEnv('XDG_STATE_HOME', stateDir);
  vi.stubEnv('ORTOP_TOR_MANUAL', join(stateDir, 'no-manual.1'));
  const clock = new ManualClock(Date.UTC(2026, 10, 27, 12, 0, 0));
  const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: false });
  await controller.open();
  const term = createFakeTerminal({ cols, rows });
  terms.push(term);
  const app = new OrtopApp({ screen: term.screen, controller, clock, settings: DEFAULT_SETTINGS, theme: { colors: true }, procFs, target: '127.0.0.1:9051', unicode: true, onQuit: () => {}, hostInfo: { hostname: 'h', osName: 'Linux', osRelease: '6' } });
  app.start();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    app.stop();
    controller.close();
  };
  cleanups.push(stop);
  const flush = async () => {
    for (let i = 0; i < 20; i++) await settle();
    clock.advance(50);
    app.renderNow();
    await term.settle();
  };
  const type = async (keys: string) => {
    term.type(keys);
    await flush();
  };
  const text = () => gridText(readGrid(term.screen));
  await flush();
  await type('5');
  return { app, flush, type, text, stop, clock };
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-interp-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function waitForFile(path: string, flush: () => Promise<void>, contains: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      if (text.includes(contains)) return text;
    }
    await flush();
  }
  throw new Error(`${path} never contained ${contains}`);
}

describe('interpreter page in the app', () => {
  it('sends raw commands and shows the raw reply; refuses QUIT; confirms SIGNAL HALT', async () => {
    const tor = interpreterTor();
    const { type, text } = await startApp(tor, scratch());
    expect(text()).toContain('press enter to type a command');
    await type('\r');
    await type('getinfo version config-text\r');
    expect(tor.commands).toContain('GETINFO version config-text');
    expect(text()).toContain('250-version=0.4.9.11');
    expect(text()).toContain('250+config-text=');
    expect(text()).toMatch(/Nickname snowfall\n.*ContactInfo op\n.*\.\n.*250 OK/);
    await type('QUIT\r');
    expect(tor.commands).not.toContain('QUIT');
    expect(text()).toContain("Not sent: QUIT would close ortop's only control connection");
    await type('SIGNAL HALT\r');
    expect(text()).toContain('SIGNAL HALT: tor exits at once');
    await type('n');
    expect(tor.commands).not.toContain('SIGNAL HALT');
    expect(text()).toContain('Not sent: SIGNAL HALT');
    await type('+LOADCONF\r');
    expect(tor.commands.some((c) => c.includes('LOADCONF'))).toBe(false);
  });

  it('completes from what tor lists and q types into the line instead of quitting', async () => {
    const tor = interpreterTor();
    const { type, text, app } = await startApp(tor, scratch());
    await type('\r');
    await type('GETINFO con');
    await type('\t');
    expect(text()).toMatch(/config-file +config-text/);
    expect(text()).toContain('>>> GETINFO config-');
    await type('q');
    expect(app.viewState.popup.kind).toBe('none');
    expect(text()).toContain('>>> GETINFO config-q');
    await type('\x1b');
    expect(text()).toContain('press enter to type a command');
  });

  it('/events shows events ortop already receives, without subscribing to more', async () => {
    const tor = interpreterTor();
    const { type, text, flush } = await startApp(tor, scratch(), 120, 40);
    const before = tor.subscribedEvents;
    tor.emitEvent('BW 1024 2048');
    tor.emitEvent(['CONF_CHANGED', 'Nickname=frost']);
    await flush();
    await type('\r');
    await type('/events CONF_CHANGED\r');
    expect(text()).toContain('1 recent event');
    expect(text()).toContain('650-CONF_CHANGED');
    expect(text()).toContain('650-Nickname=frost');
    await type('/events\r');
    expect(text()).toContain('650 BW 1024 2048');
    expect(tor.subscribedEvents).toEqual(before);
    await type('/help\r');
    expect(text()).toContain('Interpreter commands:');
  });

  it('keeps history across a restart, never with a password or AUTHENTICATE', async () => {
    const dir = scratch();
    const tor = interpreterTor();
    const first = await startApp(tor, dir);
    await first.type('\r');
    await first.type('GETINFO version\r');
    await first.type('AUTHENTICATE "hunter2"\r');
    await first.type('SETCONF HashedControlPassword=16:0123456789ABCDEF\r');
    await first.type('GETCONF Nickname\r');
    const path = join(dir, 'ortop', 'history');
    const saved = await waitForFile(path, first.flush, 'GETCONF Nickname');
    expect(saved).toBe('GETINFO version\nGETCONF Nickname\n');
    expect(saved).not.toMatch(/hunter2|AUTHENTICATE|HashedControlPassword|0123456789ABCDEF/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(first.text()).toContain('AUTHENTICATE <hidden: this command carries a secret>');
    expect(first.text()).not.toContain('hunter2');
    first.stop();

    const second = await startApp(tor, dir);
    await second.type('\r');
    // The saved history is read from disk (real I/O): Up does nothing until it has arrived.
    for (let i = 0; i < 200 && !second.text().includes('>>> GETCONF Nickname'); i++) await second.type('\x1b[A');
    expect(second.text()).toContain('>>> GETCONF Nickname');
    await second.type('\x1b[A');
    expect(second.text()).toContain('>>> GETINFO version');
    await second.type('\x1b[A');
    expect(second.text()).toContain('>>> GETINFO version');
  });
});
