// Seeded generator of a recorded-looking tor event stream (650 events, CRLF, as tor writes them) for
// bench/parse.ts. Shapes follow the tor 0.4.9.11 captures in control-protocol.md §5.2. Produces bytes
// only (latin1 byte strings); it must not depend on src/protocol, so it cannot share a parser's bugs.

import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { seededRandom } from '../test/helpers/seeded-random.js';

/** Bump when the generated shapes change, so cached files are regenerated. */
export const STREAM_VERSION = 2;

export type Rng = () => number;

const HEX = '0123456789ABCDEF';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const SYLLABLES = ['tor', 'relay', 'onion', 'node', 'exit', 'guard', 'snow', 'flux', 'nyx', 'mix', 'zero', 'pi', 'kappa', 'lambda', 'ano', 'priv', 'ix'];
const BUILD_FLAGS = ['NEED_CAPACITY', 'NEED_CAPACITY,NEED_UPTIME', 'IS_INTERNAL,NEED_CAPACITY', 'IS_INTERNAL,NEED_CAPACITY,NEED_UPTIME', 'IS_INTERNAL,NEED_UPTIME', 'ONEHOP_TUNNEL,IS_INTERNAL,NEED_CAPACITY'];
const PURPOSES = ['GENERAL', 'GENERAL', 'GENERAL', 'CONFLUX_UNLINKED', 'CONFLUX_LINKED', 'HS_VANGUARDS', 'HS_SERVICE_INTRO', 'HS_SERVICE_REND', 'HS_CLIENT_HSDIR', 'HS_CLIENT_INTRO', 'HS_CLIENT_REND', 'MEASURE_TIMEOUT'];
const HS_STATES: Record<string, readonly string[]> = {
  HS_SERVICE_INTRO: ['HSSI_CONNECTING', 'HSSI_ESTABLISHED'],
  HS_SERVICE_REND: ['HSSR_CONNECTING', 'HSSR_JOINED'],
  HS_CLIENT_INTRO: ['HSCI_CONNECTING', 'HSCI_INTRO_SENT', 'HSCI_DONE'],
  HS_CLIENT_REND: ['HSCR_CONNECTING', 'HSCR_ESTABLISHED_IDLE', 'HSCR_ESTABLISHED_WAITING', 'HSCR_JOINED'],
};
const CIRC_REASONS = ['FINISHED', 'DESTROYED', 'TIMEOUT', 'NOPATH', 'CHANNEL_CLOSED', 'OR_CONN_CLOSED', 'MEASUREMENT_EXPIRED', 'IP_NOW_REDUNDANT'];
const STREAM_REASONS = ['END', 'DONE', 'TIMEOUT', 'CANT_ATTACH', 'MISC', 'CONNECTREFUSED', 'EXITPOLICY'];
const ORCONN_REASONS = ['DONE', 'CONNECTREFUSED', 'IOERROR', 'TLS_ERROR', 'TIMEOUT', 'MISC'];
const FLAG_SETS = ['Fast Running Stable Valid', 'Fast Guard HSDir Running Stable V2Dir Valid', 'Exit Fast Guard HSDir Running Stable V2Dir Valid', 'Fast Running V2Dir Valid', 'Exit Fast Running Valid'];
const HOSTS = ['example.com', 'www.torproject.org', 'check.torproject.org', 'cdn.example.net', 'api.example.org', '93.184.216.34', '2001:db8::1', 'b\xc3\xbccher.example'];

interface Relay {
  readonly fp: string;
  readonly nick: string;
  readonly longName: string;
  readonly idB64: string;
  readonly address: string;
  readonly orPort: number;
}

/** Weighted mix of event kinds (parts per 10,000). */
export const EVENT_MIX: readonly (readonly [string, number])[] = [
  ['CIRC', 1800],
  ['CIRC_BW', 1600],
  ['INFO', 1800],
  ['STREAM', 1000],
  ['ORCONN', 800],
  ['BW', 600],
  ['NOTICE', 600],
  ['STREAM_BW', 400],
  ['BUILDTIMEOUT_SET', 300],
  ['CIRC_MINOR', 200],
  ['WARN', 200],
  ['GUARD', 150],
  ['STATUS_CLIENT', 150],
  ['HS_DESC', 150],
  ['NS', 100],
  ['CONF_CHANGED', 50],
  ['NETWORK_LIVENESS', 50],
  ['SIGNAL', 50],
];

class StreamGenerator {
  private readonly relays: Relay[] = [];
  private circId = 1;
  private streamId = 1;
  private connId = 1;
  private usec = Date.UTC(2026, 10, 27, 9, 46, 41) * 1000 + 551960;
  private secondCache = { sec: -1, text: '' };
  private readonly table: string[] = [];

