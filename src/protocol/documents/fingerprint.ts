// Relay identity fingerprints: the 40-hex form the control port uses and the unpadded base64 form
// of consensus `r` lines (dir-spec §3.4.1: "identity" is base64 of the 20-byte digest, '=' removed).
// Pure conversions; they throw ProtocolError rather than return a guess.

import { ProtocolError } from '../errors.js';
import { clip } from './fields.js';

const HEX40 = /^[0-9A-Fa-f]{40}$/;
const HEX_CODES = Uint16Array.from('0123456789ABCDEF', (ch) => ch.charCodeAt(0));
/** Scratch space for the 40 hex character codes of one fingerprint. */
const scratch = new Uint16Array(40);
/** Base64 alphabet → 6-bit value, -1 elsewhere. */
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (const [i, ch] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) {
  BASE64_VALUE[ch.charCodeAt(0)] = i;
}

/**
 * Upper-case hex of a base64 20-byte digest (27 characters, optionally one '='), or undefined
 * unless it is the canonical encoding. A table loop: this runs twice per consensus entry.
 */
function hexFromBase64Digest(value: string, emit = true): string | undefined {
  const n = value.length;
  if (n !== 27 && !(n === 28 && value.charCodeAt(27) === 0x3d)) return undefined;
  let acc = 0;
  let bits = 0;
  let k = 0;
  for (let i = 0; i < 27; i++) {
    const c = value.charCodeAt(i);
    const v = c < 128 ? BASE64_VALUE[c]! : -1;
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    while (bits >= 4) {
      bits -= 4;
      scratch[k++] = HEX_CODES[(acc >> bits) & 15]!;
      acc &= (1 << bits) - 1;
    }
  }
  // 27 characters carry 162 bits; the 2 beyond the 20 bytes must be zero.
  if (acc !== 0) return undefined;
  // apply() takes the typed array as is (array-like); measurably faster than spreading or joining.
  return emit ? String.fromCharCode.apply(null, scratch as unknown as number[]) : '';
}

/** The unpadded (or singly padded) canonical base64 of a 20-byte digest, as in `r` lines. */
export function isBase64Digest(value: string): boolean {
  return hexFromBase64Digest(value, false) !== undefined;
}

export function isFingerprint(value: string): boolean {
  return HEX40.test(value);
}

/**
 * "pqaQTgm1y+3atBypK4ytlQbQE9I" → "A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2".
 * Accepts the value with or without its one '=' of padding; rejects anything that is not the
 * canonical base64 of exactly 20 bytes.
 */
export function fingerprintFromBase64(id: string, where = 'identity'): string {
  const hex = hexFromBase64Digest(id);
  if (hex === undefined) {
    throw new ProtocolError(`${where}: malformed base64 fingerprint ${clip(id)} (want 27 base64 characters)`);
  }
  return hex;
}

/** "A6A6…13D2" (optionally "$"-prefixed or in 4-digit groups) → "pqaQTgm1y+3atBypK4ytlQbQE9I". */
export function base64FromFingerprint(fingerprint: string): string {
  const hex = normalizeFingerprint(fingerprint);
  return Buffer.from(hex, 'hex').toString('base64').replace(/=+$/, '');
}

/**
 * "$a6a6 904e …" / "A6A6904E…" → upper-case 40 hex digits. Spaces (descriptor `fingerprint`
 * lines) and one leading '$' (LongName form) are removed.
 */
export function normalizeFingerprint(value: string, where = 'fingerprint'): string {
  const hex = (value.startsWith('$') ? value.slice(1) : value).replace(/ /g, '');
  if (!HEX40.test(hex)) throw new ProtocolError(`${where}: malformed fingerprint ${clip(value)} (want 40 hex digits)`);
  return hex.toUpperCase();
}
