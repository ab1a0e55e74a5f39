// The authentication handshake (control-spec §3.5, §3.21, §3.24): PROTOCOLINFO, then the best
// method: NULL → SAFECOOKIE (cookie readable) → COOKIE → HASHEDPASSWORD (only when a password
// provider is given; it is asked only when needed). Never keeps the password or the cookie.

import { randomBytes } from 'node:crypto';
import { formatAuthChallenge, formatAuthenticate, formatProtocolInfo } from '../protocol/commands.js';
import { ProtocolError } from '../protocol/errors.js';
import type { Reply } from '../protocol/reply.js';
import type { AuthMethod, ProtocolInfo } from '../protocol/replies.js';
import { parseAuthChallenge, parseProtocolInfo, replyText } from '../protocol/replies.js';
import {
  AuthError,
  AuthFailedError,
  CookieRejectedError,
  CookieSizeError,
  CookieUnreadableError,
  NoUsableAuthMethodError,
  NotTorError,
  PasswordRequiredError,
  ServerHashMismatchError,
  WrongPasswordError,
} from './auth-errors.js';
import type { CookieReader } from './cookie.js';
import { cookiePathInChroot } from './cookie.js';
import { ConnectionClosedError, ProtocolDesyncError, RequestTimeoutError } from './errors.js';
import { CLIENT_NONCE_BYTES, COOKIE_BYTES, computeSafeCookieHashes, isServerHashValid } from './safecookie.js';

/** What the password provider is told when it is asked. */
export interface PasswordRequest {
  /** The control connection that wants it ("127.0.0.1:9051", a socket path). */
  readonly address: string;
  /** tor rejected the password given last time (ask someone, or throw to give up). */
  readonly rejected: boolean;
}

/** Asked for the control password each time one is needed (first connect and every reconnect). */
export type PasswordProvider = (request: PasswordRequest) => Promise<string>;

export interface AuthOptions {
  /** How to read the cookie file tor names; without it cookie methods are unavailable. */
  readonly readCookie?: CookieReader;
  readonly password?: PasswordProvider;
  /** Root of the chroot tor runs in; prefixed to the cookie path tor reports. */
  readonly chrootPath?: string;
  /** Source of the SAFECOOKIE client nonce; default 32 random bytes from node:crypto. */
  readonly clientNonce?: () => Uint8Array;
}

/** What the handshake needs from a connection (Session provides it). */
export interface AuthChannel {
  readonly description: string;
  readonly firstBytesPreview: string;
  readonly receivedAnything: boolean;
  request(command: string): Promise<Reply>;
}

/** What the caller knows from earlier attempts. */
export interface AuthAttempt {
  /** The previous attempt's password was rejected (WrongPasswordError). */
  readonly passwordRejected: boolean;
}

export interface AuthResult {
  readonly method: AuthMethod;
  readonly protocolInfo: ProtocolInfo;
}

