// Parses ortop's config file: nyxrc syntax ("key value" per line, '#' comments, repeated keys for
// lists). Never throws: an unknown key or bad value becomes a warning naming the line, and the
// default stays. No file access here (see load-config.ts).
import { isKnownEventType, parseEventItem } from '../relay/log/event-list.js';
import { parseRelayLine } from './relay-line.js';
import { DEFAULT_SETTINGS, GRAPH_BOUNDS, GRAPH_INTERVALS, GRAPH_STATS, type ConfigRelay, type PageName, type Settings } from './settings.js';

export interface ConfigWarning {
  readonly line: number;
  readonly message: string;
}

export interface ParsedConfig {
  readonly settings: Settings;
  readonly warnings: readonly ConfigWarning[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function parseBool(v: string): boolean | undefined {
  const s = v.toLowerCase();
  if (s === 'true' || s === '1' || s === 'yes' || s === 'on') return true;
  if (s === 'false' || s === '0' || s === 'no' || s === 'off') return false;
  return undefined;
}

function parseIntIn(v: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

/** A list value: "NOTICE, WARN,ERR" → ['NOTICE', 'WARN', 'ERR'] (spaces after commas allowed, Nyx #31). */
export function parseList(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

const BOOL_KEYS: Record<string, keyof Settings> = {
  color_interface: 'colorInterface',
  show_bits: 'showBits',
  confirm_quit: 'confirmQuit',
  mouse: 'mouse',
  show_accounting: 'showAccounting',
  deduplicate_log: 'deduplicateLog',
  prepopulate_log: 'prepopulateLog',
  show_addresses: 'showAddresses',
  scrub_client_addresses: 'scrubClientAddresses',
  show_private_options: 'showPrivateOptions',
  show_virtual_options: 'showVirtualOptions',
};

const PAGE_KEYS: Record<string, PageName> = {
  show_graph: 'graph',
  show_log: 'graph',
  show_connections: 'connections',
  show_config: 'config',
  show_torrc: 'torrc',
  show_interpreter: 'interpreter',
  show_health: 'health',
};

/** More relays than one screen's rows is a fleet for the exporter; the cap keeps a runaway file bounded. */
export const MAX_CONFIG_RELAYS = 200;

/** Keys with a value other than true/false (each has its case in parseConfig's switch). */
const VALUE_KEYS = [
  'redraw_rate', 'graph_height', 'max_log_size', 'max_line_wrap', 'prepopulate_read_limit', 'graph_interval',
  'graph_bound', 'graph_stat', 'logged_events', 'write_logs_to', 'logging_filter', 'relay',
] as const;

/** Every key ortop reads from a config file (its own or Nyx's): README's "Config file" section lists them. */
export const HONOURED_KEYS: readonly string[] = [...Object.keys(BOOL_KEYS), ...Object.keys(PAGE_KEYS), ...VALUE_KEYS];

/** Keys Nyx reads that ortop deliberately ignores (accepted silently so a nyxrc loads cleanly). */
export const IGNORED_NYX_KEYS: ReadonlySet<string> = new Set([
  'data_directory', 'tor_chroot', 'unicode_support', 'acs_support', 'color_override', 'connection_rate',
  'resource_rate', 'port_usage_rate', 'resolve_processes', 'max_graph_width',
  'config_order', 'connection_order', 'startup_check_interval',
]);

/** Nyx's colour tables, dedup patterns and message strings: ortop has its own. */
export const IGNORED_NYX_PREFIXES: readonly string[] = ['attr.', 'dedup.', 'msg.'];

/**
 * logged_events: each item as -l reads it; an item that is not an event type or range is named in a
 * warning and left out. undefined for an empty list; [] when every item was bad (already warned).
 */
function parseLoggedEvents(value: string, warn: (message: string) => void): string[] | undefined {
  const items = parseList(value);
  if (items.length === 0) return undefined;
  const out: string[] = [];
  for (const item of items) {
    const parsed = parseEventItem(item);
    if (parsed.kind === 'bad') {
      warn(`logged_events: ${parsed.problem}; left out`);
      continue;
    }
    const unknown = parsed.events.filter((e) => !isKnownEventType(e));
    if (unknown.length > 0) {
      const what = unknown.length === 1 ? 'is not an event type' : 'are not event types';
      warn(`logged_events: ${unknown.map((e) => JSON.stringify(e)).join(' and ')} ${what} (tor's are CIRC, STREAM, ORCONN, BW, NOTICE…; runlevels DEBUG-ERR, ORTOP_DEBUG-ORTOP_ERR); left out`);
    }
    for (const e of parsed.events) if (isKnownEventType(e) && !out.includes(e)) out.push(e);
  }
  if (out.length === 0) warn('logged_events: no event type left; keeping the default');
  return out;
}

export function parseConfig(text: string): ParsedConfig {
  const s: Mutable<Settings> = { ...DEFAULT_SETTINGS, pages: { ...DEFAULT_SETTINGS.pages } };
  const pages = s.pages as Record<PageName, boolean>;
  const warnings: ConfigWarning[] = [];
  const loggingFilter: string[] = [];
  const relays: ConfigRelay[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.replace(/^\s+/, '');
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const m = /^(\S+)\s*([\s\S]*?)\s*$/.exec(trimmed)!;
    const key = m[1]!;
    const value = m[2]!;
    const warn = (message: string) => warnings.push({ line, message: `line ${line}: ${message}` });
    const bad = (expected: string) => warn(`${key} expects ${expected}, got ${JSON.stringify(value)}; keeping the default`);

    if (key in BOOL_KEYS) {
      const b = parseBool(value);
      if (b === undefined) bad('true or false');
      else (s as Record<string, unknown>)[BOOL_KEYS[key]!] = b;
      return;
    }
    if (key in PAGE_KEYS) {
      const b = parseBool(value);
      if (b === undefined) bad('true or false');
      else pages[PAGE_KEYS[key]!] = b;
      return;
    }
    switch (key) {
      case 'redraw_rate': {
        const n = parseIntIn(value, 1, 3600);
        if (n === undefined) bad('a number of seconds from 1 to 3600');
        else s.redrawRateSec = n;
        return;
      }
      case 'graph_height': {
        const n = parseIntIn(value, 1, 100);
        if (n === undefined) bad('a number of rows from 1 to 100');
        else s.graphHeight = n;
        return;
      }
      case 'max_log_size': {
        const n = parseIntIn(value, 100, 1_000_000);
        if (n === undefined) bad('a number of entries from 100 to 1000000');
        else s.maxLogSize = n;
        return;
      }
      case 'max_line_wrap': {
        const n = parseIntIn(value, 1, 100);
        if (n === undefined) bad('a number of lines from 1 to 100');
        else s.maxLineWrap = n;
        return;
      }
      case 'prepopulate_read_limit': {
        const n = parseIntIn(value, 0, 1_000_000);
        if (n === undefined) bad('a number of lines from 0 to 1000000');
        else s.prepopulateReadLimit = n;
        return;
      }
      case 'graph_interval': {
        const v = value.toLowerCase();
        const found = GRAPH_INTERVALS.find((i) => i === v);
        if (found === undefined) bad(`one of: ${GRAPH_INTERVALS.join(', ')}`);
        else s.graphInterval = found;
        return;
      }
      case 'graph_bound': {
        const found = GRAPH_BOUNDS.find((b) => b === value.toLowerCase());
        if (found === undefined) bad(`one of: ${GRAPH_BOUNDS.join(', ')}`);
        else s.graphBound = found;
        return;
      }
      case 'graph_stat': {
        const found = GRAPH_STATS.find((b) => b === value.toLowerCase());
        if (found === undefined) bad(`one of: ${GRAPH_STATS.join(', ')}`);
        else s.graphStat = found;
        return;
      }
      case 'logged_events': {
        const list = parseLoggedEvents(value, warn);
        if (list === undefined) bad('a comma-separated list of event types, e.g. NOTICE-ERR, ORTOP_NOTICE-ORTOP_ERR, CIRC');
        else if (list.length > 0) s.loggedEvents = list;
        return;
      }
      case 'write_logs_to':
        if (value === '') bad('a file path');
        else s.writeLogsTo = value;
        return;
      case 'logging_filter':
        if (value === '') bad('a regular expression');
        else loggingFilter.push(value);
        return;
      case 'relay': {
        const parsed = parseRelayLine(value, line);
        if (typeof parsed === 'string') warn(`relay: ${parsed}; this relay is left out`);
        else if (relays.some((r) => r.name === parsed.name)) warn(`relay: the name ${JSON.stringify(parsed.name)} is already used on line ${relays.find((r) => r.name === parsed.name)!.line}; this relay is left out`);
        else if (relays.length >= MAX_CONFIG_RELAYS) warn(`relay: at most ${MAX_CONFIG_RELAYS} relays; this one is left out`);
        else relays.push(parsed);
        return;
      }
      case 'password':
        warn('password is not read from the config file; use the prompt or ORTOP_PASSWORD');
        return;
      default:
        if (IGNORED_NYX_KEYS.has(key) || IGNORED_NYX_PREFIXES.some((p) => key.startsWith(p))) return;
        warn(`unknown setting ${JSON.stringify(key)} (ignored)`);
    }
  });
  if (loggingFilter.length > 0) s.loggingFilter = loggingFilter.slice(-5);
  if (relays.length > 0) s.relays = relays;
  return { settings: s, warnings };
}
