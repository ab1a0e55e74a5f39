// Why authenticating to tor failed, one class per remedy. Each has a `kind` discriminant and a
// message saying what to try. Messages never contain a password or cookie bytes, and whatever the
// peer sent (its reply text, cookie paths, method names) is quoted escaped and capped: safe to print.

import { quoteUntrusted } from '../protocol/untrusted-text.js';
import { COOKIE_BYTES } from './safecookie.js';

/** Most auth-method names a message lists; a hostile PROTOCOLINFO may offer thousands. */
const MAX_LISTED_METHODS = 12;

export type AuthErrorKind =
  | 'not-tor'
  | 'password-required'
  | 'wrong-password'
  | 'cookie-unreadable'
  | 'cookie-wrong-size'
  | 'cookie-rejected'
  | 'server-hash-mismatch'
  | 'no-usable-method'
  | 'auth-failed';

export abstract class AuthError extends Error {
  abstract readonly kind: AuthErrorKind;
}

/** Something answered, but not as a tor control port does (HTTP, garbage, silence). */
export class NotTorError extends AuthError {
  override readonly name = 'NotTorError';
  readonly kind = 'not-tor';
  readonly address: string;
  /** It accepted the connection but sent nothing at all (also what a stopped or hung tor does). */
  readonly silent: boolean;
  constructor(address: string, detail: string, silent = false) {
    super(
      silent
        ? `${address} accepted the connection but sent nothing: ${quoteUntrusted(detail)}. A stopped (SIGSTOP) or hung tor does that; ` +
            'so does something that is not a tor control port (check the ControlPort/ControlSocket line of the torrc).'
        : `${address} does not look like a tor control port: ${quoteUntrusted(detail)}. Check the ControlPort/ControlSocket line of the torrc.`,
    );
    this.address = address;
    this.silent = silent;
  }
}

export class PasswordRequiredError extends AuthError {
  override readonly name = 'PasswordRequiredError';
  readonly kind = 'password-required';
  /** The password provider's failure, when it threw (e.g. a cancelled prompt). */
  override readonly cause: unknown;
  constructor(address: string, cookieProblem?: string, why = 'none was given', cause?: unknown) {
    super(
      `tor at ${address} needs its control password (HASHEDPASSWORD) and ${why}` +
        (cookieProblem === undefined ? '' : `; cookie authentication did not work either (${cookieProblem})`) +
        '. Provide the password (ortop asks for it when it can prompt).',
    );
    this.cause = cause;
  }
}

export class WrongPasswordError extends AuthError {
  override readonly name = 'WrongPasswordError';
  readonly kind = 'wrong-password';
  constructor(address: string, torText: string) {
    super(`tor at ${address} rejected the password (${quoteUntrusted(torText)}). Check the password matching HashedControlPassword in the torrc.`);
  }
}

/** What went wrong reading the cookie, by errno code; only a permission problem gets the group hint. */
function describeCookieProblem(code: string | undefined, detail: string): { problem: string; hint: string } {
  const notACookie = 'A tor cookie is a 32-byte regular file: check CookieAuthFile in the torrc, and which tor owns this control port.';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return {
        problem: `permission denied (${code})`,
        hint:
          'Add your user to the group that owns it (debian-tor on Debian: sudo adduser $USER debian-tor, then log in again) ' +
          'or set "CookieAuthFileGroupReadable 1" in the torrc.',
      };
    case 'ENOENT':
      return { problem: 'no such file (ENOENT)', hint: 'If tor runs in a chroot or container, give its root path so the cookie path can be found.' };
    case 'EISDIR':
      return { problem: 'it is a directory', hint: notACookie };
    case 'ENOTFILE':
      return { problem: quoteUntrusted(detail, 100), hint: notACookie };
    case 'ENUL':
      return { problem: 'the path contains a NUL byte', hint: notACookie };
    case 'ENOTDIR':
      return { problem: 'a part of its path is not a directory (ENOTDIR)', hint: notACookie };
    case 'ELOOP':
      return { problem: 'its path is a loop of symbolic links (ELOOP)', hint: notACookie };
    case 'ENAMETOOLONG':
      return { problem: 'its path is too long (ENAMETOOLONG)', hint: notACookie };
    default:
      return { problem: `${code ?? 'error'} (${quoteUntrusted(detail, 200)})`, hint: notACookie };
  }
}

export class CookieUnreadableError extends AuthError {
  override readonly name = 'CookieUnreadableError';
  readonly kind = 'cookie-unreadable';
  readonly file: string;
  /** errno code, e.g. EACCES or ENOENT; ENOTFILE (not a regular file) and ENUL (a NUL in the path) are ortop's. */
  readonly code: string | undefined;
  constructor(file: string, code: string | undefined, detail: string) {
    const { problem, hint } = describeCookieProblem(code, detail);
    super(`cannot read tor's authentication cookie ${quoteUntrusted(file)}: ${problem}. ${hint}`);
    this.file = file;
    this.code = code;
  }
}

export class CookieSizeError extends AuthError {
  override readonly name = 'CookieSizeError';
  readonly kind = 'cookie-wrong-size';
  readonly file: string;
  readonly sizeBytes: number;
  constructor(file: string, sizeBytes: number) {
    super(
      `refusing tor's authentication cookie ${quoteUntrusted(file)}: it is ${sizeBytes} bytes, not ${COOKIE_BYTES}. ` +
        'It is not a tor cookie (or is truncated); check which tor owns this control port.',
    );
    this.file = file;
    this.sizeBytes = sizeBytes;
  }
}

export class CookieRejectedError extends AuthError {
  override readonly name = 'CookieRejectedError';
  readonly kind = 'cookie-rejected';
  constructor(address: string, file: string, torText: string) {
    super(
      `tor at ${address} rejected the cookie from ${quoteUntrusted(file)} (${quoteUntrusted(torText)}). The file may be stale or belong to another tor ` +
        '(several tors on one machine?); check CookieAuthFile and DataDirectory.',
    );
  }
}

export class ServerHashMismatchError extends AuthError {
  override readonly name = 'ServerHashMismatchError';
  readonly kind = 'server-hash-mismatch';
  constructor(address: string, file: string) {
    super(
      `the process at ${address} does not know the cookie in ${quoteUntrusted(file)} (SAFECOOKIE server hash mismatch): ` +
        'it is not the tor that owns that cookie. Nothing was sent; check that you are talking to the right tor.',
    );
  }
}

export class NoUsableAuthMethodError extends AuthError {
  override readonly name = 'NoUsableAuthMethodError';
  readonly kind = 'no-usable-method';
  readonly offered: readonly string[];
  constructor(address: string, offered: readonly string[], have: readonly string[]) {
    super(
      `no usable way to authenticate to tor at ${address}: tor offers ${listMethods(offered)}; ` +
        `we have ${have.length === 0 ? 'nothing (no cookie file named, no password)' : have.join(', ')}.`,
    );
    this.offered = offered;
  }
}

/** "SAFECOOKIE, COOKIE" — each name quoted and capped, at most MAX_LISTED_METHODS of them. */
function listMethods(names: readonly string[]): string {
  if (names.length === 0) return 'no methods';
  const shown = names.slice(0, MAX_LISTED_METHODS).map((n) => quoteUntrusted(n, 40));
  const more = names.length - shown.length;
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

/** tor refused for another reason; its words (escaped, capped) are in the message. */
export class AuthFailedError extends AuthError {
  override readonly name = 'AuthFailedError';
  readonly kind = 'auth-failed';
  constructor(address: string, torText: string) {
    super(`tor at ${address} refused authentication: ${quoteUntrusted(torText)}`);
  }
}
