// Which log messages the dedup key (`u`) may merge although their text differs: tor's known noisy
// lines, each with why merging it hides no fact the operator needs. Every other message merges
// only with exactly the same text. Our own table (after tor 0.4.9's format strings); pure data.
//   dedupKey('Heartbeat: Tor\'s uptime is 1:00 hours, …', 'NOTICE') === dedupKey('Heartbeat: Tor\'s uptime is 2:00 hours, …', 'NOTICE')
//   dedupKey('circuit 66 BUILT', 'CIRC') !== dedupKey('circuit 65 BUILT', 'CIRC')

export interface DedupPattern {
  /** The event or runlevel the message comes as ('NOTICE', 'BW', …). */
  readonly type: string;
  readonly match: RegExp;
  /**
   * What must still be equal for two matching messages to merge (e.g. the circuit id of a
   * CIRC_BW line); absent: every matching message of the type merges with every other.
   */
  readonly keep?: (message: string) => string;
  /** Why the newest of these lines stands for the older ones. */
  readonly why: string;
}

const numbersMasked = (m: string): string => m.replace(/\d+/g, '#');
/** The `ID=…` field, or the first word (STREAM_BW's stream id). */
const idField = (m: string): string => /(?:^|\s)ID=(\S+)/.exec(m)?.[1] ?? m.split(' ', 1)[0]!;

