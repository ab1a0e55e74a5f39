// Makes strings from strangers (nicknames, contact info, platform lines, log messages, exit targets)
// safe to draw: no control characters or escape sequences reach the terminal, and every character
// left has one agreed display width (see width.ts). Must not do layout or I/O.
import { isWideCodePoint } from './width.js';

// ESC-introduced sequences: CSI (ESC [ … final), OSC/DCS/SOS/PM/APC strings (ESC ] … BEL or ST),
// and two-byte escapes (ESC + one char). The 8-bit C1 forms (0x9b CSI, 0x9d OSC, 0x90 DCS…) likewise.
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]P^_X]|[\u009d\u0090\u009e\u009f\u0098])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\s\S]?/g;
// C0 and C1 controls, DEL, and invisible format characters that confuse width (ZWJ, bidi overrides…).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufe00-\ufe0f]/g;
const PRIVATE_USE = /[\ue000-\uf8ff]/g;
// Characters outside the Basic Multilingual Plane: a pair, or a lone half of one.
const ASTRAL = /[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

/**
 * One astral character as shown: wide ones (emoji, CJK extensions) kept, as terminals draw them two
 * cells wide and width.ts counts them so; flags' regional indicators as their letters (terminals
 * disagree on their width); skin-tone modifiers and tag characters dropped (they only combine);
 * anything else (narrow symbols, lone surrogates) U+FFFD.
 */
function showAstral(pair: string): string {
  const cp = pair.length === 2 ? pair.codePointAt(0)! : -1;
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return String.fromCharCode(0x41 + cp - 0x1f1e6);
  if ((cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0000 && cp <= 0xe007f)) return '';
  return isWideCodePoint(cp) ? pair : REPLACEMENT;
}

// Anything that could start a control sequence or need escaping; lets clean strings skip all work.
// eslint-disable-next-line no-control-regex
const SUSPICIOUS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufe00-\ufe0f\ufff9-\ufffb\ud800-\udfff\ue000-\uf8ff]/;

export const REPLACEMENT = '\ufffd';

/**
 * One display line from untrusted text: escape sequences removed, tabs and line breaks turned into
 * spaces, other controls removed; emoji and other wide characters kept (two cells, see width.ts),
 * astral characters of uncertain width replaced by U+FFFD.
 *   sanitizeLine('evil\x1b[2Jnick\tx') === 'evilnick x'
 */
export function sanitizeLine(text: string): string {
  if (!SUSPICIOUS.test(text)) return text;
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/[\t\n\r\u000b\u000c]/g, ' ')
    .replace(CONTROL, '')
    .replace(ASTRAL, showAstral)
    // Private-use characters: no agreed width (and blessed-unicode.ts borrows them while wrapping).
    .replace(PRIVATE_USE, REPLACEMENT);
}

/** Like sanitizeLine but keeps '\n' line breaks (for multi-line documents such as descriptors). */
export function sanitizeLines(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(sanitizeLine)
    .join('\n');
}

/** Escapes blessed's tag syntax so "{bold}" in a nickname is shown, not interpreted. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (c) => (c === '{' ? '{open}' : '{close}'));
}

/** sanitizeLine + escapeTags: the one call for untrusted text placed into tagged blessed content. */
export function safeTagText(text: string): string {
  return escapeTags(sanitizeLine(text));
}
