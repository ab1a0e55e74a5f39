// Health checks from what the control port tells: the descriptor's overload-general, ORPort/DirPort
// reachability, version status, clock skew, descriptors vs connections, accounting, ContactInfo on an
// exit, MyFamily/FamilyId reciprocity. Pure: facts and time in, checks out.
import type { AccountingState } from '../bandwidth/graph-model.js';
import type { HeaderFacts } from '../header-facts.js';
import type { HealthCheck, HealthControlFacts } from './types.js';

/** tor tests reachability within its first ~20 minutes; before that "not yet" is normal. */
export const REACHABILITY_GRACE_MS = 20 * 60_000;
/** tor keeps overload-general in its descriptor for 72 hours after the last overload (dir-spec). */
export const OVERLOAD_KEPT_MS = 72 * 3600_000;
/** Clock skew at or over this is bad; any skew tor reports is a warning. */
export const CLOCK_SKEW_BAD_SECONDS = 60;
/** OR connections as a share of the descriptor limit: warn, bad. */
export const FD_WARN = 0.5;
export const FD_BAD = 0.8;
/** A relay with fewer descriptors than this cannot serve a busy network. */
export const FD_MIN_RELAY = 8192;
/** Accounting: warn at this share of the limit used. */
export const ACCOUNTING_WARN = 0.9;

