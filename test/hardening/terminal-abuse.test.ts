// Terminal abuse: resize storms against a fresh render at the final size (through @xterm/headless
// resized in step, so leftover garbage would show), every page from 1x1 to 400x120, no colours, an
// ASCII-only locale, and TERM values the screen factory must ignore (the built CLI, spawned).
import { spawnSync } from 'node:child_process';
import xterm from '@xterm/headless';
import { afterEach, describe, expect, it } from 'vitest';
import { OrtopApp } from '../../src/app/shell/app.js';
import { DEFAULT_SETTINGS } from '../../src/config/index.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { createFakeTerminal, readGrid, type FakeTerminal } from '../../src/terminal/index.js';
import { NO_PROC_FS, onCleanup, startApp, stopApps, TEST_HOST, TEST_START_MS, type AppHarness } from '../helpers/app-harness.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { xtermRows } from '../helpers/xterm.js';
import { HEADER_INFO, hostileTor } from './hostile-tor.js';

afterEach(stopApps);

const { Terminal } = xterm;

/** The app's own CPU share is measured on the real process: the one thing a ManualClock cannot freeze. */
const steady = (rows: readonly string[]) => rows.map((r) => r.trimEnd().replace(/cpu: +[\d.]+%/, 'cpu: ?%'));

/** An xterm that is fed the app's bytes as they are written and resized when the app's terminal is. */
function mirror(term: FakeTerminal, cols: number, rows: number) {
  const x = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  onCleanup(() => x.dispose());
  const feed = () => new Promise<void>((resolve) => x.write(Buffer.from(term.takeBytes(), 'latin1'), resolve));
  return {
    async resize(c: number, r: number) {
      await feed();
      x.resize(c, r);
    },
    async rows(): Promise<string[]> {
      await feed();
      const out: string[] = [];
      for (let y = 0; y < x.rows; y++) out.push(x.buffer.active.getLine(y)?.translateToString(true) ?? '');
      return out;
    },
  };
}

const PAGES = ['1', '2', '3', '4', '5', '6'];

async function relayApp(cols: number, rows: number, options: { colors?: boolean } = {}): Promise<AppHarness> {
  return startApp({ tor: hostileTor(), cols, rows, ...options });
}

