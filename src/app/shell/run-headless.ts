// `ortop --headless --metrics-listen …`: no terminal at all (systemd, containers). Attached relays
// collect as in the TUI and reconnect on their own; /metrics is served; stderr gets one line per
// event: metrics listening, each relay attached / lost / reconnect failed / not answering / answering
// again, tor's own WARN and ERR messages (at most TOR_LINES_PER_MINUTE a minute per relay), and the
// stop. SIGTERM and SIGINT close the server and the controllers, then the exit code is 0.
import type { Clock, StateChange } from '../../controller/index.js';
import type { TorEvent } from '../../protocol/events/index.js';
import type { RelaySession } from '../session/relay-session.js';
import { printMessage } from './console-output.js';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';
import { isLoopback, metricsOptionsOf, parseMetricsListen, type MetricsListen } from './metrics-listen.js';

// The option parsing lives in metrics-listen.ts (loaded at start-up without prom-client); re-exported here.
export { isLoopback, metricsOptionsOf, parseMetricsListen, type MetricsListen };

export const TOR_LINES_PER_MINUTE = 20;

export function remoteExposureLine(address: string): string {
  return `metrics at http://${address}/metrics are open to every host that can reach this address: each relay's name, nickname, fingerprint, tor version, flags, traffic, connection and circuit counts, log warning counts, tor's MetricsPort data and ortop's process figures; only a firewall or a proxy limits who reads them`;
}

export interface HeadlessOptions {
  readonly sessions: readonly RelaySession[];
  readonly listen: MetricsListen;
  readonly clock: Clock;
  /** One line per event (default: stderr through console-output). */
  readonly print?: (line: string) => void;
  /** Resolves when ortop should stop (default: SIGTERM or SIGINT). */
  readonly stopSignal?: Promise<string>;
}

/** Runs until the stop signal; resolves to the exit code (1 when the metrics address cannot be used). */
export async function runHeadless(options: HeadlessOptions): Promise<number> {
  const print = options.print ?? ((line: string) => printMessage(line));
  const { sessions, listen, clock } = options;
  const stopSignal = options.stopSignal ?? signalled();
  let server: MetricsServer;
  try {
    server = await startMetricsServer({ host: listen.host, port: listen.port, sessions: () => sessions, nowMs: () => clock.nowMs(), onProblem: print });
  } catch (e) {
    print(`cannot serve metrics on ${listen.host}:${listen.port}: ${(e as Error).message}`);
    sessions.forEach((s) => {
      s.stop();
      s.controller.close();
    });
    return 1;
  }
  print(`serving metrics for ${sessions.length} relay${sessions.length === 1 ? '' : 's'} at http://${server.address}/metrics`);
  if (listen.remote) print(`WARNING: ${remoteExposureLine(server.address)}`);
  const unsubscribe: Array<() => void> = [];
  for (const s of sessions) {
    const c = s.controller;
    if (c.state === 'connected') print(`${s.name}: attached to tor ${c.torVersion ?? 'of unknown version'} at ${c.address ?? s.target}${c.authMethod === undefined ? '' : ` (${c.authMethod})`}`);
    unsubscribe.push(c.onState((change) => print(`${s.name}: ${describeChange(change)}`)));
    const limiter = new LineLimiter(TOR_LINES_PER_MINUTE, 60_000, () => clock.nowMs());
    for (const type of ['WARN', 'ERR'] as const) {
      unsubscribe.push(
        c.on(type, (e: TorEvent) => {
          if (e.kind !== 'log') return;
          const verdict = limiter.take();
          if (verdict.kind === 'print') print(`${s.name}: tor ${e.type}: ${e.message}${verdict.dropped > 0 ? ` (${verdict.dropped} earlier tor messages not shown)` : ''}`);
        }),
      );
    }
    s.start();
    s.startCollecting();
    s.status.start();
  }
  const why = await stopSignal;
  print(`stopping (${why})`);
  unsubscribe.forEach((u) => u());
  await server.close();
  for (const s of sessions) {
    s.stop();
    s.controller.close();
  }
  return 0;
}

function describeChange(change: StateChange): string {
  const retry = (ms: number | undefined) => (ms === undefined ? '; not retrying' : `; retrying in ${Math.ceil(ms / 1000)} s`);
  switch (change.kind) {
    case 'connected':
      return `attached to tor ${change.torVersion ?? 'of unknown version'} at ${change.address} (${change.authMethod})`;
    case 'closed':
      return `control connection lost: ${change.reason.message}${retry(change.retryInMs)}`;
    case 'connect-failed':
      return `reconnect failed: ${change.error.message}${retry(change.retryInMs)}`;
    case 'unresponsive':
      return `tor is not answering (${change.command} unanswered for ${Math.round((change.atMs - change.askedAtMs) / 1000)} s); reconnecting unless it answers`;
    case 'responsive':
      return 'tor is answering again';
    case 'reset':
      return 'tor reloaded its configuration (SIGHUP)';
  }
}

/** At most `max` lines per window; then the count of the lines left out rides on the next one printed. */
export class LineLimiter {
  private windowStartMs = Number.NEGATIVE_INFINITY;
  private used = 0;
  private dropped = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  take(): { readonly kind: 'print'; readonly dropped: number } | { readonly kind: 'drop' } {
    const t = this.now();
    if (t - this.windowStartMs >= this.windowMs) {
      this.windowStartMs = t;
      this.used = 0;
    }
    if (this.used >= this.max) {
      this.dropped++;
      return { kind: 'drop' };
    }
    this.used++;
    const dropped = this.dropped;
    this.dropped = 0;
    return { kind: 'print', dropped };
  }
}

/** The first SIGTERM or SIGINT (its name); SIGHUP is noted and ignored (nothing to reload). */
function signalled(): Promise<string> {
  return new Promise((resolve) => {
    const onHup = () => printMessage('SIGHUP ignored: ortop has no configuration to reload while headless');
    const done = (name: string) => () => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      process.off('SIGHUP', onHup);
      resolve(name);
    };
    const onTerm = done('SIGTERM');
    const onInt = done('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
    process.on('SIGHUP', onHup);
  });
}
