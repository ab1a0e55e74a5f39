// A private Tor network on 127.0.0.1 in the manner of chutney: three directory authorities, relays
// (one exit), a client with a SocksPort, and the byte server as a destination. Processes are started
// and stopped through test/helpers/tor-process.ts (PID-tracked, exit hook, log tails); this file only
// plans, generates keys, waits for the client to be usable and cleans up its own key directory.
//
//   const net = await startNetwork();           // rejects with every node's log tail if it does not come up
//   net.node('exit1').tor.controlPort; net.socksPort; net.http.port; await net.stop();

import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Controller, type ReconnectPolicy } from '../../src/controller/index.js';
import { findTor, startTor, type TorProcess } from '../helpers/tor-process.js';
import { startByteServer, type ByteServer } from './http-server.js';
import { createAuthorityKeys, findGencert, relayFingerprint } from './keys.js';
import { allocatePortBlock, type PortBlockOptions } from './ports.js';
import { assignPorts, DEFAULT_TIMING, DEFAULT_TOPOLOGY, isRelayRole, nodeTorrcLines, portsNeeded, type EventOptions, type NodeSpec, type PlannedNode, type Timing } from './torrc.js';
import { download } from './traffic.js';

export interface NetworkOptions {
  readonly topology?: readonly NodeSpec[];
  readonly timing?: Timing;
  /** productionEvents: no CONN_BW / CELL_STATS, as on a production relay (torrc.ts). */
  readonly events?: EventOptions;
  /** From starting tor to a usable client (bootstrap 100% and one download through an exit). Default 120 s. */
  readonly readyTimeoutMs?: number;
  readonly ports?: PortBlockOptions;
  /** Progress lines ("keys ready in 1.2 s"). */
  readonly log?: (line: string) => void;
}

export interface NetNode extends PlannedNode {
  readonly tor: TorProcess;
}

export interface NetworkTimings {
  readonly keysMs: number;
  readonly launchMs: number;
  /** From launch until the client reported bootstrap 100%. */
  readonly bootstrapMs: number;
  /** From launch until a download through the exit succeeded. */
  readonly usableMs: number;
  readonly totalMs: number;
}

export interface TestNetwork {
  readonly nodes: readonly NetNode[];
  node(name: string): NetNode;
  /** The first node of each role. */
  readonly client: NetNode;
  readonly exit: NetNode;
  readonly socksPort: number;
  readonly http: ByteServer;
  readonly baseDir: string;
  readonly timings: NetworkTimings;
  /** The last lines of every node's notice.log, for failure messages. */
  logTails(lines?: number): string;
  /** Stops every tor (SIGTERM, SIGKILL after 5 s), the byte server, and deletes the key directory. Idempotent. */
  stop(): Promise<void>;
}

export class NetworkStartError extends Error {
  override readonly name = 'NetworkStartError';
}

const POLL_MS = 250;
const EXIT_CIRCUIT_WAIT_MS = 20_000;
const PORT_ATTEMPTS = 3;
const liveBaseDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // tor-process.ts's own hook SIGKILLs the tors; this one removes the key directories.
  process.on('exit', () => {
    for (const dir of liveBaseDirs) rmSync(dir, { recursive: true, force: true });
  });
}

