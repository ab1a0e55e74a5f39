// Seeded fuzzing of the whole app through the terminal: random keys that open and close every popup
// (help, menu, confirmations, pickers, descriptor, sort, search and edit prompts, the interpreter)
// mixed with resizes down to 1x1. Nothing may throw — neither a frame (the harness fails on any)
// nor blessed's deferred work after a resize (caught here: blessed's own uncaughtException handler
// would hide it from vitest) — and the app must still draw a full frame and take keys afterwards.
// It finds "setting 'rtop'" (a popup's label removed while blessed still had its reposition queued).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startApp, stopApps } from '../helpers/app-harness.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { hostileTor } from './hostile-tor.js';

const uncaught: Error[] = [];
const collect = (error: Error) => uncaught.push(error);
// Random keys save the log (a, then a typed path): into a scratch directory, never the project's.
const projectDir = process.cwd();
let scratch = '';
beforeEach(() => {
  uncaught.length = 0;
  process.on('uncaughtException', collect);
  scratch = mkdtempSync(join(tmpdir(), 'ortop-key-fuzz-'));
  process.chdir(scratch);
});
afterEach(async () => {
  await stopApps();
  process.off('uncaughtException', collect);
  process.chdir(projectDir);
  rmSync(scratch, { recursive: true, force: true });
});

const KEY = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
  home: '\x1b[H',
  end: '\x1b[F',
  escape: '\x1b',
  enter: '\r',
  tab: '\t',
  backspace: '\x7f',
};

/** Keys that open things on some page (h, m, q, x, d, e, s, f, c, /, w, b, g, i, a, u, p), the ways out, and moves. */
const KEYS: readonly string[] = [
  ...'123451234512345hhhmmmqqxxddeesffcc/wbgiaupynYN z'.split(''),
  KEY.up, KEY.down, KEY.left, KEY.right, KEY.pageup, KEY.pagedown, KEY.home, KEY.end,
  KEY.escape, KEY.escape, KEY.escape, KEY.enter, KEY.enter, KEY.enter, KEY.tab, KEY.backspace,
];

/** Sizes skewed to the small ones, where widgets collapse (a 4-column help popup has no title). */
function randomSize(random: () => number): [number, number] {
  const tiny = random() < 0.5;
  const cols = tiny ? 1 + Math.floor(random() * 12) : 1 + Math.floor(random() * 200);
  const rows = tiny ? 1 + Math.floor(random() * 12) : 1 + Math.floor(random() * 60);
  return [cols, rows];
}

it('the help popup open while the terminal shrinks to 4 columns (the popup loses its title)', async () => {
  const app = await startApp({ tor: hostileTor(), cols: 120, rows: 40 });
  await app.type('h');
  app.term.resize(4, 40);
  await app.flush();
  await app.flush();
  expect(uncaught.map((e) => e.stack)).toEqual([]);
  expect(app.app.viewState.popup.kind).toBe('help');
  app.term.resize(120, 40);
  await app.flush();
  expect(app.text()).toContain('Page 1 (Graph / Log) commands');
});

for (const seed of [1, 2, 3]) {
  it(`survives 700 random keys and resizes over every page and popup (seed ${seed})`, async () => {
    const random = seededRandom(seed * 104729);
    const app = await startApp({ tor: hostileTor(), cols: 120, rows: 40 });
    for (let step = 0; step < 700; step++) {
      const r = random();
      if (r < 0.3) {
        const [cols, rows] = randomSize(random);
        app.term.resize(cols, rows);
      } else {
        // One key per chunk mostly, sometimes a burst of several (typed ahead, pasted).
        const count = r < 0.9 ? 1 : 2 + Math.floor(random() * 6);
        let chunk = '';
        for (let i = 0; i < count; i++) chunk += KEYS[Math.floor(random() * KEYS.length)]!;
        app.term.type(chunk);
      }
      await app.flush(random() < 0.5 ? 0 : 50);
    }
    expect(uncaught.map((e) => e.stack)).toEqual([]);
    expect(app.app.renderFailures).toBe(0);
    app.term.resize(100, 30);
    for (const key of [KEY.escape, KEY.escape, KEY.escape]) await app.type(key);
    await app.type('1');
    expect(app.app.viewState).toMatchObject({ page: 0, popup: { kind: 'none' } });
    const rows = app.text().split('\n');
    expect(rows[0]).toMatch(/^ortop - .*Tor 0\.4\.9/);
    expect(rows[29]!.trim()).not.toBe('');
  });
}
