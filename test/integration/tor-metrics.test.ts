// tor's MetricsPort read by ortop, against real tor 0.4.9: families and types as tor writes them,
// the address found from GETINFO net/listeners/metrics, and a policy that refuses us named as a problem.
// tor opens no MetricsPort while DisableNetwork is 1, so these tors run with the network on but know only
// a dead authority on 127.0.0.1 and no fallbacks: they cannot reach anything beyond this machine.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { TorMetricsCollector } from '../../src/app/session/tor-metrics-collector.js';
import { connect, realClock, type Controller } from '../../src/controller/index.js';
import type { TorMetricsModel } from '../../src/relay/tor-metrics/index.js';
import { allocatePortBlock } from '../net/ports.js';
import { startTor, type StartTorOptions } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

/** No public authority or fallback: one authority on loopback where nothing listens. */
export const OFFLINE_NETWORK = [
  'UseDefaultFallbackDirs 0',
  'DirAuthority deadauth orport=1 no-v2 v3ident=0000000000000000000000000000000000000001 127.0.0.1:9 0000000000000000000000000000000000000002',
];

const run = promisify(execFile);
const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;
const ENV = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' };
const controllers: Controller[] = [];
const collectors: TorMetricsCollector[] = [];
afterAll(() => {
  collectors.forEach((c) => c.stop());
  controllers.forEach((c) => c.close());
});

/** `MetricsPort 127.0.0.1:<free port>` (tor takes no "auto" for it). */
async function metricsPortLine(): Promise<string> {
  const [port] = await allocatePortBlock(1);
  return `MetricsPort 127.0.0.1:${port}`;
}

async function collectorFor(torrc: readonly string[], extra: Partial<StartTorOptions> = {}) {
  const tor = await startTor({ relay: { nickname: 'ortopMetrics' }, disableNetwork: false, torrc: [...OFFLINE_NETWORK, ...torrc], ...extra });
  const controller = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port: tor.controlPort }, reconnect: false });
  controllers.push(controller);
  const models: TorMetricsModel[] = [];
  const collector = new TorMetricsCollector({ controller, clock: realClock, torIsLocal: true, onChange: () => models.push(collector.model) });
  collectors.push(collector);
  return { tor, controller, collector, models };
}

describeWithTor('tor MetricsPort against real tor', () => {
  it("finds the MetricsPort tor bound and reads tor's families with their types", async () => {
    const { controller, collector } = await collectorFor([await metricsPortLine(), 'MetricsPortPolicy accept 127.0.0.1', 'ExitRelay 1']);
    await collector.discover();
    const model = collector.model;
    expect(model.problem).toBeUndefined();
    const bound = (await controller.getInfoOne('net/listeners/metrics')).replace(/"/g, '');
    expect(model.source).toBe(bound);
    expect(model.fetchedAtMs).toBeGreaterThan(0);
    const byName = new Map(model.families.map((f) => [f.name, f]));
    expect(byName.get('tor_relay_load_onionskins_total')?.type).toBe('counter');
    expect(byName.get('tor_relay_load_oom_bytes_total')?.type).toBe('counter');
    expect(byName.get('tor_relay_load_socket_total')?.type).toBe('gauge');
    expect(byName.get('tor_relay_dos_total')?.type).toBe('counter');
    expect(byName.get('tor_relay_congestion_control')?.type).toBe('gauge');
    expect(byName.get('tor_relay_exit_dns_error_total')?.samples.map((s) => s.labels.reason)).toContain('serverfailed');
    const limit = byName.get('tor_relay_load_socket_total')!.samples.find((s) => s.labels.state === undefined)!.value;
    expect(limit).toBe(Number(await controller.getInfoOne('process/descriptor-limit')));
    const ntor = byName.get('tor_relay_load_onionskins_total')!.samples.filter((s) => s.labels.type === 'ntor').map((s) => s.labels.action);
    expect(ntor.sort()).toEqual(['dropped', 'processed']);
  });

  it('names a MetricsPortPolicy that refuses us as the problem, and a tor without MetricsPort', async () => {
    const refused = await collectorFor([await metricsPortLine(), 'MetricsPortPolicy reject *']);
    await refused.collector.discover();
    expect(refused.collector.model.families).toEqual([]);
    expect(refused.collector.model.problem).toMatch(/^MetricsPort 127\.0\.0\.1:\d+: connection closed by tor \(is 127\.0\.0\.1 accepted by MetricsPortPolicy\?\)$/);
    const none = await collectorFor([], { disableNetwork: true });
    await none.collector.discover();
    expect(none.collector.model).toMatchObject({ source: undefined, families: [], problem: expect.stringMatching(/^no MetricsPort configured/) });
  });

  it('--snapshot json and the Health page show what tor and its MetricsPort say', async () => {
    const { tor, controller } = await collectorFor([await metricsPortLine(), 'MetricsPortPolicy accept 127.0.0.1', 'ExitRelay 1', 'ContactInfo op <op AT example dot org>'], { relay: { nickname: 'ortopJson' } });
    const { stdout } = await run(process.execPath, [CLI, '-i', String(tor.controlPort), '--snapshot', 'json', '--wait', '1.5'], { env: ENV, timeout: 20_000 });
    const frame = JSON.parse(stdout);
    expect(frame.schema).toBe('ortop.snapshot/1');
    const relay = frame.relays[0];
    expect(relay.nickname).toBe('ortopJson');
    expect(relay.fingerprint).toBe((await controller.getInfoOne('fingerprint')).trim());
    expect(relay.torVersion).toBe(controller.torVersion?.split(' ')[0]);
    expect(relay.metricsPort.source).toBe((await controller.getInfoOne('net/listeners/metrics')).replace(/"/g, ''));
    expect(relay.metricsPort.problem).toBeNull();
    expect(relay.metricsPort.families).toBeGreaterThan(20);
    const checks = new Map(relay.health.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
    // Read from tor, not left unknown: its descriptors (fresh: nothing is published here), reachability (AssumeReachable).
    expect(checks.get('overload-general')).toBe('ok');
    expect(checks.get('extra-info-overload')).toBe('ok');
    expect(checks.get('reachability')).toBe('ok');
    expect(checks.get('onionskin-drops')).toBe('ok');
    expect(checks.get('oom')).toBe('ok');
    expect(checks.get('contact-info')).toBe('ok');
    expect(checks.get('fd-limit')).toBe('ok');
    expect(relay.fileDescriptors.limit).toBe(Number(await controller.getInfoOne('process/descriptor-limit')));
    expect(relay.health.overloadSignals.find((s: { id: string }) => s.id === 'sockets-used').value).toBeGreaterThan(0);
    expect(frame.totals.relays).toBe(1);

    const page = await run(process.execPath, [CLI, '-i', String(tor.controlPort), '--snapshot', '--page', 'health', '--size', '120x40', '--wait', '1.5'], { env: ENV, timeout: 20_000 });
    expect(page.stdout).toMatch(/Health of 127\.0\.0\.1:\d+ \(.*\) - MetricsPort 127\.0\.0\.1:\d+ read \d+ s ago/);
    expect(page.stdout).toContain("tor's overload signals (since tor started)");
    expect(page.stdout).toMatch(/✓ no TCP port exhaustion/);
  });
});
