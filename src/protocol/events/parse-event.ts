// Dispatch of a framed 650 reply to its typed parser by the event type word (control-spec §4.1).
// parseEvent never throws: broken syntax becomes a 'malformed' event, unknown types an 'unknown' one.
// Sans-IO; no clock.

import { ProtocolError } from '../errors.js';
import type { Reply } from '../reply.js';
import { KeyTable } from './cursor.js';
import { type AddrMapEvent, parseAddrMapEvent } from './addrmap.js';
import {
  type BwEvent,
  type CircBwEvent,
  type ConnBwEvent,
  parseBwEvent,
  parseCircBwEvent,
  parseConnBwEvent,
  parseStreamBwEvent,
  type StreamBwEvent,
} from './bandwidth.js';
import { type CircEvent, type CircMinorEvent, parseCircArgs, parseCircMinorArgs } from './circuit.js';
import { type ConfChangedEvent, parseConfChangedEvent } from './conf-changed.js';
import { malformedEvent, type MalformedEvent, parseUnknownEvent, type UnknownEvent } from './generic.js';
import { type HsDescContentEvent, type HsDescEvent, parseHsDescContentEvent, parseHsDescEvent } from './hidden-service.js';
import { type LogEvent, type LogRunlevel, parseLogEvent } from './log.js';
import { type NewConsensusEvent, type NsEvent, parseNetworkStatusEvent } from './network-status.js';
import { type OrConnEvent, parseOrConnArgs } from './orconn.js';
import {
  type DescChangedEvent,
  type GuardEvent,
  type NetworkLivenessEvent,
  type NewDescEvent,
  parseDescChangedEvent,
  parseGuardEvent,
  parseNetworkLivenessEvent,
  parseNewDescEvent,
  parseSignalEvent,
  parseTransportLaunchedEvent,
  type SignalEvent,
  type TransportLaunchedEvent,
} from './relay-events.js';
import {
  type BuildTimeoutSetEvent,
  type CellStatsEvent,
  type ClientsSeenEvent,
  parseBuildTimeoutSetEvent,
  parseCellStatsEvent,
  parseClientsSeenEvent,
} from './statistics.js';
import { parseStatusEvent, type StatusEvent, type StatusKind } from './status.js';
import { parseStreamArgs, type StreamEvent } from './stream.js';

export type TorEvent =
  | BwEvent
  | CircEvent
  | CircMinorEvent
  | StreamEvent
  | StreamBwEvent
  | OrConnEvent
  | ConnBwEvent
  | CircBwEvent
  | CellStatsEvent
  | LogEvent
  | StatusEvent
  | NsEvent
  | NewConsensusEvent
  | NewDescEvent
  | ConfChangedEvent
  | GuardEvent
  | SignalEvent
  | NetworkLivenessEvent
  | BuildTimeoutSetEvent
  | HsDescEvent
  | HsDescContentEvent
  | AddrMapEvent
  | ClientsSeenEvent
  | TransportLaunchedEvent
  | DescChangedEvent
  | UnknownEvent
  | MalformedEvent;

export type TorEventKind = TorEvent['kind'];

/** The event type word of a 650 reply ("BW", "CIRC", "NS", …) without parsing the rest. */
export function eventTypeOf(reply: Reply): string {
  const text = reply.lines[0]?.text ?? '';
  const sp = text.indexOf(' ');
  return sp < 0 ? text : text.slice(0, sp);
}

