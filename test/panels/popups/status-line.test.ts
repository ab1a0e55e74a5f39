import blessed from 'blessed';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfirmPrompt, createStatusMessage, drawLine, isMessageExpired, MENU_HINT, selectStatusLine, type StatusLineInput } from '../../../panels/popups/index.js';
import { formatStyleRuns, gridText, type FakeTerminal } from '../../../src/terminal/index.js';
import { lineWidth } from '../../../src/terminal/theme.js';
import { expectXtermAgrees } from '../../helpers/xterm.js';
import { renderOnBackground } from './popup-fixtures.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

const NOW = 1_000_000;
const text = (line: readonly { text: string }[]) => line.map((s) => s.text).join('');
const base: StatusLineInput = { page: 2, pageCount: 5, paused: false };

async function renderStatus(input: StatusLineInput, cols: number, rows: number) {
  const r = await renderOnBackground(cols, rows, (screen) => {
    const box = blessed.box({ parent: screen, top: 6, left: 0, width: '100%', height: 1 });
    drawLine(box, selectStatusLine(input, NOW, cols), { colors: true });
  });
  term = r.term;
  return r;
}

describe('status line', () => {
  it('shows the page and the main keys by default', () => {
    expect(text(selectStatusLine(base, NOW, 80))).toBe('page 2 / 5 - m: menu, p: pause, h: page help, q: quit');
    expect(text(selectStatusLine(base, NOW, 20))).toBe('page 2 / 5 - m: men…');
  });

  it('shows Paused in reverse video', () => {
    const line = selectStatusLine({ ...base, paused: true }, NOW, 80);
    expect(line).toEqual([{ text: 'Paused', style: { inverse: true } }]);
  });

  it('shows a message until it expires, above Paused', () => {
    const message = createStatusMessage('Requesting a new identity', NOW, { durationMs: 2_000 });
    expect(message.untilMs).toBe(NOW + 2_000);
    const input = { ...base, paused: true, message };
    expect(text(selectStatusLine(input, NOW + 1_999, 80))).toBe('Requesting a new identity');
    expect(isMessageExpired(message, NOW + 2_000)).toBe(true);
    expect(text(selectStatusLine(input, NOW + 2_000, 80))).toBe('Paused');
    const sticky = createStatusMessage('Unable to reconnect (\x1b[31mrefused)', NOW, { sticky: true, style: { fg: 'red' } });
    expect(isMessageExpired(sticky, NOW + 1e9)).toBe(false);
    expect(selectStatusLine({ ...base, message: sticky }, NOW + 1e9, 80)).toEqual([{ text: 'Unable to reconnect (refused)', style: { fg: 'red' } }]);
  });

  it('puts a pending confirmation first, then the menu hint', () => {
    const message = createStatusMessage('Paused', NOW);
    expect(message.untilMs).toBe(NOW + 3_000);
    expect(text(selectStatusLine({ ...base, message, menuOpen: true, prompt: createConfirmPrompt('quit') }, NOW, 80))).toBe('Quit ortop? (y/n)');
    expect(text(selectStatusLine({ ...base, message, menuOpen: true }, NOW, 80))).toBe(MENU_HINT);
  });

  it('never overflows', () => {
    const inputs: StatusLineInput[] = [base, { ...base, paused: true }, { ...base, message: createStatusMessage('x'.repeat(200), NOW) }, { ...base, menuOpen: true }];
    for (const input of inputs) for (const width of [0, 1, 3, 10, 80]) expect(lineWidth(selectStatusLine(input, NOW, width))).toBeLessThanOrEqual(width);
  });

  const cases: Array<[string, StatusLineInput]> = [
    ['status-default', base],
    ['status-paused', { ...base, paused: true }],
    ['status-message', { ...base, message: createStatusMessage('Requesting a new identity', NOW, { style: { fg: 'green' } }) }],
  ];
  for (const [name, input] of cases) {
    for (const [cols, rows] of [
      [80, 25],
      [160, 40],
    ] as const) {
      it(`${name} at ${cols}x${rows}`, async () => {
        const r = await renderStatus(input, cols, rows);
        await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/${name}.${cols}x${rows}.txt`);
        await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/${name}.${cols}x${rows}.styles.txt`);
        await expectXtermAgrees(r.term, r.grid);
      });
    }
  }

  it.each([
    [1, 1],
    [2, 2],
    [10, 3],
  ])('status and confirmation lines render at %ix%i without throwing', async (cols, rows) => {
    for (const input of [base, { ...base, prompt: createConfirmPrompt('reload') }]) {
      const r = await renderOnBackground(cols, rows, (screen) => {
        const box = blessed.box({ parent: screen, top: 0, left: 0, width: '100%', height: 1 });
        drawLine(box, selectStatusLine(input, NOW, cols), { colors: true });
      });
      term = r.term;
      expect(r.grid.text).toHaveLength(rows);
      for (const row of r.grid.text) expect(row.length).toBeLessThanOrEqual(cols);
      await r.term.destroy();
      term = undefined;
    }
  });
});
