// blessed with only the widgets ortop draws with (screen, box, text, textbox). blessed's index
// requires all 34 of its widgets (file manager, video, images…); loading these four instead takes
// ~10 ms off start-up. Types still come from @types/blessed: `import type blessed from 'blessed'`.
// Must stay the only runtime entry into blessed in src/ and panels/.
import { createRequire } from 'node:module';
import type Blessed from 'blessed';

const load = createRequire(import.meta.url);

export interface BlessedLite {
  readonly screen: typeof Blessed.screen;
  readonly box: typeof Blessed.box;
  readonly text: typeof Blessed.text;
  readonly textbox: typeof Blessed.textbox;
}

// Each widget module exports a constructor that also works without `new`, as blessed.box() does.
const blessedLite: BlessedLite = {
  screen: load('blessed/lib/widgets/screen') as typeof Blessed.screen,
  box: load('blessed/lib/widgets/box') as typeof Blessed.box,
  text: load('blessed/lib/widgets/text') as typeof Blessed.text,
  textbox: load('blessed/lib/widgets/textbox') as typeof Blessed.textbox,
};

export default blessedLite;

/** blessed's unicode tables as drawing uses them (patched by blessed-unicode.ts when the screen is made). */
export interface BlessedUnicodeTables {
  charWidth(point: number): number;
  readonly combining: Readonly<Record<number, boolean>>;
}

export function blessedUnicode(): BlessedUnicodeTables {
  return load('blessed/lib/unicode') as BlessedUnicodeTables;
}
