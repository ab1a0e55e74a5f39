// FakeTor: an in-memory tor control port that speaks the protocol through the Transport interface,
// for controller and UI tests. It must stay faithful to what tor 0.4.9.11 sends (replies and error
// texts captured in research/control-protocol.md) and never use sockets, timers or wall time.
// Framing, the pre-auth state machine, event fan-out and reply formatting are the shared server core
// in src/demo (ControlServer); this file adds the test knobs and its default answers.
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

import { utf8FromByteString } from '../../src/protocol/bytes.js';
import type { ServerAuthSettings } from '../../src/demo/control-auth.js';
import { formatProtocolInfoReply } from '../../src/demo/control-auth.js';
import type { ControlCommand, ControlHandler } from '../../src/demo/control-connection.js';
import { ControlConnection } from '../../src/demo/control-connection.js';
import { ControlServer } from '../../src/demo/control-server.js';
import { planConfChange } from '../../src/demo/conf-edit.js';
import { formatConfLines, formatGetConfReply, formatGetInfoReply } from '../../src/demo/reply-format.js';
import { answerSetEvents } from '../../src/demo/setevents.js';
import { STOPPING_SIGNALS, TOR_0_4_9_EVENT_NAMES, TOR_0_4_9_SIGNAL_NAMES } from '../../src/demo/tor-names.js';
import type { Transport } from '../../src/transport/transport.js';

export { TOR_0_4_9_EVENT_NAMES, TOR_0_4_9_SIGNAL_NAMES };

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
  options: FakeTorOptions;
  conf: Map<string, string[] | null>;
  private readonly server: ControlServer;
  private readonly handlers = new Map<string, CommandHandler>();

  constructor(options: FakeTorOptions = {}) {
    this.options = options;
    this.conf = confTable(options.conf ?? {});
    this.files.set(this.cookieFile, this.cookie);
    this.server = new ControlServer({
      handler: new FakeTorHandler(this),
      description: () => this.address,
      auth: () => this.authSettings(),
      createConnection: (host, description) => new FakeConnection(host, description),
      maxConnections: Number.POSITIVE_INFINITY,
    });
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

  /** How output is cut before delivery: a fixed size, a size per chunk, or undefined for whole writes. */
  get chunkSizes(): number | (() => number) | undefined {
    return this.server.chunkSizes;
  }

  set chunkSizes(value: number | (() => number) | undefined) {
    this.server.chunkSizes = value;
  }

  get connectionsOpened(): number {
    return this.server.connectionsOpened;
  }

  get isHeld(): boolean {
    return this.server.isHeld;
  }

  /** Connections currently open. */
  get openConnections(): number {
    return this.server.openConnections;
  }

  /** Events the newest open connection subscribed to, sorted. */
  get subscribedEvents(): string[] {
    const newest = this.server.openConnectionList.pop();
    return newest === undefined ? [] : [...newest.events].sort();
  }

  /** The TransportFactory: a new connection, or ECONNREFUSED while killed. */
  readonly openTransport = (): Promise<Transport> => this.server.openTransport();

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
    this.server.emitEvent(event);
  }

  /** Raw bytes (latin1 string) to every authenticated connection. */
  emitRaw(text: string): void {
    this.server.emitRaw(text);
  }

  /** Stop answering: commands queue until release(). */
  hold(): void {
    this.server.hold();
  }

  release(): void {
    this.server.release();
  }

  /** tor dies: every connection drops and new ones are refused. */
  kill(): void {
    this.server.stop();
  }

  /** tor starts again (optionally with changed options, e.g. a new cookie); configuration is re-read. */
  restart(options: Partial<FakeTorOptions> = {}): void {
    this.server.dropAll();
    this.options = { ...this.options, ...options };
    this.conf = confTable(this.options.conf ?? {});
    this.files.set(this.cookieFile, this.cookie);
    this.server.listen();
  }

  forget(connection: FakeConnection): void {
    this.server.forget(connection);
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

  private authSettings(): ServerAuthSettings {
    return {
      methods: this.options.authMethods ?? ['NULL'],
      cookie: this.cookie,
      cookieFile: this.cookieFile,
      password: this.options.password,
      torVersion: this.options.version ?? '0.4.9.11',
      serverNonce: this.options.serverNonce,
      corruptServerHash: this.options.corruptServerHash,
    };
  }
}

/** The tor side of one control connection; to the controller it is the Transport. */
export class FakeConnection extends ControlConnection {}

/** FakeTor's behaviour on top of the shared server core: the command log, personalities, overrides, default answers. */
class FakeTorHandler implements ControlHandler {
  constructor(private readonly tor: FakeTor) {}

  receive(command: ControlCommand, connection: FakeConnection): boolean {
    this.tor.commands.push(command.text);
    const personality = this.tor.options.personality ?? 'tor';
    if (personality === 'silent') return true;
    if (personality === 'http') {
      connection.sendAndClose('HTTP/1.0 400 Bad Request\r\nContent-Type: text/html\r\n\r\n');
      return true;
    }
    if (personality === 'garbage') {
      connection.sendAndClose('\u0000\u0001SSH-2.0-OpenSSH_9.6\r\n');
      return true;
    }
    return false;
  }

  override(command: ControlCommand, connection: FakeConnection): string | undefined {
    return this.tor.handlerFor(command.name)?.(command.args, connection);
  }

  answer(command: ControlCommand, connection: FakeConnection): string {
    return answer(this.tor, connection, command.keyword, command.args);
  }
}

/** Default answers of an authenticated connection. */
function answer(tor: FakeTor, connection: FakeConnection, keyword: string, args: string): string {
  const words = args.split(' ').filter((w) => w !== '');
  switch (keyword) {
    case 'GETINFO': {
      const table = infoTable(tor);
      return formatGetInfoReply(words, (key) => {
        const value = table.get(key);
        return value === undefined ? undefined : typeof value === 'string' ? { value } : value;
      });
    }
    case 'GETCONF':
      return formatGetConfReply(words, (name) => {
        const key = tor.findConfKey(name);
        return key === undefined ? undefined : { key, values: tor.conf.get(key) ?? null };
      });
    case 'SETCONF':
    case 'RESETCONF': {
      const plan = planConfChange(keyword, args, { find: (n) => tor.findConfKey(n), defaultOf: (k) => tor.defaultConf(k) });
      if (plan.kind === 'refused') return `${plan.reply}\r\n`;
      for (const [key, values] of plan.updates) tor.conf.set(key, values);
      queueMicrotask(() => tor.announceConfChange([...plan.updates.keys()]));
      return '250 OK\r\n';
    }
    case 'SETEVENTS':
      return answerSetEvents(args, tor.options.eventNames ?? TOR_0_4_9_EVENT_NAMES, connection.events);
    case 'SIGNAL': {
      const signal = (words[0] ?? '').toUpperCase();
      if (!(tor.options.signalNames ?? TOR_0_4_9_SIGNAL_NAMES).includes(signal)) return `552 Unrecognized signal code "${words[0] ?? ''}"\r\n`;
      if (STOPPING_SIGNALS.includes(signal)) {
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
      return formatProtocolInfoReply({
        methods: tor.options.authMethods ?? ['NULL'],
        cookie: tor.cookie,
        cookieFile: tor.cookieFile,
        password: undefined,
        torVersion: tor.options.version ?? '0.4.9.11',
      });
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

function confTable(conf: Readonly<Record<string, FakeConfValue>>): Map<string, string[] | null> {
  return new Map(Object.entries(conf).map(([k, v]) => [k, v === null ? null : typeof v === 'string' ? [v] : [...v]]));
}
