import { afterEach, describe, expect, it } from 'vitest';
import { selectLogLines, type LogPanelInput } from '../../../panels/log/index.js';
import { LogBuffer } from '../../../src/relay/log/index.js';
import { formatStyleRuns, gridText, type FakeTerminal } from '../../../src/terminal/index.js';
import { expectXtermAgrees, xtermRows } from '../../helpers/xterm.js';
import { expectLinesFit, renderLines } from '../graph/render-panel.js';
import { duplicatesBuffer, filterOf, hostileBuffer, logInput, longBuffer, longTokensBuffer, mixedBuffer, multiDayBuffer } from './log-fixtures.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

const SCENARIOS: Record<string, () => LogPanelInput> = {
  empty: () => logInput(new LogBuffer(10)),
  mixed: () => logInput(mixedBuffer()),
  duplicates: () => logInput(duplicatesBuffer()),
  'duplicates-shown': () => logInput(duplicatesBuffer(), {}, { dedup: false }),
  filter: () => logInput(mixedBuffer(), { filter: filterOf('Bootstrap|WARN') }),
  'filter-no-match': () => logInput(mixedBuffer(), { filter: filterOf('nothing like this') }),
  'multi-day': () => logInput(multiDayBuffer()),
  hostile: () => logInput(hostileBuffer()),
  'long-tokens': () => logInput(longTokensBuffer()),
  'scrolled-long': () => logInput(longBuffer(), {}, { dedup: false, anchor: { seq: 150, line: 0 } }),
};

describe('log panel snapshots', () => {
  for (const [name, make] of Object.entries(SCENARIOS)) {
    for (const [cols, rows] of [
      [80, 25],
      [160, 40],
    ] as const) {
      it(`${name} at ${cols}x${rows}`, async () => {
        const r = await renderLines((w, h) => selectLogLines(make(), w, h), cols, rows);
        term = r.term;
        await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/log-${name}.${cols}x${rows}.txt`);
        if (name === 'mixed' || name === 'duplicates' || name === 'multi-day') {
          await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/log-${name}.${cols}x${rows}.styles.txt`);
        }
        await expectXtermAgrees(r.term, r.grid);
      });
    }
  }

  it('lets no escape sequence or tag from tor reach the terminal', async () => {
    const r = await renderLines((w, h) => selectLogLines(logInput(hostileBuffer()), w, h), 120, 6);
    term = r.term;
    const bytes = r.term.bytes();
    expect(bytes).not.toContain('pwned');
    expect(bytes).not.toContain('\x1b]0;pwned');
    expect(bytes).not.toContain('\x9b');
    const shown = await xtermRows(bytes, 120, 6);
    expect(shown.join('\n')).toContain('{red-fg}tags{/red-fg}');
    expect(shown.join('\n')).toContain('{bold}not bold{/bold}');
    for (const run of r.grid.runs.filter((x) => x.y === 3)) expect(run.style.fg).toBe(2);
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 5],
    [20, 4],
  ])('draws every scenario at %ix%i without throwing', async (cols, rows) => {
    for (const make of Object.values(SCENARIOS)) await expectLinesFit((w, h) => selectLogLines(make(), w, h), cols, rows);
  });
});
