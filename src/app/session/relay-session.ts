// One relay: its controller (real tor, demo or replay), every collector started once, and the
// read-only model the pages, the fleet overview and the exporters read. Collecting never depends on
// what is on screen; the app tells the session what is watched only to pace the socket table.
// Owns no screen, no keys and no process-level resources (those are the app's).
import { formatClock } from '../../../panels/header/index.js';
import type { Settings } from '../../config/index.js';
import type { Clock, Controller } from '../../controller/index.js';
import type { HeaderFacts } from '../../relay/index.js';
import { countOrConnections } from '../../relay/connections/index.js';
import { NOT_LOCAL_PROC_FS, realProcFs, type ProcFs } from '../../system/index.js';
import { runSs, socketFsOf, type SocketFs, type SsRunner } from '../../system/sockets/index.js';
import type { LoadManualOptions } from '../../system/manual/index.js';
import { ConfigCollector } from './config-collector.js';
import { ConnectionsCollector } from './connections-collector.js';
import { RelayDetailsCache } from './connections-details.js';
import { ConsensusCollector } from './consensus-collector.js';
import { GraphCollector } from './graph-collector.js';
import { HeaderCollector } from './header-collector.js';
import { defaultHistoryPath, InterpreterHistoryStore } from './interpreter-history-store.js';
import { InterpreterRunner } from './interpreter-runner.js';
import { LogCollector } from './log-collector.js';
import { learnTorOwner, notLocalReadTail, torFileTail, type ReadTail } from './log-file-tail.js';
import { openLogSink, type LogSink } from './log-writer.js';
import { normalizeSelection } from './log-selection.js';
import { OwnLog, type OwnLevel } from './own-log.js';
import { TorrcCollector } from './torrc-collector.js';
import type { SharedManuals } from './shared-manuals.js';
import { ssFor, TorLocalityGate } from './tor-locality-gate.js';
import { TorMetricsCollector } from './tor-metrics-collector.js';
import { HealthFactsCollector } from './health-facts-collector.js';
import type { MetricsFetcher } from './tor-metrics-http.js';
import { RelayStatusCollector } from './relay-status-collector.js';
import type { TorrcFs } from './torrc-loader.js';

/** The parts of the model, so a view redraws only for the parts it shows. */
export type ModelPart = 'header' | 'graph' | 'log' | 'connections' | 'config' | 'torrc' | 'interpreter' | 'metrics' | 'health';
/** Parts collected only once their page has been shown (RelaySession.watch). */
export type OnDemandPart = 'config' | 'torrc' | 'interpreter';

export interface HostInfo {
  readonly hostname: string;
  readonly osName: string;
  readonly osRelease: string;
}

/** What a session reads besides its controller; tests and benchmarks replace any of it. */
export interface SessionDeps {
  /** Reads tor's log and state file (default: tor's own files when tor is on this machine). */
  readonly readTail?: ReadTail;
  /** write_logs_to. */
  readonly openSink?: (path: string, session: RelaySession) => LogSink;
  readonly socketFs?: SocketFs;
  readonly runSs?: SsRunner;
  /** Manual lookup and cache for the config page. */
  readonly manual?: Omit<LoadManualOptions, 'torVersion'>;
  /** Files from memory instead of the guarded torrc reader (tests). */
  readonly torrcFs?: TorrcFs;
  /** Read tor's torrc even when tor seems to be elsewhere (tests). */
  readonly assumeLocal?: boolean;
  /** Interpreter history, shared by every session (one file). */
  readonly history?: InterpreterHistoryStore;
  /** tor's manual, parsed once per tor version for every session. */
  readonly manuals?: SharedManuals;
  /** GET of tor's MetricsPort (tests: a fake server's answers). */
  readonly fetchMetrics?: MetricsFetcher;
  /** tor's MetricsPort ("127.0.0.1:9035") instead of asking tor where it is. */
  readonly metricsSource?: string;
}