  constructor(private readonly rand: Rng) {
    for (let i = 0; i < 400; i++) {
      const fp = this.chars(HEX, 40);
      const nick = (this.pick(SYLLABLES) + this.pick(SYLLABLES) + (this.rand() < 0.6 ? String(this.int(1000)) : '')).slice(0, 19);
      this.relays.push({
        fp,
        nick,
        longName: `$${fp}~${nick}`,
        idB64: this.chars(B64, 27),
        address: `${1 + this.int(223)}.${this.int(256)}.${this.int(256)}.${1 + this.int(254)}`,
        orPort: this.pick([443, 9001, 9001, 9090, 8443]),
      });
    }
    for (const [kind, weight] of EVENT_MIX) for (let i = 0; i < weight; i++) this.table.push(kind);
  }

  /** One event, as the bytes tor sends (latin1 byte string, CRLF line ends). */
  next(): string {
    this.usec += 50 + this.int(2000);
    switch (this.table[this.int(this.table.length)]) {
      case 'CIRC': return this.circ();
      case 'CIRC_BW': return this.circBw();
      case 'INFO': return this.info();
      case 'STREAM': return this.stream();
      case 'ORCONN': return this.orconn();
      case 'BW': return `650 BW ${this.int(5_000_000)} ${this.int(5_000_000)}\r\n`;
      case 'NOTICE': return this.notice();
      case 'STREAM_BW': return `650 STREAM_BW ${1 + this.int(this.streamId)} ${this.int(500_000)} ${this.int(2_000_000)} ${this.time()}\r\n`;
      case 'BUILDTIMEOUT_SET': return this.buildTimeout();
      case 'CIRC_MINOR': return this.circMinor();
      case 'WARN': return this.warn();
      case 'GUARD': return `650 GUARD ENTRY ${this.relay().longName} ${this.pick(['NEW', 'UP', 'DOWN', 'GOOD', 'BAD', 'DROPPED', 'GOOD_L2', 'BAD_L2'])}\r\n`;
      case 'STATUS_CLIENT': return this.statusClient();
      case 'HS_DESC': return this.hsDesc();
      case 'NS': return this.ns();
      case 'CONF_CHANGED': return this.confChanged();
      case 'NETWORK_LIVENESS': return `650 NETWORK_LIVENESS ${this.pick(['UP', 'DOWN'])}\r\n`;
      default: return `650 SIGNAL ${this.pick(['RELOAD', 'NEWNYM', 'CLEARDNSCACHE', 'HEARTBEAT', 'DUMP'])}\r\n`;
    }
  }

  private circ(): string {
    const r = this.rand();
    const id = r < 0.15 ? this.circId++ : 1 + this.int(this.circId);
    const purpose = this.pick(PURPOSES);
    const status = r < 0.15 ? 'LAUNCHED' : r < 0.45 ? 'EXTENDED' : r < 0.7 ? 'BUILT' : r < 0.8 ? 'FAILED' : r < 0.98 ? 'CLOSED' : 'GUARD_WAIT';
    const hops = status === 'LAUNCHED' ? 0 : status === 'EXTENDED' ? 1 + this.int(3) : status === 'FAILED' ? this.int(3) : purpose.startsWith('HS_') ? 4 : 3;
    let line = `650 CIRC ${id} ${status}`;
    if (hops > 0) line += ` ${this.path(hops)}`;
    line += ` BUILD_FLAGS=${this.pick(BUILD_FLAGS)} PURPOSE=${purpose}`;
    const hsStates = HS_STATES[purpose];
    if (hsStates !== undefined) line += ` HS_STATE=${this.pick(hsStates)} REND_QUERY=${this.onion()}`;
    line += ` TIME_CREATED=${this.time(-this.int(60_000_000))}`;
    if (status === 'FAILED' || status === 'CLOSED') {
      line += ` REASON=${this.pick(CIRC_REASONS)}`;
      if (this.rand() < 0.3) line += ` REMOTE_REASON=${this.pick(CIRC_REASONS)}`;
    }
    if (purpose.startsWith('CONFLUX')) line += ` CONFLUX_ID=${this.chars(HEX, 32)}`;
    if (this.rand() < 0.01) line += ` SOCKS_USERNAME="o\\'brien x\\\\y" SOCKS_PASSWORD="pa\\"ss\\303\\251=1"`;
    return `${line}\r\n`;
  }

