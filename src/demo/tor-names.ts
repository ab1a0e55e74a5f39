// Names tor 0.4.9.11 answers with: its event and signal lists (GETINFO events/names, signal/names,
// captured in research/control-protocol.md §4.1) and how it reports signals in SIGNAL events.
// Constants only; nothing here decides behaviour.

export const TOR_0_4_9_EVENT_NAMES: readonly string[] = (
  'CIRC CIRC_MINOR STREAM ORCONN BW DEBUG INFO NOTICE WARN ERR NEWDESC ADDRMAP DESCCHANGED NS STATUS_GENERAL ' +
  'STATUS_CLIENT STATUS_SERVER GUARD STREAM_BW CLIENTS_SEEN NEWCONSENSUS BUILDTIMEOUT_SET SIGNAL CONF_CHANGED ' +
  'CONN_BW CELL_STATS CIRC_BW TRANSPORT_LAUNCHED HS_DESC HS_DESC_CONTENT NETWORK_LIVENESS'
).split(' ');

export const TOR_0_4_9_SIGNAL_NAMES: readonly string[] =
  'RELOAD HUP SHUTDOWN DUMP USR1 DEBUG USR2 HALT TERM INT NEWNYM CLEARDNSCACHE HEARTBEAT ACTIVE DORMANT'.split(' ');

/** Signals after which tor exits (no SIGNAL event is sent for them). */
export const STOPPING_SIGNALS: readonly string[] = ['SHUTDOWN', 'HALT', 'TERM', 'INT'];

/** The name a `650 SIGNAL` event carries: HUP is reported as RELOAD, USR1 as DUMP, USR2 as DEBUG. */
export function reportedSignalName(signal: string): string {
  switch (signal) {
    case 'HUP':
      return 'RELOAD';
    case 'USR1':
      return 'DUMP';
    case 'USR2':
      return 'DEBUG';
    default:
      return signal;
  }
}
