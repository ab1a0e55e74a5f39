// Row scrolling: the planner finds the scroll that makes the most rows right, and a real terminal
// emulator fed the bytes of a churning list (rows inserted and removed above others, styled rows,
// a box beside the list, a resize) shows exactly blessed's picture, in text and colours.
// It also sends fewer bytes than rewriting every shifted row, and no cursor move that another follows.
import xterm from '@xterm/headless';
import { afterEach, describe, expect, it } from 'vitest';
import { createPanelBox } from '../../panels/panel-box.js';
import { drawCellRows } from '../../src/terminal/cell-rows.js';
import { createFakeTerminal, readGrid, seg, type FakeTerminal, type Line } from '../../src/terminal/index.js';
import { leanOutput } from '../../src/terminal/lean-draw.js';
import { applyScroll, planScroll } from '../../src/terminal/row-scroll.js';

const BLANK = 0;

describe('planScroll', () => {
  it('moves the rows below an inserted row down, blanking the inserted one', () => {
    const shown = [1, 2, 10, 11, 12, 13, 14, 15, 16, 17];
    const next = [1, 2, 99, 10, 11, 12, 13, 14, 15, 16];
    expect(planScroll(shown, next, BLANK)).toEqual({ top: 2, bottom: 9, shift: -1 });
  });

  it('moves the rows below a removed row up, and only as far as the list goes', () => {
    const shown = [1, 2, 10, 11, 12, 13, 14, 15, 3, 4];
    const next = [1, 2, 11, 12, 13, 14, 15, 50, 3, 4];
    expect(planScroll(shown, next, BLANK)).toEqual({ top: 2, bottom: 7, shift: 1 });
  });

  it('does nothing when rows only changed in place or one row would be saved', () => {
    expect(planScroll([1, 2, 3, 4], [5, 6, 7, 8], BLANK)).toBeNull();
    expect(planScroll([1, 2, 3, 4], [1, 2, 3, 4], BLANK)).toBeNull();
    expect(planScroll([1, 2, 3, 4, 5], [1, 3, 9, 8, 7], BLANK)).toBeNull();
  });

  it('counts the rows a scroll blanks against it', () => {
    // Moving 10,11 up by 1 makes rows 0-1 right but blanks row 2, which is right already: gain 1.
    expect(planScroll([1, 10, 11, 5, 6], [10, 11, 11, 5, 6], BLANK)).toBeNull();
  });

  it('applies a scroll to rows as a terminal does', () => {
    const rows = [0, 1, 2, 3, 4, 5, 6];
    applyScroll(rows, { top: 1, bottom: 5, shift: 2 }, () => -1);
    expect(rows).toEqual([0, 3, 4, 5, -1, -1, 6]);
    applyScroll(rows, { top: 0, bottom: 3, shift: -1 }, () => -2);
    expect(rows).toEqual([-2, 0, 3, 4, -1, -1, 6]);
  });
});

describe('leanOutput', () => {
  it('drops a cursor move that another follows', () => {
    expect(leanOutput('\x1b[1;1H\x1b[2;2H\x1b[3;3Hx')).toBe('\x1b[3;3Hx');
    expect(leanOutput('\x1b[9;1Hab\x1b[9;4H\x1b[3Cc')).toBe('\x1b[9;1Hab\x1b[9;4H\x1b[3Cc');
  });

  it('keeps colours across rows instead of resetting and setting them again', () => {
    const blessed = '\x1b7\x1b[8;1H\x1b[8;107H\x1b[1;32m2\x1b[m\x1b[9;1H\x1b[9;107H\x1b[1;32m3\x1b[m\x1b8';
    expect(leanOutput(blessed)).toBe('\x1b7\x1b[8;107H\x1b[1;32m2\x1b[9;107H3\x1b[m\x1b8');
    expect(leanOutput('\x1b[1;1Hx\x1b[31my\x1b[m\x1b[2;1H\x1b[32mz\x1b[m')).toBe('\x1b[1;1Hx\x1b[31my\x1b[2;1H\x1b[0;32mz\x1b[m');
  });

  it('sends colours before anything that fills with them, and drops colours nothing uses', () => {
    expect(leanOutput('\x1b[44m\x1b[m\x1b[3;1H\x1b[K')).toBe('\x1b[3;1H\x1b[K');
    expect(leanOutput('\x1b[44m\x1b[3;1H\x1b[K\x1b[m')).toBe('\x1b[3;1H\x1b[44m\x1b[K\x1b[m');
    expect(leanOutput('\x1b[44m\x1b[2M\x1b[m')).toBe('\x1b[44m\x1b[2M\x1b[m');
  });

  it('sends the saved colours again before restoring the cursor, for terminals that would not', () => {
    expect(leanOutput('\x1b7\x1b[1;1H\x1b[31mx\x1b8')).toBe('\x1b7\x1b[1;1H\x1b[31mx\x1b[m\x1b8');
    expect(leanOutput('\x1b[1;1H\x1b[31mx')).toBe('\x1b[1;1H\x1b[31mx');
  });
});

const COLS = 60;
const ROWS = 20;

