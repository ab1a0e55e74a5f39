// The summary column of the config list: whole words that fit the width, never a sentence cut in
// the middle of a word. The manual's first sentence when it fits whole (wide screens), else our own
// short summary of a common option (src/relay/config/option-summaries.ts), else the manual's longest
// leading clause that fits; words cut with "…" only when nothing fits. Pure.
//   summaryAtWidth('AccountingMax', 'Stops relaying for the rest of the period after this much traffic.', 80)
//     → 'Stops relaying for the rest of the period after this much traffic'
//   … at 25 → 'Traffic cap per period'
import { optionSummary } from '../../src/relay/config/option-summaries.js';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { displayWidth } from '../../src/terminal/width.js';

/** "If set, …" / "When enabled, …" openings say when, not what: the clause after them is the summary. */
const CONDITION = /^(?:if|when|unless)\b[^,]{0,60},\s+(?=\S)/i;

/** Prefixes of `text` that end at a clause boundary (",", ";", ":", " (", " -- "), longest first. */
function clausePrefixes(text: string): string[] {
  const out: string[] = [];
  const re = /[,;:](?=\s)|\s\(|\s--?\s/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(text.slice(0, m.index).trimEnd());
  return out.filter((p) => p !== '').reverse();
}

/** The longest run of whole words that fits with "…" after it ('' when not even one word fits). */
function wordsThatFit(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let kept = '';
  for (const word of text.split(' ')) {
    const next = kept === '' ? word : `${kept} ${word}`;
    if (displayWidth(next) + 1 > width) break;
    kept = next;
  }
  return kept === '' ? '' : `${kept.replace(/[,;:]$/, '')}…`;
}

const tidy = (s: string): string => s.replace(/\s+/g, ' ').trim().replace(/\.$/, '');

/** The summary for `name` in `width` cells (never wider; '' when nothing sensible fits). */
export function summaryAtWidth(name: string, manualSummary: string | undefined, width: number): string {
  const w = Math.floor(width);
  if (w <= 0) return '';
  const phrase = optionSummary(name);
  const ours = phrase === undefined ? undefined : phrase.charAt(0).toUpperCase() + phrase.slice(1);
  const manual = manualSummary === undefined ? '' : tidy(sanitizeLine(manualSummary));
  if (manual !== '' && displayWidth(manual) <= w) return manual;
  if (ours !== undefined && displayWidth(ours) <= w) return ours;
  const main = manual.replace(CONDITION, '');
  if (main !== '' && displayWidth(main) <= w) return main;
  const clause = clausePrefixes(main).find((p) => displayWidth(p) <= w && p.includes(' '));
  if (clause !== undefined) return clause;
  return wordsThatFit(ours ?? main, w);
}
