// `--metrics-listen`: serves /metrics (Prometheus text, or OpenMetrics when Accept asks for it) for
// every attached relay, collected at scrape time from the sessions (src/metrics builds the registry).
// node:http bound only to the address given; GET and HEAD on /metrics, no request body, short
// timeouts, a few scrapes at a time. Writes nothing to the terminal: problems go to onProblem.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { negotiateFormat, ProcessMetrics, renderScrape, type RelayMetricsInput } from '../../metrics/index.js';
import type { RelaySession } from '../session/relay-session.js';
import { summarizeRelay } from '../../relay/fleet/relay-summary.js';

export const METRICS_PATH = '/metrics';
/** A scraper that does not send its request within this is cut off. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** Scrapes answered at once; more get 503 (Prometheus scrapes one at a time per target). */
export const MAX_CONCURRENT_SCRAPES = 4;

export interface MetricsServerOptions {
  readonly host: string;
  readonly port: number;
  /** Read at every scrape (the list may change). */
  readonly sessions: () => readonly RelaySession[];
  readonly nowMs: () => number;
  /** A scrape that failed (never thrown at the caller). */
  readonly onProblem?: (message: string) => void;
  /** Shared so tests can leave process metrics out (undefined = include them). */
  readonly processMetrics?: ProcessMetrics | null;
}

export interface MetricsServer {
  /** Where it listens ("127.0.0.1:9099", "[::1]:9099"). */
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

/** What the exporter reads of one session at scrape time. */
export function metricsInputOf(session: RelaySession, nowMs: number): RelayMetricsInput {
  return {
    summary: summarizeRelay(
      {
        name: session.name,
        facts: session.facts,
        graph: session.graph.model,
        connections: session.connections.loaded ? session.connections.store : undefined,
        logs: session.logs.buffer,
        directory: session.consensus.directory,
      },
      nowMs,
    ),
    graph: session.graph.model,
    connections: session.connections.loaded ? session.connections.store : undefined,
    liveness: session.facts.liveness,
    bootstrap: session.facts.bootstrap,
    status: session.status.facts,
    // tor's MetricsPort, read by src/app/session/tor-metrics-collector.ts.
    torMetrics: session.torMetrics.model,
  };
}

/** Listens on host:port; rejects when it cannot (address in use, not an address of this machine). */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const processMetrics = options.processMetrics === null ? undefined : (options.processMetrics ?? new ProcessMetrics());
  let busy = 0;
  const server: Server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS, keepAliveTimeout: 5_000, maxHeaderSize: 16 * 1024 }, (req, res) => {
    void handle(req, res);
  });
  server.maxHeadersCount = 64;
  server.setTimeout(REQUEST_TIMEOUT_MS, (socket) => socket.destroy());

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== METRICS_PATH) return reply(res, 404, `not found: ortop serves ${METRICS_PATH} only\n`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'only GET and HEAD\n', { Allow: 'GET, HEAD' });
    const length = req.headers['content-length'];
    if ((length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined) return reply(res, 400, 'a scrape has no request body\n');
    if (busy >= MAX_CONCURRENT_SCRAPES) return reply(res, 503, 'too many scrapes at once\n', { 'Retry-After': '1' });
    busy++;
    try {
      const now = options.nowMs();
      const inputs = options.sessions().map((s) => metricsInputOf(s, now));
      const { contentType, body } = await renderScrape(inputs, { format: negotiateFormat(req.headers.accept), ...(processMetrics === undefined ? {} : { processMetrics }) });
      res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      options.onProblem?.(`metrics scrape failed: ${(e as Error).message}`);
      reply(res, 500, 'the scrape failed; see ortop\'s log\n');
    } finally {
      busy--;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (e) => options.onProblem?.(`metrics server: ${e.message}`));
  server.on('clientError', (_e, socket) => socket.destroy());
  const bound = server.address() as AddressInfo;
  return {
    address: bound.family === 'IPv6' ? `[${bound.address}]:${bound.port}` : `${bound.address}:${bound.port}`,
    port: bound.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function reply(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  // A request body the client still sends is not read: close the connection after the answer.
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), Connection: 'close', ...headers });
  res.end(text);
}

/**
 * --metrics-listen beside the TUI: starts each session's extra status reads and the server; a
 * problem is reported (on screen once the app is up) and the TUI runs without metrics.
 */
export async function startTuiMetrics(
  sessions: readonly RelaySession[],
  listen: { readonly host: string; readonly port: number; readonly remote: boolean },
  nowMs: () => number,
  report: (message: string) => void,
): Promise<MetricsServer | undefined> {
  try {
    const server = await startMetricsServer({ host: listen.host, port: listen.port, sessions: () => sessions, nowMs, onProblem: report });
    sessions.forEach((s) => {
      s.status.start();
      s.setMetricsServed(true);
    });
    if (listen.remote) report(`metrics at http://${server.address}/metrics are open to every host that can reach this address (see ortop(1))`);
    return server;
  } catch (e) {
    report(`cannot serve metrics on ${listen.host}:${listen.port}: ${(e as Error).message}`);
    return undefined;
  }
}