export async function startNetwork(options: NetworkOptions = {}): Promise<TestNetwork> {
  const torPath = findTor();
  if (torPath === undefined) throw new NetworkStartError('tor not installed (apt-get install tor)');
  const gencert = findGencert(torPath);
  if (gencert === undefined) throw new NetworkStartError('tor-gencert not found next to tor, in /usr/bin or $PATH (apt-get install tor)');
  const topology = options.topology ?? DEFAULT_TOPOLOGY;
  const timing = options.timing ?? DEFAULT_TIMING;
  const log = options.log ?? (() => {});
  const t0 = Date.now();
  const baseDir = await mkdtemp(join(tmpdir(), 'ortop-net-'));
  installExitHook();
  liveBaseDirs.add(baseDir);
  const http = await startByteServer();
  const cleanup = async (nodes: readonly NetNode[]) => {
    await Promise.all(nodes.map((n) => n.tor.stop()));
  };
  try {
    const keys = await generateKeys(topology, baseDir, torPath, gencert);
    const keysMs = Date.now() - t0;
    log(`keys for ${topology.length} nodes in ${(keysMs / 1000).toFixed(1)} s`);
    for (let attempt = 1; ; attempt++) {
      const ports = assignPorts(topology, await allocatePortBlock(portsNeeded(topology), options.ports));
      const planned: PlannedNode[] = topology.map((spec) => ({ ...spec, ...keys.get(spec.name)!, ...emptyPorts(), ...ports.get(spec.name) }));
      const launchedAt = Date.now();
      const started = await Promise.allSettled(planned.map((node) => launch(node, planned, timing, options.events)));
      const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const failures = started.flatMap((s) => (s.status === 'rejected' ? [s.reason as Error] : []));
      if (failures.length > 0) {
        await cleanup(nodes);
        const busy = failures.some((e) => /Address already in use|Could not bind/i.test(e.message));
        if (busy && attempt < PORT_ATTEMPTS) {
          log(`a port was taken meanwhile; retrying with another block (${attempt}/${PORT_ATTEMPTS})`);
          continue;
        }
        throw new NetworkStartError(`the test network did not start:\n${failures.map((e) => e.message).join('\n\n')}`);
      }
      const launchMs = Date.now() - launchedAt;
      log(`${nodes.length} tor processes up in ${(launchMs / 1000).toFixed(1)} s (ports ${ports.size > 0 ? describePorts(planned) : ''})`);
      let stopped = false;
      const client = nodes.find((n) => n.role === 'client');
      const exit = nodes.find((n) => n.role === 'exit');
      if (client === undefined || exit === undefined || client.socksPort === undefined) throw new NetworkStartError('the topology needs a client and an exit');
      const network: TestNetwork = {
        nodes,
        node: (name) => {
          const n = nodes.find((x) => x.name === name);
          if (n === undefined) throw new Error(`no node ${name} in the test network`);
          return n;
        },
        client,
        exit,
        socksPort: client.socksPort,
        http,
        baseDir,
        timings: { keysMs, launchMs, bootstrapMs: 0, usableMs: 0, totalMs: 0 },
        logTails: (lines = 25) => formatLogTails(nodes, lines),
        stop: async () => {
          if (stopped) return;
          stopped = true;
          await cleanup(nodes);
          await http.close();
          await rm(baseDir, { recursive: true, force: true });
          liveBaseDirs.delete(baseDir);
        },
      };
      try {
        const ready = await waitUsable(network, launchedAt + (options.readyTimeoutMs ?? 120_000), log);
        const totalMs = Date.now() - t0;
        log(`usable after ${(ready.usableMs / 1000).toFixed(1)} s (bootstrap 100% at ${(ready.bootstrapMs / 1000).toFixed(1)} s); ${(totalMs / 1000).toFixed(1)} s in all`);
        return { ...network, timings: { keysMs, launchMs, ...ready, totalMs } };
      } catch (e) {
        const tails = network.logTails(30);
        await network.stop();
        throw new NetworkStartError(`${(e as Error).message}\n${tails}`);
      }
    }
  } catch (e) {
    await http.close();
    await rm(baseDir, { recursive: true, force: true });
    liveBaseDirs.delete(baseDir);
    throw e;
  }
}

function emptyPorts(): Pick<PlannedNode, 'orPort' | 'dirPort' | 'socksPort'> {
  return { orPort: undefined, dirPort: undefined, socksPort: undefined };
}

async function generateKeys(topology: readonly NodeSpec[], baseDir: string, torPath: string, gencert: string) {
  const entries = await Promise.all(
    topology.map(async (spec) => {
      const keyDir = join(baseDir, spec.name, 'keys');
      const v3ident = spec.role === 'authority' ? await createAuthorityKeys(gencert, keyDir) : undefined;
      const fingerprint = isRelayRole(spec.role) ? await relayFingerprint(torPath, spec.name, keyDir, join(baseDir, spec.name, 'scratch')) : undefined;
      return [spec.name, { keyDir, v3ident, fingerprint }] as const;
    }),
  );
  return new Map(entries);
}

