// The Health page (6) and the Relays overview's Health column in the running app: two relays on
// FakeTor, one whose MetricsPort (a scripted fetch of tor's real answer) shows dropped onionskins and
// OOM, one without a MetricsPort; keys scroll and hide the ok checks; a new scrape redraws the page.
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { OrtopApp } from '../../src/app/shell/app.js';
import { InterpreterHistoryStore } from '../../src/app/session/interpreter-history-store.js';
import { RelaySession } from '../../src/app/session/relay-session.js';
import { METRICS_INTERVAL_MS } from '../../src/app/session/tor-metrics-collector.js';
import { DEFAULT_SETTINGS } from '../../src/config/index.js';
import { Controller, ManualClock } from '../../src/controller/index.js';
import { createFakeTerminal, gridText, readGrid } from '../../src/terminal/index.js';
import { NO_PROC_FS, TEST_HOST, TEST_START_MS } from '../helpers/app-harness.js';
import { FakeTor, settle } from '../helpers/fake-tor.js';

const CAPTURE = readFileSync(new URL('../fixtures/tor-metrics/tor-0.4.9.11-relay.prom', import.meta.url), 'utf8');
const FP = 'A6A6904E09B5CBEDDAB41CA92B8CAD9506D013D2';

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function relayTor(nickname: string, metricsPort: boolean): FakeTor {
  return new FakeTor({
    info: {
      uptime: '3600',
      'status/version/current': 'recommended',
      'net/listeners/or': '"127.0.0.1:5020"',
      'net/listeners/dir': '',
      'process/descriptor-limit': '100000',
      'status/bootstrap-phase': 'NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done"',
      'network-liveness': 'up',
      fingerprint: FP,
      'status/reachability-succeeded': 'OR=1 DIR=0',
      ...(metricsPort ? { 'net/listeners/metrics': '"127.0.0.1:9035"' } : {}),
    },
    conf: { Nickname: nickname, SocksPort: '0', ContactInfo: 'op', ExitRelay: '0' },
  });
}

async function twoRelays() {
  const clock = new ManualClock(TEST_START_MS);
  const history = new InterpreterHistoryStore(null);
  const tors = [relayTor('alpha', true), relayTor('bravo', false)];
  let dropped = 250;
  let fetches = 0;
  const fetchMetrics = async () => {
    fetches++;
    return {
      kind: 'ok' as const,
      text: CAPTURE.replace('tor_relay_load_onionskins_total{type="ntor",action="processed"} 0', 'tor_relay_load_onionskins_total{type="ntor",action="processed"} 10000')
        .replace('tor_relay_load_onionskins_total{type="ntor",action="dropped"} 0', `tor_relay_load_onionskins_total{type="ntor",action="dropped"} ${dropped}`)
        .replace('tor_relay_load_oom_bytes_total{subsys="cell"} 0', 'tor_relay_load_oom_bytes_total{subsys="cell"} 1048576'),
    };
  };
  const sessions: RelaySession[] = [];
  for (const [i, tor] of tors.entries()) {
    const controller = new Controller({ openTransport: tor.openTransport, clock, reconnect: false });
    await controller.open();
    sessions.push(
      new RelaySession({ name: ['east', 'west'][i]!, controller, target: `127.0.0.1:905${i}`, clock, settings: DEFAULT_SETTINGS, procFs: NO_PROC_FS, host: TEST_HOST, deps: { history, fetchMetrics, assumeLocal: true } }),
    );
  }
  const term = createFakeTerminal({ cols: 120, rows: 40 });
  const app = new OrtopApp({ screen: term.screen, sessions, clock, settings: DEFAULT_SETTINGS, theme: { colors: false }, unicode: true, onQuit: () => {} });
  app.start();
  cleanup.push(async () => {
    app.stop();
    for (const s of sessions) s.controller.close();
    await term.destroy();
  });
  const flush = async (ms = 50) => {
    for (let i = 0; i < 30; i++) await settle();
    clock.advance(ms);
    for (let i = 0; i < 30; i++) await settle();
    app.renderNow();
    await term.settle();
  };
  await flush();
  await flush();
  return { app, clock, flush, text: () => gridText(readGrid(term.screen)), setDropped: (n: number) => (dropped = n), fetches: () => fetches };
}

it('page 6 shows the checks worst first with their fixes and the overload signals; o hides the ok ones', async () => {
  const { app, text, flush } = await twoRelays();
  app.handleKey('6', '6');
  await flush();
  const shown = text();
  expect(shown).toContain('page 6 / 6');
  expect(shown).toMatch(/Health of east \(2 bad, .*\) - MetricsPort 127\.0\.0\.1:9035 read 0 s ago/);
  expect(shown).toContain('✗ onionskins: 250 dropped of 10,250 (2.4%) since tor started');
  expect(shown).toContain('    fix: the CPU cannot keep up with circuit creation');
  expect(shown).toContain("✗ tor's out-of-memory handler freed 1.0 MiB (cell 1.0 MiB)");
  expect(shown).toMatch(/onionskins dropped +250/);
  expect(shown.indexOf('✗')).toBeLessThan(shown.indexOf('✓'));
  app.handleKey('o', 'o');
  await flush();
  expect(text()).toMatch(/\d+ checks ok, hidden \(o shows them\)/);
  expect(text()).not.toContain('✓ reachability confirmed');
  // The other relay has no MetricsPort: one unknown line says so and how to add one.
  app.handleKey(']', ']');
  await flush();
  expect(text()).toContain('? overload signals unknown: no MetricsPort configured');
  expect(text()).toContain('fix: add "MetricsPort 127.0.0.1:9035"');
});

it('a new scrape redraws the page; the Relays overview shows each relay\'s health and sorts by it', async () => {
  const { app, text, flush, setDropped } = await twoRelays();
  app.handleKey('6', '6');
  await flush();
  setDropped(5000);
  await flush(METRICS_INTERVAL_MS);
  expect(text()).toContain('✗ onionskins: 5,000 dropped of 15,000 (33.3%) since tor started');
  app.handleKey('0', '0');
  await flush();
  const overview = text();
  expect(overview).toMatch(/Relay +State +Health/);
  expect(overview).toMatch(/east +connected +overload/);
  expect(overview).toMatch(/west +connected +ok/);
  expect(overview).toMatch(/Total \(2\).* 1 bad/);
  for (let i = 0; i < 3; i++) app.handleKey('s', 's');
  await flush();
  expect(text()).toContain('sorted by worst health');
});

it('tor\'s MetricsPort is read every 5 s while the Health page shows, once a minute on the other pages', async () => {
  const { app, flush, fetches } = await twoRelays();
  // Only east has a MetricsPort; it was read once at start. Page 1 for 55 s: no more reads.
  const atStart = fetches();
  expect(atStart).toBe(1);
  for (let s = 0; s < 11; s++) await flush(METRICS_INTERVAL_MS);
  expect(fetches()).toBe(atStart);
  await flush(METRICS_INTERVAL_MS);
  expect(fetches()).toBe(atStart + 1);
  app.handleKey('6', '6');
  for (let s = 0; s < 6; s++) await flush(METRICS_INTERVAL_MS);
  expect(fetches()).toBeGreaterThanOrEqual(atStart + 6);
  const onHealth = fetches();
  app.handleKey('1', '1');
  await flush();
  for (let s = 0; s < 6; s++) await flush(METRICS_INTERVAL_MS);
  expect(fetches()).toBeLessThanOrEqual(onHealth + 1);
});

