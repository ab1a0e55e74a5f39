// Asynchronous events (650 replies, control-spec §4.1) → typed TorEvent values.
// Public surface of src/protocol/events: parseEvent never throws; unknown types, keywords and enum
// values are kept, broken syntax becomes kind 'malformed'.

export { eventTypeOf, parseEvent, type TorEvent, type TorEventKind } from './parse-event.js';
export { TOR_EVENT_KINDS, type TorEventMap, type TorEventType } from './event-map.js';
export type { MalformedEvent, UnknownEvent } from './generic.js';
export {
  NO_KEYWORDS,
  parseIsoTimeMs,
  parseRelayRef,
  type ExtraKeywords,
  type HostPort,
  type Open,
  type RelayRef,
} from './fields.js';
export type { AddrMapEvent } from './addrmap.js';
export type { BwEvent, CircBwEvent, ConnBwEvent, ConnType, StreamBwEvent } from './bandwidth.js';
export {
  parseCircArgs,
  parseCircMinorArgs,
  type CircBuildFlag,
  type CircCommon,
  type CircEvent,
  type CircHsState,
  type CircMinorEvent,
  type CircMinorEventName,
  type CircPurpose,
  type CircReason,
  type CircStatus,
} from './circuit.js';
export type { ConfChangedEvent } from './conf-changed.js';
export type { HsDescAction, HsDescAuthType, HsDescContentEvent, HsDescEvent, HsDescReason, HsDir } from './hidden-service.js';
export { isLogRunlevel, type LogEvent, type LogRunlevel } from './log.js';
export type { NewConsensusEvent, NsEvent } from './network-status.js';
export { parseOrConnArgs, type OrConnEvent, type OrConnReason, type OrConnStatus } from './orconn.js';
export type {
  DescChangedEvent,
  GuardEvent,
  GuardStatus,
  NetworkLivenessEvent,
  NewDescEvent,
  SignalEvent,
  SignalName,
  TransportLaunchedEvent,
} from './relay-events.js';
export type { BuildTimeoutSetEvent, BuildTimeoutSetType, CellsByType, CellStatsEvent, ClientsSeenEvent } from './statistics.js';
export {
  parseBootstrapStatus,
  type BootstrapRecommendation,
  type BootstrapStatus,
  type StatusEvent,
  type StatusEventOf,
  type StatusKind,
  type StatusSeverity,
} from './status.js';
export {
  parseStreamArgs,
  type ExitTarget,
  type StreamClientProtocol,
  type StreamEvent,
  type StreamPurpose,
  type StreamReason,
  type StreamSource,
  type StreamStatus,
} from './stream.js';