async function launch(node: PlannedNode, network: readonly PlannedNode[], timing: Timing, events: EventOptions = {}): Promise<NetNode> {
  const tor = await startTor({
    auth: node.auth ?? 'cookie',
    disableNetwork: false,
    socksPort: node.socksPort === undefined ? 0 : `127.0.0.1:${node.socksPort}`,
    torrc: nodeTorrcLines(node, network, timing, events),
    readyTimeoutMs: 30_000,
  }).catch((e: Error) => {
    throw new Error(`${node.name}: ${e.message}`);
  });
  return { ...node, tor };
}

function describePorts(nodes: readonly PlannedNode[]): string {
  return nodes
    .map((n) => `${n.name} ${[n.orPort && `or ${n.orPort}`, n.dirPort && `dir ${n.dirPort}`, n.socksPort && `socks ${n.socksPort}`].filter(Boolean).join(' ')}`)
    .join(', ');
}

export function formatLogTails(nodes: readonly NetNode[], lines: number): string {
  return nodes
    .map((n) => `--- ${n.name} (${n.role}, pid ${n.tor.pid}${n.tor.running ? '' : ', exited'}, control ${n.tor.controlPort}) notice.log ---\n${n.tor.logTail(lines)}`)
    .join('\n');
}

/** An authenticated controller to a node (cookie, or its password if it has only that). */
export function connectNode(node: NetNode, options: { reconnect?: ReconnectPolicy | false } = {}): Promise<Controller> {
  const password = node.tor.password;
  return connect({
    target: { kind: 'tcp', host: '127.0.0.1', port: node.tor.controlPort },
    ...(password === undefined ? {} : { password: async () => password }),
    reconnect: options.reconnect ?? false,
  });
}

async function waitUsable(network: TestNetwork, deadline: number, log: (line: string) => void): Promise<{ bootstrapMs: number; usableMs: number }> {
  const start = Date.now() - network.timings.launchMs;
  const controller = await connectNode(network.client);
  let lastPhase = '';
  let lastError = '';
  try {
    let bootstrapMs = 0;
    while (bootstrapMs === 0) {
      const phase = await controller.getInfoOne('status/bootstrap-phase');
      if (phase !== lastPhase) log(`client: ${phase}`);
      lastPhase = phase;
      if (/PROGRESS=100\b/.test(phase)) bootstrapMs = Date.now() - start;
      else await untilDeadline(deadline, `the client did not bootstrap (last: ${lastPhase})`);
    }
    // A stream sent while the client's consensus has no exit with the Fast flag (relays get Fast only
    // once they report some bandwidth, often one consensus late) makes tor launch "doomed" circuits by
    // the thousand. So: wait for a Fast exit and two other Fast relays, and every descriptor, then traffic.
    for (;;) {
      const why = await clientNotReady(controller, network.nodes);
      if (why === undefined) break;
      if (why !== lastError) log(`client: ${why}`);
      lastError = why;
      await untilDeadline(deadline, why);
    }
    log(`client has a usable consensus and every descriptor at ${((Date.now() - start) / 1000).toFixed(1)} s`);
    const circuitWaitStart = Date.now();
    // Even then tor sometimes declines the exit for a stream for a few seconds more ("All routers are
    // down or won't exit -- choosing a doomed exit at random", a circuit launched per try, thousands in
    // all). Its own pre-built exit circuit is the sign it will take one; wait for it, but not forever.
    const circuitDeadline = Math.min(deadline, Date.now() + EXIT_CIRCUIT_WAIT_MS);
    while (!(await hasExitCircuit(controller, network.nodes)) && Date.now() < circuitDeadline) await untilDeadline(deadline, 'no exit circuit');
    log(`client exit circuit ${Date.now() < circuitDeadline ? 'built' : 'still missing'} after ${((Date.now() - circuitWaitStart) / 1000).toFixed(1)} s more`);
    for (;;) {
      try {
        await download({ socksPort: network.socksPort, httpHost: '127.0.0.1', httpPort: network.http.port }, 1024, 4_000);
        return { bootstrapMs, usableMs: Date.now() - start };
      } catch (e) {
        if ((e as Error).message !== lastError) log(`probe download: ${(e as Error).message}`);
        lastError = (e as Error).message;
        await untilDeadline(deadline, `no download through the network succeeded (last error: ${lastError})`);
      }
    }
  } finally {
    controller.close();
  }
}

