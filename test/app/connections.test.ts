// The connections page inside the app, against FakeTor: tor's snapshots and events become lines,
// the socket table adds control/exit rows, countries come from ip-to-country in batches (a 551
// batch retried one by one), c + y sends CLOSECIRCUIT, and the graph's connection counter works.
import { afterEach, describe, expect, it } from 'vitest';
import { InterpreterHistoryStore } from '../../src/app/session/interpreter-history-store.js';
import { RelaySession } from '../../src/app/session/relay-session.js';
import { STREAM_BATCH_MS } from '../../src/app/session/connections-collector.js';
import { DEFAULT_SETTINGS } from '../../src/config/index.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { emptyHeaderFacts } from '../../src/relay/index.js';
import type { SocketFs } from '../../src/system/sockets/index.js';
import { createFakeTerminal, readGrid, type FakeTerminal } from '../../src/terminal/index.js';
import { startApp, stopApps } from '../helpers/app-harness.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';
import { CONSENSUS, FP } from '../panels/connections/fixtures.js';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const hex4 = (a: string) => a.split('.').reverse().map((o) => Number(o).toString(16).padStart(2, '0')).join('').toUpperCase();
const tcpLine = (i: number, l: string, lp: number, r: string, rp: number, inode: number) =>
  `${String(i).padStart(4)}: ${hex4(l)}:${lp.toString(16).toUpperCase().padStart(4, '0')} ${hex4(r)}:${rp.toString(16).toUpperCase().padStart(4, '0')} 01 00000000:00000000 00:00000000 00000000   108        0 ${inode} 1 0000000000000000 20 4 30 10 -1`;

function socketFs(): SocketFs {
  const tcp = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    tcpLine(0, '198.51.100.7', 9001, '203.0.113.20', 51234, 11),
    tcpLine(1, '127.0.0.1', 9051, '127.0.0.1', 45000, 20),
    tcpLine(2, '198.51.100.7', 50001, '93.184.216.34', 443, 21),
  ].join('\n');
  return {
    readText: async (p) => {
      if (p === '/proc/net/tcp') return tcp;
      throw Object.assign(new Error(p), { code: 'ENOENT' });
    },
    listDir: async (p) => (p === '/proc/4242/fd' ? ['5', '6', '7'] : []),
    readLink: async (p) => ({ '/proc/4242/fd/5': 'socket:[11]', '/proc/4242/fd/6': 'socket:[20]', '/proc/4242/fd/7': 'socket:[21]' })[p] ?? '',
  };
}

function relayTor(): FakeTor {
  const tor = new FakeTor({
    info: {
      'net/listeners/or': '"198.51.100.7:9001"',
      'net/listeners/dir': '',
      'net/listeners/control': '"127.0.0.1:9051"',
      'net/listeners/socks': '',
      'net/listeners/trans': '',
      'net/listeners/natd': '',
      'net/listeners/httptunnel': '',
      'process/uid': '108',
      'ip-to-country/ipv4-available': '1',
      'ip-to-country/ipv6-available': '0',
      'exit-policy/full': 'accept *:443\nreject *:*',
      'status/clients-seen': 'TimeStarted="2026-11-27 00:00:00" CountrySummary=de=16,us=8 IPVersions=v4=24,v6=0',
      'orconn-status': `$${FP.guardian}~guardian CONNECTED\n$${FP.bigexit}~bigexit LAUNCHED`,
      'circuit-status': `12 BUILT $${FP.guardian}~guardian,$${FP.middle}~middleman,$${FP.bigexit}~bigexit BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T11:55:00.000000`,
      'stream-status': '70 SUCCEEDED 12 example.com:443',
      'ns/all': CONSENSUS,
      fingerprint: 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2',
    },
    conf: { Nickname: 'snowfall', SocksPort: '0', BridgeRelay: '0' },
    circuits: ['12'],
  });
  // ip-to-country/<ip>: answers like tor, and fails a whole batch with 551 for a bad address.
  const geo: Record<string, string> = { '203.0.113.20': 'de', '192.0.2.50': 'nl', '192.0.2.77': 'se', '93.184.216.34': 'us' };
  tor.handle('GETINFO', (args) => {
    const keys = args.split(' ').filter((k) => k !== '');
    if (!keys.every((k) => k.startsWith('ip-to-country/') && !k.endsWith('-available'))) return undefined;
    const ips = keys.map((k) => k.slice('ip-to-country/'.length));
    if (ips.some((ip) => ip === '203.0.113.20') && ips.length > 1) return '551 Invalid address family\r\n';
    return `${ips.map((ip) => `250-ip-to-country/${ip}=${geo[ip] ?? '??'}`).join('\r\n')}\r\n250 OK\r\n`;
  });
  return tor;
}

