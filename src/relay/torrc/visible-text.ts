// Makes every character of a file line visible and harmless before it is drawn: tabs expanded,
// control characters shown as their Unicode "control pictures" (ESC → ␛), invisible format
// characters (bidi overrides, zero-width) as <U+202E>. Pure; the result has no control characters,
// so sanitising it again changes nothing.
//   visibleText('a\tb\x1b[2J') === 'a       b␛[2J'

// eslint-disable-next-line no-control-regex
const SPECIAL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufe00-\ufe0f\ud800-\udfff]/;

/** `column` is where the text starts on its line (for tab stops). */
export function visibleText(text: string, tabWidth = 8, column = 0): string {
  if (!text.includes('\t') && !SPECIAL.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let piece: string;
    if (c === 0x09) piece = ' '.repeat(tabWidth - (column % tabWidth));
    else if (c < 0x20) piece = String.fromCharCode(0x2400 + c);
    else if (c === 0x7f) piece = '\u2421';
    else if (c >= 0x80 && c <= 0x9f) piece = `<${c.toString(16).toUpperCase().padStart(2, '0')}>`;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      piece = `<U+${text.codePointAt(i)!.toString(16).toUpperCase()}>`;
      i++;
    } else if (SPECIAL.test(text[i]!)) piece = `<U+${c.toString(16).toUpperCase().padStart(4, '0')}>`;
    else piece = text[i]!;
    out += piece;
    column += piece.length;
  }
  return out;
}
