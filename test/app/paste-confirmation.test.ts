// A paste must never answer a question. Keys that arrive in the same chunk of terminal input as the
// key that asked (or in any chunk of several keys, or between bracketed-paste markers) are
// discarded at the question, which stays open; a key pressed on its own afterwards answers it. One
// door (OrtopApp's key path) for every question: the interpreter's, quit, reload, clear the log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onCleanup, startApp, stopApps } from '../helpers/app-harness.js';
import { FakeTor } from '../helpers/fake-tor.js';

afterEach(async () => {
  await stopApps();
  vi.unstubAllEnvs();
});

async function interpreterApp(onQuit?: () => void) {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-paste-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  vi.stubEnv('XDG_STATE_HOME', dir);
  vi.stubEnv('ORTOP_TOR_MANUAL', join(dir, 'no-manual.1'));
  const harness = await startApp({ tor: new FakeTor({ info: { 'net/listeners/control': '"127.0.0.1:9051"' } }), cols: 120, rows: 40, ...(onQuit === undefined ? {} : { onQuit }) });
  return harness;
}

const sentHalt = (tor: FakeTor) => tor.commands.filter((c) => /^SIGNAL HALT/i.test(c));

describe('a paste at a question', () => {
  it('does not answer the interpreter: "GETINFO version⏎SIGNAL HALT⏎you should…" in one chunk', async () => {
    const { tor, type, text, app } = await interpreterApp();
    await type('5');
    await type('\r');
    await type('GETINFO version\rSIGNAL HALT\ryou should know this\r');
    expect(tor.commands).toContain('GETINFO version');
    expect(sentHalt(tor)).toEqual([]);
    expect(tor.commands.some((c) => /ou should/.test(c))).toBe(false);
    // The question stays open, and the transcript says what was asked and what was dropped.
    expect(app.currentPage.awaitsAnswer()).toBe(true);
    expect(text()).toContain('SIGNAL HALT: tor exits at once');
    expect(text()).toContain('21 pasted or typed-ahead characters discarded at this question');
    // A later chunk of several keys is typed ahead too: still no answer.
    await type('yes');
    expect(sentHalt(tor)).toEqual([]);
    // A deliberate y, alone in its chunk, answers it.
    await type('y');
    expect(sentHalt(tor)).toEqual(['SIGNAL HALT']);
    expect(text()).toContain('Answered y. Sending SIGNAL HALT');
  });

  it('a single key between bracketed-paste markers is pasted, not pressed', async () => {
    const { tor, type, text } = await interpreterApp();
    await type('5');
    await type('\r');
    await type('\x1b[200~SIGNAL HALT\r');
    await type('y');
    await type('\x1b[201~');
    expect(sentHalt(tor)).toEqual([]);
    await type('n');
    expect(sentHalt(tor)).toEqual([]);
    expect(text()).toContain('Answered n. Not sent: SIGNAL HALT');
  });

  it('does not quit, reload or clear the log when the answer came with the question', async () => {
    let quits = 0;
    const { tor, type, text, app } = await interpreterApp(() => quits++);
    await type('qy');
    expect(quits).toBe(0);
    expect(app.viewState.popup.kind).toBe('confirm');
    expect(text()).toContain('1 pasted or typed-ahead character discarded at a question');
    await type('\x1b');
    await type('xy');
    expect(tor.commands.some((c) => c.startsWith('SIGNAL RELOAD'))).toBe(false);
    await type('y');
    expect(tor.commands.filter((c) => c.startsWith('SIGNAL RELOAD'))).toHaveLength(1);
    tor.emitEvent('NOTICE Bootstrapped 100% (done): Done');
    await type('1');
    expect(text()).toContain('Bootstrapped 100%');
    await type('cy');
    expect(app.currentPage.awaitsAnswer()).toBe(true);
    expect(text()).toContain('Bootstrapped 100%');
    await type('c');
    expect(text()).not.toContain('Bootstrapped 100%');
    expect(quits).toBe(0);
  });
});
