// FakeTor: an in-memory tor control port that speaks the protocol through the Transport interface,
// for controller and UI tests. It must stay faithful to what tor 0.4.9.11 sends (replies and error
// texts captured in research/control-protocol.md) and never use sockets, timers or wall time.
//
// Usage:
//   const tor = new FakeTor({ authMethods: ['COOKIE', 'SAFECOOKIE'], info: { fingerprint: 'ABCD…' } });
//   const controller = new Controller({ openTransport: tor.openTransport, clock: new ManualClock(),
//                                       auth: { readCookie: tor.readCookie } });
//   await controller.open();
//   tor.commands                  // every command line received, in order: ['PROTOCOLINFO 1', …, 'SETEVENTS BW CONF_CHANGED SIGNAL']
//   tor.subscribedEvents          // events the newest open connection is subscribed to
//   tor.emitEvent('BW 10 20')     // "650 BW 10 20" to every connection subscribed to BW
//   tor.emitEvent(['CONF_CHANGED', 'Nickname=x'])   // multi-line: 650-CONF_CHANGED / 650-Nickname=x / 650 OK
//   tor.emitRaw('650 BW 1 2\r\n') // raw bytes to every authenticated connection
//   tor.chunkSizes = () => 1      // deliver output one byte at a time (or any size sequence)
//   tor.hold(); …; tor.release()  // stop answering commands (they queue) / answer the queued ones
//   tor.handle('GETINFO', (args) => '551 Address unknown\r\n')   // override a command (return undefined = default)
//   tor.kill(); tor.restart()     // drop every connection and refuse new ones (ECONNREFUSED) / listen again
//   tor.files.set(tor.cookieFile, { errno: 'EACCES' })   // what tor.readCookie (a CookieReader) returns/throws
//   tor.conf.set('Nickname', ['x']); tor.announceConfChange(['Nickname'])   // another controller changed it
//   await settle()                // let queued deliveries and promise chains run (one macrotask turn)
// Options: authMethods, cookie, cookieFile, password, version, info, conf, eventNames, signalNames,
// circuits, includesInTorrc, serverNonce, corruptServerHash, personality ('tor' | 'http' | 'garbage' | 'silent').
// Behaviour follows tor: pre-auth only PROTOCOLINFO (once), AUTHCHALLENGE (once), AUTHENTICATE, QUIT, anything
// else gets 514 and a close; failed AUTHENTICATE gets 515 with tor's texts and a close; GETINFO/GETCONF
// unknown keys give 552 lines only; SETCONF/RESETCONF answer 250 then CONF_CHANGED; SIGNAL HUP/RELOAD
// answer 250 then "650 SIGNAL RELOAD"; SAVECONF with includesInTorrc answers 551 unless FORCE.

import { createHmac } from 'node:crypto';
import { quoteString } from '../../src/protocol/commands.js';
import { utf8FromByteString } from '../../src/protocol/bytes.js';
import { decodeQuoted } from '../../src/protocol/cstring.js';
import { tokenize } from '../../src/protocol/tokens.js';
import { NothingListeningError } from '../../src/transport/errors.js';
import type { Transport } from '../../src/transport/transport.js';

export type FakeConfValue = string | readonly string[] | null;
export type FakeInfoValue = string | { readonly error: string };
export type CommandHandler = (args: string, connection: FakeConnection) => string | undefined;

export interface FakeTorOptions {
  /** PROTOCOLINFO methods. Default ['NULL']. */
  readonly authMethods?: readonly string[];
  readonly cookie?: Uint8Array;
  readonly cookieFile?: string;
  readonly password?: string;
  readonly version?: string;
  /** Extra GETINFO answers; `{ error: '551 Address unknown' }` makes a key fail. */
  readonly info?: Readonly<Record<string, FakeInfoValue>>;
  /** Configuration, by canonical option name; null = default/unset, a list = LineList. */
  readonly conf?: Readonly<Record<string, FakeConfValue>>;
  readonly eventNames?: readonly string[];
  readonly signalNames?: readonly string[];
  readonly circuits?: readonly string[];
  /** The torrc uses %include: SAVECONF without FORCE fails as tor does. */
  readonly includesInTorrc?: boolean;
  readonly serverNonce?: Uint8Array;
  /** Send a wrong SERVERHASH (an impostor that does not know the cookie). */
  readonly corruptServerHash?: boolean;
  readonly personality?: 'tor' | 'http' | 'garbage' | 'silent';
  readonly address?: string;
}

