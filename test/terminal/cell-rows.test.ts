// drawCellRows must put exactly the cells blessed's own content pipeline (setContent of renderLine's
// tag markup) puts on the screen, for styled, hostile, wide and combining text, with and without
// colours and unicode; and after a change only the changed rows differ.
import { afterEach, describe, expect, it } from 'vitest';
import { createPanelBox } from '../../panels/panel-box.js';
import { drawCellRows } from '../../src/terminal/cell-rows.js';
import { createFakeTerminal, readGrid, renderLine, seg, type FakeTerminal, type Line, type Theme } from '../../src/terminal/index.js';

const COLS = 40;
const ROWS = 12;

const LINES: Line[] = [
  [seg('plain text')],
  [seg('red', { fg: 'red' }), seg(' on blue', { fg: 'white', bg: 'blue' }), seg(' bold', { bold: true }), seg(' gray', { fg: 'gray' })],
  [seg('under', { underline: true }), seg(' inverse', { inverse: true }), seg(' all', { fg: 'yellow', bg: 'black', bold: true, underline: true, inverse: true })],
  [seg('evil \x1b[31mred\x1b[0m {bold}tag{/bold} tab\there')],
  [seg('wide 日本語 ', { fg: 'cyan' }), seg('emoji 🧅 end')],
  [seg('combining e\u0301 and a\u0308', { fg: 'green' })],
  [seg('x'.repeat(COLS + 10), { fg: 'magenta' })],
  [],
  [seg('{open} braces {close}')],
];

const terms: FakeTerminal[] = [];
afterEach(async () => {
  for (const t of terms.splice(0)) await t.destroy();
});

type Cells = Array<Array<[number, string]>>;

async function render(draw: 'blessed' | 'cells', lines: readonly Line[], theme: Theme, unicode: boolean): Promise<{ cells: Cells; text: readonly string[] }> {
  const term = createFakeTerminal({ cols: COLS, rows: ROWS, unicode });
  terms.push(term);
  const box = createPanelBox(term.screen);
  Object.assign(box, { top: 1, left: 0, width: COLS, height: ROWS - 2 });
  box.show();
  if (draw === 'blessed') box.setContent(lines.map((l) => renderLine(l, theme)).join('\n'));
  else drawCellRows(box, lines, theme, COLS);
  term.screen.render();
  await term.settle();
  const screenLines = (term.screen as unknown as { lines: Cells }).lines;
  return { cells: screenLines.map((row) => row.map((c) => [c[0], c[1]] as [number, string])), text: readGrid(term.screen).text };
}

describe('drawCellRows', () => {
  for (const colors of [true, false]) {
    for (const unicode of [true, false]) {
      it(`gives the cells blessed gives (colours ${colors ? 'on' : 'off'}, unicode ${unicode ? 'on' : 'off'})`, async () => {
        const theme = { colors };
        const viaBlessed = await render('blessed', LINES, theme, unicode);
        const viaCells = await render('cells', LINES, theme, unicode);
        expect(viaCells.text).toEqual(viaBlessed.text);
        expect(viaCells.cells).toEqual(viaBlessed.cells);
        expect(viaCells.text.join('\n')).not.toContain('\x1b');
      });
    }
  }

  it('redraws a changed row and leaves the others as they were', async () => {
    const term = createFakeTerminal({ cols: COLS, rows: ROWS });
    terms.push(term);
    const box = createPanelBox(term.screen);
    Object.assign(box, { top: 0, left: 0, width: COLS, height: ROWS });
    box.show();
    const theme = { colors: true };
    drawCellRows(box, LINES, theme, COLS);
    term.screen.render();
    const before = readGrid(term.screen).text;
    const changed = [...LINES];
    changed[1] = [seg('uptime: 00:00:02', { fg: 'red' })];
    drawCellRows(box, changed.slice(0, 4), theme, COLS);
    term.screen.render();
    const after = readGrid(term.screen).text;
    expect(after[1]).toBe('uptime: 00:00:02');
    expect(after[0]).toBe(before[0]);
    expect(after[3]).toBe(before[3]);
    // Rows past the new last line are blank again.
    expect(after.slice(4).every((row) => row === '')).toBe(true);
  });

  // Unchanged rows are not copied again while nothing touched their screen lines: each way the
  // screen buffer can change under them must still bring them back.
  it('keeps its rows on screen through a popup over them, a hide and show, and a move', async () => {
    const term = createFakeTerminal({ cols: COLS, rows: ROWS });
    terms.push(term);
    const theme = { colors: true };
    const box = createPanelBox(term.screen);
    Object.assign(box, { top: 0, left: 0, width: COLS, height: ROWS });
    box.show();
    const lines = [[seg('row zero')], [seg('row one')], [seg('row two')]];
    drawCellRows(box, lines, theme, COLS);
    term.screen.render();
    const shown = readGrid(term.screen).text;
    expect(shown.slice(0, 3)).toEqual(['row zero', 'row one', 'row two']);

    // A popup drawn over row one, then hidden: row one comes back.
    const popup = createPanelBox(term.screen);
    Object.assign(popup, { top: 1, left: 0, width: 10, height: 1 });
    popup.show();
    drawCellRows(popup, [[seg('POPUP')]], theme, 10);
    term.screen.render();
    expect(readGrid(term.screen).text[1]).toBe('POPUP');
    popup.hide();
    term.screen.render();
    expect(readGrid(term.screen).text).toEqual(shown);

    // Hidden over several renders (another page drew there and was cleared), then shown again with
    // the same lines.
    box.hide();
    term.screen.render();
    const other = createPanelBox(term.screen);
    Object.assign(other, { top: 0, left: 0, width: COLS, height: 2 });
    other.show();
    drawCellRows(other, [[seg('other page')], [seg('other row')]], theme, COLS);
    term.screen.render();
    other.hide();
    term.screen.render();
    expect(readGrid(term.screen).text.every((row) => row === '')).toBe(true);
    box.show();
    drawCellRows(box, lines, theme, COLS);
    term.screen.render();
    expect(readGrid(term.screen).text).toEqual(shown);

    // Moved down one row and back.
    box.top = 1;
    term.screen.render();
    expect(readGrid(term.screen).text.slice(0, 4)).toEqual(['', 'row zero', 'row one', 'row two']);
    box.top = 0;
    term.screen.render();
    expect(readGrid(term.screen).text).toEqual(shown);
  });
});
