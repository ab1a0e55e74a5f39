// CONF_CHANGED events (control-spec §4.1.18): the options a SETCONF/RESETCONF/LOADCONF changed.
// Entries keep tor's order and repeats (LineList options); a bare key means "reset to default".
// Values are decoded like GETCONF values (raw rest of line, or CString when quoted). No I/O.

import { utf8FromByteString } from '../bytes.js';
import { unquote } from '../cstring.js';
import { ProtocolError } from '../errors.js';
import type { ConfEntry } from '../replies.js';
import type { Reply } from '../reply.js';

/** "650-CONF_CHANGED" CRLF *("650-" Keyword ["=" Value] CRLF) "650 OK" CRLF */
export interface ConfChangedEvent {
  readonly kind: 'CONF_CHANGED';
  readonly type: 'CONF_CHANGED';
  /** value null = the bare "Key" form (option set back to its default). */
  readonly entries: readonly ConfEntry[];
}

export function parseConfChangedEvent(reply: Reply): ConfChangedEvent {
  const lines = reply.lines;
  const entries: ConfEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (i === lines.length - 1 && line.separator === ' ' && line.text === 'OK') break;
    const eq = line.text.indexOf('=');
    if (eq === 0 || line.text.length === 0) throw new ProtocolError(`CONF_CHANGED line without a key: ${JSON.stringify(line.text.slice(0, 60))}`);
    if (eq < 0) {
      entries.push({ key: line.text, value: null });
      continue;
    }
    const key = line.text.slice(0, eq);
    let raw = line.data !== undefined ? line.data : line.text.slice(eq + 1);
    if (line.data === undefined && raw.charCodeAt(0) === 0x22) raw = unquote(raw);
    entries.push({ key, value: utf8FromByteString(raw) });
  }
  return { kind: 'CONF_CHANGED', type: 'CONF_CHANGED', entries };
}
