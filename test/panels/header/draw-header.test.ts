import { afterEach, describe, expect, it } from 'vitest';
import { formatStyleRuns, gridText, type FakeTerminal } from '../../../src/terminal/index.js';
import type { HeaderFacts } from '../../../src/relay/header-facts.js';
import { expectXtermAgrees, xtermRows } from '../../helpers/xterm.js';
import { NOW_MS, bootstrappingFacts, clientFacts, connectingFacts, disconnectedFacts, hostileFacts, networkDownFacts, relayFacts, withFdUse } from './header-fixtures.js';
import { renderHeader } from './render-header.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

const SCENARIOS: Record<string, HeaderFacts> = {
  relay: relayFacts,
  client: clientFacts,
  bootstrapping: bootstrappingFacts,
  'network-down': networkDownFacts,
  disconnected: disconnectedFacts,
  'fd-65': withFdUse(650),
  'fd-92': withFdUse(920),
  'fd-97': withFdUse(970),
  hostile: hostileFacts,
  connecting: connectingFacts,
};
const SIZES: Array<[number, number]> = [
  [80, 25],
  [160, 40],
];

describe('header snapshots', () => {
  for (const [name, facts] of Object.entries(SCENARIOS)) {
    for (const [cols, rows] of SIZES) {
      it(`${name} at ${cols}x${rows}, as blessed intends and as a terminal shows it`, async () => {
        const r = await renderHeader(facts, NOW_MS, cols, rows);
        term = r.term;
        await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/header-${name}.${cols}x${rows}.txt`);
        await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/header-${name}.${cols}x${rows}.styles.txt`);
        await expectXtermAgrees(r.term, r.grid);
      });
    }
  }
});

describe('header drawing', () => {
  it('lets no escape sequence from tor reach the terminal', async () => {
    const r = await renderHeader(hostileFacts, NOW_MS, 160, 10);
    term = r.term;
    const bytes = r.term.bytes();
    expect(bytes).not.toContain('pwned');
    expect(bytes).not.toContain('\x1b[5m');
    expect(bytes).not.toContain('\x9b');
    const shown = await xtermRows(bytes, 160, 10);
    expect(shown[1]).toContain('evil{red-fg}nick{/red-fg} - 203.0.113.7:9001');
    expect(shown[2]).toContain('{bold}FakeFlag');
  });

  it('draws without colours: only bold survives', async () => {
    const r = await renderHeader(withFdUse(970), NOW_MS, 80, 8, {}, false);
    term = r.term;
    expect(r.grid.runs.length).toBeGreaterThan(0);
    for (const run of r.grid.runs) expect([run.style.fg, run.style.bg, run.style.bold]).toEqual([-1, -1, true]);
  });

  it.each([
    [1, 1],
    [2, 2],
    [10, 3],
  ])('renders every scenario at %ix%i without throwing', async (cols, rows) => {
    for (const facts of Object.values(SCENARIOS)) {
      const r = await renderHeader(facts, NOW_MS, cols, rows);
      term = r.term;
      expect(r.grid.text).toHaveLength(rows);
      for (const row of r.grid.text) expect(row.length).toBeLessThanOrEqual(cols);
      await r.term.destroy();
      term = undefined;
    }
  });
});
