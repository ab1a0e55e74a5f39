// The test network's shape and each node's torrc lines (pure: no files, no processes). The lines
// here come on top of what test/helpers/tor-process.ts writes itself (ControlPort auto, DataDirectory,
// cookie/password auth, notice log, __OwningControllerProcess). Everything binds 127.0.0.1 only.

import type { TorAuth } from '../helpers/tor-process.js';

export type NodeRole = 'authority' | 'relay' | 'exit' | 'client';

export interface NodeSpec {
  /** Also the tor Nickname: 1-19 letters and digits. */
  readonly name: string;
  readonly role: NodeRole;
  /** Control-port authentication of this node. Default 'cookie'. */
  readonly auth?: TorAuth;
}

/** Three authorities (relays too), a middle relay with cookie + password, one exit, one client. */
export const DEFAULT_TOPOLOGY: readonly NodeSpec[] = [
  { name: 'auth1', role: 'authority' },
  { name: 'auth2', role: 'authority' },
  { name: 'auth3', role: 'authority' },
  { name: 'relay1', role: 'relay', auth: 'cookie+password' },
  { name: 'exit1', role: 'exit' },
  { name: 'client1', role: 'client' },
];

export interface PlannedNode extends NodeSpec {
  readonly keyDir: string;
  /** Relays and authorities. */
  readonly orPort: number | undefined;
  /** Authorities. */
  readonly dirPort: number | undefined;
  /** The client. */
  readonly socksPort: number | undefined;
  /** Every node: tor's MetricsPort (127.0.0.1 only), for the exporter's end-to-end tests. */
  readonly metricsPort?: number | undefined;
  /** RSA identity fingerprint (relays and authorities). */
  readonly fingerprint: string | undefined;
  /** Authority v3 identity (its certificate's fingerprint). */
  readonly v3ident: string | undefined;
}

export interface Timing {
  /** V3AuthVotingInterval (and the initial one) in seconds. Default 10. */
  readonly votingIntervalSec: number;
  /** Vote and distribution delays in seconds. Default 2 each. */
  readonly voteDelaySec: number;
  readonly distDelaySec: number;
}

export const DEFAULT_TIMING: Timing = { votingIntervalSec: 10, voteDelaySec: 2, distDelaySec: 2 };

export interface EventOptions {
  /**
   * Turns off the two event sources TestingTorNetwork switches on and production relays never emit
   * (CONN_BW once per connection per second, CELL_STATS), so benchmarks see what a real relay sends.
   * Default false: the e2e tests keep them.
   */
  readonly productionEvents?: boolean;
}

export function isRelayRole(role: NodeRole): boolean {
  return role !== 'client';
}

/** How many ports a topology needs from the probed block: ORPort per relay, DirPort per authority, SocksPort per client, MetricsPort per node. */
export function portsNeeded(specs: readonly NodeSpec[]): number {
  return specs.reduce((n, s) => n + (s.role === 'authority' ? 2 : 1) + 1, 0);
}

/** Hands out the block in topology order: authority ORPort then DirPort, relay ORPort, client SocksPort; then each node's MetricsPort. */
export function assignPorts(specs: readonly NodeSpec[], ports: readonly number[]): Map<string, { orPort?: number; dirPort?: number; socksPort?: number; metricsPort?: number }> {
  if (ports.length < portsNeeded(specs)) throw new RangeError(`need ${portsNeeded(specs)} ports, got ${ports.length}`);
  const out = new Map<string, { orPort?: number; dirPort?: number; socksPort?: number; metricsPort?: number }>();
  let i = 0;
  for (const s of specs) {
    if (s.role === 'authority') out.set(s.name, { orPort: ports[i++]!, dirPort: ports[i++]! });
    else if (s.role === 'client') out.set(s.name, { socksPort: ports[i++]! });
    else out.set(s.name, { orPort: ports[i++]! });
  }
  for (const s of specs) out.set(s.name, { ...out.get(s.name), metricsPort: ports[i++]! });
  return out;
}

/** `DirAuthority auth1 orport=5000 no-v2 v3ident=<hex> 127.0.0.1:5001 <fingerprint>` (tor manual, DirAuthority). */
export function dirAuthorityLine(node: PlannedNode): string {
  if (node.role !== 'authority' || node.v3ident === undefined || node.fingerprint === undefined || node.orPort === undefined || node.dirPort === undefined) {
    throw new Error(`${node.name} is not a fully planned authority`);
  }
  return `DirAuthority ${node.name} orport=${node.orPort} no-v2 v3ident=${node.v3ident} 127.0.0.1:${node.dirPort} ${node.fingerprint}`;
}

