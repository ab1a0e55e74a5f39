// Colours for the manual's option categories (its section headings), close to Nyx's: general
// green, client blue, relay yellow, directory magenta, authority red, onion services cyan.
import type { Color } from '../../terminal/theme.js';

const RULES: ReadonlyArray<[RegExp, Color]> = [
  [/authority/i, 'red'],
  [/hidden service|onion/i, 'cyan'],
  [/directory/i, 'magenta'],
  [/^general$/i, 'green'],
  [/client|circuit|node selection|dormant/i, 'blue'],
  [/server|relay|statistics|denial of service/i, 'yellow'],
];

/** The colour of a category; white for testing, non-persistent and unknown ones. */
export function categoryColor(category: string | undefined): Color {
  if (category === undefined) return 'white';
  for (const [re, color] of RULES) if (re.test(category)) return color;
  return 'white';
}
