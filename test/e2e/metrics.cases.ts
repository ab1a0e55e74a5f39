// The Prometheus path end to end: the built ortop --headless attached to every node of the test
// network with --metrics-listen, a real prometheus scraping it every second (its own config and
// storage in a temp dir, 127.0.0.1 only), and Prometheus's HTTP API asked what it stored: traffic
// counters rose, every node is there with its nickname, the exit's Exit flag series is 1, tor's own
// MetricsPort families arrive with ortop's labels, and killing one tor flips its ortop_relay_up to 0
// within two scrapes (the tor is started again after: the other cases share the network).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allocatePortBlock } from '../net/ports.js';
import { httpGet, startHeadless, type HeadlessOrtop } from '../metrics/spawn-ortop.js';
import { checkMetrics, PROMETHEUS } from '../metrics/promtool.js';
import { waitFor, type E2EContext } from './harness.js';

interface PromSample {
  readonly metric: Record<string, string>;
  readonly value?: [number, string];
  readonly values?: Array<[number, string]>;
}

export function metricsCases(ctx: E2EContext): void {
  let ortop: HeadlessOrtop;
  let prometheus: ChildProcess;
  let promPort = 0;
  let dir = '';
  let promLog = '';
  const relayOf = (port: number) => `127.0.0.1:${port}`;

  async function query(expr: string): Promise<PromSample[]> {
    const r = await httpGet(promPort, `/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = JSON.parse(r.body) as { status: string; data?: { result: PromSample[] }; error?: string };
    if (body.status !== 'success') throw new Error(`prometheus: ${body.error ?? r.body}`);
    return body.data!.result;
  }

  beforeAll(async () => {
    if (PROMETHEUS === undefined) throw new Error('prometheus is not installed (apt-get install prometheus; .ci/run does)');
    ortop = await startHeadless(ctx.net.nodes.flatMap((n) => ['-i', String(n.tor.controlPort)]).concat(['-c', '/dev/null']), { env: { HOME: process.env.HOME } });
    dir = mkdtempSync(join(tmpdir(), 'ortop-prom-'));
    promPort = (await allocatePortBlock(1, { min: 41_000, max: 49_000 }))[0]!;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      ['global:', '  scrape_interval: 1s', '  scrape_timeout: 900ms', 'scrape_configs:', '  - job_name: ortop', '    static_configs:', `      - targets: ['127.0.0.1:${ortop.port}']`, ''].join('\n'),
    );
    prometheus = spawn(PROMETHEUS, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`, '--storage.tsdb.retention.time=1h', '--log.level=warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
    prometheus.stderr!.on('data', (d: Buffer) => (promLog = (promLog + d.toString('utf8')).slice(-4000)));
    await waitFor('prometheus ready', async () => ((await httpGet(promPort, '/-/ready').catch(() => undefined))?.status === 200 ? true : undefined), 30_000, () => promLog);
  }, 60_000);

  afterAll(async () => {
    if (prometheus !== undefined && prometheus.exitCode === null) {
      const gone = new Promise((r) => prometheus.once('exit', r));
      prometheus.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
      if (prometheus.exitCode === null) prometheus.kill('SIGKILL');
    }
    if (ortop !== undefined) expect(await ortop.stop('SIGTERM')).toBe(0);
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('stores every node with its nickname, rising traffic counters and the exit flag', async () => {
    const nodes = ctx.net.nodes;
    const exit = ctx.net.exit;
    await waitFor('an ortop_relay_up of 1 for every node', async () => {
      const up = await query('ortop_relay_up == 1');
      return nodes.every((n) => up.some((s) => s.metric.relay === relayOf(n.tor.controlPort))) ? up : undefined;
    }, 60_000, async () => `${JSON.stringify(await query('ortop_relay_up'))}\n${ortop.stderr()}`);
    await waitFor("each relay's nickname as its own tor says it", async () => {
      const up = await query('ortop_relay_up');
      return nodes.filter((n) => n.role !== 'client').every((n) => up.some((s) => s.metric.relay === relayOf(n.tor.controlPort) && s.metric.nickname === n.name && s.metric.fingerprint === n.fingerprint)) ? true : undefined;
    }, 30_000, async () => JSON.stringify(await query('ortop_relay_up')));
    const exitRelay = relayOf(exit.tor.controlPort);
    await waitFor('the Exit flag series of the exit at 1', async () => ((await query(`ortop_relay_flag{relay="${exitRelay}",flag="Exit"} == 1`)).length === 1 ? true : undefined), 90_000, async () => JSON.stringify(await query(`ortop_relay_flag{relay="${exitRelay}"}`)));
    // Downloads run through the exit all along: its written bytes rise between scrapes.
    await waitFor("the exit's traffic counter rising", async () => {
      const r = await query(`increase(ortop_relay_traffic_bytes_total{relay="${exitRelay}",direction="written"}[10s])`);
      return r.length === 1 && Number(r[0]!.value![1]) > 0 ? true : undefined;
    }, 30_000, async () => JSON.stringify(await query('ortop_relay_traffic_bytes_total')));
  }, 200_000);

  it("re-exports tor's MetricsPort families with the node's labels", async () => {
    const exit = ctx.net.exit;
    const found = await waitFor("tor's own families for the exit", async () => {
      const r = await query(`count by (__name__) ({__name__=~"tor_.+", relay="${relayOf(exit.tor.controlPort)}", nickname="${exit.name}"})`);
      return r.length >= 3 ? r.map((s) => s.metric.__name__!) : undefined;
    }, 60_000, async () => `${JSON.stringify(await query(`ortop_relay_tor_metrics_up`))}`);
    expect(found.some((n) => n.startsWith('tor_relay_'))).toBe(true);
  }, 90_000);

  it("passes promtool check metrics on the real network's output: lint problems only on tor's own names", async () => {
    const body = (await httpGet(ortop.port, '/metrics')).body;
    expect(body).toMatch(/^tor_relay_/m);
    const r = checkMetrics(body);
    expect(r.problems.filter((p) => !p.startsWith('tor_'))).toEqual([]);
  }, 30_000);

  it('flips the killed tor to ortop_relay_up 0 within two scrapes, and back to 1 when it returns', async () => {
    const victim = ctx.net.nodes.find((n) => n.role === 'relay')!;
    const relay = relayOf(victim.tor.controlPort);
    await waitFor(`${victim.name} up before the kill`, async () => ((await query(`ortop_relay_up{relay="${relay}"} == 1`)).length === 1 ? true : undefined), 30_000);
    const killedAt = Date.now() / 1000;
    await victim.tor.kill('SIGKILL');
    try {
      const samples = await waitFor('scrapes after the kill, one of them 0', async () => {
        const r = await query(`ortop_relay_up{relay="${relay}"}[30s]`);
        const after = (r[0]?.values ?? []).filter(([t]) => t > killedAt);
        return after.some(([, v]) => v === '0') ? after : undefined;
      }, 15_000, async () => JSON.stringify(await query(`ortop_relay_up{relay="${relay}"}[30s]`)));
      const firstZero = samples.findIndex(([, v]) => v === '0');
      // Scrapes that still said 1 after the kill: at most one (the first or second scrape says 0).
      expect(firstZero, JSON.stringify(samples)).toBeLessThanOrEqual(1);
      expect(ortop.stderr()).toMatch(new RegExp(`^ortop: ${relay.replaceAll('.', '\\.')}: control connection lost: `, 'm'));
    } finally {
      await victim.tor.restart();
    }
    await waitFor(`${victim.name} up again`, async () => ((await query(`ortop_relay_up{relay="${relay}"} == 1`)).length === 1 ? true : undefined), 60_000, async () => {
      const direct = (await httpGet(ortop.port, '/metrics')).body.split('\n').filter((l) => l.includes(`relay="${relay}"`) && /^ortop_relay_(up|control_state)/.test(l));
      return `${JSON.stringify(await query(`{__name__=~"ortop_relay_up|ortop_relay_control_state", relay="${relay}"}[20s]`))}\n${direct.join('\n')}\n${ortop.stderr()}`;
    });
  }, 90_000);
}
