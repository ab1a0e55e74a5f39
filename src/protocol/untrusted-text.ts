// A peer's words (tor's reply text, a cookie path, auth-method names) quoted inside ortop's own
// error messages: control characters, C1 codes and invisible/bidi format characters become visible
// escapes (\x1b, \u202e), so the message is safe to print; the length is capped. Pure; no layout.

/** Enough for any real path or tor sentence; a 200 KB "path" is a hostile peer. */
export const UNTRUSTED_MAX_CHARS = 512;

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Makes untrusted text printable and short:
 *   quoteUntrusted('failed: \x1b]2;pwned\x07') === 'failed: \\x1b]2;pwned\\x07'
 *   quoteUntrusted('a'.repeat(600), 10) === 'aaaaaaaaaa… (590 bytes cut)'
 */
export function quoteUntrusted(text: string, maxChars = UNTRUSTED_MAX_CHARS): string {
  const fits = text.length <= maxChars;
  if (fits && !UNSAFE.test(text)) return text;
  let out = '';
  let i = 0;
  while (i < text.length && out.length < maxChars) {
    const code = text.charCodeAt(i);
    // Keep surrogate pairs whole.
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    const ch = text.slice(i, i + width);
    out += UNSAFE.test(ch) ? escapeChar(ch) : ch;
    i += width;
  }
  if (i >= text.length) return out;
  return `${out}… (${Buffer.byteLength(text.slice(i), 'utf8')} bytes cut)`;
}