describe('terminal abuse', () => {
  // One test per page: each storm is a test's worth of work (a shared budget for five ran out under load).
  it.each([...PAGES])('300 random resizes leave the same screen as a fresh render at the final size, on page %s', async (page) => {
    {
      const random = seededRandom(Number(page) * 7919);
      const storm = await relayApp(120, 40);
      await storm.keys(page);
      const seen = mirror(storm.term, 120, 40);
      for (let i = 0; i < 300; i++) {
        const cols = 1 + Math.floor(random() * 260);
        const rows = 1 + Math.floor(random() * 90);
        await seen.resize(cols, rows);
        storm.term.resize(cols, rows);
        if (i % 10 === 0) await storm.flush(0);
      }
      await seen.resize(97, 31);
      storm.term.resize(97, 31);
      await storm.flush(0);
      await storm.flush(0);

      const fresh = await relayApp(97, 31);
      await fresh.keys(page);
      await fresh.flush(0);
      // tor's manual and torrc are read (real I/O) when their page is first shown: compare both apps once they have arrived.
      const loading = (text: string) => text.includes("Reading tor's manual") || text.includes('Asking tor where its torrc is');
      for (const app of [storm, fresh]) for (let i = 0; i < 500 && loading(app.text()); i++) await app.flush(0);
      const stormGrid = readGrid(storm.term.screen);
      const freshGrid = readGrid(fresh.term.screen);
      expect(stormGrid.cols, `page ${page}`).toBe(97);
      expect(steady(stormGrid.text), `page ${page}`).toEqual(steady(freshGrid.text));
      // Style runs too, except on the row with the CPU share, whose width moves the runs after it.
      const cpuRows = new Set(freshGrid.text.flatMap((line, y) => (/cpu: /.test(line) ? [y] : [])));
      const styled = (g: typeof freshGrid) => g.runs.filter((r) => !cpuRows.has(r.y));
      expect(styled(stormGrid), `page ${page}`).toEqual(styled(freshGrid));
      // What a real terminal shows after the storm: the same, no leftovers of earlier sizes.
      expect(steady(await seen.rows()), `page ${page}`).toEqual(steady(freshGrid.text));
      await stopApps();
    }
  });

  it('draws every page at every size from 1x1 to 400x120 without an exception', async () => {
    const sizes: Array<[number, number]> = [
      [1, 1], [2, 1], [1, 2], [3, 3], [10, 2], [2, 10], [20, 5], [40, 10], [80, 24], [132, 43], [200, 60], [400, 120], [400, 1], [1, 120],
    ];
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    onCleanup(() => process.off('uncaughtException', onError));
    const h = await relayApp(80, 24);
    for (const page of PAGES) {
      await h.keys(page);
      for (const [cols, rows] of sizes) {
        h.term.resize(cols, rows);
        await h.flush(0);
        const grid = readGrid(h.term.screen);
        expect([grid.cols, grid.rows]).toEqual([cols, rows]);
        expect(grid.text.length).toBe(rows);
        for (const line of grid.text) expect(line.length).toBeLessThanOrEqual(cols);
      }
    }
    h.term.resize(120, 40);
    await h.flush(0);
    expect(h.text()).toContain('page 6 / 6');
    expect(errors).toEqual([]);
  });

  it('with colours off writes no colour SGR on any page', async () => {
    const h = await relayApp(120, 40, { colors: false });
    for (const page of PAGES) await h.keys(page);
    await h.keys('2', 'home', 'enter');
    const bytes = h.term.bytes();
    const colour: string[] = [];
    for (const m of bytes.matchAll(/\x1b\[([0-9;]*)m/g)) {
      const params = m[1]!.split(';').map(Number);
      if (params.some((p) => (p >= 30 && p <= 49) || (p >= 90 && p <= 107))) colour.push(m[0]);
    }
    expect(colour).toEqual([]);
    expect(bytes).toMatch(/\x1b\[[0-9;]*m/); // still bold/inverse: the test sees SGR at all
    // The same app with colours on does write colours (so the check above can fail).
    await stopApps();
    const coloured = await relayApp(120, 40, { colors: true });
    expect(coloured.term.bytes()).toMatch(/\x1b\[[0-9;]*3[0-7]m|\x1b\[38;5;\d+m/);
  });

  it('without a UTF-8 locale writes only ASCII bytes, even for non-ASCII text from tor', async () => {
    const tor = new FakeTor({ info: { ...HEADER_INFO, fingerprint: 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2' }, conf: { Nickname: 'caf\u00e9\u2603', SocksPort: '0' } });
    const clock = new ManualClock(TEST_START_MS);
    const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: false });
    await controller.open();
    const term = createFakeTerminal({ cols: 120, rows: 40, unicode: false });
    const app = new OrtopApp({
      screen: term.screen, controller, clock, settings: DEFAULT_SETTINGS, theme: { colors: true }, procFs: NO_PROC_FS,
      target: '127.0.0.1:9051', unicode: false, onQuit: () => {}, hostInfo: TEST_HOST,
    });
    app.start();
    onCleanup(async () => {
      app.stop();
      controller.close();
      await term.destroy();
    });
    const step = async () => {
      for (let i = 0; i < 20; i++) await settle();
      clock.advance(1000);
      for (let i = 0; i < 20; i++) await settle();
      app.renderNow();
      await term.settle();
    };
    await step();
    await step();
    tor.emitEvent('NOTICE b\u00c3\u00a4d \u00e2\u0098\u0083 text');
    for (const page of PAGES) {
      app.handleKey(page, page);
      await step();
    }
    app.handleKey('1', '1');
    await step();
    const bytes = term.bytes();
    const nonAscii = [...new Set([...bytes].filter((c) => c.charCodeAt(0) > 0x7e && c !== '\x7f'))];
    expect(nonAscii.map((c) => c.charCodeAt(0).toString(16))).toEqual([]);
    // What a terminal shows: the non-ASCII characters became '?', the layout stays aligned.
    const shown = (await xtermRows(bytes, 120, 40)).join('\n');
    expect(shown).toContain('caf?? - 198.51.100.7:9001, Control Port (open): 9051');
    expect(shown).toMatch(/\[NOTICE\] b\?d \? text/);
  });

  it('ignores TERM: screen, tmux-256color and xterm give identical bytes, dumb only drops colour, nothing on stderr', () => {
    const run = (TERM: string) => {
      const r = spawnSync(process.execPath, ['dist/cli.js', '--demo', '--snapshot', 'ansi', '--wait', '0.5', '--size', '100x30'], {
        env: { ...process.env, TERM, NO_COLOR: '' },
        encoding: 'latin1',
        timeout: 30_000,
      });
      expect(r.status, `TERM=${TERM}: ${r.stderr}`).toBe(0);
      expect(r.stderr, `TERM=${TERM}`).toBe('');
      // Row 3 carries cpu, pid and uptime, which change between runs; rows 1, 2, 4, 5 do not.
      const lines = r.stdout.split('\n');
      return [0, 1, 3, 4].map((i) => lines[i] ?? '');
    };
    const reference = run('xterm-256color');
    expect(reference[0]).toContain('ortop');
    expect(reference.join('\n')).toMatch(/\x1b\[/);
    for (const TERM of ['screen', 'tmux-256color', 'xterm', 'screen-256color', 'linux']) expect(run(TERM), `TERM=${TERM}`).toEqual(reference);
    const dumb = run('dumb');
    const strip = (rows: string[]) => rows.map((r) => r.replace(/\x1b\[[0-9;]*m/g, ''));
    expect(strip(dumb)).toEqual(strip(reference));
    expect(dumb.join('\n')).not.toMatch(/\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|38;5;\d+)m/);
  }, 120_000);
});
