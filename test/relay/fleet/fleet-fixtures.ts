// Relays for the fleet tests, built from the same model pieces a session keeps (header facts, a
// graph model, a connection store, a log buffer, a weight lookup): a mixed fleet in every state,
// and one relay with hostile strings in every field.
import { GraphModel, type AccountingState } from '../../../src/relay/bandwidth/index.js';
import { createConnectionStore, type ConnectionStore, type Direction } from '../../../src/relay/connections/index.js';
import type { RelaySummaryInput, WeightLookup } from '../../../src/relay/fleet/index.js';
import { emptyHeaderFacts, type HeaderFacts } from '../../../src/relay/header-facts.js';
import { LogBuffer } from '../../../src/relay/log/index.js';

export const NOW_MS = Date.UTC(2025, 0, 15, 12, 0, 0);
const HOST = { hostname: 'fleet.example.org', osName: 'Linux', osRelease: '6.1.0' };
const CONNECTED_SINCE = NOW_MS - 3_600_000;

export function facts(patch: Partial<HeaderFacts> = {}, target = '127.0.0.1:9051'): HeaderFacts {
  return {
    ...emptyHeaderFacts(HOST, target),
    torVersion: '0.4.9.11',
    versionStatus: 'recommended',
    isRelay: true,
    authMethod: 'SAFECOOKIE',
    torStartedAtMs: NOW_MS - (3 * 86_400 + 4 * 3600) * 1000,
    flags: ['Fast', 'Guard', 'HSDir', 'Running', 'Stable', 'V2Dir', 'Valid'],
    liveness: 'up',
    connection: { kind: 'connected', target, authMethod: 'SAFECOOKIE', sinceMs: CONNECTED_SINCE },
    ...patch,
  };
}

/** `seconds` per-second samples ending at `lastAtMs`: read = base + wave, written a bit less. */
export function graphOf(seconds: number, lastAtMs: number | undefined, baseBytes = 1_000_000, accounting?: AccountingState): GraphModel {
  const g = new GraphModel();
  for (let i = 0; i < seconds; i++) {
    const wave = Math.round(baseBytes * 0.5 * (1 + Math.sin(i / 4)));
    const at = lastAtMs === undefined ? NOW_MS : lastAtMs - (seconds - 1 - i) * 1000;
    g.recordSecond({ readBytes: baseBytes + wave, writtenBytes: Math.round((baseBytes + wave) * 0.9) }, at);
  }
  if (lastAtMs === undefined) g.lastSecondAtMs = undefined;
  if (accounting !== undefined) g.accounting = accounting;
  return g;
}

export function storeOf(inbound: number, outbound: number, circuits: number, streams: number, exits: number | undefined): ConnectionStore {
  const s = createConnectionStore();
  const add = (n: number, direction: Direction) => {
    for (let i = 0; i < n; i++) {
      const key = `${direction}-${i}`;
      s.orConns.set(key, {
        key,
        id: key,
        fingerprint: undefined,
        nickname: undefined,
        peerAddress: '192.0.2.1',
        peerPort: 9001 + i,
        status: 'CONNECTED',
        direction,
        directionSource: 'event',
        sinceMs: NOW_MS - 60_000,
        exactAge: true,
        readBytes: 0,
        writtenBytes: 0,
        socket: undefined,
      });
    }
  };
  add(inbound, 'inbound');
  add(outbound, 'outbound');
  for (let i = 0; i < circuits; i++) {
    s.circuits.set(String(i), { id: String(i), status: 'BUILT', path: [], purpose: 'GENERAL', hsState: undefined, rendQuery: undefined, buildFlags: [], createdAtMs: NOW_MS - 1000, sinceMs: NOW_MS - 1000, streamIds: new Set(), readBytes: 0, writtenBytes: 0 });
  }
  for (let i = 0; i < streams; i++) {
    s.streams.set(String(i), { id: String(i), status: 'SUCCEEDED', circuitId: '0', target: 'example.com:443', targetHost: 'example.com', targetPort: 443, exitHost: undefined, exitRelay: undefined, sourceAddr: undefined, purpose: undefined, clientProtocol: undefined, sinceMs: NOW_MS, exactAge: true });
  }
  if (exits !== undefined) {
    s.sockets = { kind: 'sockets', source: 'proc', owner: 'fd', limitation: undefined, atMs: NOW_MS, unmatched: 0 };
    for (let i = 0; i < exits; i++) {
      const socket = { family: 4 as const, localAddress: '198.51.100.7', localPort: 40000 + i, remoteAddress: '93.184.216.34', remotePort: 443, state: 1, uid: 100, inode: 1000 + i };
      s.socketConns.set(socket.inode, { socket, category: 'exit', sinceMs: NOW_MS - 5000, seenOpening: true });
    }
  }
  return s;
}

