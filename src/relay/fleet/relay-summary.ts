// One relay as the fleet (Relays) page, exporters and `--snapshot json` see it: who it is, how the
// connection to it is, its traffic over the last minute, connections, accounting, weight and
// warnings, from the model pieces a session keeps. Pure: time is an argument, nothing is kept.
// Strings from tor come out sanitised and cut (a 1 MB nickname costs what a short one does).
import type { AccountingFacts, GraphModel } from '../bandwidth/index.js';
import type { ConnectionStore } from '../connections/index.js';
import { countOrConnections } from '../connections/index.js';
import type { HeaderFacts, VersionStatus } from '../header-facts.js';
import type { LogBuffer } from '../log/index.js';
import { sanitizeLine } from '../../terminal/sanitize.js';
import type { HealthSummary } from '../health/evaluate-health.js';

/** Our own consensus entry's weight; RelayDirectory fits (session.consensus.directory). */
export interface WeightLookup {
  get(fingerprint: string): { readonly bandwidthWeight: number | undefined } | undefined;
}

/**
 * What one relay's summary is made from, all read-only. For the app, from a RelaySession `s`:
 *   { name: s.name, facts: s.facts, graph: s.graph.model,
 *     connections: s.connections.loaded ? s.connections.store : undefined,
 *     logs: s.logs.buffer, directory: s.consensus.directory }
 */
export interface RelaySummaryInput {
  /** Display name (config file's relay name, instance name or address); not from tor. */
  readonly name: string;
  readonly facts: HeaderFacts;
  readonly graph?: GraphModel | undefined;
  /** Undefined until the connections were first read. */
  readonly connections?: ConnectionStore | undefined;
  readonly logs?: LogBuffer | undefined;
  readonly directory?: WeightLookup | undefined;
  /** The relay's health checks summed up (src/relay/health summarizeHealth); undefined = not evaluated. */
  readonly health?: HealthSummary | undefined;
}

export type RelayState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'connected' }
  | { readonly kind: 'bootstrapping'; readonly progress: number }
  /** Connected, but a request went unanswered (tor stopped or hung). */
  | { readonly kind: 'not-answering'; readonly sinceMs: number; readonly lastHeardAtMs: number }
  /** Not attached: tor wants a password ortop does not have, or refused the one it had. */
  | { readonly kind: 'password-needed'; readonly atMs: number; readonly problem: string }
  | { readonly kind: 'disconnected'; readonly atMs: number; readonly problem: string | undefined };

export type RelayStateKind = RelayState['kind'];

export interface AccountingSummary {
  readonly hibernating: string;
  /** The direction closest to its limit (tor hibernates on whichever reaches it). */
  readonly usedBytes: number;
  readonly limitBytes: number;
  /** 0-100. */
  readonly usedPercent: number;
}

export interface ProblemMessage {
  readonly atMs: number;
  readonly type: 'WARN' | 'ERR';
  readonly message: string;
}

export interface RelaySummary {
  readonly name: string;
  readonly nickname: string | undefined;
  readonly fingerprint: string | undefined;
  readonly state: RelayState;
  readonly torVersion: string | undefined;
  readonly versionStatus: VersionStatus | undefined;
  readonly flags: readonly string[] | undefined;
  /** Frozen at a disconnect, as the header's. */
  readonly uptimeMs: number | undefined;
  /** The last second; undefined when tor's BW events are more than STALE_SECONDS old or it is not attached. */
  readonly readBytesPerSec: number | undefined;
  readonly writtenBytesPerSec: number | undefined;
  /** Mean over the seconds of the last minute that have data. */
  readonly avgReadBytesPerSec: number | undefined;
  readonly avgWrittenBytesPerSec: number | undefined;
  /** read+written per second, LAST_MINUTE_SECONDS entries, oldest first; undefined = no data that second. */
  readonly lastMinute: ReadonlyArray<number | undefined>;
  readonly orConnections: { readonly inbound: number; readonly outbound: number } | undefined;
  /** Exit sockets from the socket table; undefined where it is not readable (remote tor). */
  readonly exitConnections: number | undefined;
  readonly circuits: number | undefined;
  readonly streams: number | undefined;
  /** Only while accounting is on and tor told us the figures. */
  readonly accounting: AccountingSummary | undefined;
  readonly consensusWeight: number | undefined;
  /** tor's WARN and ERR messages since it started (as far as ortop saw); undefined without a log. */
  readonly warnings: number | undefined;
  readonly errors: number | undefined;
  readonly lastProblem: ProblemMessage | undefined;
  /** Worst health status and the short text ("ok", "2 warn", "overload"); undefined when not evaluated. */
  readonly health: HealthSummary | undefined;
}

