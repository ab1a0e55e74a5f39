// The interpreter page in the running app against FakeTor: raw replies, refusals, confirmation,
// completion from tor's own lists, /events from the events ortop already receives (no new
// subscription), and a history that survives a restart without any secret in it; a corrupt history
// file is reported in ortop's log, set aside, and the page works with an empty history.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onCleanup, startApp, stopApps } from '../helpers/app-harness.js';
import { FakeTor } from '../helpers/fake-tor.js';

afterEach(async () => {
  await stopApps();
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

async function startInterpreterApp(tor: FakeTor, stateDir: string, cols = 100, rows = 30) {
  vi.stubEnv('XDG_STATE_HOME', stateDir);
  vi.stubEnv('ORTOP_TOR_MANUAL', join(stateDir, 'no-manual.1'));
  const harness = await startApp({ tor, cols, rows });
  await harness.type('5');
  return harness;
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-interp-'));
  // maxRetries: a history write still finishing as the app stops may add a file while this runs.
  onCleanup(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
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
    const { type, text } = await startInterpreterApp(tor, scratch());
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
    const { type, text, app } = await startInterpreterApp(tor, scratch());
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
    const { type, text, flush } = await startInterpreterApp(tor, scratch(), 120, 40);
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
    expect(text()).toMatch(/DROPTIMEOUTS +forgets the learned circuit build timeouts/);
  });

  it('/events CIRC still shows the circuit after a flood of BW events', async () => {
    const tor = interpreterTor();
    const { type, text, flush } = await startInterpreterApp(tor, scratch(), 120, 40);
    tor.emitEvent('CIRC 66 BUILT $A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2~relay1 PURPOSE=GENERAL');
    for (let i = 0; i < 500; i++) tor.emitEvent(`BW ${i} ${i}`);
    await flush();
    await type('\r');
    await type('/events CIRC\r');
    expect(text()).toContain('1 recent event (the last 100 of each type');
    expect(text()).toContain('650 CIRC 66 BUILT');
    expect(text()).not.toContain('No CIRC events received yet');
  });

  it('/help GETINFO and /help SIGNAL list the keys this tor offers', async () => {
    const tor = interpreterTor();
    const { type, text } = await startInterpreterApp(tor, scratch(), 120, 40);
    await type('\r');
    await type('/help GETINFO\r');
    expect(text()).toContain('GETINFO key [key…]');
    expect(text()).toMatch(/config-file +Where the torrc is\./);
    await type('/clear\r');
    await type('/help SIGNAL\r');
    expect(text()).toMatch(/NEWNYM +new circuits for new client connections/);
    expect(text()).toMatch(/HEARTBEAT +logs a heartbeat message now/);
  });

  it('keeps history across a restart, never with a password or AUTHENTICATE', async () => {
    const dir = scratch();
    const tor = interpreterTor();
    const first = await startInterpreterApp(tor, dir);
    await first.type('\r');
    await first.type('GETINFO version\r');
    await first.type('AUTHENTICATE "hunter2"\r');
    await first.type('SETCONF HashedControlPassword=16:0123456789ABCDEF\r');
    await first.type('n'); // it asks first: a key of its own answers (a typed-ahead line would be discarded)
    await first.type('GETCONF Nickname\r');
    const path = join(dir, 'ortop', 'history');
    const saved = await waitForFile(path, first.flush, 'GETCONF Nickname');
    expect(saved).toBe('GETINFO version\nGETCONF Nickname\n');
    expect(saved).not.toMatch(/hunter2|AUTHENTICATE|HashedControlPassword|0123456789ABCDEF/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(first.text()).toContain('AUTHENTICATE <hidden: this command carries a secret>');
    expect(first.text()).not.toContain('hunter2');
    first.stop();

    const second = await startInterpreterApp(tor, dir);
    await second.type('\r');
    // The saved history is read from disk (real I/O): Up does nothing until it has arrived.
    for (let i = 0; i < 200 && !second.text().includes('>>> GETCONF Nickname'); i++) await second.type('\x1b[A');
    expect(second.text()).toContain('>>> GETCONF Nickname');
    await second.type('\x1b[A');
    expect(second.text()).toContain('>>> GETINFO version');
    await second.type('\x1b[A');
    expect(second.text()).toContain('>>> GETINFO version');
  });

  it('a history file of binary junk: reported once in the log, set aside, and the page still works', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'ortop'));
    const path = join(dir, 'ortop', 'history');
    writeFileSync(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 167 + 13) & 0xff)));
    const app = await startInterpreterApp(interpreterTor(), dir, 160, 40);
    await app.type('1');
    await app.until('could not be used');
    const text = app.text().replace(/\n\s*/g, ' ');
    expect(text).toMatch(new RegExp(`\\[ORTOP_WARN\\] the interpreter history ${path} could not be used: it holds binary data \\(a NUL byte at offset \\d+\\), not text; moved it aside to ${path}\\.corrupt-\\d{8}T\\d{6}Z; the history starts empty`));
    expect(text.match(/could not be used/g)).toHaveLength(1);
    await app.type('5');
    await app.type('\r');
    await app.type('GETINFO version\r');
    expect(app.text()).toContain('250-version=');
    await waitForFile(path, app.flush, 'GETINFO version');
    expect(readdirSync(join(dir, 'ortop')).filter((n) => n.startsWith('history.corrupt-'))).toHaveLength(1);
  });
});
