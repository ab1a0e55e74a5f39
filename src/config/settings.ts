// ortop's settings: their names (nyxrc's, so a Nyx user's file keeps working), types and defaults.
// Pure data; parsing lives in parse-config.ts.

export const GRAPH_INTERVALS = ['each second', '5 seconds', '30 seconds', 'minutely', '15 minute', '30 minute', 'hourly', 'daily'] as const;
export type GraphInterval = (typeof GRAPH_INTERVALS)[number];
export const GRAPH_BOUNDS = ['global_max', 'local_max', 'tight'] as const;
export type GraphBound = (typeof GRAPH_BOUNDS)[number];
export const GRAPH_STATS = ['bandwidth', 'connections', 'resources', 'none'] as const;
export type GraphStat = (typeof GRAPH_STATS)[number];
export const PAGE_NAMES = ['graph', 'connections', 'config', 'torrc', 'interpreter'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

export interface Settings {
  readonly colorInterface: boolean;
  readonly showBits: boolean;
  readonly confirmQuit: boolean;
  /** Seconds between redraws when nothing else changed (clocks such as uptime). Nyx's default is 5. */
  readonly redrawRateSec: number;
  readonly graphHeight: number;
  readonly graphInterval: GraphInterval;
  readonly graphBound: GraphBound;
  readonly graphStat: GraphStat;
  readonly showAccounting: boolean;
  readonly maxLogSize: number;
  /** Lines one log entry may wrap onto before it is cut (Nyx's max_line_wrap). */
  readonly maxLineWrap: number;
  /** Lines of tor's log file read at most for the backlog (Nyx's prepopulate_read_limit). */
  readonly prepopulateReadLimit: number;
  readonly loggedEvents: readonly string[];
  readonly deduplicateLog: boolean;
  readonly prepopulateLog: boolean;
  readonly writeLogsTo: string | undefined;
  readonly loggingFilter: readonly string[];
  /** false hides every address (Nyx's show_addresses). */
  readonly showAddresses: boolean;
  /** Scrub client (inbound non-relay) and exit addresses, as Nyx does. */
  readonly scrubClientAddresses: boolean;
  readonly showPrivateOptions: boolean;
  readonly showVirtualOptions: boolean;
  readonly pages: Readonly<Record<PageName, boolean>>;
}

export const DEFAULT_SETTINGS: Settings = {
  colorInterface: true,
  showBits: false,
  confirmQuit: true,
  redrawRateSec: 1,
  graphHeight: 7,
  graphInterval: 'each second',
  graphBound: 'local_max',
  graphStat: 'bandwidth',
  showAccounting: true,
  maxLogSize: 1000,
  maxLineWrap: 8,
  prepopulateReadLimit: 5000,
  loggedEvents: ['NOTICE', 'WARN', 'ERR', 'ORTOP_NOTICE', 'ORTOP_WARN', 'ORTOP_ERR'],
  deduplicateLog: true,
  prepopulateLog: true,
  writeLogsTo: undefined,
  loggingFilter: [],
  showAddresses: true,
  scrubClientAddresses: true,
  showPrivateOptions: false,
  showVirtualOptions: false,
  pages: { graph: true, connections: true, config: true, torrc: true, interpreter: true },
};
