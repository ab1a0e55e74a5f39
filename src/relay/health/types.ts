// A relay's health as a list of checks, each with a status, what ortop sees and the fix in an
// operator's words; and the control-port facts the checks read that no other part of the model keeps.
// Plain data only.

export type HealthStatus = 'ok' | 'warn' | 'bad' | 'unknown';

export interface HealthCheck {
  /** Stable id for scripts (`--snapshot json`) and tests: "onionskin-drops", "reachability", … */
  readonly id: string;
  readonly status: HealthStatus;
  /** What ortop sees, one line: "ORPort reachability not confirmed after 45 min". */
  readonly what: string;
  /** What to do about it; undefined when there is nothing to do. */
  readonly fix: string | undefined;
}

/** One of tor's overload signals with its value, for the Health page's table. */
export interface OverloadSignal {
  readonly id: string;
  readonly label: string;
  /** Undefined when tor's MetricsPort was not read. */
  readonly value: number | undefined;
  /** "ratio", "bytes" or "count": how to print the value. */
  readonly unit: 'ratio' | 'bytes' | 'count';
  /** True when the value says tor is (or was) overloaded. */
  readonly tripped: boolean;
}

export interface FamilyMember {
  /** "$ABCD…" as written in MyFamily, or a nickname. */
  readonly member: string;
  /** 'mutual': its descriptor names us; 'one-sided': it does not; 'absent': not in the consensus. */
  readonly state: 'mutual' | 'one-sided' | 'absent';
}

/** What the health checks read from the control port beyond the header (HealthFactsCollector). */
export interface HealthControlFacts {
  /** Undefined until first read. */
  readonly readAtMs: number | undefined;
  /** status/reachability-succeeded; undefined until read. */
  readonly reachability: { readonly or: boolean; readonly dir: boolean } | undefined;
  /** Our descriptor's overload-general line (undefined: not read; overloadAtMs undefined: no such line). */
  readonly descriptor: { readonly overloadAtMs: number | undefined; readonly publishedAtMs: number; readonly source: 'published' | 'fresh' } | undefined;
  /**
   * The extra-info document tor would publish (status/fresh-relay-descs): when tor last ran out of file
   * descriptors (overload-fd-exhausted, kept 72 h) and hit BandwidthRate/Burst (overload-ratelimits,
   * kept 24 h); undefined when not read, the times undefined when the lines are absent.
   */
  readonly extraInfo: { readonly fdExhaustedAtMs: number | undefined; readonly rateLimitsAtMs: number | undefined } | undefined;
  /** GETCONF ContactInfo: '' when unset; undefined until read. */
  readonly contactInfo: string | undefined;
  /** GETCONF ExitRelay: "auto", "0", "1". */
  readonly exitRelay: string | undefined;
  /** GETCONF MyFamily entries and the FamilyId keys, [] when unset. */
  readonly myFamily: readonly string[] | undefined;
  readonly familyIds: readonly string[] | undefined;
  /** For each MyFamily entry, whether the consensus shows it naming us back; undefined until checked. */
  readonly family: readonly FamilyMember[] | undefined;
  /** Our own microdescriptor in the consensus carries a family-ids line (FamilyId published). */
  readonly familyIdsPublished: boolean | undefined;
  /** The newest STATUS_GENERAL CLOCK_SKEW event seen since ortop attached. */
  readonly clockSkew: { readonly skewSeconds: number; readonly source: string; readonly atMs: number } | undefined;
}

export const NO_HEALTH_FACTS: HealthControlFacts = {
  readAtMs: undefined,
  reachability: undefined,
  descriptor: undefined,
  extraInfo: undefined,
  contactInfo: undefined,
  exitRelay: undefined,
  myFamily: undefined,
  familyIds: undefined,
  family: undefined,
  familyIdsPublished: undefined,
  clockSkew: undefined,
};