export interface ControlHealthInput {
  readonly facts: HeaderFacts;
  readonly control: HealthControlFacts;
  readonly orConnections: number | undefined;
  /** The graph model's accounting (AccountingMax) state. */
  readonly accounting: AccountingState | undefined;
  /** Traffic over the last minute, to tell whether the allowance lasts to the interval's end. */
  readonly recentRate?: { readonly readBytesPerSec: number; readonly writtenBytesPerSec: number } | undefined;
  readonly isExit: boolean;
  readonly nowMs: number;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** "2026-12-07 16:27 UTC" */
function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "3 h 12 min", "2 d 4 h" */
export function span(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

function overloadCheck(i: ControlHealthInput): HealthCheck {
  const d = i.control.descriptor;
  if (d === undefined) return { id: 'overload-general', status: 'unknown', what: 'descriptor not read yet', fix: undefined };
  const which = d.source === 'published' ? 'published descriptor' : 'descriptor tor would publish';
  if (d.overloadAtMs === undefined) return { id: 'overload-general', status: 'ok', what: `no overload-general in the ${which}`, fix: undefined };
  const clears = d.overloadAtMs + OVERLOAD_KEPT_MS;
  return {
    id: 'overload-general',
    status: 'bad',
    what: `overload-general set ${utc(d.overloadAtMs)} (${span(i.nowMs - d.overloadAtMs)} ago) in the ${which}; clears ${clears > i.nowMs ? `in ${span(clears - i.nowMs)}` : 'at the next descriptor'} if no new overload`,
    fix: 'see which overload signal tripped (onionskins, OOM, TCP ports, sockets) and fix that one; the flag goes away 72 h after the last overload',
  };
}

/** tor's own extra-info overload lines: file descriptors ran out (72 h), the global rate limit was hit (24 h). */
function extraInfoCheck(i: ControlHealthInput): HealthCheck {
  const e = i.control.extraInfo;
  if (!i.facts.isRelay) return { id: 'extra-info-overload', status: 'ok', what: 'not a relay: no extra-info document', fix: undefined };
  if (e === undefined) return { id: 'extra-info-overload', status: 'unknown', what: 'extra-info overload lines not read yet', fix: undefined };
  if (e.fdExhaustedAtMs !== undefined) {
    return {
      id: 'extra-info-overload',
      status: 'bad',
      what: `tor ran out of file descriptors ${utc(e.fdExhaustedAtMs)} (${span(i.nowMs - e.fdExhaustedAtMs)} ago; overload-fd-exhausted, kept 72 h)`,
      fix: 'raise the file-descriptor limit of tor: LimitNOFILE=65536 in its systemd unit (or ulimit -n) and restart tor',
    };
  }
  if (e.rateLimitsAtMs !== undefined) {
    return {
      id: 'extra-info-overload',
      status: 'warn',
      what: `tor hit its BandwidthRate/BandwidthBurst ${utc(e.rateLimitsAtMs)} (${span(i.nowMs - e.rateLimitsAtMs)} ago; overload-ratelimits, kept 24 h)`,
      fix: 'raise BandwidthRate/BandwidthBurst if the line allows (RelayBandwidthRate is not counted here), or leave them if the cap is intended',
    };
  }
  return { id: 'extra-info-overload', status: 'ok', what: 'no overload-fd-exhausted or overload-ratelimits in the extra-info', fix: undefined };
}

function reachabilityCheck(i: ControlHealthInput): HealthCheck {
  const r = i.control.reachability;
  if (!i.facts.isRelay) return { id: 'reachability', status: 'ok', what: 'not a relay: no ORPort to test', fix: undefined };
  if (r === undefined) return { id: 'reachability', status: 'unknown', what: 'reachability not read yet', fix: undefined };
  const dirWanted = (i.facts.dirPort ?? 0) > 0;
  const missing = [...(r.or ? [] : [`ORPort ${i.facts.orPort ?? ''}`.trim()]), ...(dirWanted && !r.dir ? [`DirPort ${i.facts.dirPort}`] : [])];
  if (missing.length === 0) return { id: 'reachability', status: 'ok', what: `reachability confirmed (ORPort${dirWanted ? ' and DirPort' : ''})`, fix: undefined };
  const started = i.facts.torStartedAtMs;
  const upMs = started === undefined ? undefined : i.nowMs - started;
  const early = upMs !== undefined && upMs < REACHABILITY_GRACE_MS;
  return {
    id: 'reachability',
    status: early ? 'warn' : 'bad',
    what: `${missing.join(' and ')} reachability not confirmed${upMs === undefined ? '' : ` after ${span(upMs)}`}${early ? ' (tor is still testing)' : ''}`,
    fix: `let connections in: open ${missing.join(' and ')} in the firewall, forward ${missing.length > 1 ? 'them' : 'it'} on the router, and check Address/ORPort in the torrc`,
  };
}

function versionCheck(i: ControlHealthInput): HealthCheck {
  const status = i.facts.versionStatus;
  const v = i.facts.torVersion ?? '?';
  const upgrade = 'upgrade tor (apt update && apt install tor, from deb.torproject.org for the newest) and restart it';
  switch (status) {
    case undefined:
      return { id: 'version', status: 'unknown', what: `tor ${v}: version status not read yet`, fix: undefined };
    case 'recommended':
    case 'new':
    case 'new in series':
      return { id: 'version', status: 'ok', what: `tor ${v} is ${status}`, fix: undefined };
    case 'obsolete':
      return { id: 'version', status: 'bad', what: `tor ${v} is obsolete: directory authorities may reject it`, fix: upgrade };
    case 'old':
    case 'unrecommended':
      return { id: 'version', status: 'warn', what: `tor ${v} is ${status}`, fix: upgrade };
    default:
      return { id: 'version', status: 'unknown', what: `tor ${v}: version status ${status} (no consensus yet?)`, fix: undefined };
  }
}

function clockCheck(i: ControlHealthInput): HealthCheck {
  const skew = i.control.clockSkew;
  if (skew === undefined) return { id: 'clock-skew', status: 'ok', what: 'tor reported no clock skew since ortop attached', fix: undefined };
  const s = Math.abs(skew.skewSeconds);
  const dir = skew.skewSeconds < 0 ? 'behind' : 'ahead';
  return {
    id: 'clock-skew',
    status: s >= CLOCK_SKEW_BAD_SECONDS ? 'bad' : 'warn',
    what: `tor says the clock is ${span(s * 1000).replace(/^0 min$/, `${s} s`)} ${dir} (${skew.source}, ${utc(skew.atMs)})`,
    fix: 'keep the clock synchronised: enable NTP (timedatectl set-ntp true, or install chrony)',
  };
}

function fdCheck(i: ControlHealthInput): HealthCheck {
  const limit = i.facts.fdLimit;
  const conns = i.orConnections;
  if (limit === undefined) return { id: 'fd-limit', status: 'unknown', what: 'file-descriptor limit not read yet', fix: undefined };
  const fix = 'raise the file-descriptor limit of tor: LimitNOFILE=65536 in its systemd unit (or ulimit -n) and restart tor';
  if (conns === undefined) return { id: 'fd-limit', status: 'unknown', what: `descriptor limit ${fmt(limit)}; connections not counted yet`, fix: undefined };
  const share = conns / limit;
  const what = `${fmt(conns)} OR connections for a descriptor limit of ${fmt(limit)} (${Math.round(share * 100)}%)`;
  if (share >= FD_BAD) return { id: 'fd-limit', status: 'bad', what, fix };
  if (share >= FD_WARN || (i.facts.isRelay && limit < FD_MIN_RELAY)) return { id: 'fd-limit', status: 'warn', what: share >= FD_WARN ? what : `${what}: low for a relay`, fix };
  return { id: 'fd-limit', status: 'ok', what, fix: undefined };
}

function accountingCheck(i: ControlHealthInput): HealthCheck {
  const state = i.accounting;
  if (state?.kind === 'off') return { id: 'accounting', status: 'ok', what: 'accounting off: tor never hibernates for it', fix: undefined };
  const a = state?.kind === 'on' ? state.facts : undefined;
  if (a === undefined) return { id: 'accounting', status: 'unknown', what: 'accounting not read yet', fix: undefined };
  const share = (used: number, limit: number) => (limit > 0 ? used / limit : 0);
  const used = Math.max(share(a.readBytes, a.readLimitBytes), share(a.writtenBytes, a.writtenLimitBytes));
  const end = a.intervalEndMs === undefined ? '' : `; the interval ends ${utc(a.intervalEndMs)}`;
  const fix = 'raise AccountingMax, or lower RelayBandwidthRate so the allowance lasts the whole AccountingStart period';
  if (a.hibernating !== 'awake') return { id: 'accounting', status: 'bad', what: `hibernating (${a.hibernating}): ${Math.round(used * 100)}% of the allowance used${end}`, fix };
  if (used >= ACCOUNTING_WARN) return { id: 'accounting', status: 'warn', what: `${Math.round(used * 100)}% of the accounting allowance used: hibernates soon${end}`, fix };
  const runsOutMs = runsOutIn(a, i.recentRate);
  if (runsOutMs !== undefined && a.intervalEndMs !== undefined && i.nowMs + runsOutMs < a.intervalEndMs) {
    return { id: 'accounting', status: 'warn', what: `${Math.round(used * 100)}% of the accounting allowance used; at the last minute's rate it runs out in ${span(runsOutMs)}, before the interval ends ${utc(a.intervalEndMs)}`, fix };
  }
  return { id: 'accounting', status: 'ok', what: `${Math.round(used * 100)}% of the accounting allowance used${end}`, fix: undefined };
}

/** How long until the first direction's allowance is used up at `rate`; undefined when nothing flows. */
function runsOutIn(a: NonNullable<Extract<AccountingState, { kind: 'on' }>['facts']>, rate: ControlHealthInput['recentRate']): number | undefined {
  if (rate === undefined) return undefined;
  const times = [
    rate.readBytesPerSec > 0 ? (Math.max(0, a.readLimitBytes - a.readBytes) / rate.readBytesPerSec) * 1000 : Number.POSITIVE_INFINITY,
    rate.writtenBytesPerSec > 0 ? (Math.max(0, a.writtenLimitBytes - a.writtenBytes) / rate.writtenBytesPerSec) * 1000 : Number.POSITIVE_INFINITY,
  ];
  const ms = Math.min(...times);
  return Number.isFinite(ms) ? ms : undefined;
}

function contactCheck(i: ControlHealthInput): HealthCheck {
  const contact = i.control.contactInfo;
  if (!i.facts.isRelay) return { id: 'contact-info', status: 'ok', what: 'not a relay: no ContactInfo needed', fix: undefined };
  if (contact === undefined) return { id: 'contact-info', status: 'unknown', what: 'ContactInfo not read yet', fix: undefined };
  if (contact.trim() !== '') return { id: 'contact-info', status: 'ok', what: 'ContactInfo is set', fix: undefined };
  const fix = 'set ContactInfo in the torrc (an address the Tor Project and abuse desks can reach) and reload tor';
  return i.isExit
    ? { id: 'contact-info', status: 'bad', what: 'an exit without ContactInfo: nobody can reach its operator', fix }
    : { id: 'contact-info', status: 'warn', what: 'no ContactInfo', fix };
}

function familyCheck(i: ControlHealthInput): HealthCheck {
  const { myFamily, familyIds, family, familyIdsPublished } = i.control;
  if (myFamily === undefined || familyIds === undefined) return { id: 'family', status: 'unknown', what: 'family not read yet', fix: undefined };
  if (myFamily.length === 0 && familyIds.length === 0) return { id: 'family', status: 'ok', what: 'no family declared', fix: undefined };
  const problems: string[] = [];
  if (myFamily.length > 0) {
    if (family === undefined) return { id: 'family', status: 'unknown', what: `MyFamily: ${myFamily.length} members, not checked against the consensus yet`, fix: undefined };
    const oneSided = family.filter((m) => m.state === 'one-sided').map((m) => m.member);
    const absent = family.filter((m) => m.state === 'absent').map((m) => m.member);
    if (oneSided.length > 0) problems.push(`${oneSided.length} of ${myFamily.length} MyFamily members do not name this relay (${oneSided.slice(0, 3).join(', ')}${oneSided.length > 3 ? ', …' : ''})`);
    if (absent.length > 0) problems.push(`${absent.length} not in the consensus (${absent.slice(0, 3).join(', ')}${absent.length > 3 ? ', …' : ''})`);
  }
  if (familyIds.length > 0 && familyIdsPublished === false) problems.push('FamilyId set but the consensus shows no family-ids for this relay yet');
  if (problems.length === 0) return { id: 'family', status: 'ok', what: `family declared and reciprocated${myFamily.length > 0 ? ` (${myFamily.length} members)` : ''}`, fix: undefined };
  return {
    id: 'family',
    status: 'warn',
    what: problems.join('; '),
    fix: "a family counts only when every member names the others: add this relay's fingerprint to MyFamily on each member (or give them all the same FamilyId key) and reload",
  };
}

export function controlChecks(input: ControlHealthInput): HealthCheck[] {
  return [overloadCheck(input), extraInfoCheck(input), reachabilityCheck(input), versionCheck(input), clockCheck(input), fdCheck(input), accountingCheck(input), contactCheck(input), familyCheck(input)];
}
