// A fake tor control port on 127.0.0.1 for bench:logflood: FakeTor (NULL authentication, tor's
// replies) reached over TCP, so ortop and Nyx attach to it as to a real tor, plus a flood of DEBUG
// log events written straight to the connections that subscribed to DEBUG, in batches per tick.
// Benchmark plumbing only: binds loopback, stops everything it started.
import { createServer, type Server, type Socket } from 'node:net';
import { FakeTor, TOR_0_4_9_EVENT_NAMES } from '../test/helpers/fake-tor.js';

export interface FloodPort {
  readonly port: number;
  /** Starts emitting `perSecond` DEBUG events (in 100 batches a second) and one BW a second. */
  startFlood(perSecond: number): void;
  stopFlood(): void;
  /** DEBUG events written per subscribed connection so far. */
  readonly sent: number;
  readonly subscribers: number;
  /** Bytes written but not yet taken by each DEBUG subscriber, in the order they subscribed. */
  backlogs(): number[];
  close(): Promise<void>;
}

const FINGERPRINT = 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2';

// DEBUG lines shaped like tor's (function(): text with numbers), a few repeating shapes and some
// unique ones, so de-duplication has real work and real misses.
const TEMPLATES = [
  (n: number) => `connection_buf_read_from_socket(): ${n % 64}: starting, inbuf_datalen 0 (0 pending in tls object). at_most ${16448 - (n % 7)}.`,
  (n: number) => `channel_flush_from_first_active_circuit(): Made a circuit inactive. n=${n}`,
  (n: number) => `conn_write_callback(): socket ${n % 512} wants to write.`,
  (n: number) => `circuit_receive_relay_cell(): Passed on cell n=${n} to circuit ${2_000_000_000 + (n % 9999)}`,
  (n: number) => `relay_lookup_conn(): looking for stream ${n % 4000} on circuit ${n % 777}`,
  (n: number) => `unique_${n.toString(36)}_event(): nonce ${n.toString(36)}${(n * 2654435761).toString(36)} done.`,
];

function floodLine(n: number): string {
  return `650 DEBUG ${TEMPLATES[n % TEMPLATES.length]!(n)}\r\n`;
}

export async function startFloodPort(options: { pid: number }): Promise<FloodPort> {
  const tor = new FakeTor({
    authMethods: ['NULL'],
    version: '0.4.9.11',
    info: {
      fingerprint: FINGERPRINT,
      address: '198.51.100.7',
      'process/pid': String(options.pid),
      'process/user': 'debian-tor',
      'process/descriptor-limit': '65535',
      uptime: '3600',
      'traffic/read': '123456789',
      'traffic/written': '98765432',
      'bw-event-cache': '',
      'net/listeners/or': '"198.51.100.7:9001"',
      'net/listeners/dir': '',
      'net/listeners/control': '"127.0.0.1:9051"',
      'net/listeners/socks': '',
      'status/version/current': 'recommended',
      'status/bootstrap-phase': 'NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done"',
      'network-liveness': 'up',
      'exit-policy/full': 'reject *:*',
      'accounting/enabled': '0',
      'ip-to-country/ipv4-available': '0',
      'ip-to-country/ipv6-available': '0',
      'circuit-status': '',
      'orconn-status': '',
      'stream-status': '',
      'ns/all': '',
      [`ns/id/${FINGERPRINT}`]: '',
      'config-text': 'ORPort 9001\nNickname floodrelay',
      'status/clients-seen': '',
      'dormant': '0',
    },
    conf: {
      Nickname: 'floodrelay',
      ORPort: '9001',
      DirPort: null,
      SocksPort: '0',
      ControlPort: '9051',
      ControlSocket: null,
      CookieAuthentication: '0',
      HashedControlPassword: null,
      DataDirectory: '/nonexistent/flood',
      Log: 'notice stdout',
      BandwidthRate: '1073741824',
      BandwidthBurst: '1073741824',
      RelayBandwidthRate: '0',
      RelayBandwidthBurst: '0',
      MaxAdvertisedBandwidth: '1073741824',
      ExitPolicy: 'reject *:*',
      DisableDebuggerAttachment: '1',
      HiddenServiceOptions: null,
      ContactInfo: 'bench <nobody AT example dot invalid>',
      User: 'debian-tor',
    },
    eventNames: TOR_0_4_9_EVENT_NAMES,
  });

  const sockets = new Map<Socket, Set<string>>();
  const debugOrder: Socket[] = [];
  const server: Server = createServer((socket) => {
    const subscribed = new Set<string>();
    sockets.set(socket, subscribed);
    let pendingInput = '';
    void tor.openTransport().then((transport) => {
      transport.onData((chunk) => {
        if (!socket.destroyed) socket.write(chunk);
      });
      transport.onClose(() => socket.destroy());
      socket.on('data', (data: Buffer) => {
        pendingInput += data.toString('latin1');
        let nl: number;
        while ((nl = pendingInput.indexOf('\n')) >= 0) {
          const line = pendingInput.slice(0, nl).replace(/\r$/, '');
          pendingInput = pendingInput.slice(nl + 1);
          const m = /^SETEVENTS\s*(.*)$/i.exec(line);
          if (m !== null) {
            subscribed.clear();
            for (const t of m[1]!.split(/\s+/)) if (t !== '') subscribed.add(t.toUpperCase());
            if (subscribed.has('DEBUG') && !debugOrder.includes(socket)) debugOrder.push(socket);
          }
        }
        transport.write(data);
      });
      socket.on('close', () => {
        sockets.delete(socket);
        transport.close();
      });
      socket.on('error', () => socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  let timer: NodeJS.Timeout | undefined;
  let bwTimer: NodeJS.Timeout | undefined;
  let n = 0;
  let sent = 0;
  const flood = (perSecond: number) => {
    const perTick = Math.max(1, Math.round(perSecond / 100));
    const startMs = performance.now();
    let ticks = 0;
    const tick = () => {
      ticks++;
      let text = '';
      for (let i = 0; i < perTick; i++) text += floodLine(n++);
      for (const [socket, events] of sockets) if (events.has('DEBUG') && !socket.destroyed) socket.write(text);
      sent += perTick;
      // Stay on schedule (100 ticks a second) even when a tick runs late.
      timer = setTimeout(tick, Math.max(0, startMs + ticks * 10 - performance.now()));
    };
    timer = setTimeout(tick, 10);
    let bw = 0;
    bwTimer = setInterval(() => tor.emitEvent(`BW ${40_000 + (bw++ % 13) * 1000} ${35_000 + (bw % 7) * 1000}`), 1000);
  };

  return {
    port,
    startFlood: flood,
    stopFlood: () => {
      clearTimeout(timer);
      clearInterval(bwTimer);
    },
    get sent() {
      return sent;
    },
    backlogs: () => debugOrder.map((s) => (s.destroyed ? 0 : s.writableLength)),
    get subscribers() {
      return [...sockets.values()].filter((s) => s.has('DEBUG')).length;
    },
    close: async () => {
      clearTimeout(timer);
      clearInterval(bwTimer);
      for (const socket of sockets.keys()) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
