// ortop attached to the exit relay while the client downloads through it: the header matches the
// consensus, tor counts traffic and the graph shows it, the connections page agrees with tor's
// orconn-status and circuit-status (relays by nickname, inbound/outbound by port, no duplicates).

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Controller } from '../../src/controller/index.js';
import { connectNode } from '../net/index.js';
import { parseCircuitBlocks, parseConnectionRows } from './frames.js';
import { consensusFlags, startAppOnNode, waitFor, type AppOnNode, type E2EContext } from './harness.js';

export function exitRelayCases(ctx: E2EContext): void {
  let ortop: AppOnNode;
  let tor: Controller;
  beforeAll(async () => {
    // Tall enough for every connection and circuit of a small network without scrolling.
    ortop = await startAppOnNode(ctx.net.exit, { cols: 120, rows: 300 });
    tor = await connectNode(ctx.net.exit);
  });
  afterAll(async () => {
    await ortop?.stop();
    tor?.close();
  });

  it('header: nickname, ORPort, fingerprint and exactly the flags of its consensus entry', async () => {
    const exit = ctx.net.exit;
    const agreed = await waitFor(
      'header flags equal to the consensus flags (with Exit, Running, Valid)',
      async () => {
        const want = (await consensusFlags(tor, exit.fingerprint!)).sort();
        const frame = await ortop.frame();
        const shown = (/^flags: (.*)$/m.exec(frame)?.[1] ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '').sort();
        return ['Exit', 'Running', 'Valid'].every((f) => want.includes(f)) && shown.join(' ') === want.join(' ') ? frame : undefined;
      },
      40_000,
      async () => `${await ortop.frame()}\nconsensus: ${(await consensusFlags(tor, exit.fingerprint!).catch((e: Error) => [e.message])).join(' ')}`,
    );
    expect(agreed).toContain(`exit1 - 127.0.0.1:${exit.orPort}`);
    expect(agreed).toContain(`Control Port (safecookie): ${exit.tor.controlPort}`);
    expect(agreed).toContain(`fingerprint: ${exit.fingerprint}`);
    expect(agreed).toContain(`pid: ${exit.tor.pid}`);
  }, 60_000);

  it('traffic: tor counts bytes both ways, growing while the client downloads', async () => {
    const before = Number(await tor.getInfoOne('traffic/read'));
    const grown = await waitFor('1 MB more read by the exit', async () => {
      const now = Number(await tor.getInfoOne('traffic/read'));
      return now - before >= 1_000_000 ? now : undefined;
    }, 30_000);
    expect(grown).toBeGreaterThan(before);
    expect(Number(await tor.getInfoOne('traffic/written'))).toBeGreaterThan(1_000_000);
  }, 40_000);

  it('graph page: non-zero download and upload rates and totals, bars drawn', async () => {
    const frame = await waitFor('non-zero rates on the graph page', async () => {
      const f = await ortop.type('1');
      const down = /Download \(([\d.]+) ([KMG]?B)\/s - avg: [^,]+, total: ([\d.]+) ([KMG]?B)\)/.exec(f);
      const up = /Upload \(([\d.]+) ([KMG]?B)\/s - avg: [^,]+, total: ([\d.]+) ([KMG]?B)\)/.exec(f);
      return down !== null && up !== null && Number(down[1]) > 0 && Number(up[1]) > 0 && Number(down[3]) > 0 ? f : undefined;
    }, 30_000, () => ortop.frame());
    expect(frame).toMatch(/[▁▂▃▄▅▆▇█]/);
  }, 40_000);

  it('connections page: one row per OR connection of orconn-status, by nickname, inbound on our ORPort, outbound to their ORPorts', async () => {
    const exit = ctx.net.exit;
    const relayByOrPort = new Map(ctx.net.nodes.filter((n) => n.orPort !== undefined).map((n) => [`127.0.0.1:${n.orPort}`, n.name]));
    const relayNames = new Set(ctx.net.nodes.map((n) => n.name));
    // A peer tor cannot name (the client, connecting in) is one entry either way, whatever the label.
    const UNNAMED = '(not a relay)';
    const countBy = (names: readonly string[]) => [...names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>())].sort();
    const checked = await waitFor('as many rows per relay on the page as OR connections in orconn-status', async () => {
      const rows = parseConnectionRows(await ortop.type('2'))
        .filter((r) => r.category === 'INBOUND' || r.category === 'OUTBOUND')
        .map((r) => (relayNames.has(r.name) ? r : { ...r, name: UNNAMED }));
      const status = (await tor.getInfoOne('orconn-status')).split('\n').filter((l) => / CONNECTED$/.test(l));
      const torNames = status.map((l) => /~(\w+) CONNECTED$/.exec(l)?.[1] ?? UNNAMED);
      const same = JSON.stringify(countBy(rows.map((r) => r.name))) === JSON.stringify(countBy(torNames));
      return rows.length > 0 && same ? { rows, torNames } : undefined;
    }, 30_000, async () => `${await ortop.frame()}\norconn-status:\n${await tor.getInfoOne('orconn-status')}`);
    const { rows, torNames } = checked;
    for (const name of ['auth1', 'auth2', 'auth3', 'relay1']) expect(torNames, `exit1 connected to ${name}`).toContain(name);
    for (const r of rows) {
      if (r.category === 'INBOUND') {
        expect(r.direction).toBe('<--');
        expect(r.local, `inbound ${r.name} arrives on exit1's ORPort`).toBe(`127.0.0.1:${exit.orPort}`);
        // All relays share 127.0.0.1, so the page may not know which socket is whose: host only, then.
        // A client's address is scrubbed (scrub_client_addresses defaults to true).
        expect(r.remote).toMatch(r.name === UNNAMED ? /^<scrubbed>/ : /^127\.0\.0\.1(:\d+)?$/);
      } else {
        expect(r.direction).toBe('-->');
        expect(relayByOrPort.get(r.remote), `outbound ${r.remote} goes to the ORPort of ${r.name}`).toBe(r.name);
      }
    }
    const sockets = rows.filter((r) => /:\d+$/.test(r.remote)).map((r) => `${r.local} ${r.remote}`);
    expect(new Set(sockets).size, `a socket listed twice: ${sockets.join(', ')}`).toBe(sockets.length);
  }, 40_000);

  it("connections page: exit1's own circuits with their hops, as circuit-status has them", async () => {
    // A relay reports only circuits it originates; how many it has by now depends on timing, so build one.
    const path = ['auth1', 'relay1', 'auth2'].map((n) => ctx.net.node(n));
    const extended = await tor.request(`EXTENDCIRCUIT 0 ${path.map((n) => `$${n.fingerprint}`).join(',')}`);
    const ownId = /^EXTENDED (\S+)/.exec(extended.lines[0]?.text ?? '')?.[1];
    expect(ownId, `EXTENDCIRCUIT answered ${extended.code} ${extended.lines[0]?.text}`).toBeDefined();
    const matched = await waitFor(`every BUILT circuit of circuit-status (with ${ownId}) on the page with the same hops`, async () => {
      const blocks = parseCircuitBlocks(await ortop.type('2'));
      const status = (await tor.getInfoOne('circuit-status')).split('\n').filter((l) => / BUILT /.test(l));
      const expected = status.map((l) => ({ id: l.split(' ')[0]!, hops: [...l.matchAll(/~(\w+)/g)].map((m) => m[1]!) }));
      const ok = expected.some((e) => e.id === ownId) && expected.every((e) => blocks.some((b) => b.id === e.id && b.hops.join(',') === e.hops.join(',')));
      return ok ? { blocks, expected } : undefined;
    }, 30_000, async () => `${await ortop.frame()}\ncircuit-status:\n${await tor.getInfoOne('circuit-status')}`);
    expect(matched.blocks.find((b) => b.id === ownId)?.hops).toEqual(['auth1', 'relay1', 'auth2']);
    const ids = matched.blocks.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
  }, 40_000);
}