  private circMinor(): string {
    const purpose = this.pick(['CONFLUX_LINKED', 'HS_CLIENT_REND', 'GENERAL']);
    let line = `650 CIRC_MINOR ${1 + this.int(this.circId)} ${this.pick(['PURPOSE_CHANGED', 'CANNIBALIZED'])} ${this.path(3)} BUILD_FLAGS=${this.pick(BUILD_FLAGS)} PURPOSE=${purpose}`;
    if (purpose === 'HS_CLIENT_REND') line += ` HS_STATE=HSCR_ESTABLISHED_WAITING REND_QUERY=${this.onion()}`;
    line += ` TIME_CREATED=${this.time(-this.int(60_000_000))}`;
    if (purpose === 'CONFLUX_LINKED') line += ` CONFLUX_ID=${this.chars(HEX, 32)} OLD_PURPOSE=CONFLUX_UNLINKED`;
    else if (purpose === 'HS_CLIENT_REND') line += ' OLD_PURPOSE=HS_CLIENT_REND OLD_HS_STATE=HSCR_ESTABLISHED_IDLE';
    else line += ' OLD_PURPOSE=HS_VANGUARDS';
    return `${line}\r\n`;
  }

  private circBw(): string {
    const read = this.int(600_000);
    const written = this.int(200_000);
    const dr = Math.floor(read * 0.6);
    const dw = Math.floor(written * 0.5);
    let line = `650 CIRC_BW ID=${1 + this.int(this.circId)} READ=${read} WRITTEN=${written} TIME=${this.time()} DELIVERED_READ=${dr} OVERHEAD_READ=${read - dr} DELIVERED_WRITTEN=${dw} OVERHEAD_WRITTEN=${written - dw}`;
    if (this.rand() < 0.5) line += ` SS=${this.int(2)} CWND=${31 + this.int(2000)} RTT=${this.int(900)} MIN_RTT=${this.int(300)}`;
    return `${line}\r\n`;
  }

  private stream(): string {
    const r = this.rand();
    const status = r < 0.2 ? 'NEW' : r < 0.35 ? 'SENTCONNECT' : r < 0.45 ? 'REMAP' : r < 0.65 ? 'SUCCEEDED' : r < 0.9 ? 'CLOSED' : r < 0.95 ? 'FAILED' : r < 0.98 ? 'DETACHED' : 'NEWRESOLVE';
    const id = status === 'NEW' ? this.streamId++ : 1 + this.int(this.streamId);
    const circ = status === 'NEW' || status === 'NEWRESOLVE' ? 0 : 1 + this.int(this.circId);
    const target = this.target();
    let line = `650 STREAM ${id} ${status} ${circ} ${target}`;
    if (status === 'CLOSED' || status === 'FAILED' || status === 'DETACHED') {
      line += ` REASON=${this.pick(STREAM_REASONS)}`;
      if (this.rand() < 0.6) line += ` REMOTE_REASON=${this.pick(STREAM_REASONS)}`;
    }
    if (status === 'REMAP') line += ` SOURCE=${this.pick(['EXIT', 'CACHE'])}`;
    if (status === 'NEW' || status === 'NEWRESOLVE') {
      line += ` SOURCE_ADDR=127.0.0.1:${32768 + this.int(28000)} PURPOSE=${status === 'NEW' ? 'USER' : 'DNS_REQUEST'}`;
    }
    const group = -2 - this.int(8);
    line += ` CLIENT_PROTOCOL=SOCKS5 NYM_EPOCH=${this.int(4)} SESSION_GROUP=${group} ISO_FIELDS=SOCKS_USERNAME,SOCKS_PASSWORD,CLIENTADDR,SESSION_GROUP,NYM_EPOCH`;
    return `${line}\r\n`;
  }

  private target(): string {
    const r = this.rand();
    if (r < 0.15) {
      const exit = this.relay();
      return `${exit.address}.${this.rand() < 0.5 ? '$' : ''}${exit.fp}.exit:${this.pick([80, 443, 5080])}`;
    }
    if (r < 0.25) return `${this.onion()}.onion:${this.pick([80, 443])}`;
    return `${this.pick(HOSTS)}:${this.pick([80, 443, 443, 8080, 53])}`;
  }

  private orconn(): string {
    const relay = this.relay();
    const r = this.rand();
    const status = r < 0.2 ? 'NEW' : r < 0.4 ? 'LAUNCHED' : r < 0.7 ? 'CONNECTED' : r < 0.8 ? 'FAILED' : 'CLOSED';
    const name = status === 'NEW' && this.rand() < 0.5 ? `${relay.address}:${32768 + this.int(28000)}` : relay.longName;
    let line = `650 ORCONN ${name} ${status}`;
    if (status === 'FAILED' || status === 'CLOSED') line += ` REASON=${this.pick(ORCONN_REASONS)}`;
    if (status !== 'NEW' && status !== 'CONNECTED') line += ` NCIRCS=${this.int(12)}`;
    line += ` ID=${status === 'NEW' || status === 'LAUNCHED' ? this.connId++ : 1 + this.int(this.connId)}`;
    return `${line}\r\n`;
  }

