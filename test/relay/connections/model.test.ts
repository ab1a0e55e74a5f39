import { describe, expect, it } from 'vitest';
import { parseExitPolicy, parseRouterStatusEntries } from '../../../src/protocol/documents/index.js';
import {
  applyConnectionEvent,
  applySocketTable,
  countOrConnections,
  createConnectionStore,
  orConnCategory,
  orConnDirectionNote,
  parseCircuitStatus,
  parseOrConnStatus,
  parseStreamStatus,
  parseTorListeners,
  reconcileCircuitStatus,
  reconcileOrConnStatus,
  reconcileStreamStatus,
  RelayDirectory,
  type ConnectionStore,
} from '../../../src/relay/connections/index.js';
import type { SocketEntry } from '../../../src/system/sockets/index.js';
import { ev, FP_A0, FP_R1, FP_R2, FP_R3, NS_ALL } from './events.js';

function relayStore(): ConnectionStore {
  const store = createConnectionStore();
  store.our = {
    ...store.our,
    listeners: parseTorListeners(new Map([['net/listeners/or', '"127.0.0.1:5020"'], ['net/listeners/control', '"127.0.0.1:9051"'], ['net/listeners/socks', '"127.0.0.1:9050"']])),
  };
  return store;
}

describe('OR connections from ORCONN events', () => {
  it('keys by ID: an inbound connection named by address, then by identity, keeps its peer address', () => {
    const store = relayStore();
    applyConnectionEvent(store, ev('650 ORCONN 127.0.0.1:34632 NEW ID=24'), 1000);
    applyConnectionEvent(store, ev(`650 ORCONN $${FP_R1}~r1 CONNECTED ID=24`), 2000);
    expect([...store.orConns.values()]).toMatchObject([
      { key: '24', id: '24', fingerprint: FP_R1, nickname: 'r1', peerAddress: '127.0.0.1', peerPort: 34632, status: 'CONNECTED', direction: 'inbound', directionSource: 'event', sinceMs: 1000, exactAge: true },
    ]);
    applyConnectionEvent(store, ev(`650 ORCONN $${FP_R1}~r1 CLOSED REASON=TLS_ERROR ID=24`), 3000);
    expect(store.orConns.size).toBe(0);
  });

  it('marks LAUNCHED connections outbound, drops FAILED ones, and counts per direction', () => {
    const store = relayStore();
    applyConnectionEvent(store, ev(`650 ORCONN $${FP_R3}~r3 LAUNCHED ID=15`), 0);
    applyConnectionEvent(store, ev(`650 ORCONN $${FP_A0}~a0 LAUNCHED ID=16`), 0);
    applyConnectionEvent(store, ev('650 ORCONN 10.1.1.1:443 NEW ID=17'), 0);
    applyConnectionEvent(store, ev(`650 ORCONN $${FP_A0}~a0 FAILED REASON=CONNECTREFUSED NCIRCS=1 ID=16`), 0);
    expect(countOrConnections(store)).toEqual({ inbound: 1, outbound: 1 });
    applyConnectionEvent(store, ev('650 CONN_BW ID=15 TYPE=OR READ=11085 WRITTEN=4808'), 0);
    applyConnectionEvent(store, ev('650 CONN_BW ID=15 TYPE=OR READ=1 WRITTEN=2'), 0);
    expect(store.orConns.get('15')).toMatchObject({ readBytes: 11086, writtenBytes: 4810 });
  });

  it('reconciles orconn-status: directions from tor names, takeover by the first event, extras dropped', () => {
    const store = relayStore();
    const status = [`$${FP_A0}~a0 CONNECTED`, `$${FP_R1}~r1 LAUNCHED`, '127.0.0.1:57356 CONNECTED', '203.0.113.9:41000 NEW', 'garbage'].join('\n');
    const parsed = parseOrConnStatus(status);
    expect(parsed.malformed).toBe(1);
    reconcileOrConnStatus(store, parsed.lines, 5000);
    const byName = new Map([...store.orConns.values()].map((c) => [c.fingerprint ?? `${c.peerAddress}:${c.peerPort}`, c]));
    expect(byName.get(FP_A0)).toMatchObject({ id: undefined, direction: undefined, exactAge: false, sinceMs: 5000 });
    expect(orConnCategory(byName.get(FP_A0)!, store.our)).toBe('relay');
    expect(byName.get(FP_R1)).toMatchObject({ direction: 'outbound', directionSource: 'name' });
    expect(byName.get('127.0.0.1:57356')).toMatchObject({ direction: 'inbound' });
    expect(byName.get('203.0.113.9:41000')).toMatchObject({ direction: 'inbound' });
    // The next event for a0 takes over the status-only entry (keeping its first-seen time).
    applyConnectionEvent(store, ev(`650 ORCONN $${FP_A0}~a0 CLOSED REASON=DONE ID=59`), 6000);
    expect(store.orConns.size).toBe(3);
    applyConnectionEvent(store, ev('650 ORCONN 127.0.0.1:57356 CONNECTED ID=70'), 7000);
    expect(store.orConns.get('70')).toMatchObject({ sinceMs: 5000, exactAge: false, direction: 'inbound' });
    expect(store.orConns.size).toBe(3);
    // A fresh answer without r1 removes it; a duplicate for the client address adds one.
    reconcileOrConnStatus(store, parseOrConnStatus(['127.0.0.1:57356 CONNECTED', '127.0.0.1:57356 CONNECTED', '203.0.113.9:41000 NEW'].join('\n')).lines, 8000);
    expect([...store.orConns.values()].map((c) => `${c.fingerprint ?? c.peerAddress}:${c.id ?? '-'}`).sort()).toEqual(['127.0.0.1:-', '127.0.0.1:70', '203.0.113.9:-']);
  });

  it('on a client (no ORPort) every OR connection is outbound', () => {
    const store = createConnectionStore();
    store.our = { ...store.our, listeners: parseTorListeners(new Map([['net/listeners/or', ''], ['net/listeners/socks', '"127.0.0.1:9050"']])) };
    reconcileOrConnStatus(store, parseOrConnStatus(`$${FP_A0}~a0 CONNECTED`).lines, 0);
    expect(countOrConnections(store)).toEqual({ inbound: 0, outbound: 1 });
  });

  it('keeps the map under its cap, oldest out first', () => {
    const store = createConnectionStore({ orConns: 3, circuits: 2, streams: 2, sockets: 2 });
    for (let i = 1; i <= 5; i++) applyConnectionEvent(store, ev(`650 ORCONN 10.0.0.${i}:1 NEW ID=${i}`), i);
    expect([...store.orConns.keys()]).toEqual(['3', '4', '5']);
    for (let i = 1; i <= 4; i++) applyConnectionEvent(store, ev(`650 CIRC ${i} LAUNCHED PURPOSE=GENERAL`), i);
    expect([...store.circuits.keys()]).toEqual(['3', '4']);
  });
});

