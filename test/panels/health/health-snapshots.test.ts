// The Health page through the real blessed stack: snapshots at 80x25 and 160x40 (text, and styles for
// the troubled relay), the 1x1 survival rule, hostile strings from tor, monochrome, and the keys.
import { afterEach, describe, expect, it } from 'vitest';
import { healthKeyTable, reduceHealthKey, selectHealthPage, type HealthPageInput, type HealthView } from '../../../panels/health/index.js';
import { boundKeysOf, keyHintsOf } from '../../../panels/key-table.js';
import { displayWidth, formatStyleRuns, gridText, type FakeTerminal } from '../../../src/terminal/index.js';
import { expectXtermAgrees, xtermRows } from '../../helpers/xterm.js';
import { healthy, hostile, noMetricsPort, troubled } from './health-fixtures.js';
import { renderHealth, view } from './render-health.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

interface Scenario {
  readonly input: () => HealthPageInput;
  readonly view: HealthView;
  readonly unicode?: boolean;
  readonly colors?: boolean;
}

const SCENARIOS: Record<string, Scenario> = {
  healthy: { input: healthy, view: view() },
  troubled: { input: troubled, view: view() },
  'troubled-problems-only': { input: troubled, view: view({ showOk: false }) },
  'troubled-scrolled': { input: troubled, view: view({ scroll: 6 }) },
  'no-metrics-port': { input: noMetricsPort, view: view() },
  hostile: { input: hostile, view: view() },
  'ascii-no-colours': { input: troubled, view: view(), unicode: false, colors: false },
};

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f]/;

describe('Health page snapshots', () => {
  for (const [name, s] of Object.entries(SCENARIOS)) {
    for (const [cols, rows] of [[80, 25], [160, 40]] as const) {
      it(`${name} at ${cols}x${rows}`, async () => {
        const r = await renderHealth(s.input(), s.view, cols, rows, { unicode: s.unicode ?? true, colors: s.colors ?? true });
        term = r.term;
        await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/health-${name}.${cols}x${rows}.txt`);
        if (name === 'troubled' || name === 'ascii-no-colours') await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/health-${name}.${cols}x${rows}.styles.txt`);
        if (s.unicode ?? true) await expectXtermAgrees(r.term, r.grid);
      });
    }
  }

  it('draws every scenario at 1x1 (and other tiny sizes) without throwing', async () => {
    for (const s of Object.values(SCENARIOS)) {
      for (const [cols, rows] of [[1, 1], [2, 3], [12, 2], [40, 4]] as const) {
        const r = await renderHealth(s.input(), s.view, cols, rows, { unicode: s.unicode ?? true });
        expect(r.grid.text.length).toBe(rows);
        expect(Math.max(...r.grid.text.map((l) => displayWidth(l)))).toBeLessThanOrEqual(cols);
        await r.term.destroy();
      }
    }
  });
});

