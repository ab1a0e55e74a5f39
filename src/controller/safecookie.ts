// SAFECOOKIE arithmetic (control-spec §3.24): both HMAC-SHA256 values over
// cookie || client nonce || server nonce, and the constant-time server-hash check. No I/O.

import { createHmac, timingSafeEqual } from 'node:crypto';

export const SAFECOOKIE_SERVER_KEY = 'Tor safe cookie authentication server-to-controller hash';
export const SAFECOOKIE_CONTROLLER_KEY = 'Tor safe cookie authentication controller-to-server hash';
export const COOKIE_BYTES = 32;
export const CLIENT_NONCE_BYTES = 32;

export interface SafeCookieHashes {
  /** What tor must send as SERVERHASH. */
  readonly serverHash: Buffer;
  /** What we send in AUTHENTICATE. */
  readonly clientHash: Buffer;
}

export function computeSafeCookieHashes(cookie: Uint8Array, clientNonce: Uint8Array, serverNonce: Uint8Array): SafeCookieHashes {
  const message = Buffer.concat([cookie, clientNonce, serverNonce]);
  return {
    serverHash: createHmac('sha256', SAFECOOKIE_SERVER_KEY).update(message).digest(),
    clientHash: createHmac('sha256', SAFECOOKIE_CONTROLLER_KEY).update(message).digest(),
  };
}

/** Constant-time comparison of the expected and received SERVERHASH. */
export function isServerHashValid(expected: Uint8Array, received: Uint8Array): boolean {
  if (expected.length !== received.length) return false;
  return timingSafeEqual(expected, received);
}
