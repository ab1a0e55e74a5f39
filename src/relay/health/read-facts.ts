// Readers for tor's answers the health checks need: status/reachability-succeeded, a server
// descriptor's overload-general, CLOCK_SKEW status events, a family member's microdescriptor.
// Pure: text in, values out; a malformed answer gives undefined, never a throw.
import { parseMicrodescriptor, parseServerDescriptor } from '../../protocol/documents/index.js';
import type { StatusEvent } from '../../protocol/events/status.js';
import type { FamilyMember, HealthControlFacts } from './types.js';

/** "OR=1 DIR=0" (control-spec §3.9) → { or, dir }; undefined when either is missing. */
export function parseReachabilityReply(value: string | undefined): HealthControlFacts['reachability'] {
  const or = /(?:^|\s)OR=([01])(?:\s|$)/.exec(value ?? '');
  const dir = /(?:^|\s)DIR=([01])(?:\s|$)/.exec(value ?? '');
  return or === null || dir === null ? undefined : { or: or[1] === '1', dir: dir[1] === '1' };
}

/**
 * Our server descriptor (desc/id/<fp>, or status/fresh-relay-descs with its extra-info appended) →
 * when overload-general was set (dir-spec: "overload-general" SP version SP YYYY-MM-DD SP HH:MM:SS).
 */
export function descriptorOverload(text: string, source: 'published' | 'fresh'): HealthControlFacts['descriptor'] {
  const cut = text.search(/^extra-info /m);
  const server = cut < 0 ? text : text.slice(0, cut);
  if (server.trim() === '') return undefined;
  try {
    const d = parseServerDescriptor(server, { input: 'text' });
    return { overloadAtMs: d.overloadGeneral?.atMs, publishedAtMs: d.publishedAtMs, source };
  } catch {
    return undefined;
  }
}

/** "2026-12-07 09:00:00" (UTC) → epoch ms. */
function dirTime(date: string, time: string): number | undefined {
  const ms = Date.parse(`${date}T${time}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The extra-info part of status/fresh-relay-descs (dir-spec, extra-info):
 *   "overload-ratelimits" SP version SP YYYY-MM-DD SP HH:MM:SS SP rate SP burst SP read-count SP write-count
 *   "overload-fd-exhausted" SP version SP YYYY-MM-DD SP HH:MM:SS
 * Undefined when the text has no extra-info document.
 */
export function extraInfoOverload(text: string): HealthControlFacts['extraInfo'] {
  const at = text.search(/^extra-info /m);
  if (at < 0) return undefined;
  const extra = text.slice(at);
  const fd = /^overload-fd-exhausted \d+ (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)\s*$/m.exec(extra);
  const rate = /^overload-ratelimits \d+ (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?: .*)?$/m.exec(extra);
  return { fdExhaustedAtMs: fd === null ? undefined : dirTime(fd[1]!, fd[2]!), rateLimitsAtMs: rate === null ? undefined : dirTime(rate[1]!, rate[2]!) };
}

/** "650 STATUS_GENERAL WARN CLOCK_SKEW SKEW=-3600 SOURCE=OR:1.2.3.4:9001" (control-spec §4.1.10). */
export function clockSkewOf(event: StatusEvent, atMs: number): HealthControlFacts['clockSkew'] {
  if (event.action !== 'CLOCK_SKEW') return undefined;
  const skew = event.arguments.get('SKEW');
  if (skew === undefined || !/^-?\d{1,12}$/.test(skew)) return undefined;
  return { skewSeconds: Number(skew), source: (event.arguments.get('SOURCE') ?? 'unknown source').slice(0, 80), atMs };
}

/**
 * Whether a family member's microdescriptor names us back. Its "family" line lists members as
 * "$<HEX>" (or nicknames from old tors); undefined text = tor has no microdescriptor for it.
 */
export function familyMemberState(member: string, memberMicrodescriptor: string | undefined, ourFingerprint: string, ourNickname: string | undefined): FamilyMember['state'] {
  if (memberMicrodescriptor === undefined || memberMicrodescriptor.trim() === '') return 'absent';
  let family: readonly string[];
  try {
    family = parseMicrodescriptor(memberMicrodescriptor).family;
  } catch {
    return 'absent';
  }
  const fp = ourFingerprint.toUpperCase();
  const named = family.some((f) => {
    const hex = f.replace(/^\$/, '').split(/[~=]/)[0]!.toUpperCase();
    return hex === fp || (ourNickname !== undefined && f.toLowerCase() === ourNickname.toLowerCase());
  });
  return named ? 'mutual' : 'one-sided';
}

/** Whether our own microdescriptor (as the consensus has it) carries family-ids. */
export function hasFamilyIds(ourMicrodescriptor: string | undefined): boolean | undefined {
  if (ourMicrodescriptor === undefined || ourMicrodescriptor.trim() === '') return undefined;
  try {
    return parseMicrodescriptor(ourMicrodescriptor).familyIds.length > 0;
  } catch {
    return undefined;
  }
}

/** MyFamily values ("$A…,$B…" or several lines) → entries. */
export function splitFamily(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(/[,\s]+/)).filter((v) => v !== '');
}
