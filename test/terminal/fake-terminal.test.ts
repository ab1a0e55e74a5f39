import blessed from 'blessed';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeTerminal, formatStyleRuns, gridAnsi, gridSvg, gridText, readGrid, type FakeTerminal } from '../../src/terminal/index.js';
import { expectXtermAgrees, xtermRows } from '../helpers/xterm.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

describe('fake terminal', () => {
  it('renders through the real blessed stack and reads back the same text as a terminal emulator', async () => {
    term = createFakeTerminal({ cols: 30, rows: 5 });
    blessed.box({ parent: term.screen, top: 0, left: 0, width: 20, height: 3, border: 'line', tags: true, content: '{green-fg}{bold}relay{/bold}{/green-fg} ok' });
    await term.settle();
    const grid = readGrid(term.screen);
    expect(gridText(grid)).toBe(['┌──────────────────┐', '│relay ok          │', '└──────────────────┘', '', ''].join('\n'));
    await expectXtermAgrees(term, grid);
    expect(formatStyleRuns(grid)).toBe('y=1 x=1..5 fg=green bg=default bold');
  });

  it('exports ANSI and SVG from the grid', async () => {
    term = createFakeTerminal({ cols: 12, rows: 2 });
    blessed.text({ parent: term.screen, top: 0, left: 0, tags: true, content: '{red-fg}err{/red-fg} <&>' });
    await term.settle();
    const grid = readGrid(term.screen);
    expect(gridAnsi(grid).split('\n')[0]).toBe('\x1b[0;31merr\x1b[0m <&>');
    const svg = gridSvg(grid);
    expect(svg).toContain('fill="#cd0000"');
    expect(svg).toContain('&lt;&amp;&gt;');
  });

  it('follows a resize', async () => {
    term = createFakeTerminal({ cols: 40, rows: 10 });
    blessed.box({ parent: term.screen, width: '100%', height: 3, border: 'line' });
    await term.settle();
    term.resize(20, 4);
    await term.settle();
    const grid = readGrid(term.screen);
    expect(grid.cols).toBe(20);
    expect(grid.text[0]).toBe(`┌${'─'.repeat(18)}┐`);
    const rows = await xtermRows(term.bytes(), 20, 4);
    expect(rows[0]).toBe(grid.text[0]);
  });

  it('delivers typed keys to the screen', async () => {
    term = createFakeTerminal({ cols: 10, rows: 3 });
    const keys: string[] = [];
    term.screen.on('keypress', (_ch: unknown, key: { full: string }) => keys.push(key.full));
    term.type('q');
    term.type('\x1b[C');
    await term.settle();
    expect(keys).toEqual(['q', 'right']);
  });
});
