// The library entry point: the Tor control client ortop is built on. A curated list, not the
// internals: what README's "The library" section documents, and the types those signatures need.
// test/lib/lib-exports.test.ts pins the runtime list; adding a name here is a deliberate API change.

import type { AuthError } from './controller/auth-errors.js';
import type { ConnectionClosedError, ProtocolDesyncError, RequestTimeoutError, SaveConfFailedError, SaveConfNeedsForceError, UnresponsiveError } from './controller/errors.js';
import type { ProtocolError, ReplyError } from './protocol/errors.js';
import type { NoControlPortError } from './transport/connect-first.js';
import type { TransportError } from './transport/errors.js';

// ---- connecting and the Controller ----
export { connect, transportFactoryFor, type ConnectOptions } from './controller/connect.js';
export { Controller } from './controller/controller.js';
export type { EventListener, TypedEventListener, UnparsedEventListener } from './controller/event-router.js';
export type { ControllerOptions, ControllerState, ControllerWarning, ReconnectPolicy, SaveConfOptions, StateChange } from './controller/types.js';
export type { ConfEntries } from './controller/commands.js';
export type { PasswordProvider, PasswordRequest } from './controller/auth.js';
export { readCookieFile, type CookieReader } from './controller/cookie.js';
export { ManualClock, realClock, type Clock, type Timer } from './controller/clock.js';

// ---- transports ----
export { openTransport, type OpenTransportOptions } from './transport/net-transport.js';
export { connectFirst, type ConnectAttempt, type ConnectFirstResult } from './transport/connect-first.js';
export { describeTarget, discoverTargets, type ControlTarget } from './transport/target.js';
export type { Transport, TransportFactory } from './transport/transport.js';

// ---- the sans-IO protocol core ----
export { Framer, type FramerOptions, type FramerOutput } from './protocol/framer.js';
export type { Reply, ReplyLine } from './protocol/reply.js';
export { decodeQuoted, unquote } from './protocol/cstring.js';
export { formatCommand, quoteString, type ConfValue } from './protocol/commands.js';
export { parseGetConf, parseGetInfo, parseProtocolInfo, type AuthMethod, type ConfEntry, type ProtocolInfo } from './protocol/replies.js';
export {
  eventTypeOf,
  parseEvent,
  type AddrMapEvent,
  type BuildTimeoutSetEvent,
  type BwEvent,
  type CellStatsEvent,
  type CircBwEvent,
  type CircEvent,
  type CircMinorEvent,
  type ClientsSeenEvent,
  type ConfChangedEvent,
  type ConnBwEvent,
  type DescChangedEvent,
  type GuardEvent,
  type HsDescContentEvent,
  type HsDescEvent,
  type LogEvent,
  type LogRunlevel,
  type MalformedEvent,
  type NetworkLivenessEvent,
  type NewConsensusEvent,
  type NewDescEvent,
  type NsEvent,
  type OrConnEvent,
  type SignalEvent,
  type StatusEvent,
  type StatusEventOf,
  type StatusKind,
  type StreamBwEvent,
  type StreamEvent,
  type TorEvent,
  type TorEventKind,
  type TorEventMap,
  type TorEventType,
  type TransportLaunchedEvent,
  type UnknownEvent,
} from './protocol/events/index.js';
export {
  parseMicrodescriptor,
  parseMicrodescriptors,
  parseRouterStatusEntries,
  parseServerDescriptor,
  parseServerDescriptors,
  type Microdescriptor,
  type RouterStatusEntry,
  type ServerDescriptor,
} from './protocol/documents/index.js';

// ---- errors: each has a `kind` saying what went wrong ----
export { ProtocolError, ReplyError } from './protocol/errors.js';
export {
  ConnectFailedError,
  NothingListeningError,
  SocketPermissionError,
  TransportError,
  UnreachableError,
  type TransportErrorKind,
} from './transport/errors.js';
export { NoControlPortError } from './transport/connect-first.js';
export {
  AuthError,
  AuthFailedError,
  CookieRejectedError,
  CookieSizeError,
  CookieUnreadableError,
  NotTorError,
  NoUsableAuthMethodError,
  PasswordRequiredError,
  ServerHashMismatchError,
  WrongPasswordError,
  type AuthErrorKind,
} from './controller/auth-errors.js';
export {
  ConnectionClosedError,
  ProtocolDesyncError,
  RequestTimeoutError,
  SaveConfFailedError,
  SaveConfNeedsForceError,
  UnresponsiveError,
} from './controller/errors.js';

/** Every error the library throws on purpose; switch on `kind`. */
export type TorControlError =
  | TransportError
  | NoControlPortError
  | AuthError
  | ConnectionClosedError
  | RequestTimeoutError
  | ProtocolDesyncError
  | UnresponsiveError
  | SaveConfNeedsForceError
  | SaveConfFailedError
  | ProtocolError
  | ReplyError;

/** The `kind` of a TorControlError: 'nothing-listening', 'wrong-password', 'command-refused', … */
export type TorControlErrorKind = TorControlError['kind'];
