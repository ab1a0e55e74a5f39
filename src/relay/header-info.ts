// Turns GETINFO/GETCONF answers and events into HeaderFacts changes. Pure: values and the time in,
// a patch or a new HeaderFacts out. The collector in src/app decides what to ask and when.
import { parseRouterStatusEntriesLenient } from '../protocol/documents/index.js';
import { parseBootstrapStatus, type TorEvent } from '../protocol/events/index.js';
import { splitArgs, tokenize } from '../protocol/tokens.js';
import { ProtocolError } from '../protocol/errors.js';
import type { BootstrapState, HeaderFacts } from './header-facts.js';

export type HeaderPatch = { -readonly [K in keyof HeaderFacts]?: HeaderFacts[K] };

/** GETINFO keys that never fail with 551 and so can be asked in one batch. */
export const HEADER_INFO_KEYS = [
  'version',
  'status/version/current',
  'process/pid',
  'uptime',
  'net/listeners/or',
  'net/listeners/dir',
  'process/descriptor-limit',
  'status/bootstrap-phase',
  'network-liveness',
] as const;

/** "0.4.9.11 (git-abc)" → "0.4.9.11"; tolerates a "Tor " prefix. */
export function parseTorVersion(value: string): string {
  return value.replace(/^Tor\s+/i, '').split(' ')[0] ?? value;
}

/** net/listeners/* values: space-separated quoted addresses, e.g. "\"127.0.0.1:9001\" \"[::]:9001\"". */
export function parseListeners(value: string): string[] {
  try {
    return tokenize(value).map((t) => t.value).filter((v) => v !== '');
  } catch (e) {
    if (e instanceof ProtocolError) return [];
    throw e;
  }
}

/** Splits "host:port" / "[v6]:port" into parts; undefined when there is no numeric port. */
export function splitHostPort(address: string): { host: string; port: number } | undefined {
  const colon = address.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const port = Number(address.slice(colon + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) return undefined;
  let host = address.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { host, port };
}

/** "NOTICE BOOTSTRAP PROGRESS=45 TAG=loading_descriptors SUMMARY=\"Loading relay descriptors\"" */
export function parseBootstrapPhase(value: string): BootstrapState | undefined {
  try {
    const { positional, keywords } = splitArgs(tokenize(value));
    const status = parseBootstrapStatus({
      kind: 'STATUS_CLIENT',
      type: 'STATUS_CLIENT',
      severity: positional[0] ?? 'NOTICE',
      action: positional[1] ?? '',
      arguments: keywords,
    });
    return status === undefined ? undefined : { progress: status.progress, tag: status.tag, summary: status.summary, warning: status.warning };
  } catch (e) {
    if (e instanceof ProtocolError) return undefined;
    throw e;
  }
}

function isUnspecified(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/** The batch of HEADER_INFO_KEYS (plus optional GETCONF Nickname) → a patch. */
export function patchFromHeaderInfo(values: ReadonlyMap<string, string>, nowMs: number): HeaderPatch {
  const patch: HeaderPatch = {};
  const version = values.get('version');
  if (version !== undefined) patch.torVersion = parseTorVersion(version);
  const status = values.get('status/version/current');
  if (status !== undefined && status !== '') patch.versionStatus = status;
  const pid = Number(values.get('process/pid'));
  if (Number.isInteger(pid) && pid > 0) patch.pid = pid;
  const uptime = Number(values.get('uptime'));
  if (values.has('uptime') && Number.isFinite(uptime) && uptime >= 0) patch.torStartedAtMs = nowMs - uptime * 1000;
  const limit = Number(values.get('process/descriptor-limit'));
  if (Number.isInteger(limit) && limit > 0) patch.fdLimit = limit;
  if (values.has('net/listeners/or')) {
    const or = parseListeners(values.get('net/listeners/or')!).map(splitHostPort).find((a) => a !== undefined);
    patch.isRelay = or !== undefined;
    patch.orPort = or?.port;
    patch.address = or === undefined || isUnspecified(or.host) ? undefined : or.host;
  }
  if (values.has('net/listeners/dir')) {
    patch.dirPort = parseListeners(values.get('net/listeners/dir')!).map(splitHostPort).find((a) => a !== undefined)?.port;
  }
  const phase = values.get('status/bootstrap-phase');
  if (phase !== undefined) patch.bootstrap = parseBootstrapPhase(phase);
  const liveness = values.get('network-liveness');
  if (liveness === 'up' || liveness === 'down') patch.liveness = liveness;
  return patch;
}

/** Our flags from router status text (ns/id/<fp>, NS or NEWCONSENSUS body); undefined when we are not listed. */
export function flagsFromStatus(text: string, fingerprint: string): readonly string[] | undefined {
  const { entries } = parseRouterStatusEntriesLenient(text);
  return entries.find((e) => e.fingerprint === fingerprint)?.flags;
}

/** Applies a tor event to the header facts. */
export function reduceHeaderEvent(facts: HeaderFacts, event: TorEvent): HeaderFacts {
  switch (event.kind) {
    case 'STATUS_CLIENT': {
      const b = parseBootstrapStatus(event);
      return b === undefined ? facts : { ...facts, bootstrap: { progress: b.progress, tag: b.tag, summary: b.summary, warning: b.warning } };
    }
    case 'NETWORK_LIVENESS':
      return event.status === 'UP' ? { ...facts, liveness: 'up' } : event.status === 'DOWN' ? { ...facts, liveness: 'down' } : facts;
    case 'NS':
    case 'NEWCONSENSUS': {
      if (facts.fingerprint === undefined) return facts;
      const flags = flagsFromStatus(event.body, facts.fingerprint);
      if (flags !== undefined) return { ...facts, flags };
      // A new consensus without us means we are not listed (any more); NS only lists changes.
      return event.kind === 'NEWCONSENSUS' ? { ...facts, flags: [] } : facts;
    }
    default:
      return facts;
  }
}
