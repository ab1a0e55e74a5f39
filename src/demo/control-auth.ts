// The pre-authentication state machine of a control connection, as tor 0.4.9.11 runs it
// (control-spec §3.5, §3.21, §3.24; research/control-protocol.md §3): PROTOCOLINFO once,
// AUTHCHALLENGE once, AUTHENTICATE with tor's exact error texts. Pure: returns what to send.

import { createHmac } from 'node:crypto';
import { quoteString } from '../protocol/commands.js';
import { decodeQuoted } from '../protocol/cstring.js';

export interface ServerAuthSettings {
  /** PROTOCOLINFO methods, e.g. ['NULL'] or ['COOKIE', 'SAFECOOKIE']. */
  readonly methods: readonly string[];
  readonly cookie: Uint8Array;
  readonly cookieFile: string;
  readonly password: string | undefined;
  readonly torVersion: string;
  readonly serverNonce?: Uint8Array | undefined;
  /** Send a wrong SERVERHASH (an impostor that does not know the cookie). */
  readonly corruptServerHash?: boolean | undefined;
}

/** Per-connection memory of the handshake. */
export interface PreAuthState {
  protocolInfoSeen: boolean;
  clientHash: Buffer | undefined;
}

export interface PreAuthOutcome {
  readonly reply: string;
  /** tor closes the connection after this reply. */
  readonly close: boolean;
  readonly authenticated: boolean;
}

const SERVER_KEY = 'Tor safe cookie authentication server-to-controller hash';
const CLIENT_KEY = 'Tor safe cookie authentication controller-to-server hash';

export function newPreAuthState(): PreAuthState {
  return { protocolInfoSeen: false, clientHash: undefined };
}

export function formatProtocolInfoReply(settings: ServerAuthSettings): string {
  const methods = settings.methods;
  const cookie = methods.includes('COOKIE') || methods.includes('SAFECOOKIE') ? ` COOKIEFILE=${quoteString(settings.cookieFile)}` : '';
  return `250-PROTOCOLINFO 1\r\n250-AUTH METHODS=${methods.join(',')}${cookie}\r\n250-VERSION Tor="${settings.torVersion}"\r\n250 OK\r\n`;
}

/** Answers one command of a connection that has not authenticated yet. */
export function answerBeforeAuth(state: PreAuthState, settings: ServerAuthSettings, keyword: string, args: string): PreAuthOutcome {
  if (keyword === 'PROTOCOLINFO' && !state.protocolInfoSeen) {
    state.protocolInfoSeen = true;
    return { reply: formatProtocolInfoReply(settings), close: false, authenticated: false };
  }
  if (keyword === 'AUTHCHALLENGE' && state.clientHash === undefined) return answerChallenge(state, settings, args);
  if (keyword === 'AUTHENTICATE') return answerAuthenticate(state, settings, args);
  if (keyword === 'QUIT') return closing('250 closing connection');
  return closing('514 Authentication required.');
}

function closing(line: string): PreAuthOutcome {
  return { reply: `${line}\r\n`, close: true, authenticated: false };
}

function answerChallenge(state: PreAuthState, settings: ServerAuthSettings, args: string): PreAuthOutcome {
  const [method, nonceHex] = args.split(' ');
  if (method !== 'SAFECOOKIE') return closing('513 AUTHCHALLENGE only supports SAFECOOKIE authentication');
  if (nonceHex === undefined || !/^([0-9A-Fa-f]{2})+$/.test(nonceHex)) return closing('513 Invalid base16 client nonce');
  const serverNonce = Buffer.from(settings.serverNonce ?? Buffer.alloc(32, 0x5a));
  const message = Buffer.concat([settings.cookie, Buffer.from(nonceHex, 'hex'), serverNonce]);
  const serverHash = createHmac('sha256', SERVER_KEY).update(message).digest();
  if (settings.corruptServerHash === true) serverHash[0] = serverHash[0]! ^ 0xff;
  state.clientHash = createHmac('sha256', CLIENT_KEY).update(message).digest();
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
  return { reply: `250 AUTHCHALLENGE SERVERHASH=${hex(serverHash)} SERVERNONCE=${hex(serverNonce)}\r\n`, close: false, authenticated: false };
}

function answerAuthenticate(state: PreAuthState, settings: ServerAuthSettings, args: string): PreAuthOutcome {
  const methods = settings.methods;
  let secret: Buffer;
  const quoted = args.includes('"');
  if (quoted) secret = Buffer.from(decodeQuoted(args, args.indexOf('"')).value, 'latin1');
  else if (/^([0-9A-Fa-f]{2})*$/.test(args.trim())) secret = Buffer.from(args.trim(), 'hex');
  else {
    return closing(
      '551 Invalid hexadecimal encoding.  Maybe you tried a plain text password?  If so, the standard requires that you put it in double quotes.',
    );
  }
  const fail = (reason: string) => closing(`515 Authentication failed: ${reason}`);
  if (state.clientHash !== undefined) {
    if (secret.length !== 32) return fail('Wrong length for safe cookie response.');
    if (!secret.equals(state.clientHash)) return fail('Safe cookie response did not match expected value.');
  } else if (!methods.includes('NULL')) {
    const cookieOn = methods.includes('COOKIE') || methods.includes('SAFECOOKIE');
    const passwordOn = methods.includes('HASHEDPASSWORD');
    const cookieOk = cookieOn && secret.length === 32 && secret.equals(Buffer.from(settings.cookie));
    const passwordOk = passwordOn && settings.password !== undefined && secret.equals(Buffer.from(settings.password, 'utf8'));
    if (!cookieOk && !passwordOk) {
      if (cookieOn && passwordOn) return fail('Password did not match HashedControlPassword *or* authentication cookie.');
      if (cookieOn) return fail(secret.length === 32 ? 'Authentication cookie did not match expected value.' : 'Wrong length on authentication cookie.');
      const hint = quoted ? '' : '. Maybe you tried a plain text password? If so, the standard requires that you put it in double quotes.';
      return fail(`Password did not match HashedControlPassword value from configuration${hint}`);
    }
  }
  return { reply: '250 OK\r\n', close: false, authenticated: true };
}
