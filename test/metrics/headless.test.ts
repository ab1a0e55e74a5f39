// `ortop --headless --metrics-listen` as systemd runs it: the built CLI with no terminal (stdio are
// pipes), demo relays, a real HTTP scrape, the event lines on stderr, exit 0 on SIGTERM and SIGINT;
// the usage errors of the metrics flags; and promtool's verdict on the real output.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBack, samples, value } from './read-back.js';
import { checkMetrics, describeWithPromtool } from './promtool.js';
import { CLI, httpGet, startHeadless, type HeadlessOrtop } from './spawn-ortop.js';

const ENV = { PATH: process.env.PATH, HOME: '/nonexistent-ortop-home', LANG: 'C.UTF-8' };
const ortop = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env: ENV, encoding: 'utf8', timeout: 20_000 });

describe('metrics flags: usage errors (exit 2, one line)', () => {
  it.each([
    [['--headless', '--demo'], /^ortop: --headless has nothing to do without --metrics-listen \[ADDR:\]PORT .*\(see ortop --help\)\n$/],
    [['--demo', '--metrics-listen', '0.0.0.0:9099'], /^ortop: --metrics-listen 0\.0\.0\.0:9099: 0\.0\.0\.0 is not a loopback address, .*add --metrics-allow-remote .*\(see ortop --help\)\n$/],
    [['--demo', '--metrics-listen', '[2001:db8::1]:9099'], /^ortop: --metrics-listen \[2001:db8::1\]:9099: 2001:db8::1 is not a loopback address/],
    [['--demo', '--metrics-listen', 'example.org:9099'], /^ortop: --metrics-listen example\.org:9099: "example\.org" is not an IPv4 address/],
    [['--demo', '--metrics-listen', '99999'], /^ortop: --metrics-listen 99999: port 99999 is out of range/],
    [['--demo', '--snapshot', '--metrics-listen', '9099'], /^ortop: --snapshot prints one frame and exits: it cannot be combined with --headless or --metrics-listen/],
    [['--demo', '--metrics-allow-remote'], /^ortop: --metrics-allow-remote goes with --metrics-listen ADDR:PORT/],
  ])('%j', (args, stderr) => {
    const r = ortop(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
  });
});

describe('ortop --headless --demo 3', () => {
  let o: HeadlessOrtop;
  let exposition = '';
  beforeAll(async () => {
    o = await startHeadless(['--demo', '3']);
    // The demo relays' first BW events and connection lists: a second or two.
    const deadline = Date.now() + 15_000;
    do {
      await new Promise((r) => setTimeout(r, 500));
      exposition = (await httpGet(o.port, '/metrics')).body;
    } while (!/^ortop_relay_traffic_rate_bytes_per_second\{/m.test(exposition) && Date.now() < deadline);
  }, 40_000);
  afterAll(async () => {
    await o?.stop('SIGKILL');
  });

  it('serves every relay with its labels, and logs one line per event on stderr', () => {
    const f = readBack(exposition);
    expect(samples(f, 'ortop_relay_up').map((s) => [s.labels.relay, s.value])).toEqual([
      ['demo 1', 1],
      ['demo 2', 1],
      ['demo 3', 1],
    ]);
    expect(value(f, 'ortop_relays')).toBe(3);
    expect(samples(f, 'ortop_relay_traffic_bytes_total', { direction: 'read' }).every((s) => s.value > 0)).toBe(true);
    expect(samples(f, 'ortop_process_resident_memory_bytes')).toHaveLength(1);
    expect(o.stderr()).toMatch(new RegExp(`^ortop: serving metrics for 3 relays at http://127\\.0\\.0\\.1:${o.port}/metrics$`, 'm'));
    expect(o.stderr()).toMatch(/^ortop: demo 1: attached to tor 0\.4\.9\.11 at /m);
    expect(o.stdout()).toBe('');
  });

  it('answers only GET and HEAD on /metrics, without a body, and OpenMetrics when asked', async () => {
    expect((await httpGet(o.port, '/')).status).toBe(404);
    expect((await httpGet(o.port, '/metrics/x')).status).toBe(404);
    const post = await httpGet(o.port, '/metrics', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await httpGet(o.port, '/metrics', { method: 'GET', body: 'hello', headers: { 'Content-Length': '5' } })).status).toBe(400);
    const head = await httpGet(o.port, '/metrics', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const om = await httpGet(o.port, '/metrics', { headers: { Accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5' } });
    expect(om.headers['content-type']).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(om.body.endsWith('# EOF\n')).toBe(true);
    const text = await httpGet(o.port, '/metrics?x=1');
    expect(text.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  it('exits 0 on SIGTERM after saying so', async () => {
    const code = await o.stop('SIGTERM');
    expect(code).toBe(0);
    expect(o.stderr()).toMatch(/^ortop: stopping \(SIGTERM\)$/m);
  });
});

describe('ortop --headless: SIGINT, and a port already taken', () => {
  it('exits 0 on SIGINT', async () => {
    const o = await startHeadless(['--demo']);
    expect(await o.stop('SIGINT')).toBe(0);
    expect(o.stderr()).toMatch(/^ortop: stopping \(SIGINT\)$/m);
  }, 30_000);

  it('exits 1 with a reason when the port is taken', async () => {
    const first = await startHeadless(['--demo']);
    try {
      const r = spawnSync(process.execPath, [CLI, '--headless', '--demo', '--metrics-listen', `127.0.0.1:${first.port}`], { env: ENV, encoding: 'utf8', timeout: 20_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^ortop: cannot serve metrics on 127\\.0\\.0\\.1:${first.port}: .*EADDRINUSE`, 'm'));
    } finally {
      await first.stop();
    }
  }, 30_000);
});

describeWithPromtool('promtool check metrics on ortop --headless --demo 2', () => {
  it('finds no format error and no lint problem', async () => {
    const o = await startHeadless(['--demo', '2']);
    try {
      await new Promise((r) => setTimeout(r, 2500));
      const body = (await httpGet(o.port, '/metrics')).body;
      expect(body).toMatch(/^ortop_relay_flag\{/m);
      const r = checkMetrics(body);
      expect(r.problems).toEqual([]);
      expect(r.status).toBe(0);
    } finally {
      await o.stop();
    }
  }, 30_000);
});
