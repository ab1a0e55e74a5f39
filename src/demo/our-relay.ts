// Our own relay as its configuration describes it: identity (a fixed fingerprint), address,
// ports, flags, exit policy and descriptor fields; the listener lists GETINFO net/listeners/*
// shows; and the client-country summary of status/clients-seen. Pure functions of config and time.

import { COUNTRY_WEIGHTS } from './geo.js';
import { Random } from './random.js';
import type { RelayConfig } from './relay-config.js';
import type { SimRelay } from './relay-types.js';
import { expandExitPolicy, summarizeRules } from './exit-policies.js';
import { formatDirTime } from './time-format.js';

export const DEMO_ADDRESS = '198.51.100.7';
export const DEMO_IPV6 = '2001:db8:100::7';
const IDENTITY_SEED = 0x0badcafe;
const DAY_MS = 86_400_000;

const identity = new Random(IDENTITY_SEED, 'our-identity').bytes(20);
/** The demo relay's fingerprint: the same in every run, whatever the seed. */
export const DEMO_FINGERPRINT = Buffer.from(identity).toString('hex').toUpperCase();

/** Relay `n` of a demo fleet (--demo N, n ≥ 1) has its own identity; 0 is the single demo relay's. */
export function demoIdentity(n: number): Uint8Array {
  return n === 0 ? identity : new Random(IDENTITY_SEED, `our-identity-${n}`).bytes(20);
}

export function demoFingerprint(n: number): string {
  return n === 0 ? DEMO_FINGERPRINT : Buffer.from(demoIdentity(n)).toString('hex').toUpperCase();
}

function portOf(line: string | undefined): number {
  const first = (line ?? '').trim().split(/\s+/)[0] ?? '';
  const m = /(?:^|:)(\d+)$/.exec(first);
  return m === null ? 0 : Number(m[1]);
}

export interface OurRelayState {
  readonly config: RelayConfig;
  readonly publishedAtMs: number;
  readonly startedAtMs: number;
  readonly observedBytesPerSec: number;
  /** Which relay of a demo fleet (0: the single demo relay). */
  readonly fleetIndex?: number;
}

/** The expanded exit policy (GETINFO exit-policy/full). */
export function ourExitPolicy(config: RelayConfig): string[] {
  return expandExitPolicy(config.lines('ExitPolicy'), {
    address: config.first('Address') ?? DEMO_ADDRESS,
    rejectPrivate: config.first('ExitPolicyRejectPrivate') !== '0',
    isExit: config.first('ExitRelay') !== '0',
  });
}

export function buildOurRelay(state: OurRelayState): SimRelay {
  const { config } = state;
  const rules = ourExitPolicy(config);
  const summary = summarizeRules(rules);
  const isExit = summary.startsWith('accept');
  const orPort = portOf(config.first('ORPort'));
  const flags = ['Fast', 'Guard', 'HSDir', 'Running', 'Stable', 'V2Dir', 'Valid'];
  if (isExit) flags.unshift('Exit');
  const rate = Number(config.first('BandwidthRate') ?? '1073741824');
  const relayRate = Number(config.first('RelayBandwidthRate') ?? '0');
  const effectiveRate = relayRate > 0 ? Math.min(rate, relayRate) : rate;
  const burst = Number(config.first('BandwidthBurst') ?? '1073741824');
  return {
    nickname: config.first('Nickname') ?? 'Unnamed',
    fingerprint: demoFingerprint(state.fleetIndex ?? 0),
    identityBase64: Buffer.from(demoIdentity(state.fleetIndex ?? 0)).toString('base64').replace(/=+$/, ''),
    digestBase64: new Random(IDENTITY_SEED, `digest-${state.publishedAtMs}`).base64(20),
    address: config.first('Address') ?? DEMO_ADDRESS,
    ipv6: DEMO_IPV6,
    orPort,
    dirPort: portOf(config.first('DirPort')),
    flags,
    weight: 9800,
    isUnmeasured: false,
    country: 'de',
    torVersion: '0.4.9.11',
    os: 'Linux',
    exitPolicy: isExit ? 'reduced' : 'none',
    exitSummary: summary,
    exitRules: rules,
    contact: config.first('ContactInfo'),
    publishedAtMs: state.publishedAtMs,
    uptimeAtPublishSec: Math.max(0, Math.floor((state.publishedAtMs - state.startedAtMs) / 1000)),
    observedBytesPerSec: Math.min(effectiveRate, state.observedBytesPerSec),
    rateBytesPerSec: effectiveRate,
    burstBytesPerSec: Math.max(effectiveRate, relayRate > 0 ? Math.min(burst, Number(config.first('RelayBandwidthBurst') ?? burst)) : burst),
    descriptorSeed: IDENTITY_SEED,
  };
}

/** net/listeners/<kind>: quoted addresses, space-separated ("" when the port is off). */
export function formatListeners(config: RelayConfig, kind: 'or' | 'dir' | 'control' | 'socks'): string {
  const option = { or: 'ORPort', dir: 'DirPort', control: 'ControlPort', socks: 'SocksPort' }[kind];
  const out: string[] = [];
  for (const line of config.lines(option)) {
    const first = line.trim().split(/\s+/)[0] ?? '';
    if (first === '0' || first === '') continue;
    if (/^\d+$/.test(first)) {
      if (kind === 'control' || kind === 'socks') out.push(`127.0.0.1:${first}`);
      else if (kind === 'or') out.push(`0.0.0.0:${first}`, `[::]:${first}`);
      else out.push(`0.0.0.0:${first}`);
    } else out.push(first);
  }
  return out.map((a) => `"${a}"`).join(' ');
}

/** status/clients-seen for the day containing `nowMs` (counts rounded up to multiples of 8, as tor does). */
export function formatClientsSeen(seed: number, nowMs: number): string {
  const day = Math.floor(nowMs / DAY_MS);
  const random = new Random(seed, `clients-${day}`);
  const total = random.int(9000, 16000);
  const counts = COUNTRY_WEIGHTS.map(([cc, w]) => [cc, Math.ceil((total * (w / 100) * random.float(0.7, 1.3)) / 8) * 8] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const v4 = Math.ceil((total * 0.92) / 8) * 8;
  const v6 = Math.ceil((total * 0.08) / 8) * 8;
  return `TimeStarted="${formatDirTime(day * DAY_MS)}" CountrySummary=${counts.map(([cc, n]) => `${cc}=${n}`).join(',')} IPVersions=v4=${v4},v6=${v6}`;
}
