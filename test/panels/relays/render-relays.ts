// Renders the Relays page from fixed summaries through the real blessed stack into a fake terminal
// and reads it back.
import { createRelaysBox, drawRelays, initialRelaysView, selectRelaysPage, type RelaysPage, type RelaysView } from '../../../panels/relays/index.js';
import type { RelaySummary } from '../../../src/relay/fleet/index.js';
import { createFakeTerminal, readGrid, type FakeTerminal, type Grid } from '../../../src/terminal/index.js';
import { NOW_MS } from '../../relay/fleet/fleet-fixtures.js';

export interface Rendered {
  readonly term: FakeTerminal;
  readonly grid: Grid;
  readonly page: RelaysPage;
}

export const view = (patch: Partial<RelaysView> = {}): RelaysView => ({ ...initialRelaysView(), ...patch });

export async function renderRelays(summaries: readonly RelaySummary[], v: RelaysView, cols: number, rows: number, unicode = true): Promise<Rendered> {
  const term = createFakeTerminal({ cols, rows, unicode });
  const page = selectRelaysPage(summaries, v, cols, rows, { unicode, nowMs: NOW_MS });
  const box = createRelaysBox(term.screen);
  drawRelays(box, { top: 0, width: cols, height: rows }, page.lines, { colors: true });
  await term.settle();
  return { term, grid: readGrid(term.screen), page };
}
