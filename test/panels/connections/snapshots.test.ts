import { afterEach, describe, expect, it } from 'vitest';
import { formatStyleRuns, gridText, type FakeTerminal } from '../../../src/terminal/index.js';
import { expectXtermAgrees, xtermRows } from '../../helpers/xterm.js';
import { clientFixture, FP, guardianDetails, relayFixture, type Fixture } from './fixtures.js';
import { baseView, renderConnections } from './render-connections.js';
import type { ConnectionsView } from '../../../panels/connections/index.js';
import { parseTorListeners, type RelayDetails } from '../../../src/relay/connections/index.js';

let term: FakeTerminal | undefined;
afterEach(async () => {
  await term?.destroy();
  term = undefined;
});

interface Scenario {
  readonly fixture: () => Fixture;
  readonly view: ConnectionsView;
  readonly details?: RelayDetails;
}

const SCENARIOS: Record<string, Scenario> = {
  relay: { fixture: () => relayFixture(), view: baseView() },
  'relay-unscrubbed': { fixture: () => relayFixture(), view: baseView({ scrub: false }) },
  'relay-no-addresses': { fixture: () => relayFixture(), view: baseView({ hideAllAddresses: true }) },
  'relay-sockets-unavailable': { fixture: () => relayFixture({ sockets: 'unavailable' }), view: baseView() },
  client: { fixture: () => clientFixture(), view: baseView() },
  'client-by-age': { fixture: () => clientFixture(), view: baseView({ sort: ['age'], selectedKey: 'c:12/s70' }) },
  'detail-box': { fixture: () => relayFixture(), view: baseView({ detailOpen: true, selectedKey: 'o:1' }), details: guardianDetails() },
  'descriptor-popup': { fixture: () => relayFixture(), view: baseView({ selectedKey: 'o:1', popup: { kind: 'descriptor', scroll: 0 } }), details: guardianDetails() },
  'sort-popup': { fixture: () => relayFixture(), view: baseView({ popup: { kind: 'sort', chosen: ['nickname'], cursor: 2 } }) },
  'chart-ports': { fixture: () => relayFixture(), view: baseView({ popup: { kind: 'chart', chart: 'ports' } }) },
  'chart-countries': { fixture: () => relayFixture(), view: baseView({ popup: { kind: 'chart', chart: 'countries' } }) },
  'search-and-confirm': { fixture: () => clientFixture(), view: baseView({ filter: 'guardian', selectedKey: 'c:12', popup: { kind: 'confirm-close', circuitId: '12', question: 'Close circuit 12 (GENERAL, 3 hops, 2 streams)?' } }) },
  'hostile-nickname': { fixture: () => relayFixture({ evil: true }), view: baseView({ sort: ['nickname'], detailOpen: true, selectedKey: 'o:5' }) },
};

describe('connections page snapshots', () => {
  for (const [name, s] of Object.entries(SCENARIOS)) {
    for (const [cols, rows] of [[80, 25], [160, 40]] as const) {
      it(`${name} at ${cols}x${rows}`, async () => {
        const r = await renderConnections(s.fixture(), s.view, cols, rows, s.details);
        term = r.term;
        await expect(gridText(r.grid)).toMatchFileSnapshot(`__snapshots__/connections-${name}.${cols}x${rows}.txt`);
        if (cols === 160) await expect(formatStyleRuns(r.grid)).toMatchFileSnapshot(`__snapshots__/connections-${name}.${cols}x${rows}.styles.txt`);
        await expectXtermAgrees(r.term, r.grid);
      });
    }
  }

  it('draws at 1x1 and 2x3 without throwing', async () => {
    for (const [cols, rows] of [[1, 1], [2, 3], [5, 1]] as const) {
      const r = await renderConnections(relayFixture(), baseView({ detailOpen: true, popup: { kind: 'descriptor', scroll: 0 } }), cols, rows, guardianDetails());
      expect(r.grid.text.length).toBe(rows);
      expect(Math.max(...r.grid.text.map((l) => l.length))).toBeLessThanOrEqual(cols);
      await r.term.destroy();
    }
  });
});