export function logsOf(entries: ReadonlyArray<[type: string, message: string, agoMs: number]>): LogBuffer {
  const b = new LogBuffer(1000);
  for (const [type, message, agoMs] of entries) b.add({ atMs: NOW_MS - agoMs, type, message, source: 'tor' });
  return b;
}

export const weights = (table: Record<string, number>): WeightLookup => ({
  get: (fp) => (Object.hasOwn(table, fp) ? { bandwidthWeight: table[fp] } : undefined),
});

const FP = (c: string) => c.repeat(40);
const WEIGHTS = weights({ [FP('A')]: 12_400, [FP('B')]: 31_000, [FP('C')]: 800 });

const ACCOUNTING_ON: AccountingState = {
  kind: 'on',
  facts: { hibernating: 'awake', readBytes: 21 * 2 ** 30, writtenBytes: 19 * 2 ** 30, readLimitBytes: 50 * 2 ** 30, writtenLimitBytes: 50 * 2 ** 30, intervalEndMs: NOW_MS + 86_400_000, atMs: NOW_MS },
};

/** Seven relays: connected guard, connected exit, bootstrapping, not answering, password needed, disconnected, connecting. */
export function mixedFleet(): RelaySummaryInput[] {
  return [
    {
      name: 'guard-1',
      facts: facts({ nickname: 'ortopGuardOne', fingerprint: FP('A') }),
      graph: graphOf(120, NOW_MS, 2_000_000, ACCOUNTING_ON),
      connections: storeOf(310, 42, 57, 0, 0),
      logs: logsOf([
        ['NOTICE', 'Bootstrapped 100% (done): Done', 3_000_000],
        ['WARN', 'Your system clock just jumped 120 seconds forward; assuming established circuits no longer work.', 1_800_000],
        ['WARN', 'Received http status code 404 ("Not found") from server 198.51.100.3:80 while fetching "/tor/keys/fp/ABCD".', 600_000],
      ]),
      directory: WEIGHTS,
      health: { status: 'unknown', text: 'ok', bad: 0, warn: 0, unknown: 1 },
    },
    {
      name: 'exit-de',
      facts: facts({ nickname: 'ortopExitDe', fingerprint: FP('B'), flags: ['Exit', 'Fast', 'Running', 'Stable', 'Valid'], versionStatus: 'obsolete', torVersion: '0.4.7.16' }, '/run/tor-instances/exit-de/control'),
      graph: graphOf(75, NOW_MS - 1000, 6_000_000),
      connections: storeOf(1200, 3100, 890, 0, 4321),
      logs: logsOf([['ERR', 'Could not bind to 0.0.0.0:443: Address already in use. Is Tor already running?', 90_000]]),
      directory: WEIGHTS,
      health: { status: 'bad', text: 'overload', bad: 2, warn: 1, unknown: 0 },
    },
    {
      name: 'middle-fr',
      facts: facts({ nickname: 'ortopMiddleFr', fingerprint: FP('C'), flags: [], bootstrap: { progress: 45, tag: 'loading_descriptors', summary: 'Loading relay descriptors', warning: undefined }, torStartedAtMs: NOW_MS - 95_000 }),
      graph: graphOf(20, NOW_MS, 40_000),
      connections: storeOf(0, 4, 2, 0, undefined),
      logs: logsOf([]),
      directory: WEIGHTS,
      health: { status: 'warn', text: '2 warn', bad: 0, warn: 2, unknown: 3 },
    },
    {
      name: 'hung',
      facts: facts({
        nickname: 'ortopHung',
        fingerprint: FP('D'),
        connection: { kind: 'connected', target: '127.0.0.1:9061', authMethod: 'SAFECOOKIE', sinceMs: CONNECTED_SINCE, silence: { command: 'GETINFO traffic/read', askedAtMs: NOW_MS - 25_000, lastHeardAtMs: NOW_MS - 27_000, dropAtMs: NOW_MS + 35_000 } },
      }),
      graph: graphOf(90, NOW_MS - 27_000, 500_000),
      connections: storeOf(80, 12, 9, 0, undefined),
      logs: logsOf([['WARN', 'Heartbeat: tor seems to have stalled', 30_000]]),
      directory: WEIGHTS,
    },
    {
      name: 'locked',
      facts: { ...emptyHeaderFacts(HOST, '127.0.0.1:9071'), connection: { kind: 'disconnected', target: '127.0.0.1:9071', atMs: NOW_MS - 50_000, reason: 'authentication failed', retryAtMs: undefined, problem: 'password needed', manualAction: 'enter the password' } },
    },
    {
      name: 'gone',
      facts: facts({
        nickname: 'ortopGone',
        fingerprint: FP('E'),
        torStartedAtMs: NOW_MS - 7_200_000,
        connection: { kind: 'disconnected', target: '10.0.0.9:9051', atMs: NOW_MS - 120_000, reason: 'connection closed', retryAtMs: NOW_MS + 4_000, problem: 'nothing listening', retrying: '10.0.0.9:9051' },
      }),
      graph: graphOf(300, NOW_MS - 121_000, 800_000),
      connections: storeOf(20, 30, 5, 0, undefined),
      logs: logsOf([]),
      directory: WEIGHTS,
    },
    { name: 'new-one', facts: emptyHeaderFacts(HOST, '192.0.2.44:9051') },
  ];
}

