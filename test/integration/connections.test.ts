// The connections page against real tor: a bridge relay (ORPort 127.0.0.1:auto, BridgeRelay 1,
// DisableNetwork 0, loopback-only directory: LOOPBACK_ONLY_DIRECTORY) and a client that uses it as its bridge, so one real OR connection forms on
// loopback without internet. What ortop's model holds must match the relay's own orconn-status,
// with directions from tor (inbound at the bridge, outbound at the client) and the sockets found.
import { afterAll, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ConnectionsCollector } from '../../src/app/session/connections-collector.js';
import { ConsensusCollector } from '../../src/app/session/consensus-collector.js';
import { connect, realClock, type Controller } from '../../src/controller/index.js';
import { orConnCategory, orConnName, parseOrConnStatus, type ConnectionStore } from '../../src/relay/connections/index.js';
import { realSocketFs } from '../../src/system/sockets/index.js';
import { startTor, type TorProcess } from '../helpers/tor-process.js';
import { describeWithTor } from '../helpers/tor-required.js';

const run = promisify(execFile);
const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;
const controllers: Controller[] = [];
afterAll(() => controllers.forEach((c) => c.close()));

async function controllerFor(tor: TorProcess): Promise<Controller> {
  const c = await connect({ target: { kind: 'tcp', host: '127.0.0.1', port: tor.controlPort }, reconnect: false });
  controllers.push(c);
  return c;
}

/** Polls until `check` returns a value (not undefined) or the deadline passes. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function startCollector(controller: Controller): ConnectionsCollector {
  const consensus = new ConsensusCollector({ controller, onChange: () => {} });
  consensus.start();
  const collector = new ConnectionsCollector({
    controller,
    clock: realClock,
    directory: consensus.directory,
    socketFs: realSocketFs,
    ourFlags: () => undefined,
    onChange: () => {},
    socketEveryMs: 200,
  });
  collector.start();
  collector.setVisible(true);
  return collector;
}

const modelView = (store: ConnectionStore) => [...store.orConns.values()].map((c) => `${orConnName(c)} ${c.status}`).sort();
const torView = (status: string) => parseOrConnStatus(status).lines.map((l) => `${l.name} ${l.event.status}`).sort();

/** Waits until ortop's OR connections and tor's orconn-status agree (connections may still be settling). */
async function agreement(controller: Controller, store: ConnectionStore): Promise<string[]> {
  return waitFor('ortop and orconn-status to agree', async () => {
    const tor = torView(await controller.getInfoOne('orconn-status'));
    const mine = modelView(store);
    return tor.length > 0 && JSON.stringify(tor) === JSON.stringify(mine) ? tor : undefined;
  });
}

describeWithTor('connections against real tor', () => {
  it("reports the OR connections tor's orconn-status lists, at the bridge and at its client", async () => {
    const bridge = await startTor({ relay: { nickname: 'ortopBridge' }, disableNetwork: false, torrc: ['BridgeRelay 1', 'ExitRelay 0'] });
    const bc = await controllerFor(bridge);
    const bridgeCollector = startCollector(bc);
    const orListener = await bc.getInfoOne('net/listeners/or');
    const orPort = Number(/:(\d+)"/.exec(orListener)?.[1]);
    expect(orPort).toBeGreaterThan(0);
    const client = await startTor({ disableNetwork: false, torrc: ['UseBridges 1', `Bridge 127.0.0.1:${orPort}`] });
    const cc = await controllerFor(client);
    const clientCollector = startCollector(cc);

    await waitFor('the client to connect to the bridge', async () => ((await bc.getInfoOne('orconn-status')).includes('CONNECTED') ? true : undefined));
    const atBridge = await agreement(bc, bridgeCollector.store);
    expect(atBridge.some((l) => l.startsWith('127.0.0.1:') && l.endsWith(' CONNECTED'))).toBe(true);
    const inbound = [...bridgeCollector.store.orConns.values()].find((c) => c.peerAddress === '127.0.0.1' && c.status === 'CONNECTED')!;
    expect(orConnCategory(inbound, bridgeCollector.store.our)).toBe('inbound');
    // The socket table (readable: same user) lends the connection its local endpoint, our ORPort.
    await waitFor('the socket table to match the connection', async () => (inbound.socket?.localPort === orPort ? true : undefined));
    expect(inbound.socket?.remotePort).toBe(inbound.peerPort);

    const atClient = await agreement(cc, clientCollector.store);
    expect(atClient.some((l) => l.endsWith(' CONNECTED'))).toBe(true);
    const toBridge = [...clientCollector.store.orConns.values()].find((c) => c.status === 'CONNECTED')!;
    expect(orConnCategory(toBridge, clientCollector.store.our)).toBe('outbound');
    await waitFor('the client socket to match', async () => (toBridge.socket?.remotePort === orPort ? true : undefined));

    // The built CLI shows the same on the connections page: the client scrubbed, counted inbound.
    const { stdout } = await run(process.execPath, [CLI, '-i', String(bridge.controlPort), '--snapshot', '--page', 'connections', '--size', '160x30', '--wait', '1.5'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' },
      timeout: 20_000,
    });
    expect(stdout).toMatch(/Connections \((\d+ inbound)/);
    expect(stdout).toMatch(new RegExp(`127\\.0\\.0\\.1:${orPort} +<-- <scrubbed> +client \\(not identified\\) .*\\(INBOUND\\)`));
    bridgeCollector.stop();
    clientCollector.stop();
  }, 90_000);
});
