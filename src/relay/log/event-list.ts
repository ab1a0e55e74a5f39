// The grammar of a log event selection, shared by -l/--log and the config file's logged_events:
// event types, runlevel ranges (NOTICE-ERR, ORTOP_DEBUG-ORTOP_INFO), the log title's condensed forms
// ("TOR/ORTOP NOTICE-ERR", "ORTOP WARN-ERR") and Nyx's aliases. Pure; says what is wrong in words.
import { canonicalEventType, ORTOP_RUNLEVELS, TOR_RUNLEVELS } from './log-types.js';

/**
 * Every event type tor's control-spec (§4.1) names, across versions: what tor 0.4.9 lists in
 * events/names plus the ones it documents but refuses or never sends (AUTHDIR_NEWDESCS, PT_*, TB_EMPTY).
 * Which of these a given tor knows is checked against its events/names once connected.
 */
export const TOR_EVENT_TYPES: readonly string[] = (
  'CIRC CIRC_MINOR STREAM ORCONN BW DEBUG INFO NOTICE WARN ERR NEWDESC ADDRMAP AUTHDIR_NEWDESCS DESCCHANGED NS ' +
  'STATUS_GENERAL STATUS_CLIENT STATUS_SERVER GUARD STREAM_BW CLIENTS_SEEN NEWCONSENSUS BUILDTIMEOUT_SET SIGNAL ' +
  'CONF_CHANGED CONN_BW CELL_STATS CIRC_BW TB_EMPTY TRANSPORT_LAUNCHED HS_DESC HS_DESC_CONTENT NETWORK_LIVENESS PT_LOG PT_STATUS'
).split(' ');

const KNOWN = new Set<string>([...TOR_EVENT_TYPES, ...ORTOP_RUNLEVELS]);

/** A canonical name tor's spec or ortop knows (CIRC, NOTICE, ORTOP_WARN…). */
export function isKnownEventType(name: string): boolean {
  return KNOWN.has(name);
}

export type EventItem = { readonly kind: 'events'; readonly events: readonly string[] } | { readonly kind: 'bad'; readonly problem: string };

/**
 * One comma-separated item → canonical names, in order:
 *   "NOTICE-ERR" → NOTICE WARN ERR; "ORTOP NOTICE-ERR" → ORTOP_NOTICE ORTOP_WARN ORTOP_ERR;
 *   "TOR/ORTOP WARN-ERR" → WARN ERR ORTOP_WARN ORTOP_ERR; "circ" → CIRC; "NYX_WARNING" → ORTOP_WARN.
 * Names are checked only for their spelling here (see isKnownEventType).
 */
export function parseEventItem(item: string): EventItem {
  const part = item.trim();
  const prefixed = /^(TOR\/ORTOP|ORTOP\/TOR|ORTOP|NYX|TOR)\s+(.+)$/i.exec(part);
  const scopes = prefixed === null ? [''] : /\//.test(prefixed[1]!) ? ['', 'ORTOP_'] : /^(ORTOP|NYX)$/i.test(prefixed[1]!) ? ['ORTOP_'] : [''];
  const body = prefixed === null ? part : prefixed[2]!;
  const range = /^([A-Z_]+)\s*-\s*([A-Z_]+)$/i.exec(body);
  const events: string[] = [];
  for (const scope of scopes) {
    if (range !== null) {
      const own = /^(ORTOP_|NYX_)/i.test(range[1]!) ? 'ORTOP_' : scope;
      const from = canonicalEventType(own + range[1]!.replace(/^(ORTOP_|NYX_)/i, ''));
      const to = canonicalEventType(own + range[2]!.replace(/^(ORTOP_|NYX_)/i, ''));
      const levels: readonly string[] = from.startsWith('ORTOP_') ? ORTOP_RUNLEVELS : TOR_RUNLEVELS;
      const a = levels.indexOf(from);
      const b = levels.indexOf(to);
      if (a < 0 || b < 0 || a > b) return { kind: 'bad', problem: `"${part}" is not a runlevel range (e.g. NOTICE-ERR or ORTOP_DEBUG-ORTOP_ERR)` };
      events.push(...levels.slice(a, b + 1));
    } else {
      if (!/^[A-Z_]+$/i.test(body)) return { kind: 'bad', problem: `"${part}" is not an event name` };
      events.push(canonicalEventType(scope + body));
    }
  }
  return { kind: 'events', events };
}
