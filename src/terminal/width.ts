// Display width of sanitized text, in terminal cells, and width-aware truncation and padding.
// Agrees with blessed (fullUnicode off) for everything sanitize.ts lets through: East Asian
// wide/fullwidth = 2, combining marks = 0, everything else = 1. Never use .length for layout.

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

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0x303e) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa000 && c <= 0xa4cf) ||
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

export function charWidth(code: number): number {
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code < 0x300) return 1;
  if (isCombining(code)) return 0;
  return isWide(code) ? 2 : 1;
}

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
  for (; i < text.length; i++) {
    const cw = charWidth(text.charCodeAt(i));
    if (w + cw > room) break;
    w += cw;
  }
  return text.slice(0, i) + ellipsis;
}

/** Pads (or truncates) to exactly `width` cells: padToWidth('ab', 4) === 'ab  '. */
export function padToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncateToWidth(text, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}
