// The help popup uses the terminal's width: two columns when wide (as Nyx), at least 80 columns
// when the terminal has them, and never an entry cut when there is room — an entry too long for a
// column gets a row of its own, one too long for the row wraps. Checked with the real key tables.
import { describe, expect, it } from 'vitest';
import { keyHintsOf } from '../../../panels/key-table.js';
import { CONNECTIONS_KEY_HINTS, initialConnectionsView } from '../../../panels/connections/index.js';
import { formatKeyHint, helpWidth, selectHelpPopup, wrapLine, type HelpInput } from '../../../panels/popups/index.js';
import { globalKeyTable } from '../../../src/app/shell/view-state.js';
import { lineWidth, seg } from '../../../src/terminal/theme.js';

const text = (line: readonly { text: string }[]) => line.map((s) => s.text).join('');
const HELP: HelpInput = {
  title: 'Page 2 (Connections) commands',
  pageKeys: CONNECTIONS_KEY_HINTS(initialConnectionsView({ scrub: true, showAddresses: true })),
  globalKeys: keyHintsOf(globalKeyTable({ pageCount: 5, relayCount: 2, paused: false })),
};
const ENTRIES = [...HELP.pageKeys, ...HELP.globalKeys].map((h) => text(formatKeyHint(h)));
const LONGEST = Math.max(...ENTRIES.map((e) => e.length));

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The popup's text with wrapped rows joined again, blanks left out (wrapping may fall on one). */
function shown(cols: number): { width: number; rows: string[]; joined: string } {
  const model = selectHelpPopup(HELP, { top: 0, left: 0, width: cols, height: 200 })!;
  const rows = model.lines.map(text);
  return { width: model.width, rows, joined: squeeze(rows.join('')) };
}

describe('help popup width', () => {
  it('the real tables have entries longer than half of 80 columns (else this tests nothing)', () => {
    expect(LONGEST).toBeGreaterThan(39);
  });

  it.each([80, 120, 200, 40])('at %i columns no entry is cut and no row overflows', (cols) => {
    const { width, rows, joined } = shown(cols);
    expect(width).toBeLessThanOrEqual(cols);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(width - 2);
    expect(joined).not.toContain('…');
    for (const entry of ENTRIES) expect(joined, entry).toContain(squeeze(entry));
  });

  it('is 80 wide at 80 columns, wider at 120 and 200 only as far as whole pairs need', () => {
    expect(shown(80).width).toBe(80);
    const at200 = shown(200);
    expect(at200.width).toBeGreaterThan(80);
    expect(at200.width).toBeLessThanOrEqual(2 * LONGEST + 5);
    expect(shown(120).width).toBeGreaterThan(80);
    expect(shown(120).width).toBeLessThanOrEqual(Math.min(120, at200.width));
    // Wide: every entry whole on its row, two to a row, so fewer rows than entries.
    expect(at200.rows.some((r) => /\S {2,}\S+: /.test(r))).toBe(true);
    expect(at200.rows.length).toBeLessThan(ENTRIES.length);
    expect(at200.rows.every((r) => !r.startsWith('  '))).toBe(true);
  });

  it('stacks in one column at 40 and wraps the long entries with an indent', () => {
    const { rows } = shown(40);
    expect(rows.some((r) => r.startsWith('  '))).toBe(true);
    expect(rows.some((r) => /\S {2,}\S+: /.test(r))).toBe(false);
  });

  it('wrapLine keeps styles and cuts at the width', () => {
    const rows = wrapLine([seg('abc', { bold: true }), seg('defgh')], 5);
    expect(rows.map(text)).toEqual(['abcde', '  fgh']);
    expect(rows[0]![0]).toEqual(seg('abc', { bold: true }));
    for (const row of rows) expect(lineWidth(row)).toBeLessThanOrEqual(5);
    expect(helpWidth({ title: 't', pageKeys: [], globalKeys: [] }, 30)).toBe(30);
  });
});
