// Replays the bytes a program wrote through @xterm/headless (a real terminal emulator) and reads
// back what a user would see: text rows of the active buffer (blessed uses the alternate screen).
import xterm from '@xterm/headless';
import { expect } from 'vitest';
import type { Grid } from '../../src/terminal/index.js';

const { Terminal } = xterm;

export async function xtermRows(bytes: string, cols: number, rows: number): Promise<string[]> {
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  await new Promise<void>((resolve) => term.write(Buffer.from(bytes, 'latin1'), resolve));
  const buffer = term.buffer.active;
  const out: string[] = [];
  for (let y = 0; y < rows; y++) out.push(buffer.getLine(y)?.translateToString(true) ?? '');
  term.dispose();
  return out;
}

/** Checks that a real terminal emulator, fed the bytes the fake terminal received, shows its grid row for row. */
export async function expectXtermAgrees(term: { bytes(): string }, grid: Grid): Promise<void> {
  const shown = await xtermRows(term.bytes(), grid.cols, grid.rows);
  expect(shown.map((row) => row.trimEnd())).toEqual(grid.text);
}