export const TOR_0_4_9_EVENT_NAMES = (
  'CIRC CIRC_MINOR STREAM ORCONN BW DEBUG INFO NOTICE WARN ERR NEWDESC ADDRMAP DESCCHANGED NS STATUS_GENERAL ' +
  'STATUS_CLIENT STATUS_SERVER GUARD STREAM_BW CLIENTS_SEEN NEWCONSENSUS BUILDTIMEOUT_SET SIGNAL CONF_CHANGED ' +
  'CONN_BW CELL_STATS CIRC_BW TRANSPORT_LAUNCHED HS_DESC HS_DESC_CONTENT NETWORK_LIVENESS'
).split(' ');
export const TOR_0_4_9_SIGNAL_NAMES =
  'RELOAD HUP SHUTDOWN DUMP USR1 DEBUG USR2 HALT TERM INT NEWNYM CLEARDNSCACHE HEARTBEAT ACTIVE DORMANT'.split(' ');
/** The cookie of the SAFECOOKIE worked example (research/control-protocol.md §3.4). */
export const EXAMPLE_COOKIE = Buffer.from('4B9FCA8A9BE2A6BD4DFBC9A4B36453869064C971108EFC26D3AB1920441E830F', 'hex');

/** Lets every queued delivery and the promise chains it triggers run (one macrotask turn). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class FakeTor {
  /** Every command line received (without CRLF), across all connections, in arrival order. */
  readonly commands: string[] = [];
  /** Files readCookie can read; an { errno } entry makes reading fail with that code. */
  readonly files = new Map<string, Uint8Array | { readonly errno: string }>();
  /** How output is cut before delivery: a fixed size, a size per chunk, or undefined for whole writes. */
  chunkSizes: number | (() => number) | undefined;
  options: FakeTorOptions;
  conf: Map<string, string[] | null>;
  connectionsOpened = 0;
  private listening = true;
  private held = false;
  private readonly connections = new Set<FakeConnection>();
  private readonly handlers = new Map<string, CommandHandler>();

  constructor(options: FakeTorOptions = {}) {
    this.options = options;
    this.conf = confTable(options.conf ?? {});
    this.files.set(this.cookieFile, this.cookie);
  }

  get cookie(): Uint8Array {
    return this.options.cookie ?? EXAMPLE_COOKIE;
  }

  get cookieFile(): string {
    return this.options.cookieFile ?? '/var/lib/tor/control_auth_cookie';
  }

  get address(): string {
    return this.options.address ?? 'fake-tor:9051';
  }

  get isHeld(): boolean {
    return this.held;
  }

  /** Connections currently open. */
  get openConnections(): number {
    return this.connections.size;
  }

  /** Events the newest open connection subscribed to, sorted. */
  get subscribedEvents(): string[] {
    const newest = [...this.connections].pop();
    return newest === undefined ? [] : [...newest.events].sort();
  }

  /** The TransportFactory: a new connection, or ECONNREFUSED while killed. */
  readonly openTransport = async (): Promise<Transport> => {
    if (!this.listening) throw new NothingListeningError(this.address, 'ECONNREFUSED', false);
    const connection = new FakeConnection(this);
    this.connections.add(connection);
    this.connectionsOpened++;
    return connection;
  };

  /** A CookieReader over `files`. */
  readonly readCookie = async (file: string): Promise<Uint8Array> => {
    const entry = this.files.get(file);
    if (entry === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT' });
    if ('errno' in entry) throw Object.assign(new Error(`${entry.errno}: cannot open '${file}'`), { code: entry.errno });
    return entry;
  };

  handle(keyword: string, handler: CommandHandler | undefined): void {
    if (handler === undefined) this.handlers.delete(keyword.toUpperCase());
    else this.handlers.set(keyword.toUpperCase(), handler);
  }

  handlerFor(keyword: string): CommandHandler | undefined {
    return this.handlers.get(keyword);
  }

  /** One-line event ("BW 1 2") or multi-line (['CONF_CHANGED', 'Nickname=x']) to subscribed connections. */
  emitEvent(event: string | readonly string[]): void {
    const lines = typeof event === 'string' ? [event] : event;
    const type = (lines[0] ?? '').split(' ')[0]!;
    const text =
      lines.length === 1 ? `650 ${lines[0]}\r\n` : `${lines.map((l) => `650-${l}\r\n`).join('')}650 OK\r\n`;
    for (const c of this.connections) if (c.authenticated && c.events.has(type)) c.send(text);
  }

  /** Raw bytes (latin1 string) to every authenticated connection. */
  emitRaw(text: string): void {
    for (const c of this.connections) if (c.authenticated) c.send(text);
  }

  /** Stop answering: commands queue until release(). */
  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    for (const c of this.connections) c.processQueued();
  }

  /** tor dies: every connection drops and new ones are refused. */
  kill(): void {
    this.listening = false;
    for (const c of [...this.connections]) c.drop();
  }

  /** tor starts again (optionally with changed options, e.g. a new cookie); configuration is re-read. */
  restart(options: Partial<FakeTorOptions> = {}): void {
    for (const c of [...this.connections]) c.drop();
    this.options = { ...this.options, ...options };
    this.conf = confTable(this.options.conf ?? {});
    this.files.set(this.cookieFile, this.cookie);
    this.listening = true;
    this.held = false;
  }

  forget(connection: FakeConnection): void {
    this.connections.delete(connection);
  }

  /** Sends CONF_CHANGED for these options to every subscribed connection. */
  announceConfChange(keys: readonly string[]): void {
    const lines = ['CONF_CHANGED'];
    for (const key of keys) lines.push(...formatConfLines(key, this.conf.get(key) ?? null));
    this.emitEvent(lines);
  }

  findConfKey(name: string): string | undefined {
    const lower = name.toLowerCase();
    for (const key of this.conf.keys()) if (key.toLowerCase() === lower) return key;
    return undefined;
  }

  defaultConf(key: string): string[] | null {
    return confTable(this.options.conf ?? {}).get(key) ?? null;
  }
}

