// ortop attached to the client: the circuits it builds and the streams it opens to the HTTP server
// arrive as CIRC/STREAM events with their targets (exit1 as the last hop), and the connections page
// lists those circuits ending at exit1.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Controller } from '../../src/controller/index.js';
import type { CircEvent, StreamEvent } from '../../src/protocol/events/index.js';
import { connectNode, download } from '../net/index.js';
import { parseCircuitBlocks, parseStreamRows } from './frames.js';
import { startAppOnNode, waitFor, type AppOnNode, type E2EContext } from './harness.js';

export function clientCases(ctx: E2EContext): void {
  let tor: Controller;
  let ortop: AppOnNode;
  const circuits: CircEvent[] = [];
  const streams: StreamEvent[] = [];
  beforeAll(async () => {
    tor = await connectNode(ctx.net.client);
    tor.on('CIRC', (e) => void (e.kind === 'CIRC' && circuits.push(e)));
    tor.on('STREAM', (e) => void (e.kind === 'STREAM' && streams.push(e)));
    await tor.syncEvents();
    ortop = await startAppOnNode(ctx.net.client, { cols: 120, rows: 300 });
  });
  afterAll(async () => {
    tor?.close();
    await ortop?.stop();
  });

  it('streams to the HTTP server arrive as STREAM events on circuits that end at exit1', async () => {
    const { net } = ctx;
    await Promise.all([1, 2].map(() => download({ socksPort: net.socksPort, httpHost: '127.0.0.1', httpPort: net.http.port }, 256 * 1024)));
    const toServer = (e: StreamEvent) => e.targetPort === net.http.port && e.targetHost.startsWith('127.0.0.1');
    // Background downloads run too: take a stream whose whole life was seen (NEW … CLOSED).
    const closed = await waitFor(
      'a STREAM to the HTTP server seen from NEW to CLOSED',
      () => streams.find((e) => toServer(e) && e.status === 'CLOSED' && streams.some((n) => n.id === e.id && n.status === 'NEW')),
      10_000,
      () => streams.map((e) => `${e.id} ${e.status} ${e.target}`).join('\n'),
    );
    const lifecycle = streams.filter((e) => e.id === closed.id).map((e) => e.status);
    expect(lifecycle).toEqual(expect.arrayContaining(['NEW', 'SENTCONNECT', 'SUCCEEDED', 'CLOSED']));
    const succeeded = streams.find((e) => e.id === closed.id && e.status === 'SUCCEEDED')!;
    expect(succeeded.circuitId).toBeDefined();
    // The exit remaps the target to 127.0.0.1.<exit fingerprint>.exit:<port>, naming who carried it.
    expect(succeeded.targetExit?.relay.fingerprint?.toUpperCase()).toBe(net.exit.fingerprint);
    const status = await tor.getInfoOne('circuit-status');
    const line = status.split('\n').find((l) => l.startsWith(`${succeeded.circuitId} `));
    const built = circuits.find((c) => c.id === succeeded.circuitId && c.status === 'BUILT');
    const hops = built?.path ?? [...(line ?? '').matchAll(/\$([0-9A-F]{40})~(\w+)/g)].map((m) => ({ fingerprint: m[1], nickname: m[2] }));
    expect(hops.length).toBe(3);
    expect(hops.at(-1)?.nickname).toBe('exit1');
    expect(hops.at(-1)?.fingerprint?.toUpperCase()).toBe(net.exit.fingerprint);
  }, 30_000);

  it('connections page on the client: circuits with three hops ending at exit1, streams to the HTTP server under them', async () => {
    const blocks = await waitFor('a BUILT circuit ending at exit1 on the page', async () => {
      const found = parseCircuitBlocks(await ortop.type('2')).filter((b) => b.status === 'BUILT' && b.hops.length === 3 && b.hops[2] === 'exit1');
      return found.length > 0 ? found : undefined;
    }, 20_000, () => ortop.frame());
    // A long download keeps one stream open while the page is read: it must sit under a circuit to
    // exit1, and every stream the page lists must be one tor still has (none left behind when closed).
    const { net } = ctx;
    // tor may refuse a stream for a while (a fresh client sometimes rejects its only exit) and a
    // download may end between two looks: keep one running until the page has shown it.
    let looking = true;
    const failures: string[] = [];
    const long = (async () => {
      while (looking) {
        await download({ socksPort: net.socksPort, httpHost: '127.0.0.1', httpPort: net.http.port }, 48 * 1024 * 1024).catch((e: Error) => {
          failures.push(e.message);
        });
      }
    })();
    // The client may have thousands of circuits (tor's own storm here, see test/net): the page's
    // search narrows the list to circuits carrying streams to the HTTP server, so ours is on screen.
    await ortop.type('2');
    await ortop.type('/');
    await ortop.type(`:${net.http.port}\r`);
    const look = async () => {
      const frame = await ortop.type('2');
      const streamIds = new Set((await tor.getInfoOne('stream-status')).split('\n').map((l) => l.split(' ')[0]).filter((id) => id !== ''));
      const rows = parseStreamRows(frame);
      const toExit1 = new Set(parseCircuitBlocks(frame).filter((b) => b.hops.at(-1) === 'exit1').map((b) => b.id));
      const ours = rows.find((r) => r.target.includes(`:${net.http.port}`) && r.circuitId !== undefined && toExit1.has(r.circuitId));
      return ours !== undefined && rows.every((r) => streamIds.has(r.id)) ? { ours, rows } : undefined;
    };
    const diagnostics = async () => `${await ortop.frame()}\nstream-status:\n${await tor.getInfoOne('stream-status')}\ndownload failures: ${failures.join('; ') || 'none'}`;
    const seen = await waitFor(`a stream to port ${net.http.port} under a circuit ending at exit1, and only streams tor has`, look, 20_000, diagnostics).finally(() => {
      looking = false;
    });
    expect(seen.ours.target).toMatch(/via exit1/);
    expect(new Set(seen.rows.map((r) => r.id)).size).toBe(seen.rows.length);
    await long;
    const status = await tor.getInfoOne('circuit-status');
    for (const b of blocks) {
      const line = status.split('\n').find((l) => l.startsWith(`${b.id} `));
      if (line !== undefined) expect([...line.matchAll(/~(\w+)/g)].map((m) => m[1])).toEqual(b.hops);
    }
  }, 30_000);
}
