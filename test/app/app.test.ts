// The whole app, driven by keys through the fake terminal against FakeTor: layout at several
// sizes, the help popup, page switching, the menu, quit with confirmation restoring the terminal.
import { afterEach, describe, expect, it } from 'vitest';
import { runTui } from '../../src/app/shell/run-tui.js';
import { NO_DEBUG_LOG } from '../../src/app/shell/debug-log.js';
import { DEFAULT_SETTINGS } from '../../src/config/index.js';
import { Controller } from '../../src/controller/index.js';
import type { ProcFs } from '../../src/system/index.js';
import { createFakeOutput } from '../../src/terminal/index.js';
import { startApp, stopApps } from '../helpers/app-harness.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';
import { xtermRows } from '../helpers/xterm.js';
import { PassThrough } from 'node:stream';

const FP = 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2';
const procFs: ProcFs = {
  readText: async (p) => {
    if (p.endsWith('/stat')) return '4242 (tor) S 1 1 1 0 -1 0 0 0 0 0 500 100 0 0 20 0 1 0 100 0 0';
    if (p.endsWith('/status')) return 'Name:\ttor\nVmRSS:\t 51200 kB\n';
    if (p === '/proc/meminfo') return 'MemTotal: 2048000 kB\n';
    throw Object.assign(new Error('no'), { code: 'ENOENT' });
  },
  listDir: async () => ['0', '1', '2'],
};

function relayTor(): FakeTor {
  return new FakeTor({
    info: {
      uptime: '93784',
      'status/version/current': 'recommended',
      'net/listeners/or': '"198.51.100.7:9001"',
      'net/listeners/dir': '"198.51.100.7:9030"',
      'process/descriptor-limit': '4096',
      'status/bootstrap-phase': 'NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done"',
      'network-liveness': 'up',
      fingerprint: FP,
      'exit-policy/full': 'reject *:*',
      [`ns/id/${FP}`]: 'r snowfall pqaQTgm1y+3atBypK4ytlQbQE9I X/Z3y7ldFYi3+cX6zIGsq6d4XdE 2038-01-01 00:00:00 198.51.100.7 9001 9030\ns Fast Guard Running Stable V2Dir Valid',
    },
    conf: { Nickname: 'snowfall', SocksPort: '0' },
  });
}

const HOST = { hostname: 'relay-host', osName: 'Linux', osRelease: '6.1.0' };
afterEach(stopApps);

async function startRelayApp(cols: number, rows: number, tor = relayTor()) {
  let quit = 0;
  const harness = await startApp({ tor, cols, rows, procFs, hostInfo: HOST, reconnect: { initialDelayMs: 1000, maxDelayMs: 1000 }, onQuit: () => quit++ });
  return { ...harness, quits: () => quit };
}

