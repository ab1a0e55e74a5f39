// GETINFO for the demo relay: every key a monitor asks, answered from the simulation's state the
// way tor 0.4.9.11 answers it (value formats, data blocks, 551/552 errors for bad or unknown keys),
// plus info/names. Reads state only; never changes it.

import type { BwHistory } from './bandwidth-curve.js';
import type { SimConsensus } from './consensus.js';
import { formatMicrodescriptor, formatServerDescriptor } from './descriptors.js';
import { DEFAULT_EXIT_POLICY } from './exit-policies.js';
import { countryOfAddress } from './geo.js';
import type { RelayConfig } from './relay-config.js';
import type { SimRelay } from './relay-types.js';
import type { InfoAnswer } from './reply-format.js';
import { formatStatusEntry } from './consensus.js';
import { formatDirTime, formatIsoTime } from './time-format.js';
import { TOR_0_4_9_EVENT_NAMES, TOR_0_4_9_SIGNAL_NAMES } from './tor-names.js';

export const DEMO_TOR_VERSION = '0.4.9.11';

/** What GETINFO reads. */
export interface InfoSource {
  readonly nowMs: number;
  readonly startedAtMs: number;
  readonly pid: number;
  readonly config: RelayConfig;
  readonly consensus: SimConsensus;
  readonly bwHistory: BwHistory;
  readonly readBytes: number;
  readonly writtenBytes: number;
  readonly networkUp: boolean;
  readonly dormant: boolean;
  /** Our relay as the current configuration describes it (the consensus copy lags up to an hour). */
  ourRelay(): SimRelay;
  orConnStatus(): string;
  circuitStatus(): string;
  streamStatus(): string;
  entryGuards(): string;
  exitPolicyFull(): readonly string[];
  /** Quoted, space-separated listener addresses (net/listeners/*). */
  listeners(kind: 'or' | 'dir' | 'control' | 'socks'): string;
  clientsSeen(): string;
}

type Entry = readonly [description: string, answer: (s: InfoSource) => string | InfoAnswer];

const HOUR_MS = 3_600_000;
const v = (value: string): InfoAnswer => ({ value });