  private info(): string {
    const relay = this.relay();
    switch (this.int(8)) {
      case 0: return `650 INFO circuit_finish_handshake(): Finished building circuit hop: ${relay.nick} at ${relay.address}\r\n`;
      case 1: return `650 INFO connection_edge_process_relay_cell_not_open(): '${this.pick(['connected', 'resolved'])}' received for circid ${this.int(2 ** 31)} streamid ${this.int(65536)} after ${this.int(3000)} seconds.\r\n`;
      case 2: return `650 INFO circuit_mark_for_close_(): Circuit ${this.int(2 ** 31)} (id: ${this.circId}) marked for close at src/core/or/circuituse.c:${this.int(3000)} (orig reason: ${this.int(12)}, new reason: 0)\r\n`;
      case 3: return `650 INFO connection_dir_client_reached_eof(): Received server descriptor for "${relay.nick}" with contact "caf\\303\\251 \\"q\\"" from ${relay.address}:${relay.orPort}\r\n`;
      case 4: return `650 INFO router_pick_directory_server(): No trusted dirservers are reachable. Trying them all again. Nickname caf\xe9 \xff\xfe raw\r\n`;
      case 5: return `650 INFO update_consensus_bootstrap_attempt_downloads(): Launching ns bootstrap authority networkstatus consensus download.\r\n`;
      case 6: return `650 INFO channel_tls_process_versions_cell(): Negotiated version ${3 + this.int(3)} on ${relay.address}:${relay.orPort}; Waiting for CERTS cell\r\n`;
      default: return `650 INFO connection_ap_handshake_rewrite_and_attach(): Client asked for ${this.pick(HOSTS)}:443 (M\xc3\xbcnchen \xe2\x9c\x93)\r\n`;
    }
  }

  private notice(): string {
    switch (this.int(5)) {
      case 0: return `650 NOTICE Bootstrapped ${this.int(101)}% (${this.pick(['conn', 'handshake', 'loading_descriptors', 'done'])}): ${this.pick(['Connecting to a relay', 'Loading relay descriptors', 'Done'])}\r\n`;
      case 1: return `650 NOTICE Heartbeat: Tor's uptime is ${this.int(30)} days ${this.int(24)}:00 hours, with ${this.int(5000)} circuits open. I've sent ${(this.rand() * 900).toFixed(2)} GB and received ${(this.rand() * 900).toFixed(2)} GB. I've received ${this.int(100000)} connections on IPv4 and ${this.int(1000)} on IPv6. I've made ${this.int(10000)} connections with IPv4 and ${this.int(100)} with IPv6.\r\n`;
      case 2: return `650 NOTICE Your network connection speed appears to have changed. Resetting timeout to ${this.int(60000)}ms after ${this.int(18)} timeouts and ${this.int(1000)} buildtimes. [${this.int(2000)} similar message(s) suppressed in last 180 seconds]\r\n`;
      case 3: return '650 NOTICE DisableNetwork is set. Tor will not make or accept non-control network connections. Shutting down all existing connections.\r\n';
      default: return `650 NOTICE New control connection opened from 127.0.0.1.\r\n`;
    }
  }

  private warn(): string {
    switch (this.int(3)) {
      case 0: return `650 WARN Received http status code 404 ("Not found") from server ${this.relay().address}:80 while fetching "/tor/keys/fp/${this.relay().fp}".\r\n`;
      case 1: return "650 WARN Controller gave us config lines that didn't validate: Unknown option 'NoSuchOption'.  Failing.\r\n";
      default: return `650 WARN Problem bootstrapping. Stuck at ${this.int(100)}% (conn): Connecting to a relay. (Connection refused; CONNECTREFUSED; count ${this.int(50)}; recommendation warn; host ${this.relay().fp} at ${this.relay().address}:443)\r\n`;
    }
  }

  private buildTimeout(): string {
    return `650 BUILDTIMEOUT_SET ${this.pick(['COMPUTED', 'COMPUTED', 'RESET'])} TOTAL_TIMES=${this.int(1000)} TIMEOUT_MS=${this.int(60000)} XM=${this.int(1000)} ALPHA=${(this.rand() * 12).toFixed(6)} CUTOFF_QUANTILE=0.800000 TIMEOUT_RATE=${this.rand().toFixed(6)} CLOSE_MS=60000 CLOSE_RATE=${this.rand().toFixed(6)}\r\n`;
  }

