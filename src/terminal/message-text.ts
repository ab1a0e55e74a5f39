// Text for ortop's messages outside the full-screen UI (stderr lines, prompts, help): sanitised with
// the one sanitiser (no escape sequence or control character reaches the terminal, whatever tor put
// into an error) and capped in length. Pure; the writing is src/app/shell/console-output.ts.
import { sanitizeLine } from './sanitize.js';

/** A message longer than this is a hostile peer's doing (a 200 KB cookie path), not ortop's. */
export const MESSAGE_MAX_CHARS = 2000;

/** The first maxChars characters of clean text and how many bytes of the original were left out. */
function cap(original: string, clean: string, maxChars: number): string {
  if (clean.length <= maxChars && clean.length === original.length) return clean;
  if (clean.length <= maxChars && original.length <= maxChars) return clean; // only controls were removed
  let cut = Math.min(maxChars, clean.length);
  if ((clean.charCodeAt(cut - 1) & 0xfc00) === 0xd800) cut--; // keep a surrogate pair whole
  const kept = clean.slice(0, cut);
  return `${kept}… (${Math.max(0, Buffer.byteLength(original, 'utf8') - Buffer.byteLength(kept, 'utf8'))} bytes cut)`;
}

/**
 * One printable line: escape sequences and controls removed, line breaks and tabs as spaces, capped.
 *   messageLine('failed: \x1b]2;pwned\x07\x1b[2Jnow') === 'failed: now'
 *   messageLine('x'.repeat(5000)) === 'xxx…x… (3000 bytes cut)'
 */
export function messageLine(text: string, maxChars = MESSAGE_MAX_CHARS): string {
  // Sanitise at most a few times the cap: bounded work on a huge input.
  const window = text.length > maxChars * 4 ? text.slice(0, maxChars * 4) : text;
  return cap(text, sanitizeLine(window), maxChars);
}

/** Several printable lines (help text, a stack trace): each line sanitised as messageLine, the whole capped. */
export function messageBlock(text: string, maxChars = MESSAGE_MAX_CHARS * 4): string {
  const window = text.length > maxChars * 4 ? text.slice(0, maxChars * 4) : text;
  const clean = window
    .split(/\r\n|\n|\r/)
    .map((line) => sanitizeLine(line))
    .join('\n');
  return cap(text, clean, maxChars);
}