describe('what the snapshots must show', () => {
  it("shows tor's own address for an ORPort bound to 0.0.0.0 when the socket table is unavailable, else '*'", async () => {
    const f = relayFixture({ sockets: 'unavailable' });
    const listeners = parseTorListeners(new Map([['net/listeners/or', '"0.0.0.0:9001"'], ['net/listeners/control', '"127.0.0.1:9051"']]));
    f.store.our = { ...f.store.our, listeners };
    const star = await renderConnections(f, baseView(), 160, 40);
    term = star.term;
    expect(gridText(star.grid)).toMatch(/^\*:9001\s+<--/m);
    await term.destroy();
    f.store.our = { ...f.store.our, address: '198.51.100.99' };
    const known = await renderConnections(f, baseView(), 160, 40);
    term = known.term;
    expect(gridText(known.grid)).toMatch(/^198\.51\.100\.99:9001\s+<--/m);
    expect(gridText(known.grid)).not.toMatch(/^\*:9001/m);
  });


  it('scrubs client and exit addresses by default, still counting them; shows them when asked', async () => {
    const scrubbed = await renderConnections(relayFixture(), baseView(), 160, 40);
    term = scrubbed.term;
    const text = gridText(scrubbed.grid);
    expect(text).not.toContain('100.20.30.40');
    expect(text).not.toContain('93.184.216.34');
    expect(text).toContain('<scrubbed>:443 (HTTPS)');
    expect(text).toContain('Connections (2 inbound, 3 outbound, 2 exit, 1 directory, 1 control, 1 circuit, 1 relay):');
    await term.destroy();
    const shown = await renderConnections(relayFixture(), baseView({ scrub: false }), 160, 40);
    term = shown.term;
    expect(gridText(shown.grid)).toContain('100.20.30.40:40000 (us)');
    expect(gridText(shown.grid)).toContain('93.184.216.34:443 (HTTPS)');
  });

  it('says plainly what an unavailable socket table hides', async () => {
    const r = await renderConnections(relayFixture({ sockets: 'unavailable' }), baseView(), 160, 40);
    term = r.term;
    const text = gridText(r.grid);
    expect(text).toContain('Socket table unavailable');
    expect(text).toContain('exit connections, SOCKS and control clients');
    expect(text).not.toContain('(EXIT)');
  });

  it('lets no escape sequence or tag text from tor reach the terminal', async () => {
    const r = await renderConnections(relayFixture({ evil: true }), baseView({ detailOpen: true, selectedKey: 'o:5' }), 160, 40, guardianDetails());
    term = r.term;
    const bytes = r.term.bytes();
    expect(bytes).not.toContain('\x1b[31mil');
    expect(bytes).not.toContain('pwned');
    const shown = (await xtermRows(bytes, 160, 40)).join('\n');
    expect(shown).toContain('nickname: evil{bold}');
    expect(shown).toContain('evil{bold} (LAUNCHED)');
    expect(shown).toContain(FP.evil);
  });

  it('shows circuits as trees with their streams, targets and status', async () => {
    const r = await renderConnections(clientFixture(), baseView(), 160, 40);
    term = r.term;
    const text = gridText(r.grid);
    expect(text).toMatch(/Circuit 12 +--> 192\.0\.2\.50:9001 \(nl\)/);
    expect(text).toMatch(/├─ 1 \/ Guard +203\.0\.113\.20:443 \(de\)/);
    expect(text).toMatch(/├─ 3 \/ End/);
    expect(text).toMatch(/stream 70 +SUCCEEDED +93\.184\.216\.34:443 \(HTTPS\)/);
    expect(text).toMatch(/├─ stream 71 +SENTCONNECT +torproject\.org:80 \(HTTP\)/);
    expect(text).toMatch(/├─ stream 70 /);
    expect(text).toMatch(/└─ stream 74 +SUCCEEDED +127\.0\.0\.1:5080 via bigexit/);
    expect(text).toContain('Building...');
    expect(text).toMatch(/127\.0\.0\.1:9050 +<-- 127\.0\.0\.1:49072 .*-> 93\.184\.216\.34:443 \(stream 70, circuit 12\)/);
  });
});
