// Fixed connection models for the panel snapshots: a relay (inbound, outbound, exit, control and
// directory sockets, one connection of unknown direction), a client (circuits with hops and streams),
// a hostile nickname. Built from tor's own event and status lines so the model code is exercised.
import { parseRouterStatusEntries } from '../../../src/protocol/documents/index.js';
import { parseServerDescriptor } from '../../../src/protocol/documents/index.js';
import {
  applyConnectionEvent,
  applySocketTable,
  CountryCache,
  createConnectionStore,
  parseCircuitStatus,
  parseExitPolicyText,
  parseOrConnStatus,
  parseStreamStatus,
  parseTorListeners,
  reconcileCircuitStatus,
  reconcileOrConnStatus,
  reconcileStreamStatus,
  RelayDirectory,
  type ConnectionStore,
  type RelayDetails,
} from '../../../src/relay/connections/index.js';
import type { SocketEntry } from '../../../src/system/sockets/index.js';
import { ev } from '../../relay/connections/events.js';

export const NOW_MS = Date.UTC(2026, 10, 27, 12, 0, 0);
const MIN = 60_000;

export const FP = {
  guardian: '3EE5BD82604FF4A5E8C96565300270AA38B9FE8A',
  bigexit: '9695DFC35FFEB861329B9F1AB04C46397020CE31',
  moria: 'F2044413DAC2E02E3D6BCF4735A19BCA1DE97281',
  oldfriend: '0011223344556677889900AABBCCDDEEFF001122',
  middle: '7EA6EAD6FD83083C538F44038BBFA077587DD755',
  ours: 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2',
  evil: 'DEADBEEFDEADBEEFDEADBEEFDEADBEEFDEADBEEF',
} as const;

function rLine(nick: string, fp: string, address: string, orPort: number, dirPort: number, flags: string): string {
  const id = Buffer.from(fp, 'hex').toString('base64').replace(/=+$/, '');
  return `r ${nick} ${id} AAAAAAAAAAAAAAAAAAAAAAAAAAA 2026-11-27 09:00:00 ${address} ${orPort} ${dirPort}\ns ${flags}\nw Bandwidth=5000`;
}

export const CONSENSUS = [
  rLine('guardian', FP.guardian, '203.0.113.20', 443, 80, 'Fast Guard Running Stable V2Dir Valid'),
  rLine('bigexit', FP.bigexit, '192.0.2.50', 9001, 0, 'Exit Fast Running Stable Valid'),
  rLine('moria1', FP.moria, '128.31.0.34', 9101, 9131, 'Authority Fast Running Stable V2Dir Valid'),
  rLine('oldfriend', FP.oldfriend, '198.18.0.9', 9001, 0, 'Fast Running Valid'),
  rLine('middleman', FP.middle, '192.0.2.77', 9001, 0, 'Fast Running Stable Valid'),
].join('\n');

export function directory(): RelayDirectory {
  const d = new RelayDirectory();
  d.replaceAll(parseRouterStatusEntries(CONSENSUS));
  return d;
}

export function countries(): CountryCache {
  const c = new CountryCache();
  for (const [a, cc] of Object.entries({ '203.0.113.20': 'de', '192.0.2.50': 'nl', '128.31.0.34': 'us', '198.18.0.9': 'fr', '192.0.2.77': 'se', '100.20.30.40': 'us', '93.184.216.34': 'us', '151.101.1.69': 'gb', '100.1.2.3': 'br' })) c.record(a, cc);
  return c;
}

const sock = (local: string, lport: number, remote: string, rport: number, inode: number): SocketEntry => ({
  family: 4, localAddress: local, localPort: lport, remoteAddress: remote, remotePort: rport, state: 1, uid: 108, inode,
});

export interface Fixture {
  readonly store: ConnectionStore;
  readonly directory: RelayDirectory;
  readonly countries: CountryCache;
}