export interface RelaySessionOptions {
  /** Display name: the config file's relay name, the instance name, or the address. */
  readonly name: string;
  readonly controller: Controller;
  /** How the connection is described ("127.0.0.1:9051", "/run/tor/control", "demo relay"). */
  readonly target: string;
  readonly clock: Clock;
  readonly settings: Settings;
  /** /proc for a tor on this machine; NOT_LOCAL_PROC_FS otherwise. */
  readonly procFs: ProcFs;
  readonly host?: HostInfo;
  readonly deps?: SessionDeps;
  /** Every own message, also to the debug log. */
  readonly onNotice?: (message: string) => void;
  /** With several relays sharing write_logs_to, each line names its relay (the session's name). */
  readonly nameLogLines?: boolean;
}

export class RelaySession {
  readonly name: string;
  readonly controller: Controller;
  readonly target: string;
  readonly clock: Clock;
  readonly settings: Settings;
  readonly procFs: ProcFs;
  /** ortop's own messages about this relay (shown in its log panel). */
  readonly ownLog = new OwnLog();
  readonly header: HeaderCollector;
  readonly graph: GraphCollector;
  readonly logs: LogCollector;
  readonly consensus: ConsensusCollector;
  readonly connections: ConnectionsCollector;
  readonly details: RelayDetailsCache;
  readonly config: ConfigCollector;
  readonly torrc: TorrcCollector;
  readonly interpreter: InterpreterRunner;
  /** Reachability, dormancy, descriptor overload: read only while metrics are served (its start()). */
  readonly status: RelayStatusCollector;
  /** tor's own MetricsPort, scraped every 5 s (Health page, exporter). */
  readonly torMetrics: TorMetricsCollector;
  /** What the Health checks read from the control port (reachability, descriptor, family, clock skew). */
  readonly healthFacts: HealthFactsCollector;
  private readonly listeners = new Set<(part: ModelPart) => void>();
  private unsubscribeState: (() => void) | undefined;
  private started = false;
  private shown = true;
  private metricsServed = false;
  private healthWatched = false;
  private readonly wanted = new Set<OnDemandPart>();
  private collecting = false;

