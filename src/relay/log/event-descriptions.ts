// What each event type (tor's, after control-spec §4.1, and ortop's own runlevels) tells an
// operator, in a line: shown by the log's event picker (`e`) and by the interpreter's
// /help SETEVENTS. Our own words; pure data.

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  DEBUG: "tor's log at debug level: everything it does (very many lines a second on a busy relay)",
  INFO: "tor's log at info level: connections, circuits and directory fetches as they happen",
  NOTICE: "tor's log at notice level: what an operator should normally see (start-up, bootstrap, heartbeat)",
  WARN: "tor's log at warning level: something went wrong or is misconfigured",
  ERR: "tor's log at error level: tor cannot carry on as configured",
  CIRC: 'a circuit changed status: launched, built, extended, failed or closed, with its path and purpose',
  CIRC_MINOR: "a circuit's purpose changed or it was reused for another purpose (cannibalised)",
  STREAM: 'a stream (an application connection through tor) changed status: new, connected, failed, closed, detached',
  ORCONN: 'a connection to another relay changed status: launched, connected, failed or closed (with the reason)',
  BW: 'bytes read and written in the last second over all connections (the graph page draws these)',
  STREAM_BW: 'bytes read and written by one stream in the last second',
  CIRC_BW: 'bytes read and written on one of our circuits since the last such event, with delivered and overhead bytes',
  CONN_BW: 'bytes read and written on one connection (OR, directory or exit) in the last second; tor sends it only in testing networks',
  CELL_STATS: "cells queued and processed per circuit (tor sends it only with TestingEnableCellStatsEvent)",
  TB_EMPTY: "a token bucket (the relay's, or a connection's) ran empty, and for how long; testing networks only",
  NEWDESC: 'new relay descriptors arrived (their fingerprints)',
  NS: 'network status entries changed: relays in the consensus got new flags, addresses or bandwidth',
  NEWCONSENSUS: 'a new consensus arrived: every relay entry in it (a large event)',
  DESCCHANGED: "this relay's own descriptor changed (tor will publish it)",
  ADDRMAP: 'a new address mapping: a DNS answer or a MAPADDRESS, with when it expires',
  GUARD: 'an entry guard changed status: new, dropped, up, down, bad or good',
  BUILDTIMEOUT_SET: 'tor learned or reset how long it waits for a circuit to build',
  SIGNAL: 'tor received a signal (RELOAD, DUMP, DEBUG, NEWNYM, CLEARDNSCACHE, HEARTBEAT, …)',
  CONF_CHANGED: "tor's configuration changed (SETCONF, RESETCONF or a reload), with the new values",
  STATUS_GENERAL: 'general status: clock skew, too many connections, bug warnings, dangerous versions',
  STATUS_CLIENT: 'client status: bootstrap progress, circuits established or not, dangerous ports or SOCKS use',
  STATUS_SERVER: 'relay status: external address, reachability checks, descriptor uploads, name server problems',
  CLIENTS_SEEN: 'bridges: how many clients from which countries in the last period (about once a day)',
  TRANSPORT_LAUNCHED: 'a pluggable transport (e.g. obfs4) was launched and listens at an address',
  HS_DESC: 'onion service descriptor requests, uploads and their outcomes',
  HS_DESC_CONTENT: 'the onion service descriptors tor fetched, in full',
  NETWORK_LIVENESS: 'tor decided the network is up or down',
  ORTOP_DEBUG: "ortop's own messages at debug level: what it asks tor and reads from the system",
  ORTOP_INFO: "ortop's own messages at info level: collectors started, files read",
  ORTOP_NOTICE: "ortop's own messages at notice level: attached, reconnected, settings applied",
  ORTOP_WARN: "ortop's own warnings: something it could not read or do",
  ORTOP_ERR: "ortop's own errors: it cannot carry on as asked",
};

/** A one-line description of the event type, or undefined for a type we have no words for. */
export function describeEventType(type: string): string | undefined {
  const key = type.toUpperCase();
  return Object.hasOwn(DESCRIPTIONS, key) ? DESCRIPTIONS[key] : undefined;
}

/** Every type described (for tests and completion of the table). */
export const DESCRIBED_EVENT_TYPES: readonly string[] = Object.keys(DESCRIPTIONS);