describe('OrtopApp', () => {
  it.each([
    [80, 25],
    [160, 40],
  ])('draws the header, the page and the status line at %ix%i', async (cols, rows) => {
    const { text, term } = await startRelayApp(cols, rows);
    await expect(text()).toMatchFileSnapshot(`__snapshots__/app-relay.${cols}x${rows}.txt`);
    expect(text()).toContain('snowfall');
    expect(text()).toContain('page 1 / 6');
    const rowsSeen = await xtermRows(term.bytes(), cols, rows);
    expect(rowsSeen.map((r) => r.trimEnd()).join('\n')).toBe(text());
  });

  it('survives 1x1 and tiny sizes, and resizing between them', async () => {
    const { flush, text, term } = await startRelayApp(1, 1);
    expect(text().length).toBeLessThanOrEqual(1);
    for (const [c, r] of [[2, 2], [10, 3], [40, 5], [200, 60], [1, 1], [80, 25]] as const) {
      term.resize(c, r);
      await flush();
      const lines = text().split('\n');
      expect(lines.length).toBe(r);
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(c);
    }
  });

  it('h shows every global key, Esc closes it, Right goes to page 2, the menu switches pages', async () => {
    const { app, flush, type, text } = await startRelayApp(100, 30);
    await type('h');
    expect(text()).toContain('Global commands:');
    expect(text()).toContain('n: new identity (NEWNYM)');
    await type('\x1b');
    expect(text()).not.toContain('Global commands:');
    await type('\x1b[C');
    expect(app.viewState.page).toBe(1);
    expect(text()).toContain('page 2 / 6');
    await type('m');
    expect(text()).toContain('Actions');
    app.handleKey('right');
    app.handleKey('down');
    app.handleKey('down');
    app.handleKey('down');
    app.handleKey('enter');
    await flush();
    expect(app.viewState.page).toBe(3);
  });

  it('p freezes the header (uptime stops) while sampling continues; q asks before quitting', async () => {
    const { app, clock, flush, text, quits } = await startRelayApp(100, 30);
    const uptimeOf = () => /uptime: (\S+)/.exec(text())?.[1];
    const before = uptimeOf();
    app.handleKey('p');
    clock.advance(5000);
    await flush();
    expect(text()).toContain('Paused');
    expect(uptimeOf()).toBe(before);
    app.handleKey('p');
    await flush();
    expect(uptimeOf()).not.toBe(before);
    app.handleKey('q');
    await flush();
    expect(text()).toContain('Quit ortop? (y/n)');
    expect(quits()).toBe(0);
    app.handleKey('n');
    expect(quits()).toBe(0);
    app.handleKey('q');
    app.handleKey('y');
    expect(quits()).toBe(1);
  });

  it('sends NEWNYM on n and tells the user about tor\'s 10 s limit', async () => {
    const tor = relayTor();
    const { app, flush, text } = await startRelayApp(100, 30, tor);
    app.handleKey('n');
    await flush();
    expect(tor.commands).toContain('SIGNAL NEWNYM');
    app.handleKey('n');
    await flush();
    expect(text()).toMatch(/available again in \d+ s/);
  });

  it('shows the disconnected banner when tor goes away and recovers by itself', async () => {
    const tor = relayTor();
    const { clock, flush, text } = await startRelayApp(120, 30, tor);
    tor.kill();
    await flush();
    expect(text()).toMatch(/Tor Disconnected at \d\d:\d\d:\d\d/i);
    tor.restart();
    clock.advance(1000);
    await flush();
    expect(text()).not.toMatch(/Tor Disconnected/i);
    expect(text()).toContain('snowfall');
  });
});

describe('runTui on fake terminal streams', () => {
  it('start → h → Esc → Right → q → y exits 0 and leaves the terminal restored', async () => {
    const tor = relayTor();
    const controller = new Controller({ openTransport: tor.openTransport, reconnect: false });
    await controller.open();
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
    const output = createFakeOutput(100, 30);
    let bytes = '';
    output.on('data', (b: Buffer) => (bytes += b.toString('latin1')));
    const done = runTui({ controller, target: 'fake', settings: DEFAULT_SETTINGS, theme: { colors: true }, unicode: true, debug: NO_DEBUG_LOG, input, output, procFs });
    const step = async (keys: string) => {
      input.write(keys);
      for (let i = 0; i < 5; i++) await settle();
    };
    await step('h');
    await step('\x1b');
    await step('\x1b[C');
    await step('q');
    await step('y');
    expect(await done).toBe(0);
    expect(bytes).toContain('\x1b[?1049h');
    const tail = bytes.slice(bytes.lastIndexOf('\x1b[?1049l'));
    expect(tail.startsWith('\x1b[?1049l')).toBe(true); // left the alternate screen…
    expect(bytes.lastIndexOf('\x1b[?25h')).toBeGreaterThan(bytes.lastIndexOf('\x1b[?25l')); // …with the cursor shown
    expect(controller.state).toBe('closed');
  });
});

describe('Enter from a real terminal', () => {
  it('chooses a menu item once: the page underneath does not get the same Enter', async () => {
    const { app, flush, term } = await startRelayApp(100, 30);
    term.type('m');
    await flush();
    term.type('\x1b[C'); // View
    term.type('\x1b[B\x1b[B\x1b[B\x1b[B'); // the interpreter, where Enter would start typing
    term.type('\r');
    await flush();
    expect(app.viewState.page).toBe(4);
    expect(app.viewState.popup.kind).toBe('none');
    expect(app.currentPage.capturesKeys()).toBe(false);
    term.type('\r'); // a second Enter is the page's: it starts the input line
    await flush();
    expect(app.currentPage.capturesKeys()).toBe(true);
  });
});
