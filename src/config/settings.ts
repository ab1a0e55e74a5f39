// ortop's settings: their names (nyxrc's, so a Nyx user's file keeps working), types and defaults.
// Pure data; parsing lives in parse-config.ts.

export const GRAPH_INTERVALS = ['each second', '5 seconds', '30 seconds', 'minutely', '15 minute', '30 minute', 'hourly', 'daily'] as const;
export type GraphInterval = (typeof GRAPH_INTERVALS)[number];
export const GRAPH_BOUNDS = ['global_max', 'local_max', 'tight'] as const;
export type GraphBound = (typeof GRAPH_BOUNDS)[number];
export const GRAPH_STATS = ['bandwidth', 'connections', 'resources', 'none'] as const;
export type GraphStat = (typeof GRAPH_STATS)[number];
export const PAGE_NAMES = ['graph', 'connections', 'config', 'torrc', 'interpreter', 'health'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

/**
 * A relay named in the config file: `relay NAME ADDRESS|SOCKET [password_file=PATH]`. The address is
 * kept as written (a port, ADDRESS:PORT, [::1]:PORT, an absolute socket path or ssh://…); the app
 * turns it into a control target and says on which line a bad one was.
 */
export interface ConfigRelay {
  readonly name: string;
  readonly address: string;
  /** A file holding this relay's control password; used only when its mode is 0600 or stricter. */
  readonly passwordFile?: string;
  /** Line of the config file, for messages. */
  readonly line: number;
}

export interface Settings {
  readonly colorInterface: boolean;
  readonly showBits: boolean;
  readonly confirmQuit: boolean;
  /** Clicks and the wheel (not Nyx's: ortop's own key). Off leaves the terminal's own selection alone. */
  readonly mouse: boolean;
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
  /** `relay` lines: the relays to attach when no -i, -s, --demo or --replay is given. */
  readonly relays: readonly ConfigRelay[];
}

export const DEFAULT_SETTINGS: Settings = {
  colorInterface: true,
  showBits: false,
  confirmQuit: true,
  mouse: true,
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
  pages: { graph: true, connections: true, config: true, torrc: true, interpreter: true, health: true },
  relays: [],
};
