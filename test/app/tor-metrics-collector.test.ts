// TorMetricsCollector over FakeTor and a scripted fetch on a ManualClock: where it looks for the
// MetricsPort, when it scrapes (every 5 s; 30 s after a failure; never while tor is gone), which
// MetricsPort it refuses to scrape, and that a bad answer becomes a problem, not a throw.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { METRICS_INTERVAL_MS, METRICS_RELAXED_INTERVAL_MS, METRICS_RETRY_MS, TorMetricsCollector } from '../../src/app/session/tor-metrics-collector.js';
import type { MetricsFetchResult } from '../../src/app/session/tor-metrics-http.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';

const CAPTURE = readFileSync(new URL('../fixtures/tor-metrics/tor-0.4.9.11-relay.prom', import.meta.url), 'utf8');

let stops: Array<() => void> = [];
afterEach(() => {
  stops.forEach((s) => s());
  stops = [];
});

async function setUp(opts: { info?: Record<string, string>; conf?: Record<string, string>; torIsLocal?: boolean; address?: string; answers?: MetricsFetchResult[] }) {
  const tor = new FakeTor({ info: opts.info ?? {}, conf: opts.conf ?? {}, ...(opts.address === undefined ? {} : { address: opts.address }) });
  const clock = new ManualClock(1_800_000_000_000);
  const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: false });
  await controller.open();
  const asked: string[] = [];
  const answers = [...(opts.answers ?? [])];
  let changes = 0;
  const collector = new TorMetricsCollector({
    controller,
    clock,
    torIsLocal: opts.torIsLocal ?? true,
    fetch: async (host, port) => {
      asked.push(`${host}:${port}`);
      return answers.shift() ?? { kind: 'ok', text: CAPTURE };
    },
    onChange: () => changes++,
  });
  collector.start();
  stops.push(() => collector.stop(), () => controller.close());
  const flush = async () => {
    for (let i = 0; i < 10; i++) await settle();
  };
  await flush();
  return { tor, clock, controller, collector, asked, flush, changes: () => changes };
}