/** undefined when the client can build exit circuits for a stream at once; otherwise what is missing. */
async function clientNotReady(controller: Controller, nodes: readonly NetNode[]): Promise<string | undefined> {
  const flags = parseConsensusFlags(await controller.getInfoOne('ns/all').catch(() => ''));
  const exits = nodes.filter((n) => n.role === 'exit');
  const others = nodes.filter((n) => n.role === 'authority' || n.role === 'relay');
  const has = (n: NetNode, ...want: string[]) => want.every((f) => flags.get(n.name)?.includes(f) === true);
  if (!exits.some((n) => has(n, 'Exit', 'Fast', 'Running', 'Valid'))) return `no exit with Exit Fast Running Valid in the consensus yet (${describeFlags(exits, flags)})`;
  if (others.filter((n) => has(n, 'Fast', 'Running', 'Valid')).length < 2) return `fewer than two Fast relays besides the exit (${describeFlags(others, flags)})`;
  // The descriptor the consensus names, not just any: with an older one tor has no usable exit policy
  // for the relay (node_has_descriptor is false) and a pending stream finds no exit.
  const missing: string[] = [];
  for (const n of nodes.filter((x) => x.fingerprint !== undefined)) {
    const desc = await controller.getInfoOne(`desc/id/${n.fingerprint}`).catch(() => '');
    const entry = await controller.getInfoOne(`ns/id/${n.fingerprint}`).catch(() => '');
    if (!descriptorMatchesEntry(desc, entry)) missing.push(n.name);
  }
  return missing.length === 0 ? undefined : `the descriptors the consensus names are still missing for ${missing.join(', ')}`;
}

/**
 * Whether a server descriptor is the one a router status entry names: the entry's "r" line carries
 * the descriptor digest, SHA-1 over the descriptor from "router " through the "router-signature"
 * line, base64 without padding (dir-spec §1.3 and §3.4.1).
 */
export function descriptorMatchesEntry(descriptor: string, entry: string): boolean {
  const r = entry.split('\n').find((l) => l.startsWith('r '))?.split(' ');
  const start = descriptor.indexOf('router ');
  const sig = descriptor.indexOf('\nrouter-signature\n');
  if (r === undefined || r.length < 4 || start < 0 || sig < 0) return false;
  const signed = descriptor.slice(start, sig + '\nrouter-signature\n'.length);
  const digest = createHash('sha1').update(Buffer.from(signed, 'latin1')).digest('base64').replace(/=+$/, '');
  return digest === r[3];
}

/** Whether the client has a BUILT general-purpose (not internal) circuit whose last hop is an exit. */
async function hasExitCircuit(controller: Controller, nodes: readonly NetNode[]): Promise<boolean> {
  const exitNames = new Set(nodes.filter((n) => n.role === 'exit').map((n) => n.name));
  const lastHop = (line: string) => /^\S+ BUILT (\S+)/.exec(line)?.[1]?.split(',').at(-1)?.split('~')[1] ?? '';
  const circuits = (await controller.getInfoOne('circuit-status').catch(() => '')).split('\n');
  return circuits.some((l) => /PURPOSE=GENERAL\b/.test(l) && !/IS_INTERNAL/.test(l) && exitNames.has(lastHop(l)));
}

/** Nickname → flags from router status entries ("r <nickname> …" then "s <flags>"; dir-spec §3.4.1). */
export function parseConsensusFlags(nsAll: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string | undefined;
  for (const line of nsAll.split('\n')) {
    if (line.startsWith('r ')) current = line.split(' ')[1];
    else if (line.startsWith('s ') && current !== undefined) out.set(current, line.slice(2).trim().split(/\s+/));
  }
  return out;
}

function describeFlags(nodes: readonly NetNode[], flags: Map<string, string[]>): string {
  return nodes.map((n) => `${n.name}: ${flags.get(n.name)?.join(' ') ?? 'absent'}`).join('; ');
}

async function untilDeadline(deadline: number, message: string): Promise<void> {
  if (Date.now() > deadline) throw new NetworkStartError(`test network not usable in time: ${message}`);
  await new Promise((resolve) => setTimeout(resolve, POLL_MS));
}
