// The test network's plan: ports handed out without overlap, DirAuthority lines as tor reads them,
// roles with the right options, and nothing bound anywhere but 127.0.0.1.
import { describe, expect, it } from 'vitest';
import { assignPorts, DEFAULT_TOPOLOGY, dirAuthorityLine, nodeTorrcLines, portsNeeded, type PlannedNode } from './torrc.js';

const FP = (c: string) => c.repeat(40);

function plan(): PlannedNode[] {
  const ports = assignPorts(DEFAULT_TOPOLOGY, Array.from({ length: portsNeeded(DEFAULT_TOPOLOGY) }, (_, i) => 31000 + i));
  return DEFAULT_TOPOLOGY.map((spec, i) => ({
    ...spec,
    keyDir: `/tmp/net/${spec.name}/keys`,
    orPort: undefined,
    dirPort: undefined,
    socksPort: undefined,
    ...ports.get(spec.name),
    fingerprint: spec.role === 'client' ? undefined : FP('0123456789'[i]!),
    v3ident: spec.role === 'authority' ? FP('ABCDEF'[i]!) : undefined,
  }));
}

describe('test network plan', () => {
  it('gives every listener its own port: ORPort+DirPort per authority, ORPort per relay, SocksPort for the client', () => {
    expect(portsNeeded(DEFAULT_TOPOLOGY)).toBe(3 * 2 + 2 + 1 + 6);
    const nodes = plan();
    const used = nodes.flatMap((n) => [n.orPort, n.dirPort, n.socksPort, n.metricsPort].filter((p) => p !== undefined));
    expect(new Set(used).size).toBe(used.length);
    expect(used.length).toBe(portsNeeded(DEFAULT_TOPOLOGY));
    expect(() => assignPorts(DEFAULT_TOPOLOGY, [1, 2])).toThrow(RangeError);
  });

  it("gives every node a MetricsPort on 127.0.0.1 that only 127.0.0.1 may read", () => {
    for (const n of plan()) {
      expect(n.metricsPort, n.name).toBeDefined();
      expect(nodeTorrcLines(n, plan())).toEqual(expect.arrayContaining([`MetricsPort 127.0.0.1:${n.metricsPort}`, 'MetricsPortPolicy accept 127.0.0.1']));
    }
  });

  it('writes DirAuthority lines with orport, v3ident and the relay fingerprint', () => {
    const a1 = plan()[0]!;
    expect(dirAuthorityLine(a1)).toBe(`DirAuthority auth1 orport=31000 no-v2 v3ident=${FP('A')} 127.0.0.1:31001 ${FP('0')}`);
    expect(() => dirAuthorityLine(plan()[4]!)).toThrow(/not a fully planned authority/);
  });

  it('has three authorities, at least four relays, one exit allowing loopback, and a full-descriptor client', () => {
    const nodes = plan();
    expect(nodes.filter((n) => n.role === 'authority')).toHaveLength(3);
    expect(nodes.filter((n) => n.role !== 'client').length).toBeGreaterThanOrEqual(4);
    const exit = nodes.find((n) => n.role === 'exit')!;
    const exitLines = nodeTorrcLines(exit, nodes);
    expect(exitLines).toEqual(expect.arrayContaining(['ExitRelay 1', 'ExitPolicy accept 127.0.0.0/8:*', 'ExitPolicyRejectPrivate 0', 'ExitPolicyRejectLocalInterfaces 0']));
    const relayLines = nodeTorrcLines(nodes.find((n) => n.role === 'relay')!, nodes);
    expect(relayLines).toContain('ExitPolicy reject *:*');
    const clientLines = nodeTorrcLines(nodes.find((n) => n.role === 'client')!, nodes);
    expect(clientLines).toContain('UseMicrodescriptors 0');
    expect(clientLines.some((l) => l.startsWith('ORPort'))).toBe(false);
    expect(nodes.filter((n) => n.auth === 'cookie+password')).toHaveLength(1);
  });

  it('has the authorities vote Exit for the exit only, Guard and HSDir for every relay, on a 10 s schedule', () => {
    const nodes = plan();
    const lines = nodeTorrcLines(nodes[1]!, nodes);
    expect(lines).toContain(`TestingDirAuthVoteExit ${FP('4')}`);
    expect(lines).toContain('TestingDirAuthVoteExitIsStrict 1');
    expect(lines).toContain(`TestingDirAuthVoteGuard ${['0', '1', '2', '3', '4'].map(FP).join(',')}`);
    expect(lines).toEqual(expect.arrayContaining(['V3AuthVotingInterval 10 seconds', 'TestingV3AuthInitialVotingInterval 10 seconds', 'AssumeReachable 1']));
  });

  it('turns CONN_BW and CELL_STATS off on every node only when asked (productionEvents)', () => {
    const nodes = plan();
    for (const n of nodes) {
      expect(nodeTorrcLines(n, nodes).filter((l) => l.startsWith('TestingEnable'))).toEqual([]);
      expect(nodeTorrcLines(n, nodes, undefined, { productionEvents: true })).toEqual(expect.arrayContaining(['TestingTorNetwork 1', 'TestingEnableConnBwEvent 0', 'TestingEnableCellStatsEvent 0']));
    }
  });

  it('binds nothing but 127.0.0.1 and gives every node all three DirAuthority lines', () => {
    const nodes = plan();
    for (const n of nodes) {
      const lines = nodeTorrcLines(n, nodes);
      expect(lines.filter((l) => l.startsWith('DirAuthority '))).toHaveLength(3);
      expect(lines).toContain('TestingTorNetwork 1');
      for (const l of lines.filter((x) => /^(ORPort|DirPort|SocksPort|ControlPort) /.test(x))) expect(l).toMatch(/ 127\.0\.0\.1:\d+$/);
    }
  });
});

describe('consensus helpers', () => {
  it('tells whether a descriptor is the one a router status entry names (SHA-1 digest, unpadded base64)', async () => {
    const { createHash } = await import('node:crypto');
    const { descriptorMatchesEntry, parseConsensusFlags } = await import('./network.js');
    const signed = 'router exit1 127.0.0.1 5000 0 0\nplatform Tor 0.4.9.11 on Linux\naccept 127.0.0.0/8:*\nreject *:*\nrouter-signature\n';
    const descriptor = `${signed}-----BEGIN SIGNATURE-----\nAAAA\n-----END SIGNATURE-----`;
    const digest = createHash('sha1').update(signed).digest('base64').replace(/=+$/, '');
    const entry = `r exit1 AAAAAAAAAAAAAAAAAAAAAAAAAAA ${digest} 2038-01-01 00:00:00 127.0.0.1 5000 0\ns Exit Fast Running Valid`;
    expect(descriptorMatchesEntry(descriptor, entry)).toBe(true);
    expect(descriptorMatchesEntry(descriptor.replace('5000', '5001'), entry)).toBe(false);
    expect(descriptorMatchesEntry('', entry)).toBe(false);
    expect(parseConsensusFlags(`${entry}\nr relay1 B C 2038-01-01 00:00:00 127.0.0.1 5001 0\ns Fast Guard`)).toEqual(
      new Map([
        ['exit1', ['Exit', 'Fast', 'Running', 'Valid']],
        ['relay1', ['Fast', 'Guard']],
      ]),
    );
  });
});
