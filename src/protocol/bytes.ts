// Byte strings: the framer hands out text as "latin1 byte strings" (one char per byte, 0..255)
// so nothing is lost before a parser decides what a field is. These helpers convert at the edge.
// No I/O here.

const NON_ASCII = /[\u0080-\u00ff]/;

/** Decode a latin1 byte string as UTF-8, replacing invalid sequences with U+FFFD. ASCII is returned as is. */
export function utf8FromByteString(bin: string): string {
  if (!NON_ASCII.test(bin)) return bin;
  return Buffer.from(bin, 'latin1').toString('utf8');
}

/** Encode a Unicode string as UTF-8 and return it as a latin1 byte string. */
export function byteStringFromUtf8(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(text)) return text;
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** The bytes of a latin1 byte string. */
export function bytesFromByteString(bin: string): Uint8Array {
  return Buffer.from(bin, 'latin1');
}
