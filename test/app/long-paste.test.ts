// 10,000 characters pasted into every text field at once (one chunk of terminal input): each field
// keeps what its limit allows and says it cut the rest, and the work is linear — the app draws once
// for the whole chunk instead of once per key (it drew 10,000 frames, ~55 s at 100 % CPU), and the
// config page no longer re-filters its options on every key of a search. Counts, never wall time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INPUT_LIMITS, type TextInput } from '../../panels/popups/text-input.js';
import { promptOnScreen } from '../../src/app/shell/screen-prompt.js';
import { createFakeTerminal } from '../../src/terminal/index.js';
import { onCleanup, startApp, stopApps, type AppHarness } from '../helpers/app-harness.js';
import { FakeTor } from '../helpers/fake-tor.js';

afterEach(async () => {
  await stopApps();
  vi.unstubAllEnvs();
});

const PASTE = 'x'.repeat(10_000);

async function app(): Promise<AppHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-paste-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  vi.stubEnv('XDG_STATE_HOME', dir);
  vi.stubEnv('ORTOP_TOR_MANUAL', join(dir, 'no-manual.1'));
  const tor = new FakeTor({
    info: { 'config/names': 'Nickname String\nContactInfo String', 'config/defaults': '', 'config-text': 'Nickname snowfall', 'net/listeners/control': '"127.0.0.1:9051"' },
    conf: { Nickname: 'snowfall', ContactInfo: null },
  });
  return startApp({ tor, cols: 120, rows: 40 });
}

/** Pastes in one chunk; returns the frames drawn for it (one for the chunk, one for the harness's flush). */
async function paste(h: AppHarness, text: string): Promise<number> {
  const before = h.app.framesDrawn;
  h.term.type(text);
  await h.flush(0);
  return h.app.framesDrawn - before;
}

/** The text input the page has open, where its view state is public (interpreter, config). */
function openInput(h: AppHarness): TextInput | undefined {
  const view = (h.app.currentPage as unknown as { viewState?: { mode?: { input?: TextInput } } }).viewState;
  return view?.mode?.input;
}

describe('10,000 characters pasted at once', () => {
  it.each([
    ['the interpreter line', '5', '\r', INPUT_LIMITS.command],
    ['the config search', '3', '/', INPUT_LIMITS.search],
    ['the connections search', '2', '/', INPUT_LIMITS.search],
  ])('%s keeps its limit, says so, and is one frame', async (_field, page, open, limit) => {
    const h = await app();
    await h.type(page);
    await h.type(open);
    const frames = await paste(h, PASTE);
    expect(frames).toBeLessThanOrEqual(2);
    const input = openInput(h);
    if (input !== undefined) expect(input).toMatchObject({ cursor: limit, cut: PASTE.length - limit });
    expect(h.text()).toMatch(new RegExp(`\\[max ${limit}\\] x{40,}`));
  });

  it('the log filter prompt (a regular expression matched against every entry) keeps 256', async () => {
    const h = await app();
    await h.type('f');
    await h.type('\x1b[F'); // End: "New…"
    await h.type('\r');
    const frames = await paste(h, PASTE);
    expect(frames).toBeLessThanOrEqual(2);
    expect((h.app.currentPage as unknown as { state: { modal: { input: TextInput } } }).state.modal.input.text).toHaveLength(INPUT_LIMITS.search);
    expect(h.text()).toContain(`[max ${INPUT_LIMITS.search}]`);
  });

  it('the password prompt on the screen keeps 1,024 characters and shows only stars', async () => {
    const term = createFakeTerminal({ cols: 80, rows: 10 });
    onCleanup(() => term.destroy());
    const answer = promptOnScreen(term.screen, 'Tor control password: ', { censor: true });
    term.type(`${PASTE}\r`);
    expect(await answer).toBe('x'.repeat(INPUT_LIMITS.password));
    expect(term.bytes()).not.toContain('xx');
  });
});