const ESC = '\x1b';
/** Escape sequences, tags, bidi overrides, a wide emoji, C1 controls and a 1 MB nickname. */
export function hostileRelay(): RelaySummaryInput {
  const bigNick = `${'N'.repeat(1 << 19)}${ESC}]0;pwned${'\x07'}${'M'.repeat(1 << 19)}`;
  return {
    name: `evil${ESC}[2J${ESC}[H{red-fg}name\u202e\u{1F600}x`,
    facts: facts({
      nickname: bigNick,
      fingerprint: `\u202eDEADBEEF${ESC}[31m\u0090pwned\u009c`,
      torVersion: `0.4.9.11${ESC}[5m{bold}\u{1F4A9}`,
      versionStatus: `recommended${ESC}]0;pwned\x07`,
      flags: ['Running', `{bold}Fake${ESC}[5mFlag`, 'Valid\r\nInjected', '\u009b31mC1', '\u2066Bidi\u2069'],
    }),
    graph: graphOf(60, NOW_MS, 300_000, {
      kind: 'on',
      facts: { hibernating: `soft${ESC}]0;pwned\x07${ESC}[31m`, readBytes: 1, writtenBytes: 2, readLimitBytes: 10, writtenLimitBytes: 10, intervalEndMs: undefined, atMs: NOW_MS },
    }),
    connections: storeOf(1, 1, 1, 1, 1),
    logs: logsOf([['WARN', `log ${ESC}]0;pwned\x07line ${ESC}[2J\u202eevil\u{1F525}{bold}tag{/bold}\u3042\u3044 ${'x'.repeat(5000)}`, 1000]]),
    directory: weights({}),
  };
}

/** The hostile relay disconnected, with a hostile problem too. */
export function hostileDisconnected(): RelaySummaryInput {
  const r = hostileRelay();
  return { ...r, name: 'evil-down', facts: { ...r.facts, connection: { kind: 'disconnected', target: 'x', atMs: NOW_MS - 1000, reason: 'x', retryAtMs: undefined, problem: `nothing${ESC}]0;pwned\x07 listening\u202e` } } };
}
