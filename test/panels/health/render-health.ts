// Renders the Health page from a fixed input through the real blessed stack into a fake terminal and
// reads it back.
import { createHealthBox, drawHealth, initialHealthView, selectHealthPage, type HealthPage, type HealthPageInput, type HealthView } from '../../../panels/health/index.js';
import { createFakeTerminal, readGrid, type FakeTerminal, type Grid } from '../../../src/terminal/index.js';

export interface Rendered {
  readonly term: FakeTerminal;
  readonly grid: Grid;
  readonly page: HealthPage;
}

export const view = (patch: Partial<HealthView> = {}): HealthView => ({ ...initialHealthView(), ...patch });

export async function renderHealth(input: HealthPageInput, v: HealthView, cols: number, rows: number, options: { unicode?: boolean; colors?: boolean } = {}): Promise<Rendered> {
  const unicode = options.unicode ?? true;
  const term = createFakeTerminal({ cols, rows, unicode });
  const page = selectHealthPage(input, v, cols, rows, { unicode });
  const box = createHealthBox(term.screen);
  drawHealth(box, { top: 0, width: cols, height: rows }, page.lines, { colors: options.colors ?? true });
  await term.settle();
  return { term, grid: readGrid(term.screen), page };
}
