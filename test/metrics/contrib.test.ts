// The shipped contrib files checked by the real tools: promtool check config / check rules / test rules
// on contrib/prometheus, the Grafana dashboard's queries parsed by promtool and naming only series
// ortop serves, and contrib/ortop.service through systemd-analyze verify when it is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORTER_FAMILIES, RELAY_FAMILIES } from '../../src/metrics/index.js';
import { describeWithPromtool, PROMTOOL, promtool } from './promtool.js';

const CONTRIB = new URL('../../contrib/', import.meta.url).pathname;
const PROM = join(CONTRIB, 'prometheus');

interface Dashboard {
  readonly panels: ReadonlyArray<{ readonly title: string; readonly targets: ReadonlyArray<{ readonly expr: string }> }>;
  readonly templating: { readonly list: ReadonlyArray<{ readonly name: string; readonly definition?: string }> };
}
const dashboard = JSON.parse(readFileSync(join(PROM, 'grafana-dashboard.json'), 'utf8')) as Dashboard;
const dashboardExprs = dashboard.panels.flatMap((p) => p.targets.map((t) => ({ panel: p.title, expr: t.expr })));
const alertExprs = [...readFileSync(join(PROM, 'ortop-alerts.yml'), 'utf8').matchAll(/expr: (?:\|\n((?:\s{10}.*\n)+)|(.*)\n)/g)].map((m) => (m[1] ?? m[2])!);

const ours = new Set<string>([...RELAY_FAMILIES.map((f) => f.name), ...EXPORTER_FAMILIES.map((f) => f.name)]);
/** Metric names in a PromQL expression: words followed by { or standing alone, not functions or keywords. */
function metricNames(expr: string): string[] {
  const words = expr.replace(/"[^"]*"/g, '""').match(/[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*(\{|\)|\[|$| [=><!*/+-]|\s+(and|or|unless|on)\b))/g) ?? [];
  const keywords = new Set(['by', 'without', 'on', 'and', 'or', 'unless', 'ignoring', 'group_left', 'group_right', 'relay', 'direction', 'state', 'purpose', 'flag', 'kind', 'port', 'severity', 'instance', 'job', 'type', 'action', 'nickname', 'fingerprint', 'status']);
  return words.filter((w) => !keywords.has(w));
}

function servedByOrtop(name: string): boolean {
  return ours.has(name) || name.startsWith('ortop_process_') || name.startsWith('tor_') || name === 'up';
}

describe('the contrib files name only series ortop serves', () => {
  it('the dashboard', () => {
    expect(dashboardExprs.length).toBeGreaterThan(10);
    for (const { panel, expr } of dashboardExprs) {
      const names = metricNames(expr);
      expect(names.length, `${panel}: ${expr}`).toBeGreaterThan(0);
      for (const n of names) expect(servedByOrtop(n), `${panel}: ${n}`).toBe(true);
    }
    expect(dashboard.templating.list.find((v) => v.name === 'relay')?.definition).toBe('label_values(ortop_relay_up, relay)');
  });

  it('the alert rules', () => {
    expect(alertExprs.length).toBe(10);
    for (const expr of alertExprs) for (const n of metricNames(expr)) expect(servedByOrtop(n), `${expr}: ${n}`).toBe(true);
  });
});

describeWithPromtool('promtool on contrib/prometheus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ortop-contrib-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('check config: the scrape config and its rule file are valid', () => {
    const r = promtool(['check', 'config', join(PROM, 'prometheus.yml')]);
    expect(r.stdout + r.stderr).toMatch(/SUCCESS: 1 rule files found/);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('check rules: the alert rules are valid', () => {
    const r = promtool(['check', 'rules', join(PROM, 'ortop-alerts.yml')]);
    expect(r.stdout + r.stderr).toMatch(/SUCCESS: 10 rules found/);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('test rules: every alert fires when it should and stays quiet when it should not', () => {
    const r = spawnSync(PROMTOOL!, ['test', 'rules', 'ortop-alerts.test.yml'], { cwd: PROM, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout + r.stderr).toMatch(/SUCCESS/);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it("the dashboard's queries are valid PromQL", () => {
    const rules = dashboardExprs.map(({ expr }, i) => `      - record: dashboard:query_${i}\n        expr: ${JSON.stringify(expr.replaceAll('$__rate_interval', '1m').replaceAll('$relay', '.*'))}`);
    const file = join(dir, 'dashboard-rules.yml');
    writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${rules.join('\n')}\n`);
    const r = promtool(['check', 'rules', file]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`SUCCESS: ${dashboardExprs.length} rules found`);
  });
});

const SYSTEMD_ANALYZE = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));
if (SYSTEMD_ANALYZE === undefined) process.stderr.write('skipped: systemd-analyze not installed (contrib/ortop.service not verified)\n');

describe('contrib/ortop.service', () => {
  const unit = readFileSync(join(CONTRIB, 'ortop.service'), 'utf8');

  it('runs ortop headless on loopback, sandboxed, with the debian-tor group for the cookie', () => {
    for (const line of [
      'ExecStart=/usr/bin/env ortop --headless --metrics-listen 127.0.0.1:9099 -s /run/tor/control',
      'DynamicUser=yes',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ProtectHome=yes',
      'PrivateTmp=yes',
      'SupplementaryGroups=debian-tor',
      'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6',
    ])
      expect(unit.split('\n')).toContain(line);
  });

  it.skipIf(SYSTEMD_ANALYZE === undefined)('passes systemd-analyze verify', () => {
    const r = spawnSync(SYSTEMD_ANALYZE!, ['verify', join(CONTRIB, 'ortop.service')], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