export const LAST_MINUTE_SECONDS = 60;
/** A last second older than this is not "current". */
export const STALE_SECONDS = 2;
/** Longest kept name, nickname, version or flag (tor's nicknames are at most 19). */
export const MAX_FIELD_CHARS = 256;
/** Longest kept message (tor's own lines stay under 400 bytes). */
export const MAX_MESSAGE_CHARS = 1000;

/** Untrusted text → one safe line, cut before sanitising so its cost is bounded. */
export function cleanField(text: string, max = MAX_FIELD_CHARS): string {
  return sanitizeLine(text.length > max ? `${text.slice(0, max)}…` : text);
}

const cleanMaybe = (text: string | undefined, max = MAX_FIELD_CHARS): string | undefined => (text === undefined ? undefined : cleanField(text, max));

const PASSWORD = /password/i;

export function relayStateOf(facts: HeaderFacts): RelayState {
  const conn = facts.connection;
  switch (conn.kind) {
    case 'connecting':
      return { kind: 'connecting' };
    case 'disconnected': {
      const problem = cleanMaybe(conn.problem);
      if (PASSWORD.test(conn.manualAction ?? '') || PASSWORD.test(problem ?? '')) return { kind: 'password-needed', atMs: conn.atMs, problem: problem ?? 'password needed' };
      return { kind: 'disconnected', atMs: conn.atMs, problem };
    }
    case 'connected': {
      if (conn.silence !== undefined) return { kind: 'not-answering', sinceMs: conn.silence.askedAtMs, lastHeardAtMs: conn.silence.lastHeardAtMs };
      const boot = facts.bootstrap;
      if (boot !== undefined && boot.progress < 100) return { kind: 'bootstrapping', progress: Math.max(0, Math.min(99, Math.floor(boot.progress))) };
      return { kind: 'connected' };
    }
  }
}

interface Traffic {
  readonly read: number | undefined;
  readonly written: number | undefined;
  readonly avgRead: number | undefined;
  readonly avgWritten: number | undefined;
  readonly lastMinute: Array<number | undefined>;
}

const finite = (v: number | undefined): number | undefined => (v !== undefined && Number.isFinite(v) ? v : undefined);

/**
 * The last minute of per-second samples, placed by time: the newest sample is the second of the
 * latest BW event, so a relay that stopped sending them shows an emptying minute, not an old one.
 */
function trafficOf(graph: GraphModel | undefined, attached: boolean, nowMs: number): Traffic {
  const lastMinute = new Array<number | undefined>(LAST_MINUTE_SECONDS).fill(undefined);
  if (graph === undefined) return { read: undefined, written: undefined, avgRead: undefined, avgWritten: undefined, lastMinute };
  const lag = graph.lastSecondAtMs === undefined ? 0 : Math.max(0, Math.floor((nowMs - graph.lastSecondAtMs) / 1000));
  const want = LAST_MINUTE_SECONDS - lag;
  const reads = want > 0 ? graph.bandwidth.primary.interval('each second').newest(want) : [];
  const writes = want > 0 ? graph.bandwidth.secondary.interval('each second').newest(want) : [];
  let sumRead = 0;
  let sumWritten = 0;
  let n = 0;
  for (let age = 0; age < Math.min(reads.length, writes.length); age++) {
    const r = finite(reads[age]);
    const w = finite(writes[age]);
    if (r === undefined || w === undefined) continue;
    sumRead += r;
    sumWritten += w;
    n++;
    lastMinute[LAST_MINUTE_SECONDS - 1 - lag - age] = r + w;
  }
  const current = attached && lag <= STALE_SECONDS;
  return {
    read: current ? finite(reads[0]) : undefined,
    written: current ? finite(writes[0]) : undefined,
    avgRead: n === 0 ? undefined : sumRead / n,
    avgWritten: n === 0 ? undefined : sumWritten / n,
    lastMinute,
  };
}