describe('TorMetricsCollector', () => {
  it('scrapes the address from net/listeners/metrics at once, then every 5 s', async () => {
    const { collector, asked, clock, flush } = await setUp({ info: { 'net/listeners/metrics': '"127.0.0.1:9035"' } });
    expect(asked).toEqual(['127.0.0.1:9035']);
    expect(collector.model.source).toBe('127.0.0.1:9035');
    expect(collector.model.problem).toBeUndefined();
    expect(collector.model.fetchedAtMs).toBe(1_800_000_000_000);
    expect(collector.model.families.length).toBeGreaterThan(20);
    clock.advance(METRICS_INTERVAL_MS - 1);
    await flush();
    expect(asked).toHaveLength(1);
    clock.advance(1);
    await flush();
    expect(asked).toHaveLength(2);
  });

  it('relaxed (a hidden relay of several, metrics not served): once a minute; shown again: at once when stale', async () => {
    const { collector, asked, clock, flush } = await setUp({ info: { 'net/listeners/metrics': '"127.0.0.1:9035"' } });
    expect(asked).toHaveLength(1);
    collector.setRelaxed(true);
    clock.advance(METRICS_INTERVAL_MS);
    await flush();
    // The scrape already scheduled runs; from then on the pace is a minute.
    expect(asked).toHaveLength(2);
    clock.advance(METRICS_RELAXED_INTERVAL_MS - 1);
    await flush();
    expect(asked).toHaveLength(2);
    clock.advance(1);
    await flush();
    expect(asked).toHaveLength(3);
    clock.advance(METRICS_INTERVAL_MS);
    collector.setRelaxed(false);
    clock.advance(0);
    await flush();
    expect(asked).toHaveLength(4);
    clock.advance(METRICS_INTERVAL_MS);
    await flush();
    expect(asked).toHaveLength(5);
  });

  it('back from relaxed soon after a scrape: the next scrape is one interval after the last, not a minute', async () => {
    const { collector, asked, clock, flush } = await setUp({ info: { 'net/listeners/metrics': '"127.0.0.1:9035"' } });
    collector.setRelaxed(true);
    clock.advance(METRICS_INTERVAL_MS);
    await flush();
    expect(asked).toHaveLength(2);
    // The Health page opens 2 s after that scrape: the minute's timer gives way to the 5 s pace.
    clock.advance(2000);
    collector.setRelaxed(false);
    await flush();
    expect(asked).toHaveLength(2);
    clock.advance(METRICS_INTERVAL_MS - 2000 - 1);
    await flush();
    expect(asked).toHaveLength(2);
    clock.advance(1);
    await flush();
    expect(asked).toHaveLength(3);
  });

  it('falls back to GETCONF MetricsPort (a bare port is 127.0.0.1)', async () => {
    const { asked } = await setUp({ conf: { MetricsPort: '9035' } });
    expect(asked).toEqual(['127.0.0.1:9035']);
  });

  it('says there is no MetricsPort, and scrapes nothing', async () => {
    const { collector, asked, clock, flush } = await setUp({});
    expect(collector.model).toMatchObject({ source: undefined, families: [], problem: expect.stringMatching(/^no MetricsPort configured/) });
    clock.advance(60_000);
    await flush();
    expect(asked).toEqual([]);
  });

  it('makes a garbage answer a problem and retries 30 s later, not every 5 s', async () => {
    const { collector, asked, clock, flush } = await setUp({
      info: { 'net/listeners/metrics': '"127.0.0.1:9035"' },
      answers: [{ kind: 'ok', text: '<html>hello</html>' }, { kind: 'error', message: 'HTTP 403' }],
    });
    expect(collector.model).toMatchObject({ source: '127.0.0.1:9035', families: [], problem: expect.stringMatching(/^MetricsPort 127\.0\.0\.1:9035: .*not Prometheus text format/) });
    clock.advance(METRICS_INTERVAL_MS);
    await flush();
    expect(asked).toHaveLength(1);
    clock.advance(METRICS_RETRY_MS - METRICS_INTERVAL_MS);
    await flush();
    expect(collector.model.problem).toBe('MetricsPort 127.0.0.1:9035: HTTP 403');
    clock.advance(METRICS_RETRY_MS);
    await flush();
    expect(asked).toHaveLength(3);
    expect(collector.model.problem).toBeUndefined();
    expect(collector.model.families.length).toBeGreaterThan(20);
  });

  it('does not scrape a MetricsPort of a tor on another machine', async () => {
    const remote = await setUp({ info: { 'net/listeners/metrics': '"127.0.0.1:9035"' }, torIsLocal: false, address: '198.51.100.7:9051' });
    expect(remote.asked).toEqual([]);
    expect(remote.collector.model.problem).toMatch(/127\.0\.0\.1:9035 is on tor's machine, and tor is not shown to run on this one/);
    const publicPort = await setUp({ info: { 'net/listeners/metrics': '"198.51.100.7:9035"' }, torIsLocal: false, address: '127.0.0.1:9051' });
    expect(publicPort.asked).toEqual([]);
    expect(publicPort.collector.model.problem).toMatch(/belongs to a tor on another machine: not scraped/);
    // A loopback control port is no proof either (ssh -L, a container): 127.0.0.1:9035 here may be another program.
    const forwarded = await setUp({ info: { 'net/listeners/metrics': '"127.0.0.1:9035"' }, torIsLocal: false, address: '127.0.0.1:9051' });
    expect(forwarded.asked).toEqual([]);
    expect(forwarded.collector.model.problem).toMatch(/tor is not shown to run on this one \(a forwarded control port\?\): not scraped/);
  });

  it('stops scraping when tor goes away', async () => {
    const { tor, collector, asked, clock, flush } = await setUp({ info: { 'net/listeners/metrics': '"127.0.0.1:9035"' } });
    tor.kill();
    await flush();
    expect(collector.model).toMatchObject({ families: [], problem: 'tor is not connected' });
    clock.advance(10 * METRICS_RETRY_MS);
    await flush();
    expect(asked).toHaveLength(1);
  });
});

describe('TorMetricsCollector against real misbehaving HTTP servers', () => {
  it('a huge answer and an HTML page become problems; the next good answer clears them', async () => {
    const { createServer } = await import('node:http');
    let mode: 'huge' | 'html' | 'good' = 'huge';
    const server = createServer((_req, res) => {
      if (mode === 'huge') res.end('x'.repeat(5 * 1024 * 1024));
      else if (mode === 'html') res.end('<html><body>It works!</body></html>');
      else res.end(CAPTURE);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    stops.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const port = (server.address() as import('node:net').AddressInfo).port;
    const tor = new FakeTor({});
    const clock = new ManualClock(1_800_000_000_000);
    const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: false });
    await controller.open();
    const collector = new TorMetricsCollector({ controller, clock, torIsLocal: true, source: `127.0.0.1:${port}`, onChange: () => {} });
    stops.push(() => collector.stop(), () => controller.close());
    await collector.discover();
    expect(collector.model).toMatchObject({ source: `127.0.0.1:${port}`, families: [], problem: `MetricsPort 127.0.0.1:${port}: answer of 5242880 bytes is over the 4 MiB limit` });
    mode = 'html';
    await collector.scrapeNow();
    expect(collector.model.problem).toMatch(/not Prometheus text format|no metrics/);
    mode = 'good';
    await collector.scrapeNow();
    expect(collector.model.problem).toBeUndefined();
    expect(collector.model.families.length).toBeGreaterThan(20);
  });
});
