// Text pieces every connections line is built from: addresses (scrubbed or not) with their country
// or port use, ages with the "since first seen" marker, category labels and colours, tree glyphs.
// Pure; strings from tor are sanitised here before they are measured.
import {
  formatAge,
  isNonPublicAddress,
  portUsage,
  type Category,
  type CountryCache,
} from '../../src/relay/connections/index.js';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import type { Color } from '../../src/terminal/theme.js';

export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  inbound: 'INBOUND',
  outbound: 'OUTBOUND',
  exit: 'EXIT',
  directory: 'DIRECTORY',
  control: 'CONTROL',
  socks: 'SOCKS',
  onion: 'ONION',
  circuit: 'CIRCUIT',
  relay: 'RELAY',
};

/** Nyx's colours per category. */
export const CATEGORY_COLORS: Readonly<Record<Category, Color>> = {
  inbound: 'green',
  outbound: 'blue',
  exit: 'red',
  directory: 'magenta',
  control: 'red',
  socks: 'yellow',
  onion: 'magenta',
  circuit: 'cyan',
  relay: 'white',
};

export const SCRUBBED = '<scrubbed>';

/** "[2001:db8::1]:443" for IPv6, "1.2.3.4:443" otherwise; "1.2.3.4" without a port. */
export function formatEndpoint(address: string, port: number | undefined): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return port === undefined ? host : `${host}:${port}`;
}

export interface AddressOptions {
  /** This address is hidden (scrubbed client/exit, or every address with show_addresses off). */
  readonly hidden: boolean;
  /** Exit destinations show the port's use instead of a country. */
  readonly portUse: boolean;
  readonly countries: CountryCache;
}

/** "1.2.3.4:9001 (de)", "<scrubbed>:443 (HTTPS)", "<scrubbed>" (ephemeral client ports are not worth showing). */
export function formatRemote(address: string | undefined, port: number | undefined, o: AddressOptions): string {
  if (address === undefined) return '?';
  const use = o.portUse && port !== undefined ? portUsage(port) : undefined;
  if (o.hidden) {
    if (!o.portUse || port === undefined) return SCRUBBED;
    return `${SCRUBBED}:${port}${use === undefined ? '' : ` (${use})`}`;
  }
  const text = formatEndpoint(sanitizeLine(address), port);
  if (o.portUse) return use === undefined ? text : `${text} (${use})`;
  // tor's GeoIP has no private ranges: "(??)" there would only be noise.
  const cc = isNonPublicAddress(address) ? undefined : o.countries.get(address);
  return cc === undefined ? text : `${text} (${sanitizeLine(cc)})`;
}

/** "12.3m" from tor's own time, ">12.3m" when only "since ortop first saw it" is known. */
export function formatEntryAge(sinceMs: number, nowMs: number, exact: boolean): string {
  return `${exact ? '' : '>'}${formatAge(Math.max(0, nowMs - sinceMs))}`;
}

export interface TreeGlyphs {
  readonly branch: string;
  readonly last: string;
}

export const treeGlyphs = (unicode: boolean): TreeGlyphs => (unicode ? { branch: '├─ ', last: '└─ ' } : { branch: '|- ', last: '`- ' });

/** Text from tor for display: sanitised, or a placeholder when absent. */
export const fromTor = (text: string | undefined, absent = ''): string => (text === undefined ? absent : sanitizeLine(text));

/** A stream's target as the user asked for it: "example.com:443", "127.0.0.1:80 via exit1" for .exit names. */
export function formatStreamTarget(s: { target: string; exitHost: string | undefined; exitRelay: { fingerprint: string | undefined; nickname: string | undefined } | undefined; targetPort: number }, nicknameOf: (fp: string) => string | undefined): string {
  if (s.exitHost === undefined || s.exitRelay === undefined) return sanitizeLine(s.target);
  const relay = s.exitRelay.nickname ?? (s.exitRelay.fingerprint === undefined ? undefined : nicknameOf(s.exitRelay.fingerprint)) ?? s.exitRelay.fingerprint ?? '?';
  return `${formatEndpoint(sanitizeLine(s.exitHost), s.targetPort)} via ${sanitizeLine(relay)}`;
}