export const DEDUP_PATTERNS: readonly DedupPattern[] = [
  // Heartbeats (HeartbeatPeriod, 6 hours by default): each line is a running total; the newest says it all.
  { type: 'NOTICE', match: /^Heartbeat: Tor's uptime is /, why: 'uptime, circuits and traffic totals: the newest heartbeat supersedes the older ones' },
  { type: 'NOTICE', match: /^Heartbeat: Accounting enabled\. /, why: 'accounting totals so far in this interval' },
  { type: 'NOTICE', match: /^Heartbeat: DoS mitigation since startup: /, why: 'DoS mitigation totals since startup' },
  { type: 'NOTICE', match: /^Heartbeat: Since last heartbeat message, I have seen \d+ unique clients\.$/, why: 'client count per heartbeat period (bridges)' },
  { type: 'NOTICE', match: /^Heartbeat: In the last \d+ hours, I have seen \d+ unique clients\.$/, why: 'client count per heartbeat period (older tor)' },
  { type: 'NOTICE', match: /^Heartbeat: Our onion services? received \d+ v3 INTRODUCE2 cells /, why: 'onion service totals per heartbeat' },
  { type: 'NOTICE', match: /^Circuit handshake stats since last time: /, why: 'handshake counts per heartbeat period' },
  { type: 'NOTICE', match: /^Since startup we /, why: 'link protocol connection totals since startup (heartbeat)' },
  { type: 'NOTICE', match: /^Average packaged cell fullness: /, why: 'cell statistics printed with every heartbeat' },
  { type: 'NOTICE', match: /^While (?:not )?bootstrapping, fetched this many bytes: /, why: 'directory download totals; bootstrapping and not kept apart', keep: (m) => (m.startsWith('While not') ? 'not' : '') },
  // Circuit build timeout learning: each line replaces the previous estimate.
  { type: 'NOTICE', match: /build time we have ever observed\. Capping it to \d+ms\.$/, why: 'the build timeout estimate, revised as circuits are measured', keep: (m) => (m.startsWith('Circuit build measurement period') ? 'period' : 'timeout') },
  { type: 'INFO', match: /build time we have ever observed\. Capping it to \d+ms\.$/, why: 'the build timeout estimate (INFO since 0.2.2)', keep: (m) => (m.startsWith('Circuit build measurement period') ? 'period' : 'timeout') },
  { type: 'NOTICE', match: /^Based on \d+ circuit times, it looks like we (?:don't )?need to wait /, why: 'the new circuit timeout; shorter and longer are kept apart', keep: (m) => (m.includes("don't need") ? 'shorter' : 'longer') },
  { type: 'NOTICE', match: /^Your network connection speed appears to have changed\. Resetting timeout to /, why: 'the reset build timeout, newest is current' },
  { type: 'NOTICE', match: /^Tor has not observed any network activity for the past \d+ seconds\. /, why: 'same event, only the idle time differs' },
  // Progress lines superseded by the next one.
  { type: 'NOTICE', match: /^I learned some more directory information, but not enough to build a circuit: /, why: 'descriptor download progress' },
  { type: 'NOTICE', match: /^We stalled too much while trying to write \d+ bytes to address /, why: 'one kind of stall; address is scrubbed, sizes and fds vary' },
  { type: 'WARN', match: /^\d+ unknown, \d+ missing key, \d+ good, \d+ bad, \d+ no signature, \d+ required$/, why: 'consensus signature tally, superseded by the next one' },
  {
    type: 'WARN',
    match: /^Problem bootstrapping\. Stuck at \d+% /,
    why: 'the same problem repeated: only its count grows (a different percentage, reason or host stays apart)',
    keep: (m) => m.replace(/; count \d+;/, '; count #;'),
  },
  { type: 'WARN', match: /^\d+ connections have failed/, why: 'the failure tally after a bootstrap problem', keep: (m) => m.replace(/^\d+/, '#') },
  { type: 'WARN', match: /^ ?\d+ connections died in state /, why: 'per-state tally after a bootstrap problem; states stay apart', keep: (m) => m.replace(/^ ?\d+/, '#') },
  { type: 'NOTICE', match: /^Our clock is .+ behind the time published in the consensus network status document /, why: 'clock skew, only its amount differs' },
  // Per-second traffic events: the graphs and connection pages hold the numbers.
  { type: 'BW', match: /^READ: \d+, WRITTEN: \d+$/, why: "tor's bandwidth every second; the graph shows the values" },
  { type: 'CIRC_BW', match: /(?:^|\s)ID=\S+/, why: 'per-circuit bandwidth every second: the newest line per circuit stays', keep: idField },
  { type: 'STREAM_BW', match: /^\S+ \d+ \d+/, why: 'per-stream bandwidth every second: the newest line per stream stays', keep: idField },
  { type: 'CONN_BW', match: /(?:^|\s)ID=\S+/, why: 'per-connection bandwidth every second: the newest line per connection stays', keep: (m) => `${idField(m)} ${/TYPE=(\S+)/.exec(m)?.[1] ?? ''}` },
  // ortop's own retry messages while tor is away: one reason, a growing backoff.
  { type: 'ORTOP_WARN', match: /^tor control connection closed: .*; retrying in \d+ s$/, why: 'the same disconnection reason, only the backoff grows', keep: (m) => m.replace(/retrying in \d+ s$/, '') },
  // DEBUG/INFO lines that come by the hundred per second on a busy relay (function name first).
  { type: 'DEBUG', match: /^connection_handle_write(?:_impl)?\(\): After TLS write of \d+: /, why: 'every TLS write' },
  { type: 'DEBUG', match: /^flush_chunk_tls\(\): flushed \d+ bytes, /, why: 'every flush' },
  { type: 'DEBUG', match: /^conn_(?:read|write)_callback\(\): socket -?\d+ wants to (?:read|write)\.$/, why: 'socket readiness', keep: (m) => (m.startsWith('conn_read') ? 'read' : 'write') },
  { type: 'DEBUG', match: /^connection_remove\(\): removing socket -?\d+ /, why: 'socket bookkeeping' },
  { type: 'DEBUG', match: /^connection_or_process_cells_from_inbuf\(\): /, why: 'every inbound cell batch' },
  { type: 'DEBUG', match: /^connection_buf_read_from_socket\(\): |^connection_read_to_buf\(\): \d+: starting/, why: 'every socket read' },
  { type: 'DEBUG', match: /^channel_change_state_?\(\): Changing state of channel /, why: 'channel state churn (channel pointers differ, states kept)', keep: (m) => / from "[^"]*" to "[^"]*"/.exec(m)?.[0] ?? '' },
  { type: 'INFO', match: /^rep_hist_downrate_old_runs\(\): Discounting all old stability info by a factor of /, why: 'periodic stability bookkeeping' },
  { type: 'INFO', match: /^run_connection_housekeeping\(\): Expiring /, why: 'idle connections closed (addresses scrubbed or numbers only)', keep: numbersMasked },
];

const BY_TYPE = new Map<string, Array<{ readonly id: number; readonly pattern: DedupPattern }>>();
DEDUP_PATTERNS.forEach((pattern, id) => BY_TYPE.set(pattern.type, [...(BY_TYPE.get(pattern.type) ?? []), { id, pattern }]));

const SUPPRESSED = / ?\[\d+ similar message\(s\) suppressed in last \d+ seconds\]$/;

/**
 * What makes two messages of one type "the same" for de-duplication: a known noisy line's pattern
 * (plus what it keeps apart), or else the exact text. tor's rate-limit suffix ("[12 similar
 * message(s) suppressed …]") is dropped first: it counts copies, it is not part of the fact.
 */
export function dedupKey(message: string, type = ''): string {
  const base = message.endsWith(']') ? message.replace(SUPPRESSED, '') : message;
  const patterns = BY_TYPE.get(type);
  if (patterns !== undefined) {
    for (const { id, pattern } of patterns) {
      if (pattern.match.test(base)) return `\u0001${id}\u0001${pattern.keep === undefined ? '' : pattern.keep(base)}`;
    }
  }
  return base;
}
