// Reads a CONF_CHANGED event (control-spec §4.1.18) into option → values, reusing the GETCONF
// line grammar:  650-CONF_CHANGED / 650-Key=Value / 650-Key / 650 OK.  No I/O.

import type { Reply } from '../protocol/reply.js';
import { groupConf, parseGetConf } from '../protocol/replies.js';

/** Throws ProtocolError if a line is malformed. An option with no values went back to its default. */
export function readConfChanged(reply: Reply): Map<string, string[]> {
  const body = reply.lines.slice(1, reply.lines.length - 1).map((line) => ({ ...line, code: 250, separator: '-' as const }));
  const last = body.length - 1;
  const lines = body.map((line, i) => (i === last ? { ...line, separator: ' ' as const } : line));
  if (lines.length === 0) return new Map();
  return groupConf(parseGetConf({ code: 250, lines }));
}
