// Small formatters and colour tables for the header: uptime, clock, sizes, percentages, and which
// colour a version status, auth method, flag or fd level gets. Pure; no layout, no blessed.
import type { AuthMethod } from '../../src/protocol/replies.js';
import type { Style } from '../../src/terminal/theme.js';

/** formatUptime(93_784_000) === '1-02:03:04'; under a day: '02:03:04'. */
export function formatUptime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${two(Math.floor(total / 3600) % 24)}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
  return days > 0 ? `${days}-${clock}` : clock;
}

/** Local wall-clock time of an epoch instant: '14:03:09'. */
export function formatClock(atMs: number): string {
  const d = new Date(atMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** Binary-prefixed size as Nyx shows memory: '512 B', '14 KB', '71 MB', '1.5 GB'. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB'];
  let value = Math.max(0, bytes);
  for (const unit of units) {
    if (value < 1024) return `${Math.floor(value)} ${unit}`;
    value /= 1024;
  }
  return `${value.toFixed(1)} GB`;
}

export const formatPercent = (value: number): string => `${(Number.isFinite(value) ? value : 0).toFixed(1)}%`;

/** The word shown in "Control Port (<auth>)". */
export function authLabel(method: AuthMethod): string {
  switch (method) {
    case 'NULL':
      return 'open';
    case 'HASHEDPASSWORD':
      return 'password';
    case 'COOKIE':
      return 'cookie';
    case 'SAFECOOKIE':
      return 'safecookie';
  }
}

export const authStyle = (label: string): Style => (label === 'open' ? { fg: 'red' } : { fg: 'green' });

/** Nyx's attr.version_status_colors. */
export function versionStatusStyle(status: string): Style {
  switch (status) {
    case 'recommended':
      return { fg: 'green' };
    case 'new':
    case 'new in series':
      return { fg: 'blue' };
    case 'old':
    case 'obsolete':
    case 'unrecommended':
      return { fg: 'red' };
    case 'unknown':
      return { fg: 'cyan' };
    default:
      return {};
  }
}

/**
 * Relay flags, all bold, each in its own colour so a missing or new flag is seen at a glance (as
 * Nyx does; our own palette): what a good relay earns in green, yellow, blue and cyan, directory
 * roles magenta and gray, authorities white, anything the authorities hold against a relay red.
 * Flags we do not know are bold in the default colour.
 */
const FLAG_COLORS: Readonly<Record<string, Style['fg']>> = {
  Running: 'green',
  Valid: 'green',
  Guard: 'cyan',
  Exit: 'blue',
  Fast: 'yellow',
  Stable: 'yellow',
  HSDir: 'magenta',
  V2Dir: 'gray',
  Authority: 'white',
  Named: 'white',
  Unnamed: 'gray',
  StaleDesc: 'red',
  NoEdConsensus: 'red',
  MiddleOnly: 'red',
  BadExit: 'red',
  BadDirectory: 'red',
};

export function flagStyle(flag: string): Style {
  const fg = Object.hasOwn(FLAG_COLORS, flag) ? FLAG_COLORS[flag] : undefined;
  return fg === undefined ? { bold: true } : { fg, bold: true };
}

/** File-descriptor share worth showing (>= 60 %) and its colour; undefined below that. */
export function fdUsageStyle(percent: number): Style | undefined {
  if (percent >= 95) return { fg: 'red', bold: true };
  if (percent >= 90) return { fg: 'red' };
  if (percent >= 60) return { fg: 'yellow' };
  return undefined;
}
