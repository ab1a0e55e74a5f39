// The shape of one relay in the demo's simulated network, shared by the consensus, the
// descriptors, OR connections and circuits. Types only.

export type ExitPolicyKind = 'none' | 'reduced' | 'web' | 'default';

export interface SimRelay {
  readonly nickname: string;
  /** 40 upper-case hex digits. */
  readonly fingerprint: string;
  /** Base64 (unpadded) of the identity digest and of the descriptor digest, as `r` lines write them. */
  readonly identityBase64: string;
  readonly digestBase64: string;
  readonly address: string;
  readonly ipv6: string | undefined;
  readonly orPort: number;
  /** 0 = none. */
  readonly dirPort: number;
  /** Sorted as tor lists them. */
  readonly flags: readonly string[];
  /** Consensus weight (`w Bandwidth=`). */
  readonly weight: number;
  readonly isUnmeasured: boolean;
  readonly country: string;
  /** "0.4.8.13" */
  readonly torVersion: string;
  readonly os: string;
  readonly exitPolicy: ExitPolicyKind;
  /** The `p` line summary ("accept 80,443" / "reject 1-65535"). */
  readonly exitSummary: string;
  /** Descriptor accept/reject lines when they do not follow from `exitPolicy` (our own relay). */
  readonly exitRules?: readonly string[];
  readonly contact: string | undefined;
  readonly publishedAtMs: number;
  readonly uptimeAtPublishSec: number;
  readonly observedBytesPerSec: number;
  readonly rateBytesPerSec: number;
  readonly burstBytesPerSec: number;
  /** Seed for the parts of its descriptor generated on demand (keys, signatures). */
  readonly descriptorSeed: number;
}

export function relayLongName(relay: Pick<SimRelay, 'fingerprint' | 'nickname'>): string {
  return `$${relay.fingerprint}~${relay.nickname}`;
}

export function hasFlag(relay: Pick<SimRelay, 'flags'>, flag: string): boolean {
  return relay.flags.includes(flag);
}