  constructor(private readonly options: RelaySessionOptions) {
    const { controller, clock, settings, procFs } = options;
    const deps = options.deps ?? {};
    this.name = options.name;
    this.controller = controller;
    this.target = options.target;
    this.clock = clock;
    this.settings = settings;
    this.procFs = procFs;
    const log = (level: OwnLevel, message: string) => this.log(level, message);
    const changed = (part: ModelPart) => () => this.emit(part);
    // A tor elsewhere (demo, replay, remote port): its log and state file paths are not ours to open.
    const readTail = procFs === NOT_LOCAL_PROC_FS ? notLocalReadTail : (deps.readTail ?? torFileTail(() => learnTorOwner(controller, procFs)));

    this.header = new HeaderCollector({
      controller,
      clock,
      procFs,
      target: options.target,
      onChange: changed('header'),
      onNotice: (message) => this.log('NOTICE', message),
      ...(options.host === undefined ? {} : { host: options.host }),
    });
    this.consensus = new ConsensusCollector({ controller, onChange: changed('connections'), onNotice: (m) => this.log('INFO', m) });
    this.connections = new ConnectionsCollector({
      controller,
      clock,
      directory: this.consensus.directory,
      socketFs: deps.socketFs ?? socketFsOf(procFs, realProcFs),
      // `ss` lists this machine's sockets: only while tor is judged to be here (tor-locality-gate.ts).
      runSs: deps.runSs ?? ssFor(procFs, runSs),
      ourFlags: () => this.header.facts.flags,
      onChange: changed('connections'),
      onNotice: (m) => this.log('INFO', m),
    });
    this.details = new RelayDetailsCache(controller, changed('connections'));
    this.graph = new GraphCollector({
      controller,
      clock,
      readTail,
      headerFacts: () => this.header.facts,
      connectionCounts: () => this.connectionCounts(),
      onChange: changed('graph'),
      log,
    });
    const openSink =
      deps.openSink ?? ((path: string) => openLogSink(path, { clock, onError: (message) => this.log('WARN', message), ...(options.nameLogLines === true ? { relay: options.name } : {}) }));
    this.logs = new LogCollector({
      controller,
      clock,
      ownLog: this.ownLog,
      cap: settings.maxLogSize,
      selection: normalizeSelection(settings.loggedEvents),
      prepopulate: settings.prepopulateLog,
      readLimitLines: settings.prepopulateReadLimit,
      readTail,
      sink: settings.writeLogsTo === undefined ? undefined : openSink(settings.writeLogsTo, this),
      onChange: changed('log'),
      log,
    });
    this.config = new ConfigCollector({
      controller,
      showPrivate: settings.showPrivateOptions,
      manual: deps.manual ?? manualOptionsFromEnv(),
      ...(deps.manuals === undefined ? {} : { manuals: deps.manuals }),
      onChange: changed('config'),
      onNotice: (message) => this.log('NOTICE', message),
    });
    this.torrc = new TorrcCollector({
      controller,
      procFs,
      ...(deps.torrcFs === undefined ? {} : { fs: deps.torrcFs }),
      ...(deps.assumeLocal === undefined ? {} : { assumeLocal: deps.assumeLocal }),
      onChange: changed('torrc'),
    });
    this.torMetrics = new TorMetricsCollector({
      controller,
      clock,
      torIsLocal: () => (procFs instanceof TorLocalityGate ? procFs.isLocal : procFs !== NOT_LOCAL_PROC_FS) || deps.assumeLocal === true,
      ...(deps.metricsSource === undefined ? {} : { source: deps.metricsSource }),
      ...(deps.fetchMetrics === undefined ? {} : { fetch: deps.fetchMetrics }),
      onChange: changed('metrics'),
      onNotice: (message) => this.log('INFO', message),
    });
    this.paceMetrics();
    this.healthFacts = new HealthFactsCollector({ controller, clock, onChange: changed('health') });
    const history = deps.history ?? new InterpreterHistoryStore(defaultHistoryPath());
    this.status = new RelayStatusCollector({ controller, clock });
    this.interpreter = new InterpreterRunner({
      controller,
      clock,
      store: history,
      onChange: () => {
        if (history.lastError !== undefined) {
          this.log('WARN', history.lastError);
          history.lastError = undefined;
        }
        this.emit('interpreter');
      },
    });
  }

  /** The header's facts as last collected. */
  get facts(): HeaderFacts {
    return this.header.facts;
  }

  /** Inbound/outbound OR connections as tor reports them; undefined until first read. */
  connectionCounts(): { readonly inbound: number; readonly outbound: number } | undefined {
    return this.connections.loaded ? countOrConnections(this.connections.store) : undefined;
  }

