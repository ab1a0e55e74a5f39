// Emoji and other wide characters from tor (nicknames, ContactInfo) are drawn, two cells each, and
// nothing right of them shifts: checked on blessed's grid and on what a terminal emulator with
// modern (Unicode 11+) widths shows from the same bytes, at odd widths where a wide character would
// straddle the edge.
import xterm from '@xterm/headless';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeTerminal, readGrid, renderLine, seg, truncateLine, type FakeTerminal } from '../../src/terminal/index.js';
import { displayWidth, padToWidth } from '../../src/terminal/width.js';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import blessedLite from '../../src/terminal/blessed-lite.js';
import { relayFacts, NOW_MS } from '../panels/header/header-fixtures.js';
import { renderHeader } from '../panels/header/render-header.js';

const { Terminal } = xterm;

/**
 * A terminal's widths, written independently of width.ts for the characters these tests use:
 * CJK and the emoji blocks are two cells (as xterm.js's Unicode 11 table, kitty, VTE…), combining 0.
 */
function modernWidth(cp: number): 0 | 1 | 2 {
  if (cp >= 0x300 && cp <= 0x36f) return 0;
  const wide =
    (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xff00 && cp <= 0xff60) ||
    cp === 0x26a1 || cp === 0x2705 || (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x1f680 && cp <= 0x1f6c5) || (cp >= 0x1f900 && cp <= 0x1f9ff);
  return wide ? 2 : 1;
}

async function terminalRows(bytes: string, cols: number, rows: number): Promise<string[]> {
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  term.unicode.register({
    version: 'modern',
    wcwidth: modernWidth,
    charProperties: (cp, preceding) => {
      const width = modernWidth(cp);
      const join = width === 0 && preceding !== 0;
      return (join ? Math.max(width, (preceding >> 1) & 3) : width) << 1 | (join ? 1 : 0);
    },
  });
  term.unicode.activeVersion = 'modern';
  await new Promise<void>((resolve) => term.write(Buffer.from(bytes, 'latin1'), resolve));
  const out: string[] = [];
  for (let y = 0; y < rows; y++) out.push(term.buffer.active.getLine(y)?.translateToString(true) ?? '');
  term.dispose();
  return out;
}

/** Where a character's cell starts in an xterm row, counted in cells. */
async function cellOf(bytes: string, cols: number, rows: number, row: number, ch: string): Promise<number> {
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  term.unicode.register({ version: 'modern', wcwidth: modernWidth, charProperties: (cp) => modernWidth(cp) << 1 });
  term.unicode.activeVersion = 'modern';
  await new Promise<void>((resolve) => term.write(Buffer.from(bytes, 'latin1'), resolve));
  const line = term.buffer.active.getLine(row)!;
  let found = -1;
  for (let x = 0; x < cols; x++) if (line.getCell(x)?.getChars() === ch) found = x;
  term.dispose();
  return found;
}

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

const NICKS = ['🧅onion', 'a⚡b🧅c', '日本🧅x', 'x🧅🧅🧅🧅🧅🧅🧅🧅🧅🧅', '👩\u200d💻\ufe0f dev 🇩🇪'];

describe('wide characters on screen', () => {
  for (const cols of [7, 8, 9, 10, 11, 13, 21]) {
    it(`a row cut at ${cols - 1} cells keeps its right border at column ${cols - 1}, in blessed and in a terminal`, async () => {
      term = createFakeTerminal({ cols, rows: NICKS.length });
      const box = blessedLite.box({ parent: term.screen, top: 0, left: 0, width: cols, height: NICKS.length, tags: true });
      const lines = NICKS.map((nick) => {
        const cut = truncateLine([seg(sanitizeLine(nick), { fg: 'green' })], cols - 1);
        const text = cut.map((s) => s.text).join('');
        return renderLine([...cut, seg(' '.repeat(cols - 1 - displayWidth(text))), seg('|')], { colors: true });
      });
      box.setContent(lines.join('\n'));
      await term.settle();
      const grid = readGrid(term.screen);
      const shown = await terminalRows(term.bytes(), cols, NICKS.length);
      for (let y = 0; y < NICKS.length; y++) {
        // The terminal shows what blessed holds, and the border is in the last column.
        expect(shown[y]!.trimEnd(), `row ${y}`).toBe(grid.text[y]);
        expect(await cellOf(term.bytes(), cols, NICKS.length, y, '|'), `row ${y}: ${JSON.stringify(shown[y])}`).toBe(cols - 1);
        expect(shown[y]).not.toContain('\ufffd');
      }
      expect(grid.text.join('\n')).toContain('🧅');
    });
  }

  it('draws an emoji nickname in the header without shifting the columns right of it', async () => {
    const facts = { ...relayFacts, nickname: '🧅Onion⚡日本', fingerprint: '9695DFC35FFEB861329B9F1AB04C46397020CE31' };
    for (const cols of [81, 161]) {
      const r = await renderHeader(facts, NOW_MS, cols, 8);
      term = r.term;
      const shown = await terminalRows(term.bytes(), cols, 8);
      expect(shown.map((l) => l.trimEnd())).toEqual(r.grid.text);
      expect(r.grid.text[1]).toContain('🧅Onion⚡日本 - 203.0.113.7:9001');
      if (cols === 161) {
        // The fingerprint column starts where it does for a plain nickname.
        const plain = await renderHeader(relayFacts, NOW_MS, cols, 8);
        const at = (rows: readonly string[]) => displayWidth(rows[1]!.slice(0, rows[1]!.indexOf('fingerprint:')));
        expect(at(r.grid.text)).toBe(at(plain.grid.text));
        await plain.term.destroy();
      }
      await term.destroy();
      term = undefined;
    }
  });

  it('without unicode (LANG=C) wide characters become "??", still two cells', async () => {
    term = createFakeTerminal({ cols: 12, rows: 1, unicode: false });
    const box = blessedLite.box({ parent: term.screen, top: 0, left: 0, width: 12, height: 1, tags: true });
    const text = sanitizeLine('a🧅b⚡c');
    box.setContent(renderLine([seg(padToWidth(text, 11)), seg('|')], { colors: false }));
    await term.settle();
    expect(readGrid(term.screen).text[0]).toBe('a??b??c    |');
  });
});