describe('what the Health page must show', () => {
  it('lists the checks worst first, each bad one with its fix, and the overload signals with values', () => {
    const page = selectHealthPage(troubled(), view(), 160, 60, { unicode: true });
    const text = page.lines.map((l) => l.map((s) => s.text).join(''));
    const glyphs = text.filter((l) => /^[✓!✗?] /.test(l)).map((l) => l[0]);
    expect(glyphs.join('')).toMatch(/^✗+!+\?*✓+$/);
    expect(text).toContain('✗ an exit without ContactInfo: nobody can reach its operator');
    expect(text.some((l) => l.startsWith('    fix: set ContactInfo in the torrc'))).toBe(true);
    expect(text.some((l) => /onionskins dropped +4,500/.test(l))).toBe(true);
    expect(text.some((l) => /OOM handler freed +50\.0 MiB/.test(l))).toBe(true);
    expect(text[0]).toMatch(/^Health of exit-de \(\d+ bad, \d+ warn, \d+ ok\) - MetricsPort 127\.0\.0\.1:9035 read 3 s ago$/);
  });

  it('wraps long fixes at spaces, indented under "fix:"', () => {
    const page = selectHealthPage(troubled(), view(), 60, 80, { unicode: true });
    const text = page.lines.map((l) => l.map((s) => s.text).join(''));
    const at = text.findIndex((l) => l.startsWith('    fix: the CPU cannot keep up'));
    expect(at).toBeGreaterThan(0);
    expect(text[at + 1]).toMatch(/^ {9}\S/);
    for (const l of text) expect(displayWidth(l)).toBeLessThanOrEqual(60);
    // Breaks fall between words: no line ends inside "RelayBandwidthRate".
    expect(text.join('\n')).toContain('RelayBandwidthRate');
  });

  it('lets no escape sequence, control, bidi override or tag from tor reach the terminal', async () => {
    for (const [cols, rows] of [[80, 25], [160, 40], [300, 30]] as const) {
      const r = await renderHealth(hostile(), view(), cols, rows);
      term = r.term;
      const bytes = r.term.bytes();
      expect(bytes).not.toContain(']0;pwned');
      expect(bytes).not.toContain('\x1b[2J{');
      expect(bytes).not.toContain('\x1b[2J"');
      expect(bytes).not.toContain('\x1b[5m');
      expect(bytes).not.toContain('\x1b[31m\u202e');
      expect(bytes).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      for (const line of r.grid.text) expect(line).not.toMatch(UNSAFE);
      const shown = (await xtermRows(bytes, cols, rows)).join('\n');
      expect(shown).toContain('{red-fg}name');
      await r.term.destroy();
      term = undefined;
    }
  });

  it('colours the status glyphs: red bad, yellow warn, green ok; none without colours', async () => {
    const r = await renderHealth(troubled(), view(), 160, 40);
    term = r.term;
    const fgOfGlyph = (glyph: string) => {
      const y = r.grid.text.findIndex((l) => l.startsWith(`${glyph} `));
      return r.grid.runs.find((run) => run.y === y && run.x0 === 0)?.style.fg;
    };
    expect(fgOfGlyph('✗')).toBe(1);
    expect(fgOfGlyph('!')).toBe(3);
    expect(fgOfGlyph('✓')).toBe(2);
    await r.term.destroy();
    const mono = await renderHealth(troubled(), view(), 160, 40, { colors: false });
    term = mono.term;
    expect(mono.grid.runs.filter((run) => run.style.fg !== -1)).toEqual([]);
  });
});

describe('Health page keys', () => {
  it('every bound key is in the help generated from the same table, and no key is bound twice', () => {
    const table = healthKeyTable(view());
    const bound = boundKeysOf(table);
    expect(new Set(bound).size).toBe(bound.length);
    const help = keyHintsOf(table).map((h) => h.keys).join(' ');
    expect(help).toContain('o');
    expect(help).toContain('PgUp');
  });

  it('o hides and shows the checks that are ok; scroll keys move and clamp', () => {
    let v = reduceHealthKey(view(), 'o').view;
    expect(v.showOk).toBe(false);
    const page = selectHealthPage(troubled(), v, 160, 60, { unicode: true });
    expect(page.lines.some((l) => l.map((s) => s.text).join('').startsWith('✓ '))).toBe(false);
    expect(page.lines.some((l) => /checks ok, hidden \(o shows them\)/.test(l.map((s) => s.text).join('')))).toBe(true);
    v = reduceHealthKey(v, 'o').view;
    expect(v.showOk).toBe(true);
    v = reduceHealthKey({ ...v, pageRows: 10 }, 'pagedown').view;
    expect(v.scroll).toBe(9);
    v = reduceHealthKey(v, 'home').view;
    expect(v.scroll).toBe(0);
    const end = selectHealthPage(troubled(), reduceHealthKey(v, 'end').view, 80, 10, { unicode: true });
    expect(end.scroll).toBeGreaterThan(0);
    expect(end.lines).toHaveLength(10);
    expect(reduceHealthKey(v, 'x').used).toBe(false);
  });
});
