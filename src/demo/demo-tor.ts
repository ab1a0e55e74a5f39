// createDemoTor: the built-in demo relay for `ortop --demo`. A simulated busy exit relay behind
// an in-memory control port that speaks the real protocol, so the whole app runs against it
// through the normal Controller/Transport stack. All timing comes from the injected Clock (one
// 250 ms tick timer); nothing here reads wall time or opens sockets.

import type { Clock, Timer } from '../controller/clock.js';
import { byteStringFromUtf8 } from '../protocol/bytes.js';
import { NothingListeningError } from '../transport/errors.js';
import type { TransportFactory } from '../transport/transport.js';
import { ControlServer } from './control-server.js';
import { DemoCommandHandler } from './demo-commands.js';
import { DemoRelay } from './demo-relay.js';
import type { EventSink } from './event-sink.js';
import { demoFingerprint } from './our-relay.js';
import { fleetIndexOf } from './demo-relay.js';
import { Random } from './random.js';

export interface DemoTorOptions {
  readonly clock: Clock;
  /** Same seed and clock → same relay and same events. Default 1. */
  readonly seed?: number;
  /**
   * Rate of ORCONN + CIRC + STREAM + CIRC_BW + NOTICE/WARN events together (default 20). BW adds one
   * a second; INFO and DEBUG come on top, and only while someone subscribes to them.
   */
  readonly eventsPerSecond?: number;
  /** Relays in the simulated consensus besides ours (default 400, at most 999). */
  readonly relayCount?: number;
  /**
   * What GETINFO process/pid answers. Default: a simulated pid from the seed (the demo is no process
   * of its own; ortop's pid there would pass ortop off as tor).
   */
  readonly pid?: number;
  /** The address connections report (default "demo:9051"). */
  readonly address?: string;
}

export interface DemoTorStats {
  readonly relays: number;
  readonly orConns: number;
  readonly circuits: number;
  readonly streams: number;
  readonly bwHistory: number;
  readonly connections: number;
  /** Events handed to at least one subscribed connection since creation. */
  readonly eventsSent: number;
}

export interface DemoTor {
  /** Opens a control connection (NULL authentication); refused while the relay is stopped. */
  readonly openTransport: TransportFactory;
  readonly address: string;
  readonly fingerprint: string;
  /** What GETINFO process/pid answers. */
  readonly pid: number;
  readonly isRunning: boolean;
  stats(): DemoTorStats;
  /** The relay process goes away: connections drop, new ones are refused, the simulation pauses. */
  stop(): void;
  /** The relay starts again (fresh uptime and counters); reconnecting controllers get in. */
  restart(): void;
}

/** What a connection attempt gets while the demo relay is stopped. */
export class DemoRelayStoppedError extends NothingListeningError {
  constructor(address: string) {
    super(address, 'ECONNREFUSED', false);
    this.message = `the demo relay stopped (${address} refuses connections until it is restarted)`;
  }
}

const TICK_MS = 250;

export function createDemoTor(options: DemoTorOptions): DemoTor {
  const clock = options.clock;
  const address = options.address ?? 'demo:9051';
  let eventsSent = 0;
  let running = true;
  let timer: Timer | undefined;
  let server: ControlServer | undefined;

  const encode = (line: string): string => byteStringFromUtf8(line);
  const sink: EventSink = {
    wants: (type) => server?.isSubscribed(type) === true,
    emit: (event) => {
      eventsSent++;
      server?.emitEvent(typeof event === 'string' ? encode(event) : event.map(encode));
    },
    emitData: (head, body) => {
      eventsSent++;
      server?.emitDataEvent(head, encode(body));
    },
  };

  const halt = (flush: boolean): void => {
    running = false;
    timer?.cancel();
    timer = undefined;
    server?.stop({ flush });
  };

  const pid = options.pid ?? demoPid(options.seed ?? 1);
  const relay = new DemoRelay({
    nowMs: clock.nowMs(),
    seed: options.seed ?? 1,
    eventsPerSecond: options.eventsPerSecond ?? 20,
    relayCount: options.relayCount ?? 400,
    pid,
    sink,
    onExit: () => halt(true),
  });

  const liveServer = new ControlServer({
    handler: new DemoCommandHandler(relay),
    description: () => address,
    auth: () => relay.authSettings(),
    refusal: (description) => new DemoRelayStoppedError(description),
  });
  server = liveServer;

  const schedule = (): void => {
    timer = clock.setTimer(() => {
      timer = undefined;
      relay.tick(clock.nowMs());
      if (running) schedule();
    }, TICK_MS);
  };
  schedule();

  return {
    openTransport: liveServer.openTransport,
    address,
    fingerprint: demoFingerprint(fleetIndexOf(options.seed ?? 1)),
    pid,
    get isRunning() {
      return running;
    },
    stats: () => ({ ...relay.sizes, connections: liveServer.openConnections, eventsSent }),
    stop: () => halt(false),
    restart: () => {
      halt(false);
      relay.restartProcess(clock.nowMs());
      running = true;
      liveServer.listen();
      schedule();
    },
  };
}

/** A pid a relay that started at boot might have: 700-4999, fixed by the seed. */
export function demoPid(seed: number): number {
  return new Random(seed, 'pid').int(700, 4999);
}