/** A relay and exit at 198.51.100.7:9001 (DirPort 9030, control 127.0.0.1:9051). */
export function relayFixture(options: { sockets?: 'fd' | 'unavailable'; evil?: boolean } = {}): Fixture {
  const d = directory();
  const store = createConnectionStore();
  store.our = {
    ...store.our,
    listeners: parseTorListeners(new Map([['net/listeners/or', '"198.51.100.7:9001"'], ['net/listeners/dir', '"198.51.100.7:9030"'], ['net/listeners/control', '"127.0.0.1:9051"'], ['net/listeners/socks', '']])),
    exitPolicy: parseExitPolicyText('reject 0.0.0.0/8:*\nreject private:*\naccept *:80\naccept *:443\nreject *:*'),
    guard: true,
  };
  const t0 = NOW_MS - 90 * MIN;
  reconcileOrConnStatus(store, parseOrConnStatus(`$${FP.oldfriend}~oldfriend CONNECTED\n$${FP.middle}~middleman CONNECTED`).lines, t0);
  applyConnectionEvent(store, ev('650 ORCONN 203.0.113.20:51234 NEW ID=1'), NOW_MS - 42 * MIN);
  applyConnectionEvent(store, ev(`650 ORCONN $${FP.guardian}~guardian CONNECTED ID=1`), NOW_MS - 42 * MIN);
  applyConnectionEvent(store, ev('650 ORCONN 100.20.30.40:40000 NEW ID=2'), NOW_MS - 95_000);
  applyConnectionEvent(store, ev('650 ORCONN 100.20.30.40:40000 CONNECTED ID=2'), NOW_MS - 94_000);
  applyConnectionEvent(store, ev(`650 ORCONN $${FP.bigexit}~bigexit LAUNCHED ID=3`), NOW_MS - 7 * MIN);
  applyConnectionEvent(store, ev(`650 ORCONN $${FP.bigexit}~bigexit CONNECTED ID=3`), NOW_MS - 7 * MIN);
  applyConnectionEvent(store, ev(`650 ORCONN $${FP.moria}~moria1 LAUNCHED ID=4`), NOW_MS - 3_000);
  if (options.evil === true) {
    applyConnectionEvent(store, ev(`650 ORCONN $${FP.evil}~ev\x1b[31mil{bold}\x07 LAUNCHED ID=5`), NOW_MS - 60_000);
    applyConnectionEvent(store, ev(`650 CIRC 66 BUILT $${FP.evil}~ev\x1b]0;pwned\x07il,$${FP.bigexit}~bigexit PURPOSE=GENERAL TIME_CREATED=2026-11-27T11:58:00.000000`), NOW_MS);
  }
  applyConnectionEvent(store, ev(`650 CIRC 9 BUILT $${FP.guardian}~guardian,$${FP.middle}~middleman,$${FP.bigexit}~bigexit BUILD_FLAGS=NEED_CAPACITY PURPOSE=MEASURE_TIMEOUT TIME_CREATED=2026-11-27T11:59:40.000000`), NOW_MS);
  if (options.sockets === 'unavailable') {
    applySocketTable(store, { kind: 'unavailable', reason: "tor's file descriptors are not readable (/proc/4242/fd: permission denied)" }, d, NOW_MS - 5_000);
  } else {
    const sockets = [
      sock('198.51.100.7', 9001, '203.0.113.20', 51234, 11),
      sock('198.51.100.7', 9001, '100.20.30.40', 40000, 12),
      sock('198.51.100.7', 47001, '192.0.2.50', 9001, 13),
      sock('198.51.100.7', 47002, '198.18.0.9', 9001, 14),
      sock('127.0.0.1', 9051, '127.0.0.1', 45000, 20),
      sock('198.51.100.7', 50001, '93.184.216.34', 443, 21),
      sock('198.51.100.7', 50002, '151.101.1.69', 80, 22),
      sock('198.51.100.7', 9030, '100.1.2.3', 33333, 23),
    ];
    // The controller on 127.0.0.1:45000 is Nyx (the socket table named it); 24 opened after the first reading.
    const peers = new Map([[20, { pid: 22180, name: 'nyx' }]]);
    applySocketTable(store, { kind: 'sockets', source: 'proc', owner: 'fd', limitation: undefined, sockets, peers }, d, NOW_MS - 30 * MIN);
    applySocketTable(store, { kind: 'sockets', source: 'proc', owner: 'fd', limitation: undefined, sockets: [...sockets, sock('198.51.100.7', 50003, '93.184.216.34', 22, 24)], peers }, d, NOW_MS - 20_000);
  }
  return { store, directory: d, countries: countries() };
}

