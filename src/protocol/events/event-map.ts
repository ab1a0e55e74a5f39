// Which typed event each tor event type (the wire name given to SETEVENTS) parses into, so that a
// listener for 'BW' is handed a BwEvent. Types only, plus the kind each wire name yields (checked
// against parseEvent in test/protocol/event-map.test.ts).
import type { AddrMapEvent } from './addrmap.js';
import type { BwEvent, CircBwEvent, ConnBwEvent, StreamBwEvent } from './bandwidth.js';
import type { CircEvent, CircMinorEvent } from './circuit.js';
import type { ConfChangedEvent } from './conf-changed.js';
import type { HsDescContentEvent, HsDescEvent } from './hidden-service.js';
import type { LogEvent } from './log.js';
import type { NewConsensusEvent, NsEvent } from './network-status.js';
import type { OrConnEvent } from './orconn.js';
import type { DescChangedEvent, GuardEvent, NetworkLivenessEvent, NewDescEvent, SignalEvent, TransportLaunchedEvent } from './relay-events.js';
import type { BuildTimeoutSetEvent, CellStatsEvent, ClientsSeenEvent } from './statistics.js';
import type { StatusEventOf } from './status.js';
import type { StreamEvent } from './stream.js';

/** Event type (wire name, as given to Controller.on and SETEVENTS) → the event a listener gets. */
export interface TorEventMap {
  readonly ADDRMAP: AddrMapEvent;
  readonly BW: BwEvent;
  readonly BUILDTIMEOUT_SET: BuildTimeoutSetEvent;
  readonly CELL_STATS: CellStatsEvent;
  readonly CIRC: CircEvent;
  readonly CIRC_BW: CircBwEvent;
  readonly CIRC_MINOR: CircMinorEvent;
  readonly CLIENTS_SEEN: ClientsSeenEvent;
  readonly CONF_CHANGED: ConfChangedEvent;
  readonly CONN_BW: ConnBwEvent;
  readonly DEBUG: LogEvent;
  readonly DESCCHANGED: DescChangedEvent;
  readonly ERR: LogEvent;
  readonly GUARD: GuardEvent;
  readonly HS_DESC: HsDescEvent;
  readonly HS_DESC_CONTENT: HsDescContentEvent;
  readonly INFO: LogEvent;
  readonly NETWORK_LIVENESS: NetworkLivenessEvent;
  readonly NEWCONSENSUS: NewConsensusEvent;
  readonly NEWDESC: NewDescEvent;
  readonly NOTICE: LogEvent;
  readonly NS: NsEvent;
  readonly ORCONN: OrConnEvent;
  readonly SIGNAL: SignalEvent;
  readonly STATUS_CLIENT: StatusEventOf<'STATUS_CLIENT'>;
  readonly STATUS_GENERAL: StatusEventOf<'STATUS_GENERAL'>;
  readonly STATUS_SERVER: StatusEventOf<'STATUS_SERVER'>;
  readonly STREAM: StreamEvent;
  readonly STREAM_BW: StreamBwEvent;
  readonly TRANSPORT_LAUNCHED: TransportLaunchedEvent;
  readonly WARN: LogEvent;
}

/** An event type ortop parses into its own interface. */
export type TorEventType = keyof TorEventMap;

/** The `kind` each event type's events carry (log runlevels all become 'log'). */
export const TOR_EVENT_KINDS: { readonly [T in TorEventType]: TorEventMap[T]['kind'] } = {
  ADDRMAP: 'ADDRMAP',
  BW: 'BW',
  BUILDTIMEOUT_SET: 'BUILDTIMEOUT_SET',
  CELL_STATS: 'CELL_STATS',
  CIRC: 'CIRC',
  CIRC_BW: 'CIRC_BW',
  CIRC_MINOR: 'CIRC_MINOR',
  CLIENTS_SEEN: 'CLIENTS_SEEN',
  CONF_CHANGED: 'CONF_CHANGED',
  CONN_BW: 'CONN_BW',
  DEBUG: 'log',
  DESCCHANGED: 'DESCCHANGED',
  ERR: 'log',
  GUARD: 'GUARD',
  HS_DESC: 'HS_DESC',
  HS_DESC_CONTENT: 'HS_DESC_CONTENT',
  INFO: 'log',
  NETWORK_LIVENESS: 'NETWORK_LIVENESS',
  NEWCONSENSUS: 'NEWCONSENSUS',
  NEWDESC: 'NEWDESC',
  NOTICE: 'log',
  NS: 'NS',
  ORCONN: 'ORCONN',
  SIGNAL: 'SIGNAL',
  STATUS_CLIENT: 'STATUS_CLIENT',
  STATUS_GENERAL: 'STATUS_GENERAL',
  STATUS_SERVER: 'STATUS_SERVER',
  STREAM: 'STREAM',
  STREAM_BW: 'STREAM_BW',
  TRANSPORT_LAUNCHED: 'TRANSPORT_LAUNCHED',
  WARN: 'log',
};
