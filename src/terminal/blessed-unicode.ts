// Teaches blessed the character widths terminals use today (width.ts's table): blessed 0.1.81 counts
// emoji one cell, so a nickname with 🧅 shifted the rest of its row. Patches blessed once: its
// unicode module's charWidth (drawing) and chars.all (the wide characters that get a second,
// placeholder cell with fullUnicode, or "??" without it), and line wrapping, which counts a
// surrogate pair as two cells before its placeholder (a full-width row lost its last cells).
// Must not change anything else of blessed.
import { createRequire } from 'node:module';
import { isWideCodePoint, wideBmpRanges } from './width.js';

interface BlessedUnicode {
  charWidth(str: string | number, i?: number): number;
  combining: Record<number, boolean>;
  chars: { all: RegExp };
  __ortopWidths?: boolean;
}

const load = createRequire(import.meta.url);

/** BMP wide code points as a regex class body, from width.ts's table. */
function bmpWideClass(): string {
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
  return wideBmpRanges()
    .map(([first, last]) => (first === last ? hex(first) : `${hex(first)}-${hex(last)}`))
    .join('');
}

/** Idempotent; every screen shares the patched module. */
export function installBlessedWidths(): void {
  const unicode = load('blessed/lib/unicode') as BlessedUnicode;
  if (unicode.__ortopWidths === true) return;
  const original = unicode.charWidth.bind(unicode);
  unicode.charWidth = (str, i) => {
    const point = typeof str === 'number' ? str : str.codePointAt(i ?? 0);
    if (point === undefined) return 1;
    if (point >= 0x20 && point < 0x7f) return 1;
    // Controls, tab and combining marks: blessed's own answers.
    if (point < 0xa0 || unicode.combining[point]) return original(point);
    return isWideCodePoint(point) ? 2 : 1;
  };
  // Astral characters that survive sanitize.ts are all wide (width.ts counts a pair as two cells).
  unicode.chars.all = new RegExp(`([\\ud800-\\udbff][\\udc00-\\udfff]|[${bmpWideClass()}])`, 'g');
  patchWrapping();
  unicode.__ortopWidths = true;
}

interface WrappingElement {
  _wrapContent(content: string, width: number): string[];
}

const PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;
/** Private-use stand-ins (one UTF-16 unit each; sanitize.ts lets none of them through). */
const STAND_IN_FIRST = 0xe000;
const STAND_IN_COUNT = 0x1900;

/**
 * blessed wraps by counting UTF-16 units: an emoji (two units) plus its placeholder cell counts
 * three for two cells. Each pair stands in as one private-use character while blessed wraps, so
 * units and cells agree again, and comes back in the wrapped lines.
 */
function patchWrapping(): void {
  const Element = load('blessed/lib/widgets/element') as { prototype: WrappingElement };
  const original = Element.prototype._wrapContent;
  Element.prototype._wrapContent = function wrapWithPairs(this: WrappingElement, content: string, width: number): string[] {
    if (typeof content !== 'string' || !/[\ud800-\udbff]/.test(content)) return original.call(this, content, width);
    const pairs: string[] = [];
    const index = new Map<string, string>();
    const stood = content.replace(PAIR, (pair) => {
      let standIn = index.get(pair);
      if (standIn === undefined) {
        if (pairs.length >= STAND_IN_COUNT) return pair;
        standIn = String.fromCharCode(STAND_IN_FIRST + pairs.length);
        pairs.push(pair);
        index.set(pair, standIn);
      }
      return standIn;
    });
    const out = original.call(this, stood, width);
    const last = STAND_IN_FIRST + pairs.length;
    const back = (line: string) => line.replace(/[\ue000-\uf8ff]/g, (c) => (c.charCodeAt(0) < last ? pairs[c.charCodeAt(0) - STAND_IN_FIRST]! : c));
    for (let i = 0; i < out.length; i++) out[i] = back(out[i]!);
    return out;
  };
}
