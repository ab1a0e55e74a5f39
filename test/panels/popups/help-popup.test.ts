import { afterEach, describe, expect, it } from 'vitest';
import { createPopupBox, drawPopup, fitPopup, formatKeyHint, HELP_CLOSE_TEXT, selectHelpPopup, type HelpInput } from '../../../panels/popups/index.js';
import { formatStyleRuns, gridText, type FakeTerminal } from '../../../src/terminal/index.js';
import { lineWidth, seg } from '../../../src/terminal/theme.js';
import { expectXtermAgrees, xtermRows } from '../../helpers/xterm.js';
import { GLOBAL_KEYS, PAGE_KEYS, renderOnBackground } from './popup-fixtures.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

const HELP: HelpInput = { title: 'Page 1 Commands', pageKeys: PAGE_KEYS, globalKeys: GLOBAL_KEYS };
const text = (line: readonly { text: string }[]) => line.map((s) => s.text).join('');
const HEADER_ROWS = 6;
const areaBelowHeader = (cols: number, rows: number) => ({ top: HEADER_ROWS, left: 0, width: cols, height: rows - HEADER_ROWS });

async function renderHelp(input: HelpInput, cols: number, rows: number) {
  const r = await renderOnBackground(cols, rows, (screen) => {
    drawPopup(createPopupBox(screen), selectHelpPopup(input, areaBelowHeader(cols, rows)), { colors: true });
  });
  term = r.term;
  return r;
}

describe('help popup model', () => {
  it('formats a hint with its current value', () => {
    const line = formatKeyHint({ keys: 'p', description: 'pause', current: 'on' });
    expect(text(line)).toBe('p: pause (on)');
    expect(line[0]!.style).toEqual({ bold: true });
    expect(line[3]).toEqual(seg('on', { fg: 'cyan' }));
  });

  it('lists page keys then global keys in two columns, ending with the close hint', () => {
    const model = selectHelpPopup(HELP, { top: 6, left: 0, width: 120, height: 30 })!;
    expect([model.top, model.left, model.width, model.height]).toEqual([6, 0, 80, 15]);
    const lines = model.lines.map(text);
    expect(lines[0]).toBe(`g: resize graph${' '.repeat(24)}s: graphed stats (bandwidth)`);
    expect(lines[4]).toBe('c: clear event log');
    expect(lines[6]).toBe('Global commands:');
    expect(lines[7]).toBe(`Left/Right: previous / next page${' '.repeat(7)}p: pause (off)`);
    expect(lines.at(-1)).toBe(HELP_CLOSE_TEXT);
    for (const line of model.lines) expect(lineWidth(line)).toBeLessThanOrEqual(78);
  });

  it('stacks in one column when narrow and keeps the close hint when short', () => {
    const model = selectHelpPopup(HELP, { top: 2, left: 0, width: 40, height: 8 })!;
    expect(model.height).toBe(8);
    expect(model.lines.map(text)).toEqual(['g: resize graph', 's: graphed stats (bandwidth)', 'b: graph bounds (local max)', 'i: graph update interval (each second)', 'Up/Down: scroll log', HELP_CLOSE_TEXT]);
  });

  it('says so when the page has no keys, and sanitises hints', () => {
    const lines = selectHelpPopup({ title: 'Page 5', pageKeys: [], globalKeys: [{ keys: 'q\x1b[2J', description: '{bold}quit\x07' }] }, { top: 0, left: 0, width: 80, height: 20 })!.lines.map(text);
    expect(lines).toEqual(['This page has no keys of its own.', '', 'Global commands:', 'q: {bold}quit', '', HELP_CLOSE_TEXT]);
  });

  it('gives no popup when the area cannot hold one', () => {
    expect(fitPopup({ top: 0, left: 0, width: 2, height: 10 }, 't', [[seg('x')]], 80)).toBeUndefined();
    expect(fitPopup({ top: 0, left: 0, width: 10, height: 2 }, 't', [[seg('x')]], 80)).toBeUndefined();
    expect(fitPopup({ top: 0, left: 0, width: 10, height: 3 }, 't', [], 80)).toBeUndefined();
    expect(fitPopup({ top: 0, left: 0, width: 7, height: 3 }, 'a long title', [[seg('xyz')]], 80)?.title).toBe('a …');
  });
});

describe('help popup snapshots', () => {
  for (const [cols, rows] of [
    [80, 25],
    [160, 40],
  ] as const) {
    it(`at ${cols}x${rows}, as blessed intends and as a terminal shows it`, async () => {
      const r = await renderHelp(HELP, cols, rows);
      await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/help.${cols}x${rows}.txt`);
      await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/help.${cols}x${rows}.styles.txt`);
      await expectXtermAgrees(r.term, r.grid);
    });
  }

  it('shows a hostile title and hint as text', async () => {
    const r = await renderHelp({ title: 'Page {red-fg}1\x1b]0;pwned\x07', pageKeys: [{ keys: 'z', description: 'evil\x1b[31m{/}' }], globalKeys: [] }, 60, 12);
    expect(r.term.bytes()).not.toContain('pwned');
    const shown = await xtermRows(r.term.bytes(), 60, 12);
    expect(shown[HEADER_ROWS]).toContain('Page {red-fg}1');
    expect(shown[HEADER_ROWS + 1]).toContain('z: evil{/}');
  });

  it.each([
    [1, 1],
    [2, 2],
    [10, 3],
  ])('renders at %ix%i without throwing', async (cols, rows) => {
    for (const area of [areaBelowHeader(cols, rows), { top: 0, left: 0, width: cols, height: rows }]) {
      const r = await renderOnBackground(cols, rows, (screen) => drawPopup(createPopupBox(screen), selectHelpPopup(HELP, area), { colors: true }));
      term = r.term;
      expect(r.grid.text).toHaveLength(rows);
      for (const row of r.grid.text) expect(row.length).toBeLessThanOrEqual(cols);
      await r.term.destroy();
      term = undefined;
    }
  });
});
