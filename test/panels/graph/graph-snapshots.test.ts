import { afterEach, describe, expect, it } from 'vitest';
import { selectGraphLines, type GraphPanelInput } from '../../../panels/graph/index.js';
import { formatStyleRuns, gridText, type FakeTerminal } from '../../../src/terminal/index.js';
import { expectXtermAgrees } from '../../helpers/xterm.js';
import { accountingModel, emptyModel, historyModel, input, spikeModel, steadyModel, unreadableStateModel } from './graph-fixtures.js';
import { expectLinesFit, renderLines } from './render-panel.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

const SCENARIOS: Record<string, () => GraphPanelInput> = {
  empty: () => input(emptyModel()),
  steady: () => input(steadyModel()),
  spike: () => input(spikeModel()),
  accounting: () => input(accountingModel()),
  'history-15-minute': () => input(historyModel(), { interval: '15 minute', bound: 'global_max' }),
  'history-unreadable': () => input(unreadableStateModel(), { interval: 'hourly' }),
  'connections-not-provided': () => input(emptyModel(), { stat: 'connections' }),
  'resources-tight-bits': () => input(steadyModel(), { stat: 'resources', bound: 'tight' }, { bits: true }),
};

describe('graph panel snapshots', () => {
  for (const [name, make] of Object.entries(SCENARIOS)) {
    for (const [cols, rows] of [
      [80, 25],
      [160, 40],
    ] as const) {
      it(`${name} at ${cols}x${rows}`, async () => {
        const r = await renderLines((w, h) => selectGraphLines(make(), w, h), cols, rows);
        term = r.term;
        await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/graph-${name}.${cols}x${rows}.txt`);
        if (name === 'spike' || name === 'accounting') {
          await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/graph-${name}.${cols}x${rows}.styles.txt`);
        }
        await expectXtermAgrees(r.term, r.grid);
      });
    }
  }

  it.each([
    [1, 1],
    [2, 2],
    [10, 3],
    [30, 6],
  ])('draws every scenario at %ix%i without throwing', async (cols, rows) => {
    for (const make of Object.values(SCENARIOS)) await expectLinesFit((w, h) => selectGraphLines(make(), w, h), cols, rows);
  });
});
