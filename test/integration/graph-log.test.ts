// Page 1 against a real tor (relay, DisableNetwork 1, AccountingMax set): BW events advance the
// graph once a second, the title and accounting rows come from tor, tor's notices appear in the
// log — the backlog from its log file and live ones (a reload) — and the state file is read.
import { afterEach, expect, it } from 'vitest';
import { connect, realClock, type Controller } from '../../src/controller/index.js';
import { realProcFs } from '../../src/system/index.js';
import { mountApp, onCleanup, stopApps } from '../helpers/app-harness.js';
import { pollUntil } from '../helpers/poll-until.js';
import { startTor } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

afterEach(stopApps);


describeWithTor('page 1 against a real tor', () => {
  it('BW events advance the graph; tor\'s notices (backlog and live) appear in the log', async () => {
    const tor = await startTor({ auth: 'cookie', relay: { nickname: 'ortopGraph' }, torrc: ['AccountingMax 10 GB'] });
    const controller: Controller = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port: tor.controlPort }, reconnect: false });
    onCleanup(() => controller.close());
    const { app, frame: text } = mountApp({ controller, clock: realClock, cols: 160, rows: 40, procFs: realProcFs, target: `127.0.0.1:${tor.controlPort}` });
    const models = { graph: app.session.graph.model, log: app.session.logs.buffer };

    await pollUntil('three BW events', () => models.graph.bandwidth.samples >= 3);
    const seen = models.graph.bandwidth.samples;
    await pollUntil('the graph to advance again', () => models.graph.bandwidth.samples >= seen + 2);
    expect(models.graph.lastSecondAtMs).toBeGreaterThan(Date.now() - 5000);
    await pollUntil('accounting facts', () => models.graph.accounting.kind === 'on' && models.graph.accounting.facts !== undefined);
    await pollUntil('the state file', () => models.graph.longHistory.kind !== 'pending');
    expect(models.graph.longHistory).toMatchObject({ kind: 'loaded', path: `${tor.dataDir}/state` });

    const logged = () => models.log.toArray().map((e) => `${e.source} ${e.type} ${e.message}`);
    await pollUntil('the backlog', () => logged().some((l) => l.includes("earlier entries from tor's log file")));
    expect(logged().find((l) => l.includes("earlier entries from tor's log file"))).toContain(`${tor.dataDir}/notice.log (since this tor started at`);
    expect(logged().some((l) => /^backlog NOTICE Tor \S+ opening (new )?log file\.$/.test(l))).toBe(true);

    await controller.signal('RELOAD');
    await pollUntil('a live notice', () => logged().some((l) => l.startsWith('tor NOTICE Received reload signal')));

    const screen = await text();
    expect(screen).toMatch(/Bandwidth \(limit: 1 GB\/s, burst: 1 GB\/s/);
    expect(screen).toMatch(/Download \(0 B\/s - avg: /);
    expect(screen).toMatch(/Accounting \(awake\)\s+Time to reset: /);
    expect(screen).toContain('0 B / 10 GB');
    expect(screen).toContain('[NOTICE] Received reload signal');
    expect(screen).toContain('Events (TOR/ORTOP NOTICE-ERR):');
  });
});