/** Event types with a parser, as ids for an integer switch (see KeyTable). */
const T = {
  BW: 0,
  CIRC: 1,
  STREAM: 2,
  ORCONN: 3,
  CIRC_BW: 4,
  DEBUG: 5,
  INFO: 6,
  NOTICE: 7,
  WARN: 8,
  ERR: 9,
  CIRC_MINOR: 10,
  STREAM_BW: 11,
  CONN_BW: 12,
  CELL_STATS: 13,
  STATUS_CLIENT: 14,
  STATUS_GENERAL: 15,
  STATUS_SERVER: 16,
  STATUS_SEVER: 17,
  NS: 18,
  NEWCONSENSUS: 19,
  NEWDESC: 20,
  CONF_CHANGED: 21,
  GUARD: 22,
  SIGNAL: 23,
  NETWORK_LIVENESS: 24,
  BUILDTIMEOUT_SET: 25,
  HS_DESC: 26,
  HS_DESC_CONTENT: 27,
  ADDRMAP: 28,
  CLIENTS_SEEN: 29,
  TRANSPORT_LAUNCHED: 30,
  DESCCHANGED: 31,
} as const;
const TYPES = new KeyTable(T);

/** Parses one asynchronous event. Never throws. */
export function parseEvent(reply: Reply): TorEvent {
  const first = reply.lines[0];
  if (first === undefined) return malformedEvent(reply, '', 'event without lines');
  const text = first.text;
  const sp = text.indexOf(' ');
  const typeEnd = sp < 0 ? text.length : sp;
  const known = typeEnd > 0 ? TYPES.find(text, 0, typeEnd) : undefined;
  const type = known !== undefined ? known.key : text.slice(0, typeEnd);
  const from = typeEnd + 1;
  try {
    switch (known?.id) {
      case T.BW:
        return parseBwEvent(text, from);
      case T.CIRC:
        return parseCircArgs(text, from);
      case T.STREAM:
        return parseStreamArgs(text, from);
      case T.ORCONN:
        return parseOrConnArgs(text, from);
      case T.CIRC_BW:
        return parseCircBwEvent(text, from);
      case T.DEBUG:
      case T.INFO:
      case T.NOTICE:
      case T.WARN:
      case T.ERR:
        return parseLogEvent(reply, type as LogRunlevel);
      case T.CIRC_MINOR:
        return parseCircMinorArgs(text, from);
      case T.STREAM_BW:
        return parseStreamBwEvent(text, from);
      case T.CONN_BW:
        return parseConnBwEvent(text, from);
      case T.CELL_STATS:
        return parseCellStatsEvent(text, from);
      case T.STATUS_CLIENT:
      case T.STATUS_GENERAL:
      case T.STATUS_SERVER:
        return parseStatusEvent(text, from, type as StatusKind, type);
      case T.STATUS_SEVER:
        return parseStatusEvent(text, from, 'STATUS_SERVER', type);
      case T.NS:
        return parseNetworkStatusEvent(reply, 'NS');
      case T.NEWCONSENSUS:
        return parseNetworkStatusEvent(reply, 'NEWCONSENSUS');
      case T.NEWDESC:
        return parseNewDescEvent(text, from);
      case T.CONF_CHANGED:
        return parseConfChangedEvent(reply);
      case T.GUARD:
        return parseGuardEvent(text, from);
      case T.SIGNAL:
        return parseSignalEvent(text, from);
      case T.NETWORK_LIVENESS:
        return parseNetworkLivenessEvent(text, from);
      case T.BUILDTIMEOUT_SET:
        return parseBuildTimeoutSetEvent(text, from);
      case T.HS_DESC:
        return parseHsDescEvent(text, from);
      case T.HS_DESC_CONTENT:
        return parseHsDescContentEvent(reply, from);
      case T.ADDRMAP:
        return parseAddrMapEvent(text, from);
      case T.CLIENTS_SEEN:
        return parseClientsSeenEvent(text, from);
      case T.TRANSPORT_LAUNCHED:
        return parseTransportLaunchedEvent(text, from);
      case T.DESCCHANGED:
        return parseDescChangedEvent(text, from);
      default:
        return parseUnknownEvent(reply, type);
    }
  } catch (e) {
    if (e instanceof ProtocolError) return malformedEvent(reply, type, e.message);
    return malformedEvent(reply, type, `internal parser error: ${e instanceof Error ? e.message : String(e)}`);
  }
}
