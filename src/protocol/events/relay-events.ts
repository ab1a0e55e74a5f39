// Small single-line events about relays and tor itself: GUARD, NEWDESC, SIGNAL, NETWORK_LIVENESS,
// DESCCHANGED, TRANSPORT_LAUNCHED (control-spec §4.1.11, §4.1.6, §4.1.17, §4.1.27, §4.1.8, §4.1.20).
// Unknown statuses, signals and types are kept raw; broken LongNames and ports throw ProtocolError.

import { utf8FromByteString } from '../bytes.js';
import { ProtocolError } from '../errors.js';
import { ArgCursor, uintIn } from './cursor.js';
import { addKeyword, NO_KEYWORDS, parseRelayRef, type ExtraKeywords, type Open, type RelayRef } from './fields.js';

function extras(c: ArgCursor): ExtraKeywords {
  let extra: Map<string, string> | undefined;
  while (c.nextKeyword()) extra = addKeyword(extra, c.key, c.value());
  return extra ?? NO_KEYWORDS;
}

export type GuardStatus = Open<'NEW' | 'UP' | 'DOWN' | 'BAD' | 'GOOD' | 'DROPPED' | 'BAD_L2' | 'GOOD_L2'>;

/** "650 GUARD" SP Type SP Name SP Status — Type = "ENTRY"; Name = LongName. */
export interface GuardEvent {
  readonly kind: 'GUARD';
  readonly type: 'GUARD';
  readonly guardType: Open<'ENTRY'>;
  /** The relay as sent ("$FP~nick", "$FP=nick", "$FP"). */
  readonly name: string;
  readonly fingerprint: string | undefined;
  readonly nickname: string | undefined;
  readonly status: GuardStatus;
  readonly keywords: ExtraKeywords;
}

export function parseGuardEvent(line: string, from: number): GuardEvent {
  const c = new ArgCursor(line, from);
  const guardType = c.need('guard type');
  const rawName = c.need('guard name');
  const relay = parseRelayRef(rawName);
  const status = c.need('guard status');
  return {
    kind: 'GUARD',
    type: 'GUARD',
    guardType,
    name: utf8FromByteString(rawName),
    fingerprint: relay.fingerprint,
    nickname: relay.nickname,
    status,
    keywords: extras(c),
  };
}

/** "650 NEWDESC" 1*(SP LongName) — new server descriptors tor accepted. */
export interface NewDescEvent {
  readonly kind: 'NEWDESC';
  readonly type: 'NEWDESC';
  readonly relays: readonly RelayRef[];
}

export function parseNewDescEvent(line: string, from: number): NewDescEvent {
  const c = new ArgCursor(line, from);
  const relays: RelayRef[] = [];
  while (c.atPositional()) relays.push(parseRelayRef(c.need('relay name')));
  if (relays.length === 0) throw new ProtocolError('NEWDESC without a relay');
  return { kind: 'NEWDESC', type: 'NEWDESC', relays };
}

export type SignalName = Open<'RELOAD' | 'DUMP' | 'DEBUG' | 'NEWNYM' | 'CLEARDNSCACHE' | 'HEARTBEAT' | 'ACTIVE' | 'DORMANT'>;

/** "650 SIGNAL" SP Signal — a signal tor acted on (RELOAD also for SIGHUP). */
export interface SignalEvent {
  readonly kind: 'SIGNAL';
  readonly type: 'SIGNAL';
  readonly signal: SignalName;
  readonly keywords: ExtraKeywords;
}

export function parseSignalEvent(line: string, from: number): SignalEvent {
  const c = new ArgCursor(line, from);
  const signal = c.need('signal name');
  return { kind: 'SIGNAL', type: 'SIGNAL', signal, keywords: extras(c) };
}

/** "650 NETWORK_LIVENESS" SP ("UP" / "DOWN") */
export interface NetworkLivenessEvent {
  readonly kind: 'NETWORK_LIVENESS';
  readonly type: 'NETWORK_LIVENESS';
  readonly status: Open<'UP' | 'DOWN'>;
  readonly keywords: ExtraKeywords;
}

export function parseNetworkLivenessEvent(line: string, from: number): NetworkLivenessEvent {
  const c = new ArgCursor(line, from);
  const status = c.need('liveness status');
  return { kind: 'NETWORK_LIVENESS', type: 'NETWORK_LIVENESS', status, keywords: extras(c) };
}

/** "650 DESCCHANGED" — our own server descriptor changed. */
export interface DescChangedEvent {
  readonly kind: 'DESCCHANGED';
  readonly type: 'DESCCHANGED';
  readonly keywords: ExtraKeywords;
}

export function parseDescChangedEvent(line: string, from: number): DescChangedEvent {
  return { kind: 'DESCCHANGED', type: 'DESCCHANGED', keywords: extras(new ArgCursor(line, from)) };
}

/** "650 TRANSPORT_LAUNCHED" SP Type SP Name SP Address SP Port — Type = "server" / "client". */
export interface TransportLaunchedEvent {
  readonly kind: 'TRANSPORT_LAUNCHED';
  readonly type: 'TRANSPORT_LAUNCHED';
  readonly transportType: Open<'server' | 'client'>;
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly keywords: ExtraKeywords;
}

export function parseTransportLaunchedEvent(line: string, from: number): TransportLaunchedEvent {
  const c = new ArgCursor(line, from);
  const transportType = c.need('transport type');
  const name = utf8FromByteString(c.need('transport name'));
  const address = utf8FromByteString(c.need('transport address'));
  const rawPort = c.need('transport port');
  const port = uintIn(rawPort, 0, rawPort.length, 'transport port');
  if (port > 65535) throw new ProtocolError(`transport port out of range: ${rawPort}`);
  return { kind: 'TRANSPORT_LAUNCHED', type: 'TRANSPORT_LAUNCHED', transportType, name, address, port, keywords: extras(c) };
}
