// Display width of sanitized text, in terminal cells, and width-aware truncation and padding.
// Agrees with terminals (Unicode 11+ widths) and with blessed once blessed-unicode.ts has taught it
// the same table: East Asian wide/fullwidth and emoji = 2, combining marks = 0, everything else
// = 1. Never use .length for layout.

function isCombining(c: number): boolean {
  return (
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x0483 && c <= 0x0489) ||
    (c >= 0x0591 && c <= 0x05bd) ||
    (c >= 0x0610 && c <= 0x061a) ||
    (c >= 0x064b && c <= 0x065f) ||
    (c >= 0x0e31 && c <= 0x0e3a && c !== 0x0e32 && c !== 0x0e33) ||
    (c >= 0x1ab0 && c <= 0x1aff) ||
    (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe20 && c <= 0xfe2f)
  );
}

/**
 * Code points terminals draw two cells wide (East Asian Wide/Fullwidth, emoji presentation, as in
 * Unicode 11+ wcwidth tables): sorted [first, last] pairs, BMP then astral.
 */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55],
  [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f],
  [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4], [0x17000, 0x18cff], [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f202],
  [0x1f210, 0x1f23b], [0x1f240, 0x1f248], [0x1f250, 0x1f251], [0x1f260, 0x1f265],
  [0x1f300, 0x1f320], [0x1f32d, 0x1f335], [0x1f337, 0x1f37c], [0x1f37e, 0x1f393], [0x1f3a0, 0x1f3ca],
  [0x1f3cf, 0x1f3d3], [0x1f3e0, 0x1f3f0], [0x1f3f4, 0x1f3f4], [0x1f3f8, 0x1f43e], [0x1f440, 0x1f440],
  [0x1f442, 0x1f4fc], [0x1f4ff, 0x1f53d], [0x1f54b, 0x1f54e], [0x1f550, 0x1f567], [0x1f57a, 0x1f57a],
  [0x1f595, 0x1f596], [0x1f5a4, 0x1f5a4], [0x1f5fb, 0x1f64f], [0x1f680, 0x1f6c5], [0x1f6cc, 0x1f6cc],
  [0x1f6d0, 0x1f6d2], [0x1f6d5, 0x1f6d7], [0x1f6dc, 0x1f6df], [0x1f6eb, 0x1f6ec], [0x1f6f4, 0x1f6fc],
  [0x1f7e0, 0x1f7eb], [0x1f7f0, 0x1f7f0], [0x1f90c, 0x1f93a], [0x1f93c, 0x1f945], [0x1f947, 0x1f9ff],
  [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

/** The table's BMP ranges, [first, last] (blessed-unicode.ts builds its regex class from them). */
export function wideBmpRanges(): ReadonlyArray<readonly [number, number]> {
  return WIDE_RANGES.filter(([first]) => first <= 0xffff);
}

/** The table's answer by binary search. */
function searchWide(c: number): boolean {
  let lo = 0;
  let hi = WIDE_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [first, last] = WIDE_RANGES[mid]!;
    if (c < first) hi = mid - 1;
    else if (c > last) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * charWidth's answers for the BMP, kept as they are first asked (width + 1; 0 = not asked yet): the
 * graph's block characters and the log's punctuation are asked for every cell of every frame, and a
 * search per cell was a quarter of a frame without the optimizing compiler (issue 15). 64 KiB.
 */
const bmpWidths = new Uint8Array(0x10000);

/** True when terminals draw the code point two cells wide. */
export function isWideCodePoint(c: number): boolean {
  if (c < 0x1100) return false;
  if (c > 0xffff) return searchWide(c);
  return charWidth(c) === 2;
}

/**
 * Width of one UTF-16 code unit. A surrogate counts 1, so a pair counts 2: sanitize.ts lets only
 * wide astral characters (emoji, CJK extensions) through, and those are two cells.
 */
export function charWidth(code: number): number {
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code < 0x300) return 1;
  const known = bmpWidths[code]!;
  if (known !== 0) return known - 1;
  const width = isCombining(code) || isZeroWidthFormat(code) ? 0 : code >= 0x1100 && searchWide(code) ? 2 : 1;
  bmpWidths[code] = width + 1;
  return width;
}

/** Joiners, direction marks and variation selectors: no cell of their own (sanitize.ts drops them). */
function isZeroWidthFormat(c: number): boolean {
  return (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || (c >= 0xfe00 && c <= 0xfe0f) || c === 0xfeff;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

export function displayWidth(text: string): number {
  if (ASCII_PRINTABLE.test(text)) return text.length;
  let w = 0;
  for (let i = 0; i < text.length; i++) w += charWidth(text.charCodeAt(i));
  return w;
}

/**
 * Cuts text to at most `width` cells, ending with `ellipsis` when something was cut.
 *   truncateToWidth('Unnamed relay', 8) === 'Unnamed…'
 */
export function truncateToWidth(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  const room = width - displayWidth(ellipsis);
  if (room < 0) return ellipsis.slice(0, width);
  let w = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    // A surrogate pair is one character: both halves or neither.
    const units = isHighSurrogate(code) && i + 1 < text.length ? 2 : 1;
    const cw = units === 2 ? 2 : charWidth(code);
    if (w + cw > room) break;
    w += cw;
    i += units;
  }
  return text.slice(0, i) + ellipsis;
}

/** Pads (or truncates) to exactly `width` cells: padToWidth('ab', 4) === 'ab  '. */
export function padToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncateToWidth(text, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}