/** A client (SocksPort 9050): circuits with hops and streams, one still building, an onion circuit. */
export function clientFixture(): Fixture {
  const d = directory();
  const store = createConnectionStore();
  store.our = { ...store.our, listeners: parseTorListeners(new Map([['net/listeners/or', ''], ['net/listeners/socks', '"127.0.0.1:9050"'], ['net/listeners/control', '"127.0.0.1:9051"']])) };
  reconcileOrConnStatus(store, parseOrConnStatus(`$${FP.guardian}~guardian CONNECTED`).lines, NOW_MS - 10 * MIN);
  reconcileCircuitStatus(store, parseCircuitStatus([
    `12 BUILT $${FP.guardian}~guardian,$${FP.middle}~middleman,$${FP.bigexit}~bigexit BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T11:55:00.000000`,
    `14 BUILT $${FP.guardian}~guardian,$${FP.middle}~middleman,$${FP.moria}~moria1 BUILD_FLAGS=IS_INTERNAL,NEED_CAPACITY PURPOSE=HS_CLIENT_REND HS_STATE=HSCR_JOINED REND_QUERY=cij5kl3po7tygv663kkugkukmubyvgrnu52dlmubg536m5baqqazmvad TIME_CREATED=2026-11-27T11:58:30.000000`,
    `15 BUILT $${FP.guardian}~guardian BUILD_FLAGS=ONEHOP_TUNNEL,IS_INTERNAL,NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T11:50:00.000000`,
  ].join('\n')).circuits, NOW_MS - 10 * MIN);
  reconcileStreamStatus(store, parseStreamStatus('71 SENTCONNECT 12 torproject.org:80').streams, NOW_MS - 10 * MIN);
  applyConnectionEvent(store, ev('650 STREAM 70 NEW 0 example.com:443 SOURCE_ADDR=127.0.0.1:49072 PURPOSE=USER CLIENT_PROTOCOL=SOCKS5'), NOW_MS - 65_000);
  applyConnectionEvent(store, ev('650 STREAM 70 SUCCEEDED 12 93.184.216.34:443 CLIENT_PROTOCOL=SOCKS5'), NOW_MS - 64_000);
  applyConnectionEvent(store, ev(`650 STREAM 74 SUCCEEDED 12 127.0.0.1.$${FP.bigexit}.exit:5080 CLIENT_PROTOCOL=SOCKS5`), NOW_MS - 30_000);
  applyConnectionEvent(store, ev('650 STREAM 73 SUCCEEDED 14 cij5kl3po7tygv663kkugkukmubyvgrnu52dlmubg536m5baqqazmvad.onion:80 CLIENT_PROTOCOL=SOCKS5'), NOW_MS - 20_000);
  applyConnectionEvent(store, ev('650 STREAM 72 NEW 0 duckduckgo.com:443 SOURCE_ADDR=127.0.0.1:49080 PURPOSE=USER CLIENT_PROTOCOL=SOCKS5'), NOW_MS - 2_000);
  applyConnectionEvent(store, ev(`650 CIRC 13 EXTENDED $${FP.oldfriend}~oldfriend BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T11:59:58.000000`), NOW_MS - 1_000);
  applySocketTable(store, {
    kind: 'sockets', source: 'proc', owner: 'fd', limitation: undefined,
    sockets: [sock('127.0.0.1', 9050, '127.0.0.1', 49072, 30), sock('127.0.0.1', 9051, '127.0.0.1', 45100, 31), sock('10.0.0.5', 51000, '203.0.113.20', 443, 32)],
    peers: new Map([[31, { pid: 1234, name: 'ortop' }]]),
  }, d, NOW_MS - 60_000);
  return { store, directory: d, countries: countries() };
}

export const GUARDIAN_DESCRIPTOR = [
  'router guardian 203.0.113.20 443 0 80',
  'platform Tor 0.4.9.11 on Linux',
  'published 2026-11-27 10:49:18',
  'fingerprint 3EE5 BD82 604F F4A5 E8C9 6565 3002 70AA 38B9 FE8A',
  'bandwidth 1073741824 1073741824 52428800',
  'contact admin \x1b[31mred\x1b[0m {bold}x{/bold} <guardian AT example dot org>',
  'reject *:*',
].join('\n');

export const GUARDIAN_MICRODESCRIPTOR = [
  'onion-key',
  'ntor-onion-key 9Eoqa2cHJ0BXLzrnGw/0b9C+7H9ozkZAyqBlIbCq0hU',
  'family $7EA6EAD6FD83083C538F44038BBFA077587DD755',
  'id ed25519 2bXkY6aP9VWUMLw2yA5ldQh+0z9C3hQ1QkWqFzQ1x0E',
].join('\n');

export function guardianDetails(): RelayDetails {
  const statusText = CONSENSUS.split('\n').slice(0, 3).join('\n');
  return {
    kind: 'loaded',
    fingerprint: FP.guardian,
    status: parseRouterStatusEntries(statusText)[0],
    statusText,
    descriptor: parseServerDescriptor(GUARDIAN_DESCRIPTOR, { input: 'text' }),
    descriptorText: GUARDIAN_DESCRIPTOR,
    descriptorNote: undefined,
    microdescriptorText: GUARDIAN_MICRODESCRIPTOR,
  };
}