  /** Called with the part of the model that changed; returns the unsubscribe function. */
  onChange(listener: (part: ModelPart) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** One of ortop's own messages about this relay: its log panel, and the debug log. */
  log(level: OwnLevel, message: string): void {
    this.ownLog.add({ atMs: this.clock.nowMs(), level, message });
    this.options.onNotice?.(`${this.name}: ${level}: ${message}`);
  }

  /** The header first: it is what the first frame shows. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.unsubscribeState = this.controller.onState((s) => {
      if (s.kind === 'connected') this.log('NOTICE', `attached to tor ${s.torVersion ?? ''} at ${s.address} (${s.authMethod})`);
      else if (s.kind === 'closed') this.log('WARN', `tor control connection closed: ${s.reason.message}${s.retryInMs === undefined ? '' : `; retrying in ${Math.ceil(s.retryInMs / 1000)} s`}`);
      else if (s.kind === 'connect-failed') this.log('NOTICE', `reconnect failed: ${s.error.message}${s.retryInMs === undefined ? '; not retrying (press r to reconnect)' : ''}`);
      else if (s.kind === 'unresponsive') this.log('WARN', `tor is not answering: ${s.command} unanswered for ${Math.round((s.atMs - s.askedAtMs) / 1000)} s, nothing heard since ${formatClock(s.lastHeardAtMs)}; reconnecting at ${formatClock(s.dropAtMs)} unless it answers`);
      else if (s.kind === 'responsive') this.log('NOTICE', 'tor is answering again');
      else this.log('NOTICE', 'tor reloaded its configuration (SIGHUP)');
    });
    this.header.start();
  }

  /** Everything else: history, backlogs, consensus — after the first frame is out. */
  startCollecting(): void {
    if (this.collecting) return;
    this.collecting = true;
    this.logs.start();
    this.graph.start();
    this.consensus.start();
    this.connections.start();
    this.interpreter.start();
    this.torMetrics.start();
    this.healthFacts.start();
    for (const part of this.wanted) this.startOnDemand(part);
  }

  /**
   * A page that only its own view needs (config: tor's option list and manual; torrc; the
   * interpreter's history and vocabulary) starts collecting when it is first shown, not at start-up: most sessions
   * never open them, and the manual alone is a few MB of an idle ortop's heap (issue 15).
   */
  watch(part: OnDemandPart): void {
    if (this.wanted.has(part)) return;
    this.wanted.add(part);
    if (this.collecting) this.startOnDemand(part);
  }

  private startOnDemand(part: OnDemandPart): void {
    if (part === 'config') this.config.start();
    else if (part === 'torrc') this.torrc.start();
    // The interpreter keeps tor's events from start-up (for /events); the rest waits for its page.
    else this.interpreter.open();
  }

  /** Whether this relay is the one on screen (of several): hidden ones sample tor's process less often. */
  setShown(shown: boolean): void {
    this.shown = shown;
    this.header.setShown(shown);
    this.paceMetrics();
  }

  /** Whether the Health page of this relay is on screen: tor's MetricsPort is read every 5 s then. */
  setHealthWatched(watched: boolean): void {
    if (watched === this.healthWatched) return;
    this.healthWatched = watched;
    this.paceMetrics();
  }

  /** The exporter serves this relay's metrics: tor's MetricsPort is read at the usual pace, shown or not. */
  setMetricsServed(served: boolean): void {
    this.metricsServed = served;
    this.paceMetrics();
  }

  /**
   * tor's MetricsPort feeds the Health page, the Relays page's Health column and the exporter. Read
   * every 5 s while this relay's Health page is on screen or its metrics are served, else once a
   * minute: parsing an exit's few hundred samples every 5 s was a visible share of an idle ortop's
   * CPU (issue 15), for figures no other page shows.
   */
  private paceMetrics(): void {
    this.torMetrics.setRelaxed(!(this.shown && this.healthWatched) && !this.metricsServed);
  }

  /** Whether the connections list is on screen (the socket table is read more often then). */
  setConnectionsWatched(watched: boolean): void {
    this.connections.setVisible(watched);
  }

  stop(): void {
    this.unsubscribeState?.();
    this.header.stop();
    if (this.collecting) {
      this.logs.stop();
      this.graph.stop();
      this.consensus.stop();
      this.connections.stop();
      this.config.stop();
      this.torrc.stop();
      this.interpreter.stop();
      this.torMetrics.stop();
      this.healthFacts.stop();
    }
    this.status.stop();
    this.listeners.clear();
  }

  private emit(part: ModelPart): void {
    for (const l of this.listeners) l(part);
  }
}

/** The manual to read: $ORTOP_TOR_MANUAL if set, else the installed tor(1), cached under $XDG_CACHE_HOME/ortop. */
export function manualOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Omit<LoadManualOptions, 'torVersion'> {
  const path = env.ORTOP_TOR_MANUAL;
  return path !== undefined && path !== '' ? { env, manualPath: path } : { env };
}