/** The tor side of one control connection; to the controller it is the Transport. */
export class FakeConnection implements Transport {
  readonly description: string;
  readonly events = new Set<string>();
  authenticated = false;
  private readonly tor: FakeTor;
  private closed = false;
  /** Set when the process died: queued output is lost. */
  private dropped = false;
  private protocolInfoSeen = false;
  private challenge: { clientHash: Buffer } | undefined;
  private inbound = '';
  private multiLine: { head: string; data: string[] } | undefined;
  private readonly queued: string[] = [];
  private readonly dataListeners: Array<(chunk: Uint8Array) => void> = [];
  private readonly closeListeners: Array<(error?: Error) => void> = [];
  private readonly early: Uint8Array[] = [];

  constructor(tor: FakeTor) {
    this.tor = tor;
    this.description = tor.address;
  }

  // ---- Transport (the controller's side) ----

  write(bytes: string | Uint8Array): void {
    if (this.closed) return;
    this.inbound += Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('latin1');
    let lf: number;
    while ((lf = this.inbound.indexOf('\n')) >= 0) {
      const line = this.inbound.slice(0, lf).replace(/\r$/, '');
      this.inbound = this.inbound.slice(lf + 1);
      this.takeLine(line);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.tor.forget(this);
    queueMicrotask(() => this.fireClose(undefined));
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.dataListeners.push(listener);
    for (const chunk of this.early.splice(0)) listener(chunk);
  }

  onClose(listener: (error?: Error) => void): void {
    this.closeListeners.push(listener);
  }

  // ---- tor's side ----

  /** Queues bytes (latin1 string) for delivery, cut per tor.chunkSizes, each piece in its own microtask. */
  send(text: string): void {
    if (this.closed) return;
    const bytes = Buffer.from(text, 'latin1');
    let offset = 0;
    while (offset < bytes.length) {
      const sizeSpec = this.tor.chunkSizes;
      const size = sizeSpec === undefined ? bytes.length : typeof sizeSpec === 'number' ? sizeSpec : sizeSpec();
      const piece = bytes.subarray(offset, offset + Math.max(1, size));
      offset += piece.length;
      queueMicrotask(() => this.deliver(piece));
    }
  }

  /** Ends the connection after everything already queued has been delivered (as tor does after 514/515). */
  sendAndClose(text: string): void {
    this.send(text);
    this.closed = true;
    this.tor.forget(this);
    queueMicrotask(() => this.fireClose(undefined));
  }

  /** The process died: nothing more is delivered. */
  drop(): void {
    if (this.closed) return;
    this.closed = true;
    this.dropped = true;
    this.tor.forget(this);
    queueMicrotask(() => this.fireClose(undefined));
  }

  processQueued(): void {
    while (!this.tor.isHeld && this.queued.length > 0 && !this.closed) this.execute(this.queued.shift()!);
  }

  private deliver(piece: Uint8Array): void {
    if (this.dropped) return;
    if (this.dataListeners.length === 0) this.early.push(piece);
    for (const l of this.dataListeners) l(piece);
  }

  private fireClose(error: Error | undefined): void {
    for (const l of this.closeListeners.splice(0)) l(error);
  }

  private takeLine(line: string): void {
    if (this.multiLine !== undefined) {
      if (line === '.') {
        const { head, data } = this.multiLine;
        this.multiLine = undefined;
        this.enqueue(`${head}\n${data.join('\n')}`);
      } else this.multiLine.data.push(line.startsWith('.') ? line.slice(1) : line);
      return;
    }
    if (line.startsWith('+')) {
      this.multiLine = { head: line, data: [] };
      return;
    }
    this.enqueue(line);
  }

  private enqueue(command: string): void {
    this.tor.commands.push(command);
    const personality = this.tor.options.personality ?? 'tor';
    if (personality === 'silent') return;
    if (personality === 'http') return this.sendAndClose('HTTP/1.0 400 Bad Request\r\nContent-Type: text/html\r\n\r\n');
    if (personality === 'garbage') return this.sendAndClose('\u0000\u0001SSH-2.0-OpenSSH_9.6\r\n');
    this.queued.push(command);
    this.processQueued();
  }

  private execute(command: string): void {
    const sp = command.indexOf(' ');
    const keyword = (sp < 0 ? command : command.slice(0, sp)).toUpperCase();
    const args = sp < 0 ? '' : command.slice(sp + 1);
    const custom = this.tor.handlerFor(keyword.replace(/^\+/, ''))?.(args, this);
    if (custom !== undefined) return this.send(custom);
    if (!this.authenticated) return this.executeUnauthenticated(keyword, args);
    this.send(answer(this.tor, this, keyword, args));
  }

  private executeUnauthenticated(keyword: string, args: string): void {
    if (keyword === 'PROTOCOLINFO' && !this.protocolInfoSeen) {
      this.protocolInfoSeen = true;
      return this.send(protocolInfoReply(this.tor));
    }
    if (keyword === 'AUTHCHALLENGE' && this.challenge === undefined) return this.answerChallenge(args);
    if (keyword === 'AUTHENTICATE') return this.answerAuthenticate(args);
    if (keyword === 'QUIT') return this.sendAndClose('250 closing connection\r\n');
    this.sendAndClose('514 Authentication required.\r\n');
  }

  private answerChallenge(args: string): void {
    const [method, nonceHex] = args.split(' ');
    if (method !== 'SAFECOOKIE') return this.sendAndClose('513 AUTHCHALLENGE only supports SAFECOOKIE authentication\r\n');
    if (nonceHex === undefined || !/^([0-9A-Fa-f]{2})+$/.test(nonceHex)) return this.sendAndClose('513 Invalid base16 client nonce\r\n');
    const serverNonce = Buffer.from(this.tor.options.serverNonce ?? Buffer.alloc(32, 0x5a));
    const message = Buffer.concat([this.tor.cookie, Buffer.from(nonceHex, 'hex'), serverNonce]);
    const serverHash = createHmac('sha256', 'Tor safe cookie authentication server-to-controller hash').update(message).digest();
    if (this.tor.options.corruptServerHash === true) serverHash[0] = serverHash[0]! ^ 0xff;
    this.challenge = {
      clientHash: createHmac('sha256', 'Tor safe cookie authentication controller-to-server hash').update(message).digest(),
    };
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
    this.send(`250 AUTHCHALLENGE SERVERHASH=${hex(serverHash)} SERVERNONCE=${hex(serverNonce)}\r\n`);
  }

  private answerAuthenticate(args: string): void {
    const methods = this.tor.options.authMethods ?? ['NULL'];
    let secret: Buffer;
    const quoted = args.includes('"');
    if (quoted) secret = Buffer.from(decodeQuoted(args, args.indexOf('"')).value, 'latin1');
    else if (/^([0-9A-Fa-f]{2})*$/.test(args.trim())) secret = Buffer.from(args.trim(), 'hex');
    else {
      return this.sendAndClose(
        '551 Invalid hexadecimal encoding.  Maybe you tried a plain text password?  If so, the standard requires that you put it in double quotes.\r\n',
      );
    }
    const fail = (reason: string) => this.sendAndClose(`515 Authentication failed: ${reason}\r\n`);
    if (this.challenge !== undefined) {
      if (secret.length !== 32) return fail('Wrong length for safe cookie response.');
      if (!secret.equals(this.challenge.clientHash)) return fail('Safe cookie response did not match expected value.');
    } else if (!methods.includes('NULL')) {
      const cookieOn = methods.includes('COOKIE') || methods.includes('SAFECOOKIE');
      const passwordOn = methods.includes('HASHEDPASSWORD');
      const cookieOk = cookieOn && secret.length === 32 && secret.equals(Buffer.from(this.tor.cookie));
      const passwordOk = passwordOn && this.tor.options.password !== undefined && secret.equals(Buffer.from(this.tor.options.password, 'utf8'));
      if (!cookieOk && !passwordOk) {
        if (cookieOn && passwordOn) return fail('Password did not match HashedControlPassword *or* authentication cookie.');
        if (cookieOn) return fail(secret.length === 32 ? 'Authentication cookie did not match expected value.' : 'Wrong length on authentication cookie.');
        const hint = quoted ? '' : '. Maybe you tried a plain text password? If so, the standard requires that you put it in double quotes.';
        return fail(`Password did not match HashedControlPassword value from configuration${hint}`);
      }
    }
    this.authenticated = true;
    this.send('250 OK\r\n');
  }
}

function protocolInfoReply(tor: FakeTor): string {
  const methods = tor.options.authMethods ?? ['NULL'];
  const cookie = methods.includes('COOKIE') || methods.includes('SAFECOOKIE') ? ` COOKIEFILE=${quoteString(tor.cookieFile)}` : '';
  return `250-PROTOCOLINFO 1\r\n250-AUTH METHODS=${methods.join(',')}${cookie}\r\n250-VERSION Tor="${tor.options.version ?? '0.4.9.11'}"\r\n250 OK\r\n`;
}

/** Default answers of an authenticated connection. */
function answer(tor: FakeTor, connection: FakeConnection, keyword: string, args: string): string {
  const words = args.split(' ').filter((w) => w !== '');
  switch (keyword) {
    case 'GETINFO':
      return answerGetInfo(tor, words);
    case 'GETCONF':
      return answerGetConf(tor, words);
    case 'SETCONF':
    case 'RESETCONF':
      return answerSetConf(tor, keyword, args);
    case 'SETEVENTS': {
      const names = new Set(tor.options.eventNames ?? TOR_0_4_9_EVENT_NAMES);
      const upper = words.map((w) => w.toUpperCase()).filter((w) => w !== 'EXTENDED');
      const bad = upper.filter((w) => !names.has(w));
      if (bad.length > 0) return `552 Unrecognized event "${bad[0]}"\r\n`;
      connection.events.clear();
      for (const w of upper) connection.events.add(w);
      return '250 OK\r\n';
    }
    case 'SIGNAL': {
      const signal = (words[0] ?? '').toUpperCase();
      if (!(tor.options.signalNames ?? TOR_0_4_9_SIGNAL_NAMES).includes(signal)) return `552 Unrecognized signal code "${words[0] ?? ''}"\r\n`;
      if (['SHUTDOWN', 'HALT', 'TERM', 'INT'].includes(signal)) {
        queueMicrotask(() => tor.kill());
        return '250 OK\r\n';
      }
      const reported = signal === 'HUP' ? 'RELOAD' : signal;
      queueMicrotask(() => tor.emitEvent(`SIGNAL ${reported}`));
      return '250 OK\r\n';
    }
    case 'SAVECONF':
      if (tor.options.includesInTorrc === true && (words[0] ?? '').toUpperCase() !== 'FORCE') return '551 Unable to write configuration to disk.\r\n';
      return '250 OK\r\n';
    case 'CLOSECIRCUIT':
      return (tor.options.circuits ?? []).includes(words[0] ?? '') ? '250 OK\r\n' : `552 Unknown circuit "${words[0] ?? ''}"\r\n`;
    case 'PROTOCOLINFO':
      return protocolInfoReply(tor);
    case 'AUTHENTICATE':
      return '250 OK\r\n';
    case 'QUIT':
      queueMicrotask(() => connection.close());
      return '250 closing connection\r\n';
    default:
      return `510 Unrecognized command "${keyword}"\r\n`;
  }
}

function infoTable(tor: FakeTor): Map<string, FakeInfoValue> {
  return new Map<string, FakeInfoValue>([
    ['version', tor.options.version ?? '0.4.9.11'],
    ['events/names', (tor.options.eventNames ?? TOR_0_4_9_EVENT_NAMES).join(' ')],
    ['signal/names', (tor.options.signalNames ?? TOR_0_4_9_SIGNAL_NAMES).join(' ')],
    ['config-file', '/etc/tor/torrc'],
    ['config-can-saveconf', tor.options.includesInTorrc === true ? '0' : '1'],
    ['process/pid', '4242'],
    ...Object.entries(tor.options.info ?? {}),
  ]);
}

function answerGetInfo(tor: FakeTor, keys: readonly string[]): string {
  const table = infoTable(tor);
  const unknown = keys.filter((k) => !table.has(k));
  if (unknown.length > 0) return unknown.map((k, i) => `552${i === unknown.length - 1 ? ' ' : '-'}Unrecognized key "${k}"\r\n`).join('');
  let out = '';
  for (const key of keys) {
    const value = table.get(key)!;
    if (typeof value !== 'string') return `${value.error}\r\n`;
    if (value.includes('\n')) {
      const body = value.split('\n').map((l) => (l.startsWith('.') ? `.${l}` : l));
      out += `250+${key}=\r\n${body.join('\r\n')}\r\n.\r\n`;
    } else out += `250-${key}=${value}\r\n`;
  }
  return `${out}250 OK\r\n`;
}

function answerGetConf(tor: FakeTor, names: readonly string[]): string {
  if (names.length === 0) return '250 OK\r\n';
  const unknown = names.filter((n) => tor.findConfKey(n) === undefined);
  if (unknown.length > 0) {
    return unknown.map((k, i) => `552${i === unknown.length - 1 ? ' ' : '-'}Unrecognized configuration key "${k}"\r\n`).join('');
  }
  const lines = names.flatMap((n) => {
    const key = tor.findConfKey(n)!;
    return formatConfLines(key, tor.conf.get(key) ?? null);
  });
  return lines.map((l, i) => `250${i === lines.length - 1 ? ' ' : '-'}${l}\r\n`).join('');
}

function answerSetConf(tor: FakeTor, keyword: string, args: string): string {
  const tokens = tokenize(args);
  const updates = new Map<string, string[] | null>();
  for (const t of tokens) {
    const name = t.key ?? t.value;
    const key = tor.findConfKey(name);
    if (key === undefined) {
      return `552 Unrecognized option: Unknown option '${name}'.  Failing.\r\n`;
    }
    if (keyword === 'RESETCONF') {
      updates.set(key, tor.defaultConf(key));
    } else if (t.key === undefined) {
      updates.set(key, null);
    } else {
      const list = updates.get(key) ?? [];
      updates.set(key, [...list, utf8FromByteString(t.value)]);
    }
  }
  for (const [key, values] of updates) tor.conf.set(key, values);
  queueMicrotask(() => tor.announceConfChange([...updates.keys()]));
  return '250 OK\r\n';
}

function formatConfLines(key: string, values: readonly string[] | null): string[] {
  if (values === null || values.length === 0) return [key];
  // eslint-disable-next-line no-control-regex
  return values.map((v) => (/^"|[\\\r\n\t\u0000-\u001f\u007f]/.test(v) ? `${key}=${quoteString(v)}` : `${key}=${v}`));
}

function confTable(conf: Readonly<Record<string, FakeConfValue>>): Map<string, string[] | null> {
  return new Map(Object.entries(conf).map(([k, v]) => [k, v === null ? null : typeof v === 'string' ? [v] : [...v]]));
}
