// Reads a blessed screen back as a text grid plus run-length style runs, and turns that grid into
// ANSI text or SVG. Powers `ortop --snapshot` and the snapshot tests. Pure: no streams or timers.
import type { Screen } from './screen.js';

export interface CellStyle {
  /** Palette index 0-255, or -1 for the terminal's default colour. */
  readonly fg: number;
  readonly bg: number;
  readonly bold: boolean;
  readonly underline: boolean;
  readonly inverse: boolean;
}

export interface StyleRun {
  readonly y: number;
  readonly x0: number;
  /** Inclusive. */
  readonly x1: number;
  readonly style: CellStyle;
}

export interface Grid {
  readonly cols: number;
  readonly rows: number;
  /** One string per row, trailing spaces removed. */
  readonly text: readonly string[];
  /** Rows of cells: char + style, full width (for ANSI/SVG output). */
  readonly cells: ReadonlyArray<ReadonlyArray<{ readonly ch: string; readonly style: CellStyle }>>;
  /** Runs of non-default style (default cells are omitted). */
  readonly runs: readonly StyleRun[];
}

const DEFAULT_COLOR = 0x1ff;

export function decodeAttr(attr: number): CellStyle {
  const flags = attr >> 18;
  const fg = (attr >> 9) & 0x1ff;
  const bg = attr & 0x1ff;
  return {
    fg: fg === DEFAULT_COLOR ? -1 : fg,
    bg: bg === DEFAULT_COLOR ? -1 : bg,
    bold: (flags & 1) !== 0,
    underline: (flags & 2) !== 0,
    inverse: (flags & 8) !== 0,
  };
}

function sameStyle(a: CellStyle, b: CellStyle): boolean {
  return a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.underline === b.underline && a.inverse === b.inverse;
}

function isDefault(s: CellStyle): boolean {
  return s.fg === -1 && s.bg === -1 && !s.bold && !s.underline && !s.inverse;
}

type BlessedCell = [number, string];

/** Reads blessed's own cell buffer (what it intends to show after the last render). */
export function readGrid(screen: Screen): Grid {
  const lines = (screen as unknown as { lines: BlessedCell[][] }).lines;
  const cols = screen.width as number;
  const rows = screen.height as number;
  const text: string[] = [];
  const cells: Array<Array<{ ch: string; style: CellStyle }>> = [];
  const runs: StyleRun[] = [];
  for (let y = 0; y < rows; y++) {
    const line = lines[y] ?? [];
    let row = '';
    const rowCells: Array<{ ch: string; style: CellStyle }> = [];
    let run: { x0: number; style: CellStyle } | null = null;
    for (let x = 0; x < cols; x++) {
      const cell = line[x];
      const ch = cell?.[1] ?? ' ';
      if (ch === '\x03') continue; // placeholder after a wide char
      const style = decodeAttr(cell?.[0] ?? (DEFAULT_COLOR << 9) | DEFAULT_COLOR);
      row += ch;
      rowCells.push({ ch, style });
      if (run !== null && !sameStyle(run.style, style)) {
        if (!isDefault(run.style)) runs.push({ y, x0: run.x0, x1: x - 1, style: run.style });
        run = null;
      }
      if (run === null) run = { x0: x, style };
    }
    if (run !== null && !isDefault(run.style)) runs.push({ y, x0: run.x0, x1: cols - 1, style: run.style });
    text.push(row.trimEnd());
    cells.push(rowCells);
  }
  return { cols, rows, text, cells, runs };
}

/** The grid as plain text: rows joined with '\n'. */
export function gridText(grid: Grid): string {
  return grid.text.join('\n');
}

const COLOR_NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

function colorName(c: number): string {
  if (c < 0) return 'default';
  if (c < 8) return COLOR_NAMES[c]!;
  if (c < 16) return `bright-${COLOR_NAMES[c - 8]!}`;
  return `p${c}`;
}