let term: FakeTerminal | undefined;
afterEach(async () => {
  await stopApps();
  await term?.destroy();
  term = undefined;
});

async function startConnectionsApp(cols: number, rows: number, tor = relayTor(), procFs: SocketFs = socketFs()) {
  const harness = await startApp({ tor, cols, rows, procFs, startAtMs: NOW, startPage: 1, hostInfo: { hostname: 'relay-host', osName: 'Linux', osRelease: '6.1.0' } });
  await harness.flush(1500);
  /** The row drawn inverse across most of the width: the selection bar. */
  const selectedRow = () => {
    const grid = readGrid(harness.term.screen);
    const y = grid.runs.find((r) => r.style.inverse && r.x1 - r.x0 > cols / 2)?.y;
    return y === undefined ? '' : grid.text[y]!;
  };
  return { ...harness, selectedRow };
}

describe('connections page in the app', () => {
  it('draws no frame for connection events while another page is shown, and is current once switched to', async () => {
    // A redraw period longer than the test, so that only event-driven frames are counted.
    const settings = { ...DEFAULT_SETTINGS, redrawRateSec: 60 };
    const { app, tor, clock, text, keys } = await startApp({ tor: relayTor(), cols: 160, rows: 40, procFs: socketFs(), startAtMs: NOW, startPage: 0, settings });
    const idle = async (ms: number) => {
      for (let i = 0; i < 40; i++) await settle();
      clock.advance(ms);
      for (let i = 0; i < 40; i++) await settle();
    };
    await idle(1500);
    // The header's own resource samples draw a few frames whatever happens: count them in a quiet
    // window first, then in a window of the same length with connection churn.
    let mark = app.framesDrawn;
    for (let i = 0; i < 50; i++) await idle(100);
    const quietFrames = app.framesDrawn - mark;
    mark = app.framesDrawn;
    for (let i = 0; i < 50; i++) {
      tor.emitEvent(`ORCONN 100.20.30.${i}:40000 NEW ID=${200 + i}`);
      await idle(100);
    }
    expect(app.framesDrawn - mark).toBeLessThanOrEqual(quietFrames + 1);
    await keys('right');
    expect(text()).toContain('Connections (51 inbound');
  });

  it('on page 2, a churn of connection events draws at most one frame a second', async () => {
    const settings = { ...DEFAULT_SETTINGS, redrawRateSec: 60 };
    const { app, tor, clock, text } = await startApp({ tor: relayTor(), cols: 160, rows: 40, procFs: socketFs(), startAtMs: NOW, startPage: 1, settings });
    const idle = async (ms: number) => {
      for (let i = 0; i < 40; i++) await settle();
      clock.advance(ms);
      for (let i = 0; i < 40; i++) await settle();
    };
    await idle(1500);
    let mark = app.framesDrawn;
    for (let i = 0; i < 50; i++) await idle(100);
    const quietFrames = app.framesDrawn - mark;
    mark = app.framesDrawn;
    for (let i = 0; i < 50; i++) {
      tor.emitEvent(`ORCONN 100.20.30.${i}:40000 NEW ID=${300 + i}`);
      await idle(100);
    }
    // 5 s of events every 100 ms: at most one churn frame a second on top of the header's own (~50 unthrottled).
    expect(app.framesDrawn - mark - quietFrames).toBeLessThanOrEqual(6);
    expect(app.framesDrawn - mark).toBeGreaterThan(quietFrames);
    await idle(1000);
    expect(text()).toContain('Connections (51 inbound');
  });

  it("lists tor's connections and circuits, completed by the socket table, with countries", async () => {
    const { text, tor } = await startConnectionsApp(160, 40);
    const screen = text();
    expect(screen).toContain('Connections (1 inbound, 1 outbound, 1 exit, 1 control, 1 circuit):');
    expect(screen).toMatch(/198\.51\.100\.7:9001 +<-- 203\.0\.113\.20:51234 \(de\) +3EE5BD82604FF4A5E8C96565300270AA38B9FE8A guardian/);
    expect(screen).toMatch(/--> 192\.0\.2\.50:9001 \(nl\) .*bigexit \(LAUNCHED\)/);
    expect(screen).toContain('<scrubbed>:443 (HTTPS)');
    expect(screen).toMatch(/└─ stream 70 +SUCCEEDED +example\.com:443 \(HTTPS\)/);
    // The batch with 203.0.113.20 failed with 551 and was retried one address at a time.
    const geoCommands = tor.commands.filter((c) => c.startsWith('GETINFO ip-to-country/') && !c.includes('available'));
    expect(geoCommands.some((c) => c.split(' ').length > 2)).toBe(true);
    expect(geoCommands).toContain('GETINFO ip-to-country/203.0.113.20');
    expect(tor.subscribedEvents).toEqual(expect.arrayContaining(['ORCONN', 'CIRC', 'STREAM', 'NS', 'NEWCONSENSUS']));
  });

  it('follows CONN_BW and CIRC_BW only while the details (the one place showing byte counts) are open', async () => {
    const { app, flush, tor, keys } = await startConnectionsApp(160, 40);
    const traffic = () => tor.subscribedEvents.filter((e) => e === 'CONN_BW' || e === 'CIRC_BW').sort();
    expect(tor.subscribedEvents).toContain('CIRC');
    expect(traffic()).toEqual([]);
    app.handleKey('enter');
    await flush();
    await flush();
    expect(traffic()).toEqual(['CIRC_BW', 'CONN_BW']);
    app.handleKey('enter');
    await flush();
    await flush();
    expect(traffic()).toEqual([]);
    app.handleKey('enter');
    await flush();
    await keys('left');
    await flush();
    expect(app.viewState.page).toBe(0);
    expect(traffic()).toEqual([]);
  });

  it('moves the ages on in 5 s steps, so the rows are not rewritten on every redraw', async () => {
    const { text, clock, flush } = await startConnectionsApp(160, 40);
    const rows = () => text().split('\n').filter((l) => /\((INBOUND|OUTBOUND|EXIT)\)/.test(l));
    clock.advance(5000 - (clock.nowMs() % 5000));
    await flush();
    const before = rows();
    expect(before.length).toBeGreaterThan(0);
    clock.advance(3000);
    await flush();
    expect(rows()).toEqual(before);
    clock.advance(2500);
    await flush();
    expect(rows()).not.toEqual(before);
  });

  it('follows ORCONN/CIRC/STREAM events, keeps the selection on its entry, and closes a circuit after y', async () => {
    const { app, tor, flush, text, selectedRow } = await startConnectionsApp(160, 40);
    tor.emitEvent('ORCONN 100.20.30.40:40000 NEW ID=77');
    tor.emitEvent(`CIRC 13 LAUNCHED BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-27T11:59:59.000000`);
    tor.emitEvent('STREAM 70 CLOSED 12 example.com:443 REASON=DONE');
    await flush(STREAM_BATCH_MS); // STREAM events are applied in half-second batches
    expect(text()).toContain('Connections (2 inbound, 1 outbound, 1 exit, 1 control, 2 circuit):');
    expect(text()).not.toContain('stream 70');
    expect(text()).toContain('client (not identified)');
    app.handleKey('home');
    await flush();
    let tries = 0;
    while (!selectedRow().includes('Circuit 12') && tries++ < 20) {
      app.handleKey('down');
      await flush();
    }
    expect(selectedRow()).toContain('Circuit 12');
    tor.emitEvent('ORCONN 100.20.30.41:40001 NEW ID=78');
    await flush();
    expect(selectedRow()).toContain('Circuit 12');
    app.handleKey('c');
    await flush();
    expect(text()).toContain('Close circuit 12 (GENERAL, 3 hops, 0 streams)? (y/n)');
    app.handleKey('y');
    await flush();
    expect(tor.commands).toContain('CLOSECIRCUIT 12');
    expect(text()).toContain('Closed circuit 12');
  });

  it('Enter opens the detail box with the relay descriptor tor has, d the descriptor popup', async () => {
    const tor = relayTor();
    tor.handle('GETINFO', ((prev) => (args: string, conn: Parameters<NonNullable<typeof prev>>[1]) => {
      if (args === `desc/id/${FP.guardian}`) return `250+desc/id/${FP.guardian}=\r\nrouter guardian 203.0.113.20 443 0 80\r\nplatform Tor 0.4.9.11 on Linux\r\npublished 2026-11-27 10:49:18\r\nbandwidth 1 1 1\r\ncontact ops \x1b[5mblink\r\nreject *:*\r\n.\r\n250 OK\r\n`;
      if (args === `ns/id/${FP.guardian}`) return `250+ns/id/${FP.guardian}=\r\n${CONSENSUS.split('\n').slice(0, 3).join('\r\n')}\r\n.\r\n250 OK\r\n`;
      if (args === `md/id/${FP.guardian}`) return `250+md/id/${FP.guardian}=\r\nonion-key\r\nntor-onion-key 9Eoqa2cHJ0BXLzrnGw/0b9C+7H9ozkZAyqBlIbCq0hU\r\nid ed25519 2bXkY6aP9VWUMLw2yA5ldQh+0z9C3hQ1QkWqFzQ1x0E\r\n.\r\n250 OK\r\n`;
      return prev?.(args, conn);
    })(tor.handlerFor('GETINFO')));
    const { app, flush, text } = await startConnectionsApp(160, 40, tor);
    app.handleKey('home');
    app.handleKey('enter');
    await flush();
    await flush();
    expect(text()).toMatch(/platform: Tor 0\.4\.9\.11 on Linux/);
    expect(text()).toMatch(/contact: ops blink/);
    app.handleKey('d');
    await flush();
    expect(text()).toContain(`Server descriptor (GETINFO desc/id/${FP.guardian}):`);
    // The microdescriptor too, as Nyx shows it.
    expect(text()).toContain(`Microdescriptor (GETINFO md/id/${FP.guardian}):`);
    expect(text()).toContain('ntor-onion-key 9Eoqa2cHJ0BXLzrnGw/0b9C+7H9ozkZAyqBlIbCq0hU');
    expect(app.viewState.popup.kind).toBe('none');
    app.handleKey('escape');
    await flush();
    expect(text()).not.toContain('Server descriptor (GETINFO');
  });

  it("says the socket table is unavailable, why (DisableDebuggerAttachment) and what that hides", async () => {
    const tor = relayTor();
    tor.conf.set('DisableDebuggerAttachment', ['1']);
    const closed: SocketFs = {
      ...socketFs(),
      listDir: async (p) => {
        throw Object.assign(new Error(p), { code: 'EACCES' });
      },
    };
    tor.handle('GETINFO', ((prev) => (args: string, conn: Parameters<NonNullable<typeof prev>>[1]) =>
      args.includes('process/uid') ? `250-process/pid=4242\r\n250-process/uid=-1\r\n250-ip-to-country/ipv4-available=0\r\n250-ip-to-country/ipv6-available=0\r\n250 OK\r\n` : prev?.(args, conn))(tor.handlerFor('GETINFO')));
    const { text } = await startConnectionsApp(160, 40, tor, closed);
    const screen = text();
    expect(screen).toContain('Socket table unavailable: exit connections, SOCKS and control clients, DirPort requests and local addresses are not shown');
    expect(screen).toContain('/proc/4242/fd: permission denied');
    expect(screen).toContain('DisableDebuggerAttachment 1');
    expect(screen).toContain('Connections (1 outbound, 1 circuit, 1 relay):');
    expect(screen).not.toContain('(EXIT)');
  });

  it('gives the graph page inbound/outbound counts from tor, once loaded (one session, no page needed)', async () => {
    const tor = relayTor();
    const clock = new ManualClock(NOW);
    const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: false });
    await controller.open();
    const session = new RelaySession({ name: 'relay', controller, target: '127.0.0.1:9051', clock, settings: DEFAULT_SETTINGS, procFs: socketFs(), deps: { socketFs: socketFs(), history: new InterpreterHistoryStore(null) } });
    session.start();
    expect(session.connectionCounts()).toBeUndefined();
    session.startCollecting();
    for (let i = 0; i < 20; i++) await settle();
    // bigexit was LAUNCHED (outbound); guardian's direction comes from the socket on our ORPort.
    expect(session.connectionCounts()).toEqual({ inbound: 0, outbound: 1 });
    clock.advance(10);
    for (let i = 0; i < 20; i++) await settle();
    expect(session.connectionCounts()).toEqual({ inbound: 1, outbound: 1 });
    tor.emitEvent('ORCONN 100.20.30.40:40000 NEW ID=77');
    await settle();
    expect(session.connectionCounts()).toEqual({ inbound: 2, outbound: 1 });
    session.stop();
    controller.close();
  });
});

