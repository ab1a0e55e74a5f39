// Makes strings from strangers (nicknames, contact info, platform lines, log messages, exit targets)
// safe to draw: no control characters or escape sequences reach the terminal, and every character
// left has one agreed display width (see width.ts). Must not do layout or I/O.

// ESC-introduced sequences: CSI (ESC [ … final), OSC/DCS/SOS/PM/APC strings (ESC ] … BEL or ST),
// and two-byte escapes (ESC + one char). The 8-bit C1 forms (0x9b CSI, 0x9d OSC, 0x90 DCS…) likewise.
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]P^_X]|[\u009d\u0090\u009e\u009f\u0098])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\s\S]?/g;
// C0 and C1 controls, DEL, and invisible format characters that confuse width (ZWJ, bidi overrides…).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufe00-\ufe0f]/g;
// Characters outside the Basic Multilingual Plane (emoji, rare CJK): blessed measures them wrong.
const ASTRAL = /[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;
// BMP symbols that modern terminals draw two cells wide (emoji presentation) but blessed counts as one.
const WIDE_EMOJI_BMP =
  /[\u231a\u231b\u2329\u232a\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55]/g;
// Anything that could start a control sequence or need escaping; lets clean strings skip all work.
// eslint-disable-next-line no-control-regex
const SUSPICIOUS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufe00-\ufe0f\ufff9-\ufffb\ud800-\udfff\u231a-\u2b55]/;

export const REPLACEMENT = '\ufffd';

/**
 * One display line from untrusted text: escape sequences removed, tabs and line breaks turned into
 * spaces, other controls removed, astral and emoji characters replaced by U+FFFD.
 *   sanitizeLine('evil\x1b[2Jnick\tx') === 'evilnick x'
 */
export function sanitizeLine(text: string): string {
  if (!SUSPICIOUS.test(text)) return text;
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/[\t\n\r\u000b\u000c]/g, ' ')
    .replace(CONTROL, '')
    .replace(ASTRAL, REPLACEMENT)
    .replace(WIDE_EMOJI_BMP, REPLACEMENT);
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