const TABLE = new Map<string, Entry>([
  ['version', ['The current version of Tor.', () => DEMO_TOR_VERSION]],
  ['status/version/current', ['Status of the current version.', () => 'recommended']],
  ['status/version/recommended', ['List of currently recommended versions.', () => '0.4.8.13,0.4.8.14,0.4.8.16,0.4.8.17,0.4.9.10,0.4.9.11']],
  ['fingerprint', ['Get hex fingerprint of this OR.', (s) => s.ourRelay().fingerprint]],
  ['address', ['IP address of this Tor host, if we can guess it.', (s) => s.ourRelay().address]],
  ['address/v4', ['IPv4 address of this Tor host, if we can guess it.', (s) => s.ourRelay().address]],
  ['address/v6', ['IPv6 address of this Tor host, if we can guess it.', (s) => s.ourRelay().ipv6 ?? '']],
  ['uptime', ['Uptime of the Tor daemon in seconds.', (s) => String(Math.floor((s.nowMs - s.startedAtMs) / 1000))]],
  ['process/pid', ['Process id belonging to the main tor process.', (s) => String(s.pid)]],
  ['process/uid', ['User id running the tor process.', () => '113']],
  ['process/user', ['Username under which the tor process is running.', () => 'debian-tor']],
  ['process/descriptor-limit', ['File descriptor limit.', () => '65535']],
  ['traffic/read', ['Bytes read since the process was started.', (s) => String(s.readBytes)]],
  ['traffic/written', ['Bytes written since the process was started.', (s) => String(s.writtenBytes)]],
  ['bw-event-cache', ['Cached BW events for a short interval.', (s) => s.bwHistory.format()]],
  ['accounting/enabled', ['Is accounting currently enabled?', (s) => (Number(s.config.first('AccountingMax') ?? '0') > 0 ? '1' : '0')]],
  ['accounting/hibernating', ['Are we hibernating or awake?', () => 'awake']],
  ['accounting/bytes', ['Number of bytes read/written so far in the accounting interval.', () => '0 0']],
  ['accounting/bytes-left', ['Number of bytes left to write/read so far in the accounting interval.', () => '0 0']],
  ['accounting/interval-start', ['Time when the accounting period starts.', () => '1970-01-01 00:00:00']],
  ['accounting/interval-wake', ['Time to wake up in this accounting period.', () => '1970-01-01 00:00:00']],
  ['accounting/interval-end', ['Time when the accounting period ends.', () => '1970-01-01 00:00:00']],
  ['config-file', ['Current location of the "torrc" file.', () => '/etc/tor/torrc']],
  ['config-defaults-file', ['Current location of the defaults file.', () => '/usr/share/tor/tor-service-defaults-torrc']],
  ['config-text', ['Return the string that would be written by a saveconf command.', (s) => s.config.formatText()]],
  ['config-can-saveconf', ['Can we call SAVECONF without FORCE?', () => '1']],
  ['config/names', ['List of configuration options, types, and documentation.', (s) => s.config.formatNames()]],
  ['config/defaults', ['List of default values for configuration options.', (s) => s.config.formatDefaults()]],
  ['info/names', ['List of GETINFO options, types, and documentation.', () => formatInfoNames()]],
  ['events/names', ['Events that the controller can ask for with SETEVENTS.', () => TOR_0_4_9_EVENT_NAMES.join(' ')]],
  ['signal/names', ['Signal names recognized by the SIGNAL command.', () => TOR_0_4_9_SIGNAL_NAMES.join(' ')]],
  ['features/names', ['What arguments can USEFEATURE take?', () => 'VERBOSE_NAMES EXTENDED_EVENTS']],
  ['status/bootstrap-phase', ['The last bootstrap phase status event that Tor sent.', () => 'NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done"']],
  ['status/circuit-established', ['Whether we think client functionality is working.', () => '1']],
  ['status/enough-dir-info', ['Whether we have enough up-to-date directory information to build circuits.', () => '1']],
  ['status/good-server-descriptor', ['Do we have a good server descriptor to publish?', () => '1']],
  ['status/accepted-server-descriptor', ['Has a dirserver accepted our server descriptor?', () => '1']],
  ['status/reachability-succeeded', ['Whether we have confirmed that our ORPort and DirPort are reachable.', () => 'OR=1 DIR=1']],
  ['status/reachability-succeeded/or', ['Whether we have confirmed that our ORPort is reachable.', () => '1']],
  ['status/reachability-succeeded/dir', ['Whether we have confirmed that our DirPort is reachable.', () => '1']],
  ['status/clients-seen', ['Breakdown of client countries seen by a bridge.', (s) => s.clientsSeen()]],
  ['network-liveness', ['Current opinion on whether the network is live.', (s) => (s.networkUp ? 'up' : 'down')]],
  ['dormant', ['Is Tor dormant (not building circuits because it is idle)?', (s) => (s.dormant ? '1' : '0')]],
  ['net/listeners/or', ['List of listening ORPort addresses.', (s) => s.listeners('or')]],
  ['net/listeners/dir', ['List of listening DirPort addresses.', (s) => s.listeners('dir')]],
  ['net/listeners/control', ['List of listening control port addresses.', (s) => s.listeners('control')]],
  ['net/listeners/socks', ['List of listening SOCKS port addresses.', (s) => s.listeners('socks')]],
  ['exit-policy/full', ['The entire exit policy of onion router.', (s) => s.exitPolicyFull().join('\n')]],
  ['exit-policy/default', ['The default value appended to the configured exit policy.', () => DEFAULT_EXIT_POLICY.join(',')]],
  ['exit-policy/reject-private/default', ['The default rules appended to the configured exit policy by ExitPolicyRejectPrivate.', () => '0.0.0.0/8 169.254.0.0/16 127.0.0.0/8 192.168.0.0/16 10.0.0.0/8 172.16.0.0/12']],
  ['ns/all', ['Brief summary of router status (v2 directory format).', (s) => s.consensus.format()]],
  ['orconn-status', ['A list of current OR connections.', (s) => s.orConnStatus()]],
  ['circuit-status', ['List of current circuits originating here.', (s) => s.circuitStatus()]],
  ['stream-status', ['List of current streams.', (s) => s.streamStatus()]],
  ['entry-guards', ['Which nodes are we using as entry guards?', (s) => s.entryGuards()]],
  ['ip-to-country/ipv4-available', ['Do we have GeoIP data for IPv4 addresses?', () => '1']],
  ['ip-to-country/ipv6-available', ['Do we have GeoIP data for IPv6 addresses?', () => '1']],
  ['consensus/valid-after', ['Time when the current consensus became valid.', (s) => formatDirTime(s.consensus.validAfterMs)]],
  ['consensus/fresh-until', ['Time when the current consensus stops being fresh.', (s) => formatDirTime(s.consensus.validAfterMs + HOUR_MS)]],
  ['consensus/valid-until', ['Time when the current consensus stops being valid.', (s) => formatDirTime(s.consensus.validAfterMs + 3 * HOUR_MS)]],
  ['current-time/utc', ['Current UTC time.', (s) => formatIsoTime(s.nowMs)]],
  ['current-time/local', ['Current time on the local system.', (s) => formatIsoTime(s.nowMs)]],
  ['limits/max-mem-in-queues', ['Actual limit on memory in queues', (s) => s.config.first('MaxMemInQueues') ?? '0']],
  ['stats/ntor/requested', ['Number of requested ntor handshakes since last heartbeat.', (s) => String(Math.floor((s.nowMs - s.startedAtMs) / 1000) * 31)]],
  ['stats/ntor/assigned', ['Number of assigned ntor handshakes since last heartbeat.', (s) => String(Math.floor((s.nowMs - s.startedAtMs) / 1000) * 31)]],
]);