/** One style run per line: "y=0 x=0..119 fg=cyan bg=default bold". */
export function formatStyleRuns(grid: Grid): string {
  return grid.runs
    .map((r) => {
      const s = r.style;
      const parts = [`y=${r.y}`, `x=${r.x0}..${r.x1}`, `fg=${colorName(s.fg)}`, `bg=${colorName(s.bg)}`];
      if (s.bold) parts.push('bold');
      if (s.underline) parts.push('underline');
      if (s.inverse) parts.push('inverse');
      return parts.join(' ');
    })
    .join('\n');
}

function sgr(style: CellStyle): string {
  const codes = ['0'];
  if (style.bold) codes.push('1');
  if (style.underline) codes.push('4');
  if (style.inverse) codes.push('7');
  if (style.fg >= 0) codes.push(style.fg < 8 ? `${30 + style.fg}` : style.fg < 16 ? `${90 + style.fg - 8}` : `38;5;${style.fg}`);
  if (style.bg >= 0) codes.push(style.bg < 8 ? `${40 + style.bg}` : style.bg < 16 ? `${100 + style.bg - 8}` : `48;5;${style.bg}`);
  return `\x1b[${codes.join(';')}m`;
}

/** The grid as text with SGR colour codes (for `--snapshot ansi`), trailing default spaces trimmed. */
export function gridAnsi(grid: Grid): string {
  const out: string[] = [];
  for (const row of grid.cells) {
    let end = row.length;
    while (end > 0 && row[end - 1]!.ch === ' ' && isDefault(row[end - 1]!.style)) end--;
    let line = '';
    let current: CellStyle | null = null;
    for (let x = 0; x < end; x++) {
      const cell = row[x]!;
      if (current === null || !sameStyle(current, cell.style)) {
        line += sgr(cell.style);
        current = cell.style;
      }
      line += cell.ch;
    }
    out.push(current !== null && !isDefault(current) ? `${line}\x1b[0m` : line.replace(/^\x1b\[0m/, ''));
  }
  return out.join('\n');
}

const XTERM_16 = ['#000000', '#cd0000', '#00cd00', '#cdcd00', '#0000ee', '#cd00cd', '#00cdcd', '#e5e5e5',
  '#7f7f7f', '#ff0000', '#00ff00', '#ffff00', '#5c5cff', '#ff00ff', '#00ffff', '#ffffff'];

function paletteHex(c: number): string {
  if (c < 16) return XTERM_16[c]!;
  if (c < 232) {
    const i = c - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    const hex = (v: number) => level(v).toString(16).padStart(2, '0');
    return `#${hex(Math.floor(i / 36))}${hex(Math.floor(i / 6) % 6)}${hex(i % 6)}`;
  }
  const g = (8 + (c - 232) * 10).toString(16).padStart(2, '0');
  return `#${g}${g}${g}`;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}

/** An SVG picture of the grid (one <text> per style run), for reviewing snapshots by eye. */
export function gridSvg(grid: Grid): string {
  const cw = 8.4;
  const ch = 17;
  const fgDefault = '#d0d0d0';
  const bgDefault = '#1c1c1c';
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(grid.cols * cw)}" height="${grid.rows * ch}" font-family="DejaVu Sans Mono, monospace" font-size="14">`,
    `<rect width="100%" height="100%" fill="${bgDefault}"/>`,
  ];
  grid.cells.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      const style = row[x]!.style;
      let end = x;
      let text = '';
      while (end < row.length && sameStyle(row[end]!.style, style)) text += row[end++]!.ch;
      let fg = style.fg < 0 ? fgDefault : paletteHex(style.fg);
      let bg = style.bg < 0 ? null : paletteHex(style.bg);
      if (style.inverse) [fg, bg] = [bg ?? bgDefault, fg];
      if (bg !== null) parts.push(`<rect x="${(x * cw).toFixed(1)}" y="${y * ch}" width="${((end - x) * cw).toFixed(1)}" height="${ch}" fill="${bg}"/>`);
      if (text.trim() !== '') {
        parts.push(
          `<text x="${(x * cw).toFixed(1)}" y="${y * ch + 13}" fill="${fg}"${style.bold ? ' font-weight="bold"' : ''}${style.underline ? ' text-decoration="underline"' : ''} xml:space="preserve">${escapeXml(text)}</text>`,
        );
      }
      x = end;
    }
  });
  parts.push('</svg>');
  return parts.join('\n');
}