  private statusClient(): string {
    switch (this.int(4)) {
      case 0: return `650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=${this.int(101)} TAG=conn SUMMARY="Connecting to a relay"\r\n`;
      case 1: return '650 STATUS_CLIENT WARN BOOTSTRAP PROGRESS=80 TAG=conn_or SUMMARY="Connecting to the Tor network" WARNING="Network is unreachable" REASON=NOROUTE COUNT=5 RECOMMENDATION=warn\r\n';
      case 2: return '650 STATUS_CLIENT NOTICE CIRCUIT_ESTABLISHED\r\n';
      default: return `650 STATUS_CLIENT WARN DANGEROUS_SOCKS PROTOCOL=SOCKS5 ADDRESS=127.0.0.1:${1024 + this.int(60000)}\r\n`;
    }
  }

  private hsDesc(): string {
    const onion = this.onion();
    const hsdir = this.relay().longName;
    const descId = this.chars(B64, 43);
    switch (this.int(4)) {
      case 0: return `650 HS_DESC CREATED ${onion} UNKNOWN UNKNOWN ${descId}\r\n`;
      case 1: return `650 HS_DESC UPLOAD ${onion} UNKNOWN ${hsdir} ${descId} HSDIR_INDEX=${this.chars(HEX, 64)}\r\n`;
      case 2: return `650 HS_DESC UPLOADED ${onion} UNKNOWN ${hsdir}\r\n`;
      default: return `650 HS_DESC REQUESTED ${onion} NO_AUTH ${hsdir} ${descId} HSDIR_INDEX=${this.chars(HEX, 64)}\r\n`;
    }
  }

  private ns(): string {
    let out = '650+NS\r\n';
    const entries = 1 + this.int(3);
    for (let i = 0; i < entries; i++) {
      const relay = this.relay();
      out += `r ${relay.nick} ${relay.idB64} ${this.chars(B64, 27)} 2038-01-01 00:00:00 ${relay.address} ${relay.orPort} 0\r\n`;
      if (this.rand() < 0.2) out += `a [2001:db8::${this.int(65536).toString(16)}]:${relay.orPort}\r\n`;
      out += `s ${this.pick(FLAG_SETS)}\r\nw Bandwidth=${this.int(100000)}\r\n`;
    }
    return `${out}.\r\n650 OK\r\n`;
  }

  private confChanged(): string {
    return this.rand() < 0.5
      ? '650-CONF_CHANGED\r\n650-ContactInfo="caf\\303\\251 \\"q\\" back\\\\slash"\r\n650-Nickname=weird\r\n650 OK\r\n'
      : `650-CONF_CHANGED\r\n650-Log\r\n650-MaxCircuitDirtiness=${60 + this.int(600)}\r\n650 OK\r\n`;
  }

  private path(hops: number): string {
    const parts: string[] = [];
    for (let i = 0; i < hops; i++) parts.push(this.relay().longName);
    return parts.join(',');
  }

  private onion(): string {
    return this.chars(BASE32, 56);
  }

  /** ISOTime2Frac "2026-11-27T09:47:36.602531", offset in microseconds from now. */
  private time(offsetUsec = 0): string {
    const t = this.usec + offsetUsec;
    const sec = Math.floor(t / 1_000_000);
    if (sec !== this.secondCache.sec) {
      this.secondCache = { sec, text: new Date(sec * 1000).toISOString().slice(0, 19) };
    }
    return `${this.secondCache.text}.${String(t - sec * 1_000_000).padStart(6, '0')}`;
  }

  private relay(): Relay {
    return this.relays[this.int(this.relays.length)]!;
  }

  private int(n: number): number {
    return Math.floor(this.rand() * n);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  private chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
}

export interface StreamFile {
  readonly path: string;
  readonly events: number;
  readonly generated: boolean;
}

/** Writes `events` events from `seed` to `path` (via a temp file + rename), unless it already exists. */
export function ensureEventStream(path: string, events: number, seed: number): StreamFile {
  if (existsSync(path)) return { path, events, generated: false };
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const gen = new StreamGenerator(seededRandom(seed));
    const batch: string[] = [];
    for (let i = 0; i < events; i++) {
      batch.push(gen.next());
      if (batch.length === 10_000 || i === events - 1) {
        writeSync(fd, Buffer.from(batch.join(''), 'latin1'));
        batch.length = 0;
      }
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return { path, events, generated: true };
}