describe('circuits and streams', () => {
  const BUILT = `650 CIRC 53 BUILT $${FP_R1}~r1,$${FP_A0}~a0,$${FP_R3}~r3 BUILD_FLAGS=NEED_CAPACITY,NEED_UPTIME PURPOSE=GENERAL TIME_CREATED=2026-11-27T09:47:36.602531`;

  it('follows a circuit from launch to close, with its streams attached and detached', () => {
    const store = createConnectionStore();
    applyConnectionEvent(store, ev('650 CIRC 53 LAUNCHED BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T09:47:36.602531'), 100);
    applyConnectionEvent(store, ev(`650 CIRC 53 EXTENDED $${FP_R1}~r1 BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T09:47:36.602531`), 200);
    applyConnectionEvent(store, ev(BUILT), 300);
    const circuit = store.circuits.get('53')!;
    expect(circuit).toMatchObject({ status: 'BUILT', purpose: 'GENERAL', sinceMs: 100, createdAtMs: Date.UTC(2026, 10, 27, 9, 47, 36, 602) + 0.531 });
    expect(circuit.path.map((h) => h.nickname)).toEqual(['r1', 'a0', 'r3']);
    applyConnectionEvent(store, ev('650 STREAM 70 NEW 0 127.0.0.1:5080 SOURCE_ADDR=127.0.0.1:49072 PURPOSE=USER CLIENT_PROTOCOL=SOCKS5'), 400);
    expect(store.streams.get('70')).toMatchObject({ circuitId: undefined, sourceAddr: '127.0.0.1:49072', exactAge: true });
    applyConnectionEvent(store, ev(`650 STREAM 70 SENTCONNECT 53 127.0.0.1.${FP_R3}.exit:5080 CLIENT_PROTOCOL=SOCKS5`), 500);
    applyConnectionEvent(store, ev(`650 STREAM 70 SUCCEEDED 53 127.0.0.1.${FP_R3}.exit:5080 CLIENT_PROTOCOL=SOCKS5`), 600);
    expect([...circuit.streamIds]).toEqual(['70']);
    expect(store.streams.get('70')).toMatchObject({ status: 'SUCCEEDED', sourceAddr: '127.0.0.1:49072', targetPort: 5080 });
    applyConnectionEvent(store, ev('650 STREAM 75 DETACHED 53 127.0.0.1:5999 REASON=END REMOTE_REASON=MISC CLIENT_PROTOCOL=SOCKS5'), 700);
    expect([...circuit.streamIds]).toEqual(['70', '75']);
    applyConnectionEvent(store, ev('650 STREAM 75 SENTCONNECT 0 127.0.0.1:5999 CLIENT_PROTOCOL=SOCKS5'), 700);
    expect([...circuit.streamIds]).toEqual(['70']);
    applyConnectionEvent(store, ev('650 STREAM 75 SENTCONNECT 53 127.0.0.1:5999'), 750);
    expect([...circuit.streamIds]).toEqual(['70', '75']);
    applyConnectionEvent(store, ev('650 STREAM 75 SENTCONNECT 54 127.0.0.1:5999'), 800);
    expect([...circuit.streamIds]).toEqual(['70']);
    applyConnectionEvent(store, ev(`650 STREAM 70 CLOSED 53 127.0.0.1.${FP_R3}.exit:5080 REASON=END REMOTE_REASON=DONE`), 900);
    expect([...circuit.streamIds]).toEqual([]);
    applyConnectionEvent(store, ev('650 CIRC_BW ID=53 READ=1527 WRITTEN=2036 TIME=2026-11-27T09:47:37.602903 DELIVERED_READ=187 OVERHEAD_READ=1307 DELIVERED_WRITTEN=384 OVERHEAD_WRITTEN=1608'), 950);
    expect(circuit).toMatchObject({ readBytes: 1527, writtenBytes: 2036 });
    applyConnectionEvent(store, ev('650 CIRC_MINOR 53 PURPOSE_CHANGED $6257306CB798C2E3FFDE47520B4820F8E7234B9E~r1 PURPOSE=CONFLUX_LINKED OLD_PURPOSE=GENERAL'), 960);
    expect(circuit.purpose).toBe('CONFLUX_LINKED');
    applyConnectionEvent(store, ev(`${BUILT.replace('BUILT', 'CLOSED')} REASON=FINISHED`), 1000);
    expect(store.circuits.size).toBe(0);
  });

  it('reconciles circuit-status and stream-status (empty single-line answers included)', () => {
    const store = createConnectionStore();
    applyConnectionEvent(store, ev('650 CIRC 9 LAUNCHED PURPOSE=GENERAL'), 0);
    const circuits = parseCircuitStatus(`${BUILT.slice('650 CIRC '.length)}\n3247 BUILT $${FP_R3}~r3,$${FP_R2}~r2 BUILD_FLAGS=IS_INTERNAL,NEED_UPTIME PURPOSE=HS_SERVICE_INTRO HS_STATE=HSSI_CONNECTING REND_QUERY=cij5kl3po7tygv663kkugkukmubyvgrnu52dlmubg536m5baqqazmvad TIME_CREATED=2026-11-27T09:48:39.929548`);
    reconcileCircuitStatus(store, circuits.circuits, 10);
    expect([...store.circuits.keys()]).toEqual(['53', '3247']);
    expect(store.circuits.get('3247')).toMatchObject({ purpose: 'HS_SERVICE_INTRO', hsState: 'HSSI_CONNECTING' });
    const streams = parseStreamStatus('70 SUCCEEDED 53 example.com:443\n71 NEW 0 [2001:db8::1]:80\nbad');
    expect(streams.malformed).toBe(1);
    reconcileStreamStatus(store, streams.streams, 20);
    expect([...store.circuits.get('53')!.streamIds]).toEqual(['70']);
    expect(store.streams.get('71')).toMatchObject({ targetHost: '2001:db8::1', exactAge: false });
    reconcileCircuitStatus(store, parseCircuitStatus('').circuits, 30);
    reconcileStreamStatus(store, parseStreamStatus('').streams, 30);
    expect(store.circuits.size + store.streams.size).toBe(0);
  });
});