export async function authenticate(channel: AuthChannel, options: AuthOptions = {}, attempt: AuthAttempt = { passwordRejected: false }): Promise<AuthResult> {
  const address = channel.description;
  const protocolInfo = await requestProtocolInfo(channel);
  const offered = protocolInfo.authMethods;

  if (offered.includes('NULL')) {
    await sendAuthenticate(channel, null, 'NULL', '');
    return { method: 'NULL', protocolInfo };
  }

  let cookieProblem: AuthError | undefined;
  const cookieOffered = offered.includes('SAFECOOKIE') || offered.includes('COOKIE');
  if (cookieOffered && options.readCookie !== undefined && protocolInfo.cookieFiles.length > 0) {
    const loaded = await loadCookie(protocolInfo.cookieFiles, options.readCookie, options.chrootPath);
    if ('error' in loaded) {
      cookieProblem = loaded.error;
    } else if (offered.includes('SAFECOOKIE')) {
      await authenticateSafeCookie(channel, loaded.file, loaded.cookie, options.clientNonce);
      return { method: 'SAFECOOKIE', protocolInfo };
    } else {
      await sendAuthenticate(channel, { hex: hex(loaded.cookie) }, 'COOKIE', loaded.file);
      return { method: 'COOKIE', protocolInfo };
    }
  }

  if (offered.includes('HASHEDPASSWORD')) {
    if (options.password === undefined) throw new PasswordRequiredError(address, cookieProblem?.message);
    let password: string | undefined;
    try {
      password = await options.password({ address, rejected: attempt.passwordRejected });
    } catch (error) {
      throw new PasswordRequiredError(address, cookieProblem?.message, `the password prompt failed: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    const command = formatAuthenticate({ password });
    password = undefined;
    await sendAuthenticate(channel, command, 'HASHEDPASSWORD', '');
    return { method: 'HASHEDPASSWORD', protocolInfo };
  }

  if (cookieProblem !== undefined) throw cookieProblem;
  const have = ['NULL'];
  if (options.readCookie !== undefined) have.push('SAFECOOKIE', 'COOKIE');
  if (options.password !== undefined) have.push('HASHEDPASSWORD');
  const offeredNames = [...offered, ...protocolInfo.unknownAuthMethods];
  const noFile = cookieOffered && protocolInfo.cookieFiles.length === 0 ? ['cookie methods but no COOKIEFILE'] : [];
  throw new NoUsableAuthMethodError(address, [...offeredNames, ...noFile], have);
}

async function requestProtocolInfo(channel: AuthChannel): Promise<ProtocolInfo> {
  let reply: Reply;
  try {
    reply = await channel.request(formatProtocolInfo());
  } catch (error) {
    throw notTorFrom(channel, error);
  }
  if (reply.code !== 250) throw new AuthFailedError(channel.description, `PROTOCOLINFO answered ${reply.code} ${replyText(reply)}`);
  try {
    return parseProtocolInfo(reply);
  } catch (error) {
    if (error instanceof ProtocolError) throw new NotTorError(channel.description, `its PROTOCOLINFO reply is malformed (${error.message})`);
    throw error;
  }
}

function notTorFrom(channel: AuthChannel, error: unknown): unknown {
  const answered = channel.receivedAnything ? `; it sent ${channel.firstBytesPreview}` : '';
  const http = /^"HTTP\//.test(channel.firstBytesPreview) ? ' (an HTTP server?)' : '';
  if (error instanceof RequestTimeoutError) {
    // The kernel completes connects to a stopped (SIGSTOP) or hung tor's listener: silence is no proof.
    return new NotTorError(channel.description, `no reply to PROTOCOLINFO within ${error.timeoutMs} ms${answered}`, !channel.receivedAnything);
  }
  if (error instanceof ConnectionClosedError && error.cause instanceof ProtocolDesyncError) {
    return new NotTorError(channel.description, `it answered PROTOCOLINFO with ${channel.firstBytesPreview}${http}`);
  }
  if (error instanceof ConnectionClosedError) {
    return new NotTorError(channel.description, `it closed the connection without answering PROTOCOLINFO${answered}${http}`);
  }
  return error;
}

type LoadedCookie = { readonly file: string; readonly cookie: Uint8Array } | { readonly error: AuthError };

/** Tries each COOKIEFILE in turn (tor writes the same cookie to all); reports the first failure. */
async function loadCookie(files: readonly string[], read: CookieReader, chrootPath: string | undefined): Promise<LoadedCookie> {
  let firstError: AuthError | undefined;
  for (const reported of files) {
    const file = cookiePathInChroot(reported, chrootPath);
    try {
      const cookie = await read(file);
      if (cookie.length !== COOKIE_BYTES) throw new CookieSizeError(file, cookie.length);
      return { file, cookie };
    } catch (error) {
      const authError =
        error instanceof AuthError
          ? error
          : new CookieUnreadableError(file, errnoCode(error), error instanceof Error ? error.message : String(error));
      firstError ??= authError;
    }
  }
  return { error: firstError ?? new CookieUnreadableError('(none)', undefined, 'tor named no cookie file') };
}

async function authenticateSafeCookie(
  channel: AuthChannel,
  file: string,
  cookie: Uint8Array,
  makeNonce: (() => Uint8Array) | undefined,
): Promise<void> {
  const clientNonce = makeNonce?.() ?? randomBytes(CLIENT_NONCE_BYTES);
  const reply = await channel.request(formatAuthChallenge(hex(clientNonce)));
  if (reply.code !== 250) throw new AuthFailedError(channel.description, `AUTHCHALLENGE answered ${reply.code} ${replyText(reply)}`);
  let challenge;
  try {
    challenge = parseAuthChallenge(reply);
  } catch (error) {
    if (error instanceof ProtocolError) throw new NotTorError(channel.description, `its AUTHCHALLENGE reply is malformed (${error.message})`);
    throw error;
  }
  const { serverHash, clientHash } = computeSafeCookieHashes(cookie, clientNonce, challenge.serverNonce);
  if (!isServerHashValid(serverHash, challenge.serverHash)) throw new ServerHashMismatchError(channel.description, file);
  await sendAuthenticate(channel, { hex: hex(clientHash) }, 'SAFECOOKIE', file);
}

async function sendAuthenticate(
  channel: AuthChannel,
  secret: string | { hex: string } | null,
  method: AuthMethod,
  cookieFile: string,
): Promise<void> {
  const command = typeof secret === 'string' ? secret : formatAuthenticate(secret);
  const reply = await channel.request(command);
  if (reply.code === 250) return;
  const text = replyText(reply);
  if (reply.code === 515 && method === 'HASHEDPASSWORD' && /password/i.test(text)) {
    // tor's hint about quoting does not apply: the password went out hex-encoded on purpose.
    throw new WrongPasswordError(channel.description, text.replace(/\.?\s*Maybe you tried a plain text password\?.*$/s, ''));
  }
  if (reply.code === 515 && (method === 'SAFECOOKIE' || method === 'COOKIE')) throw new CookieRejectedError(channel.description, cookieFile, text);
  throw new AuthFailedError(channel.description, `${reply.code} ${text}`);
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

function errnoCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
