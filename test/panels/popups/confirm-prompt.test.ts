import blessed from 'blessed';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfirmPrompt, drawLine, reduceConfirm, selectConfirmLine } from '../../../panels/popups/index.js';
import { formatStyleRuns, gridText, type FakeTerminal } from '../../../src/terminal/index.js';
import { lineWidth } from '../../../src/terminal/theme.js';
import { expectXtermAgrees } from '../../helpers/xterm.js';
import { renderOnBackground } from './popup-fixtures.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

const text = (line: readonly { text: string }[]) => line.map((s) => s.text).join('');

describe('confirmation prompt', () => {
  it('asks a question per action', () => {
    expect(text(selectConfirmLine(createConfirmPrompt('quit'), 80))).toBe('Quit ortop? (y/n)');
    expect(text(selectConfirmLine(createConfirmPrompt('clear-log'), 80))).toBe('Clear the log? (y/n)');
    expect(text(selectConfirmLine(createConfirmPrompt('reload'), 80))).toBe("Reload tor's configuration (SIGHUP)? This resets tor's internal state. (y/n)");
    expect(selectConfirmLine(createConfirmPrompt('quit'), 80)[0]!.style).toEqual({ bold: true });
  });

  it('cuts the question, not the answers, when narrow', () => {
    expect(text(selectConfirmLine(createConfirmPrompt('reload'), 30))).toBe("Reload tor's configurat… (y/n)");
    for (const width of [0, 1, 5, 6, 7, 17, 18]) expect(lineWidth(selectConfirmLine(createConfirmPrompt('quit'), width))).toBeLessThanOrEqual(width);
    expect(text(selectConfirmLine(createConfirmPrompt('quit'), 6))).toBe('Quit …');
  });

  it.each([
    ['quit', 'y', true],
    ['quit', 'S-y', true],
    ['quit', 'q', true],
    ['quit', 'S-q', true],
    ['quit', 'n', false],
    ['quit', 'escape', false],
    ['quit', 'enter', false],
    ['quit', 'x', false],
    ['reload', 'x', true],
    ['reload', 'q', false],
    ['clear-log', 'c', true],
    ['clear-log', 'y', true],
    ['clear-log', 'space', false],
  ] as const)('%s then %s confirms: %s', (action, key, confirmed) => {
    expect(reduceConfirm(createConfirmPrompt(action), key)).toEqual({ confirmed });
  });

  for (const [cols, rows] of [
    [80, 25],
    [160, 40],
  ] as const) {
    it(`renders on the status line at ${cols}x${rows}`, async () => {
      const r = await renderOnBackground(cols, rows, (screen) => {
        const box = blessed.box({ parent: screen, top: 6, left: 0, width: '100%', height: 1 });
        drawLine(box, selectConfirmLine(createConfirmPrompt('reload'), cols), { colors: true });
      });
      term = r.term;
      await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/confirm-reload.${cols}x${rows}.txt`);
      await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/confirm-reload.${cols}x${rows}.styles.txt`);
      await expectXtermAgrees(r.term, r.grid);
    });
  }
});