function accountingOf(graph: GraphModel | undefined): AccountingSummary | undefined {
  const a = graph?.accounting;
  if (a?.kind !== 'on' || a.facts === undefined) return undefined;
  const f: AccountingFacts = a.facts;
  const share = (used: number, limit: number) => (limit > 0 ? used / limit : 0);
  const readFirst = share(f.readBytes, f.readLimitBytes) >= share(f.writtenBytes, f.writtenLimitBytes);
  const usedBytes = readFirst ? f.readBytes : f.writtenBytes;
  const limitBytes = readFirst ? f.readLimitBytes : f.writtenLimitBytes;
  return { hibernating: cleanField(f.hibernating), usedBytes, limitBytes, usedPercent: Math.min(100, share(usedBytes, limitBytes) * 100) };
}

function countExitSockets(store: ConnectionStore): number | undefined {
  if (store.sockets.kind !== 'sockets') return undefined;
  let n = 0;
  for (const row of store.socketConns.values()) if (row.category === 'exit') n++;
  return n;
}

function problemsOf(logs: LogBuffer | undefined): Pick<RelaySummary, 'warnings' | 'errors' | 'lastProblem'> {
  if (logs === undefined) return { warnings: undefined, errors: undefined, lastProblem: undefined };
  const p = logs.problems;
  const e = p.newest;
  const lastProblem = e === undefined ? undefined : { atMs: e.atMs, type: e.type === 'ERR' ? ('ERR' as const) : ('WARN' as const), message: cleanField(e.message, MAX_MESSAGE_CHARS) };
  return { warnings: p.warn, errors: p.err, lastProblem };
}

function uptimeOf(facts: HeaderFacts, nowMs: number): number | undefined {
  const started = facts.torStartedAtMs;
  if (started === undefined) return undefined;
  const conn = facts.connection;
  const until = conn.kind === 'disconnected' ? Math.min(conn.atMs, nowMs) : nowMs;
  return Math.max(0, until - started);
}

export function summarizeRelay(input: RelaySummaryInput, nowMs: number): RelaySummary {
  const { facts, graph, connections, logs } = input;
  const state = relayStateOf(facts);
  const attached = state.kind === 'connected' || state.kind === 'bootstrapping';
  const traffic = trafficOf(graph, attached, nowMs);
  const fingerprint = cleanMaybe(facts.fingerprint);
  const weight = fingerprint === undefined ? undefined : finite(input.directory?.get(fingerprint)?.bandwidthWeight);
  return {
    name: cleanField(input.name),
    nickname: cleanMaybe(facts.nickname),
    fingerprint,
    state,
    torVersion: cleanMaybe(facts.torVersion),
    versionStatus: cleanMaybe(facts.versionStatus),
    flags: facts.flags?.slice(0, 32).map((f) => cleanField(f, 32)),
    uptimeMs: uptimeOf(facts, nowMs),
    readBytesPerSec: traffic.read,
    writtenBytesPerSec: traffic.written,
    avgReadBytesPerSec: traffic.avgRead,
    avgWrittenBytesPerSec: traffic.avgWritten,
    lastMinute: traffic.lastMinute,
    orConnections: connections === undefined ? undefined : countOrConnections(connections),
    exitConnections: connections === undefined ? undefined : countExitSockets(connections),
    circuits: connections?.circuits.size,
    streams: connections?.streams.size,
    accounting: accountingOf(graph),
    consensusWeight: weight,
    ...problemsOf(logs),
    health: input.health,
  };
}