describe('the socket table joined to what tor reports', () => {
  const sock = (local: string, lport: number, remote: string, rport: number, inode: number): SocketEntry => ({
    family: 4, localAddress: local, localPort: lport, remoteAddress: remote, remotePort: rport, state: 1, uid: 108, inode,
  });

  function setup() {
    const store = relayStore();
    store.our = { ...store.our, exitPolicy: parseExitPolicy(['reject 127.0.0.2:*', 'accept 127.0.0.0/8:*', 'accept *:443', 'reject *:*']) };
    const directory = new RelayDirectory();
    directory.replaceAll(parseRouterStatusEntries(NS_ALL));
    return { store, directory };
  }

  it('pins an inbound socket on the only relay at its address', () => {
    const { store, directory } = setup();
    reconcileOrConnStatus(store, parseOrConnStatus(`$${FP_R3}~r3 CONNECTED`).lines, 0);
    applySocketTable(store, { kind: 'sockets', source: 'proc', owner: 'uid', limitation: 'x', sockets: [sock('127.0.0.1', 5020, '127.0.0.2', 40000, 1)] }, directory, 1);
    expect([...store.orConns.values()][0]).toMatchObject({ direction: 'inbound', directionSource: 'socket', socket: { remotePort: 40000 } });
  });

  it('lends endpoints and directions to OR connections and makes rows only for what tor does not report', () => {
    const { store, directory } = setup();
    reconcileOrConnStatus(store, parseOrConnStatus([`$${FP_A0}~a0 CONNECTED`, `$${FP_R1}~r1 CONNECTED`, '198.51.100.4:50000 CONNECTED'].join('\n')).lines, 0);
    applySocketTable(store, {
      kind: 'sockets', source: 'proc', owner: 'fd', limitation: undefined,
      sockets: [
        sock('127.0.0.1', 5020, '127.0.0.1', 40000, 1), // inbound from 127.0.0.1, where a0, r1 and r2 all are
        sock('127.0.0.1', 41000, '127.0.0.1', 5010, 2), // outbound to r1's ORPort
        sock('127.0.0.1', 5020, '198.51.100.4', 50000, 3), // the client
        sock('127.0.0.1', 9051, '127.0.0.1', 45000, 4), // a controller
        sock('127.0.0.1', 9050, '127.0.0.1', 49072, 5), // a SOCKS client
        sock('127.0.0.1', 42000, '127.0.0.1', 5001, 6), // a0's DirPort
        sock('127.0.0.1', 43000, '93.184.216.34', 443, 7), // exit to port 443
        sock('127.0.0.1', 44000, '93.184.216.34', 80, 8), // policy rejects: unmatched
        sock('127.0.0.1', 44001, '127.0.0.2', 8080, 9), // policy rejects 127.0.0.2: unmatched
      ],
    }, directory, 100);
    const conns = [...store.orConns.values()];
    expect(conns.find((c) => c.fingerprint === FP_R1)).toMatchObject({ direction: 'outbound', directionSource: 'socket', socket: { inode: 2 } });
    // a0, r1 and r2 share 127.0.0.1 (Nyx #9): the inbound socket cannot be pinned on one of them, but
    // a0 has no socket to its ORPort while one came from its address: inbound by elimination.
    expect(conns.find((c) => c.fingerprint === FP_A0)).toMatchObject({ direction: 'inbound', directionSource: 'elimination', socket: undefined });
    // …said in an operator's words in the detail box, not in the matcher's.
    expect(orConnDirectionNote(conns.find((c) => c.fingerprint === FP_A0)!, store.our)).toBe('it connected to us (we have none open to its ORPort; other relays share its IP)');
    expect(conns.find((c) => c.peerAddress === '198.51.100.4')?.socket?.inode).toBe(3);
    expect([...store.socketConns.values()].map((r) => [r.socket.inode, r.category])).toEqual([[4, 'control'], [5, 'socks'], [6, 'directory'], [7, 'exit']]);
    expect(store.sockets).toMatchObject({ kind: 'sockets', unmatched: 2 });
    expect(store.socketConns.get(4)?.seenOpening).toBe(false);
    // With only uid ownership the table is incomplete: no elimination.
    applySocketTable(store, { kind: 'sockets', source: 'proc', owner: 'uid', limitation: 'x', sockets: [sock('127.0.0.1', 5020, '127.0.0.1', 40000, 1)] }, directory, 150);
    expect(conns.find((c) => c.fingerprint === FP_A0)).toMatchObject({ direction: undefined, socket: undefined });
    expect(conns.find((c) => c.fingerprint === FP_R1)).toMatchObject({ direction: undefined });
    applySocketTable(store, { kind: 'sockets', source: 'proc', owner: 'fd', limitation: undefined, sockets: [sock('127.0.0.1', 9051, '127.0.0.1', 45000, 4), sock('127.0.0.1', 9051, '127.0.0.1', 45001, 10)] }, directory, 5000);
    expect(store.socketConns.get(4)).toMatchObject({ sinceMs: 5000, seenOpening: true });
    expect(store.socketConns.get(10)).toMatchObject({ sinceMs: 5000, seenOpening: true });
    applySocketTable(store, { kind: 'unavailable', reason: 'no' }, directory, 6000);
    expect(store.socketConns.size).toBe(0);
    expect(store.sockets).toEqual({ kind: 'unavailable', reason: 'no' });
  });
});

describe('relay directory', () => {
  it('indexes by fingerprint, ORPort, DirPort and address, and applies NS updates', () => {
    const d = new RelayDirectory();
    d.replaceAll(parseRouterStatusEntries(NS_ALL));
    expect(d.size).toBe(4);
    expect(d.atOrPort('127.0.0.1', 5010)).toEqual([FP_R1]);
    expect(d.atDirPort('127.0.0.1', 5001)).toEqual([FP_A0]);
    expect(d.atAddress('127.0.0.1')).toEqual([FP_A0, FP_R1, FP_R2]);
    d.update(parseRouterStatusEntries('r r1 YlcwbLeYwuP/3kdSC0gg+OcjS54 NtQZ55vQpuw3yiNCi4xOrSqr5WQ 2038-01-01 00:00:00 10.0.0.1 9001 0\na [2001:db8::1]:9001\ns Running Valid'));
    expect(d.atOrPort('127.0.0.1', 5010)).toEqual([]);
    expect(d.atOrPort('2001:DB8::1', 9001)).toEqual([FP_R1]);
    expect(d.get(FP_R1.toLowerCase())?.address).toBe('10.0.0.1');
    expect(d.atAddress('127.0.0.1')).toEqual([FP_A0, FP_R2]);
  });
});