const terms: FakeTerminal[] = [];
afterEach(async () => {
  for (const t of terms.splice(0)) await t.destroy();
});

/** Feeds all bytes so far into xterm and checks the text and the colours of every cell against blessed. */
async function expectTerminalShowsGrid(term: FakeTerminal, cols: number, rows: number): Promise<void> {
  const emulator = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  await new Promise<void>((resolve) => emulator.write(Buffer.from(term.bytes(), 'latin1'), resolve));
  const grid = readGrid(term.screen);
  const buffer = emulator.buffer.active;
  for (let y = 0; y < rows; y++) {
    const line = buffer.getLine(y)!;
    expect(line.translateToString(true).trimEnd(), `row ${y}`).toBe(grid.text[y]);
    for (let x = 0; x < cols; x++) {
      const cell = line.getCell(x)!;
      const want = grid.cells[y]![x]!.style;
      const got = { bg: cell.isBgDefault() ? -1 : cell.getBgColor(), fg: cell.isFgDefault() ? -1 : cell.getFgColor(), bold: cell.isBold() !== 0 };
      expect(got, `row ${y} column ${x}`).toEqual({ bg: want.bg, fg: want.fg, bold: want.bold });
    }
  }
  emulator.dispose();
}

interface Scene {
  readonly term: FakeTerminal;
  draw(list: readonly string[], side: string): Promise<number>;
}

/** A header row, a list below it (rows with an 'exit' in them on a coloured background) and a box on the right. */
function scene(cols: number, rows: number): Scene {
  const term = createFakeTerminal({ cols, rows });
  terms.push(term);
  const header = createPanelBox(term.screen);
  Object.assign(header, { top: 0, left: 0, width: cols, height: 2 });
  const list = createPanelBox(term.screen);
  Object.assign(list, { top: 2, left: 0, width: cols - 12, height: rows - 2 });
  const side = createPanelBox(term.screen);
  Object.assign(side, { top: 2, left: cols - 12, width: 12, height: rows - 2 });
  for (const box of [header, list, side]) box.show();
  const theme = { colors: true };
  let frame = 0;
  return {
    term,
    async draw(items, sideText) {
      term.takeBytes();
      drawCellRows(header, [[seg(`ortop frame ${frame++}`, { bold: true })], [seg('-'.repeat(cols), { fg: 'blue' })]], theme, cols);
      const lines: Line[] = items.map((item, i) => [seg(item.padEnd(cols - 12), item.includes('exit') ? { fg: 'white', bg: 'blue' } : { fg: 'green' })]);
      drawCellRows(list, lines, theme, cols - 12);
      drawCellRows(side, [[seg(sideText, { fg: 'yellow' })]], theme, 12);
      await term.settle();
      return term.takeBytes().length;
    },
  };
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

describe('row scrolling on a real terminal', () => {
  it('a churning list looks on the terminal exactly as blessed drew it', async () => {
    const { term, draw } = scene(COLS, ROWS);
    const next = random(7);
    let items = Array.from({ length: 25 }, (_, i) => `connection ${i} 10.0.0.${i}:${i % 3 === 0 ? 'exit' : '9001'}`);
    let serial = 100;
    for (let frame = 0; frame < 60; frame++) {
      const edits = Math.floor(next() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * items.length);
        if (next() < 0.5 && items.length > 3) items.splice(at, 1);
        else items.splice(at, 0, `connection ${serial++} 10.1.${frame}.${e}:${e === 1 ? 'exit' : '443'}`);
      }
      if (next() < 0.1) items = items.map((s) => s.replace('connection', 'conn'));
      await draw(items, `n=${items.length}`);
      await expectTerminalShowsGrid(term, COLS, ROWS);
    }
  });

  it('survives a resize between scrolls', async () => {
    const { term, draw } = scene(COLS, ROWS);
    const items = Array.from({ length: 30 }, (_, i) => `row ${i}`);
    await draw(items, 'a');
    items.splice(1, 0, 'inserted');
    await draw(items, 'b');
    term.resize(COLS - 10, ROWS - 5);
    await draw(items, 'c');
    items.splice(2, 2);
    await draw(items, 'd');
    await expectTerminalShowsGrid(term, COLS - 10, ROWS - 5);
  });

  it('sends a fraction of the bytes when a row is inserted at the top of a long list', async () => {
    const { term, draw } = scene(COLS, ROWS);
    const items = Array.from({ length: 30 }, (_, i) => `connection ${i} 10.0.0.${i}:9001`);
    await draw(items, 'same');
    items.unshift('connection new 10.9.9.9:443');
    const bytes = await draw(items, 'same');
    items[5] = `${items[5]!.slice(0, -1)}X`;
    await draw(items, 'same');
    expect(term.bytes()).not.toMatch(/\x1b\[\d+;\d+H\x1b\[\d+;\d+H/);
    await expectTerminalShowsGrid(term, COLS, ROWS);
    // Rewriting the 17 rows that moved down costs ~560 bytes (blessed keeps their common prefix); the
    // scroll and the one new row ~160.
    expect(bytes).toBeLessThan(250);
  });
});