const PREFIXES: ReadonlyArray<readonly [prefix: string, description: string, answer: (s: InfoSource, rest: string) => InfoAnswer | undefined]> = [
  ['ns/id/', 'Brief summary of router status by ID (v2 directory format).', (s, rest) => {
    const hex = rest.replace(/^\$/, '');
    if (!/^[0-9A-Fa-f]{40}$/.test(hex)) return { error: '551 Data not decodeable as hex' };
    const relay = s.consensus.byFingerprint(hex);
    return relay === undefined ? undefined : v(formatStatusEntry(relay).slice(0, -1));
  }],
  ['ns/name/', 'Brief summary of router status by nickname (v2 directory format).', (s, rest) => {
    const relay = s.consensus.byNickname(rest);
    return relay === undefined ? undefined : v(formatStatusEntry(relay).slice(0, -1));
  }],
  ['desc/id/', 'Server descriptor by ID.', (s, rest) => {
    const fingerprint = rest.replace(/^\$/, '').toUpperCase();
    const live = s.ourRelay();
    const relay = fingerprint === live.fingerprint ? live : s.consensus.byFingerprint(fingerprint);
    return relay === undefined ? undefined : v(formatServerDescriptor(relay));
  }],
  ['md/id/', 'Microdescriptor by ID', (s, rest) => {
    const fingerprint = rest.replace(/^\$/, '').toUpperCase();
    const live = s.ourRelay();
    const relay = fingerprint === live.fingerprint ? live : s.consensus.byFingerprint(fingerprint);
    return relay === undefined ? undefined : v(formatMicrodescriptor(relay));
  }],
  ['desc/name/', 'Server descriptor by nickname.', (s, rest) => {
    const live = s.ourRelay();
    const relay = rest === live.nickname ? live : s.consensus.byNickname(rest);
    return relay === undefined ? undefined : v(formatServerDescriptor(relay));
  }],
  ['ip-to-country/', 'Perform a GEOIP lookup', (_s, rest) => {
    const cc = countryOfAddress(rest);
    return cc === undefined ? { error: '551 Invalid address family' } : v(cc);
  }],
];

/** The answer to one GETINFO key; undefined for keys tor would call unrecognized (552). */
export function answerGetInfo(source: InfoSource, key: string): InfoAnswer | undefined {
  const entry = TABLE.get(key);
  if (entry !== undefined) {
    const answer = entry[1](source);
    return typeof answer === 'string' ? v(answer) : answer;
  }
  for (const [prefix, , answer] of PREFIXES) if (key.startsWith(prefix) && key.length > prefix.length) return answer(source, key.slice(prefix.length));
  return undefined;
}

/** info/names: "key -- description" lines; prefix keys end in "/*". */
export function formatInfoNames(): string {
  const lines = [...TABLE].map(([key, [description]]) => `${key} -- ${description}`);
  for (const [prefix, description] of PREFIXES) lines.push(`${prefix}* -- ${description}`);
  return lines.sort().join('\n');
}
