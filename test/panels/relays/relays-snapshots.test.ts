import { afterEach, describe, expect, it } from 'vitest';
import { createTextInput } from '../../../panels/popups/text-input.js';
import { layoutRelayColumns, selectRelaysPage, type RelaysView } from '../../../panels/relays/index.js';
import { summarizeRelay, type RelaySummary } from '../../../src/relay/fleet/index.js';
import { displayWidth, formatStyleRuns, gridText, type FakeTerminal } from '../../../src/terminal/index.js';
import { expectXtermAgrees, xtermRows } from '../../helpers/xterm.js';
import { hostileDisconnected, hostileRelay, mixedFleet, NOW_MS } from '../../relay/fleet/fleet-fixtures.js';
import { renderRelays, view } from './render-relays.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

const mixed = (): RelaySummary[] => mixedFleet().map((r) => summarizeRelay(r, NOW_MS));
const hostile = (): RelaySummary[] => [...mixed(), summarizeRelay(hostileRelay(), NOW_MS), summarizeRelay(hostileDisconnected(), NOW_MS)];
/** Thirty relays: the list scrolls to keep the selection in view. */
const many = (): RelaySummary[] => Array.from({ length: 30 }, (_, i) => ({ ...mixed()[i % 7]!, name: `relay-${String(i + 1).padStart(2, '0')}` }));

interface Scenario {
  readonly summaries: () => RelaySummary[];
  readonly view: RelaysView;
  readonly unicode?: boolean;
}

const SCENARIOS: Record<string, Scenario> = {
  mixed: { summaries: mixed, view: view({ selected: 3 }) },
  hostile: { summaries: hostile, view: view({ selected: 7 }) },
  'sorted-filtering': { summaries: mixed, view: view({ sort: 'state', filter: 'ortop', editingFilter: createTextInput({ value: 'ortopG' }) }) },
  'no-match': { summaries: mixed, view: view({ filter: 'nothing here' }) },
  ascii: { summaries: mixed, view: view({ sort: 'rate', reverse: true }), unicode: false },
  scrolled: { summaries: many, view: view({ selected: 27 }) },
};

// Controls, invisible format characters and lone surrogate halves (whole emoji are drawn, two cells).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('Relays page snapshots', () => {
  for (const [name, s] of Object.entries(SCENARIOS)) {
    for (const [cols, rows] of [[80, 25], [160, 40]] as const) {
      it(`${name} at ${cols}x${rows}`, async () => {
        const r = await renderRelays(s.summaries(), s.view, cols, rows, s.unicode ?? true);
        term = r.term;
        await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/relays-${name}.${cols}x${rows}.txt`);
        if (cols === 160 && (name === 'mixed' || name === 'hostile')) await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/relays-${name}.${cols}x${rows}.styles.txt`);
        // Without unicode blessed writes '?' for every non-ASCII cell (the ellipsis too), so only the unicode grids are compared byte for byte.
        if (s.unicode ?? true) await expectXtermAgrees(r.term, r.grid);
      });
    }
  }

  it('draws every scenario at 1x1 (and other tiny sizes) without throwing', async () => {
    for (const s of Object.values(SCENARIOS)) {
      for (const [cols, rows] of [[1, 1], [2, 3], [12, 2], [40, 4]] as const) {
        const r = await renderRelays(s.summaries(), s.view, cols, rows, s.unicode ?? true);
        expect(r.grid.text.length).toBe(rows);
        expect(Math.max(...r.grid.text.map((l) => displayWidth(l)))).toBeLessThanOrEqual(cols);
        await r.term.destroy();
      }
    }
  });
});

describe('what the Relays page must show', () => {
  it('lets no escape sequence, control, bidi override or tag from tor reach the terminal', async () => {
    for (const [cols, rows] of [[80, 25], [160, 40], [400, 12]] as const) {
      const r = await renderRelays(hostile(), view(), cols, rows);
      term = r.term;
      const bytes = r.term.bytes();
      expect(bytes).not.toContain('pwned');
      expect(bytes).not.toContain('\x1b[2J\x1b[H{');
      expect(bytes).not.toContain('\x1b[5m');
      expect(bytes).not.toContain('\x9b');
      expect(bytes).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u0090\u009c]/);
      for (const line of r.grid.text) expect(line).not.toMatch(UNSAFE);
      const shown = (await xtermRows(bytes, cols, rows)).join('\n');
      expect(shown).toContain('evil{red-fg');
      // The emoji in the nickname is drawn, not replaced.
      if (cols >= 400) expect(shown).toContain('evil{red-fg}name😀x');
      if (cols >= 400) expect(shown).toContain('{bold}tag{/bold}');
      await r.term.destroy();
      term = undefined;
    }
  });

  it('keeps a 1 MB nickname cheap: the page is selected in well under a frame', () => {
    const summaries = hostile();
    const started = performance.now();
    for (let i = 0; i < 10; i++) selectRelaysPage(summaries, view(), 400, 50, { unicode: true, nowMs: NOW_MS });
    expect((performance.now() - started) / 10).toBeLessThan(40);
  });

  it('colours the state: green connected, red disconnected, yellow not answering and password needed', async () => {
    const r = await renderRelays(mixed(), view(), 160, 40);
    term = r.term;
    const fgAt = (text: string) => {
      const y = r.grid.text.findIndex((l) => l.includes(text));
      const x = r.grid.text[y]!.indexOf(text);
      return r.grid.runs.find((run) => run.y === y && run.x0 <= x && x <= run.x1)?.style.fg;
    };
    expect(fgAt('connected   ')).toBe(2);
    expect(fgAt('disconnected since')).toBe(1);
    expect(fgAt('not answering since')).toBe(3);
    expect(fgAt('password needed')).toBe(3);
  });

  it('drops columns by priority as the width shrinks, never the name or the state', () => {
    const ids = (w: number) => layoutRelayColumns(w, 9).map((p) => p.column.id);
    let last = ids(400);
    expect(last).toContain('fingerprint');
    for (let w = 399; w >= 1; w--) {
      const now = ids(w);
      for (const id of now) expect(last).toContain(id);
      expect(now[0]).toBe('name');
      if (w >= 40) expect(now).toContain('state');
      const total = layoutRelayColumns(w, 9).reduce((n, p) => n + p.width, 0) + now.length - 1;
      expect(total).toBeLessThanOrEqual(w);
      last = now;
    }
    expect(ids(80)).toEqual(['name', 'state', 'health', 'read', 'written', 'spark', 'problems']);
    expect(ids(160)).toEqual(['name', 'state', 'health', 'version', 'flags', 'uptime', 'read', 'written', 'average', 'spark', 'or', 'exits', 'circuits', 'weight', 'problems']);
  });

  it('keeps the selection in view and reports the scroll it used', () => {
    const page = selectRelaysPage(many(), view({ selected: 27 }), 80, 25, { unicode: true, nowMs: NOW_MS });
    expect(page.listRows).toBe(22);
    expect(page.scroll).toBe(6);
    expect(page.lines).toHaveLength(25);
  });
});