/** The torrc lines of one node in the planned network. */
export function nodeTorrcLines(node: PlannedNode, network: readonly PlannedNode[], timing: Timing = DEFAULT_TIMING, events: EventOptions = {}): string[] {
  const exits = network.filter((n) => n.role === 'exit' && n.fingerprint !== undefined).map((n) => n.fingerprint!);
  const relays = network.filter((n) => isRelayRole(n.role) && n.fingerprint !== undefined).map((n) => n.fingerprint!);
  const lines = [
    'TestingTorNetwork 1',
    // Only this network's authorities, never tor's public ones or their fallbacks.
    'UseDefaultFallbackDirs 0',
    ...network.filter((n) => n.role === 'authority').map(dirAuthorityLine),
    `Nickname ${node.name}`,
    'SafeLogging 0',
    'LogTimeGranularity 1',
    'ShutdownWaitLength 0',
    // Three of the five relays are enough to build circuits; the default needs 60% of the exit bandwidth too.
    'PathsNeededToBuildCircuits 0.67',
    'ClientUseIPv6 0',
    // Microdescriptors summarise `accept 127.0.0.0/8:*` as reject-all (private addresses do not count),
    // so a microdescriptor client sees no exit at all: every node reads full descriptors instead.
    'UseMicrodescriptors 0',
    'ContactInfo ortop test network <nobody@localhost>',
  ];
  if (events.productionEvents === true) lines.push('TestingEnableConnBwEvent 0', 'TestingEnableCellStatsEvent 0');
  // tor's own metrics, read by ortop and re-exported (test/e2e/metrics.cases.ts); loopback only.
  if (node.metricsPort !== undefined) lines.push(`MetricsPort 127.0.0.1:${node.metricsPort}`, 'MetricsPortPolicy accept 127.0.0.1');
  if (isRelayRole(node.role)) {
    lines.push(
      `KeyDirectory ${node.keyDir}`,
      'Address 127.0.0.1',
      `ORPort 127.0.0.1:${node.orPort}`,
      'AssumeReachable 1',
      // Descriptors and bandwidth self-tests would otherwise wait for reachability tests and an hour of uptime.
      'TestingMinTimeToReportBandwidth 1 second',
    );
  }
  if (node.role === 'authority') {
    lines.push(
      `DirPort 127.0.0.1:${node.dirPort}`,
      'AuthoritativeDirectory 1',
      'V3AuthoritativeDirectory 1',
      `V3AuthVotingInterval ${timing.votingIntervalSec} seconds`,
      `V3AuthVoteDelay ${timing.voteDelaySec} seconds`,
      `V3AuthDistDelay ${timing.distDelaySec} seconds`,
      `TestingV3AuthInitialVotingInterval ${timing.votingIntervalSec} seconds`,
      `TestingV3AuthInitialVoteDelay ${timing.voteDelaySec} seconds`,
      `TestingV3AuthInitialDistDelay ${timing.distDelaySec} seconds`,
      'TestingV3AuthVotingStartOffset 0',
      'V3AuthNIntervalsValid 2',
      // Which relays get which flag is decided here, not by uptime and bandwidth history.
      ...(exits.length === 0 ? [] : [`TestingDirAuthVoteExit ${exits.join(',')}`]),
      'TestingDirAuthVoteExitIsStrict 1',
      `TestingDirAuthVoteGuard ${relays.join(',')}`,
      `TestingDirAuthVoteHSDir ${relays.join(',')}`,
      'TestingMinExitFlagThreshold 0',
      'TestingMinFastFlagThreshold 0',
    );
  }
  if (node.role === 'exit') {
    lines.push('ExitRelay 1', 'ExitPolicy accept 127.0.0.0/8:*', 'ExitPolicy reject *:*', 'ExitPolicyRejectPrivate 0', 'ExitPolicyRejectLocalInterfaces 0');
  } else if (isRelayRole(node.role)) {
    lines.push('ExitRelay 0', 'ExitPolicy reject *:*');
  }
  if (node.role === 'client') {
    // Ask for missing descriptors at once rather than batching them for 5 s (the TestingTorNetwork default).
    lines.push('FetchDirInfoEarly 1', 'TestingClientMaxIntervalWithoutRequest 1 second');
  }
  return lines;
}
