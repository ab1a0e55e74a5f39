// Renders a panel's lines through the real blessed stack into a fake terminal and reads it back.
import { expect } from 'vitest';
import { drawPanelLines } from '../../../panels/graph/index.js';
import { createPanelBox } from '../../../panels/panel-box.js';
import { createFakeTerminal, readGrid, type FakeTerminal, type Grid } from '../../../src/terminal/index.js';
import type { Line } from '../../../src/terminal/theme.js';

export interface RenderedPanel {
  readonly term: FakeTerminal;
  readonly grid: Grid;
}

export async function renderLines(select: (width: number, height: number) => Line[], cols: number, rows: number, colors = true): Promise<RenderedPanel> {
  const term = createFakeTerminal({ cols, rows });
  const box = createPanelBox(term.screen);
  drawPanelLines(box, { top: 0, width: cols, height: rows }, select(cols, rows), { colors });
  await term.settle();
  return { term, grid: readGrid(term.screen) };
}

/** Renders at cols x rows and checks the panel fills exactly rows rows of at most cols cells each. */
export async function expectLinesFit(select: (width: number, height: number) => Line[], cols: number, rows: number): Promise<void> {
  const r = await renderLines(select, cols, rows);
  try {
    expect(r.grid.text).toHaveLength(rows);
    for (const row of r.grid.text) expect(row.length).toBeLessThanOrEqual(cols);
  } finally {
    await r.term.destroy();
  }
}
