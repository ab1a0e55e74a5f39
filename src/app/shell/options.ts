// Parsers for ortop's command-line values: control address, log event selection, snapshot size.
// Pure; each returns a value or throws OptionError with a message fit to print.
import { isIP } from 'node:net';
import { parseEventItem } from '../../relay/log/index.js';

export class OptionError extends Error {
  override readonly name = 'OptionError';
}

export interface TcpAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * -i/--interface [ADDRESS:]PORT: "9051", ":9051", "127.0.0.1:9051", "[::1]:9051".
 * Without an address the host is 127.0.0.1.
 */
export function parseInterface(value: string): TcpAddress {
  const v = value.trim();
  let host = '127.0.0.1';
  let portText = v;
  const bracket = /^\[([^\]]+)\]:(\d+)$/.exec(v);
  if (bracket !== null) {
    host = bracket[1]!;
    portText = bracket[2]!;
    if (isIP(host) !== 6) throw new OptionError(`"${host}" is not an IPv6 address (expected [ADDRESS]:PORT, e.g. [::1]:9051)`);
  } else if (v.includes(':')) {
    const colon = v.lastIndexOf(':');
    const h = v.slice(0, colon);
    portText = v.slice(colon + 1);
    if (h.includes(':')) throw new OptionError(`put an IPv6 address in brackets: [${h}]:${portText}`);
    if (h !== '') {
      if (isIP(h) !== 4 && h !== 'localhost') throw new OptionError(`"${h}" is not an IPv4 address (expected [ADDRESS:]PORT, e.g. 127.0.0.1:9051)`);
      host = h === 'localhost' ? '127.0.0.1' : h;
    }
  }
  if (!/^\d+$/.test(portText)) throw new OptionError(`"${portText}" is not a port number (expected [ADDRESS:]PORT, e.g. 9051)`);
  const port = Number(portText);
  if (port < 1 || port > 65535) throw new OptionError(`port ${port} is out of range (1-65535)`);
  return { host, port };
}

/**
 * -l/--log EVENTS: comma-separated event types and runlevel ranges, as the log panel's title shows
 * them: "NOTICE-ERR, ORTOP_NOTICE-ORTOP_ERR, CIRC" → NOTICE WARN ERR ORTOP_NOTICE ORTOP_WARN ORTOP_ERR CIRC.
 * "ORTOP NOTICE-ERR" and "TOR/ORTOP NOTICE-ERR" (the title's condensed forms) are understood too
 * (the grammar is parseEventItem's, shared with logged_events). Names are checked against tor's
 * events/names later, when connected.
 */
export function parseLogEvents(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(',')) {
    if (part.trim() === '') continue;
    const item = parseEventItem(part);
    if (item.kind === 'bad') throw new OptionError(item.problem);
    for (const e of item.events) if (!out.includes(e)) out.push(e);
  }
  if (out.length === 0) throw new OptionError('no events given (e.g. -l NOTICE-ERR,CIRC)');
  return out;
}

/** --size COLSxROWS, e.g. "120x40". */
export function parseSize(value: string): { cols: number; rows: number } {
  const m = /^(\d+)x(\d+)$/i.exec(value.trim());
  if (m === null) throw new OptionError(`"${value}" is not a size (expected COLSxROWS, e.g. 120x40)`);
  const cols = Number(m[1]);
  const rows = Number(m[2]);
  if (cols < 1 || rows < 1 || cols > 1000 || rows > 1000) throw new OptionError(`size ${cols}x${rows} is out of range (1x1 to 1000x1000)`);
  return { cols, rows };
}
