// Renders the header through the real blessed stack into a fake terminal and reads it back.
import { createFakeTerminal, readGrid, type FakeTerminal, type Grid } from '../../../src/terminal/index.js';
import type { HeaderFacts } from '../../../src/relay/header-facts.js';
import { createHeaderBox, drawHeader, selectHeaderLines, type HeaderView } from '../../../panels/header/index.js';

export interface RenderedHeader {
  readonly term: FakeTerminal;
  readonly grid: Grid;
}

export async function renderHeader(facts: HeaderFacts, nowMs: number, cols: number, rows: number, view: HeaderView = {}, colors = true): Promise<RenderedHeader> {
  const term = createFakeTerminal({ cols, rows });
  const lines = selectHeaderLines(facts, nowMs, cols, view);
  const box = createHeaderBox(term.screen, lines.length);
  drawHeader(box, lines, { colors });
  await term.settle();
  return { term, grid: readGrid(term.screen) };
}
