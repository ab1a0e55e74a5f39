// NS and NEWCONSENSUS events (control-spec §4.1.12, §4.1.15): a data block of router status entries.
// The block is handed on untouched (latin1 byte string, lines joined with '\n'); the entry parser
// lives in src/protocol/documents/. NEWCONSENSUS can be megabytes: nothing here copies or splits it.

import { ProtocolError } from '../errors.js';
import type { Reply } from '../reply.js';

/** "650+NS" CRLF 1*NetworkStatus "." CRLF "650 OK" — changed entries (including tor's own marking). */
export interface NsEvent {
  readonly kind: 'NS';
  readonly type: 'NS';
  /** The router status entries as sent (byte string, '\n' line ends, dot-unstuffed). */
  readonly body: string;
}

/** "650+NEWCONSENSUS" CRLF 1*NetworkStatus "." CRLF "650 OK" — the whole new consensus. */
export interface NewConsensusEvent {
  readonly kind: 'NEWCONSENSUS';
  readonly type: 'NEWCONSENSUS';
  readonly body: string;
}

export function parseNetworkStatusEvent(reply: Reply, type: 'NS' | 'NEWCONSENSUS'): NsEvent | NewConsensusEvent {
  const body = reply.lines[0]?.data;
  if (body === undefined) throw new ProtocolError(`${type} event without a data block`);
  return type === 'NS' ? { kind: 'NS', type: 'NS', body } : { kind: 'NEWCONSENSUS', type: 'NEWCONSENSUS', body };
}
