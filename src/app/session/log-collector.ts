// Feeds the log: the chosen tor event types (one controller listener each, so tor's SETEVENTS
// follows the selection), ortop's own ORTOP_* messages, and at the first connection the backlog
// from tor's log file. Checks the selection against events/names and says which names tor does
// not know. Appends every live entry to write_logs_to when set. Never throws into the controller.
import type { Clock, Controller, StateChange } from '../../controller/index.js';
import {
  describeEvent,
  findLogFile,
  isOrtopType,
  LogBuffer,
  ORTOP_RUNLEVELS,
  parseTorLogTail,
  splitSelection,
  TOR_RUNLEVELS,
  type LogEntry,
  type NewLogEntry,
} from '../../relay/log/index.js';
import { formatTime } from '../../../panels/log/index.js';
import { describeFileError, resolveTorPath, type ReadTail } from './log-file-tail.js';
import type { LogSink } from './log-writer.js';
import type { OwnLevel, OwnLog } from './own-log.js';

export interface LogCollectorOptions {
  readonly controller: Controller;
  readonly clock: Clock;
  readonly ownLog: OwnLog;
  /** max_log_size. */
  readonly cap: number;
  /** Canonical type names (NOTICE, ORTOP_WARN, CIRC…). */
  readonly selection: readonly string[];
  readonly prepopulate: boolean;
  /** prepopulate_read_limit: lines of tor's log file read at most. */
  readonly readLimitLines: number;
  readonly readTail: ReadTail;
  readonly sink: LogSink | undefined;
  /** An entry was added (or the buffer changed). */
  readonly onChange: (entry: LogEntry | undefined) => void;
  readonly log: (level: OwnLevel, message: string) => void;
}

const BYTES_PER_LINE = 512;
const MAX_TAIL_BYTES = 8 * 1024 * 1024;

export class LogCollector {
  readonly buffer: LogBuffer;
  private selected: string[];
  private readonly torListeners = new Map<string, () => void>();
  private readonly unsubscribe: Array<() => void> = [];
  private ownLevels: ReadonlySet<string>;
  private stopped = false;
  private backlogTried = false;
  /** tor's events/names once known. */
  private torNames: readonly string[] | undefined;
  private attachedAtMs: number | undefined;

  constructor(private readonly options: LogCollectorOptions) {
    this.buffer = new LogBuffer(options.cap);
    this.selected = [...options.selection];
    this.ownLevels = splitSelection(this.selected).ownLevels;
  }

  get selection(): readonly string[] {
    return this.selected;
  }

  /** What the event picker offers: tor's runlevels, ortop's levels, then tor's other events. */
  availableTypes(): string[] {
    const others = (this.torNames ?? []).filter((n) => !(TOR_RUNLEVELS as readonly string[]).includes(n));
    const all = [...TOR_RUNLEVELS, ...ORTOP_RUNLEVELS, ...others];
    for (const s of this.selected) if (!all.includes(s)) all.push(s);
    return all;
  }

  start(): void {
    const c = this.options.controller;
    this.unsubscribe.push(
      c.onState((change) => this.onState(change)),
      this.options.ownLog.follow((e) => {
        if (this.ownLevels.has(e.level)) this.add({ atMs: e.atMs, type: `ORTOP_${e.level}`, message: e.message, source: 'ortop' });
      }),
    );
    this.subscribeTor();
    if (c.state === 'connected') void this.onConnected(this.options.clock.nowMs());
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.unsubscribe.splice(0)) u();
    for (const u of this.torListeners.values()) u();
    this.torListeners.clear();
    void this.options.sink?.close();
  }

  clear(): void {
    this.buffer.clear();
    this.options.onChange(undefined);
  }

  /** A new selection from the event picker: listeners follow, then tor's SETEVENTS. */
  async setSelection(types: readonly string[]): Promise<void> {
    this.selected = [...new Set(types)];
    this.ownLevels = splitSelection(this.selected).ownLevels;
    this.subscribeTor();
    await this.options.controller.syncEvents();
    if (this.options.controller.state === 'connected') await this.checkNames();
  }

  private add(fields: NewLogEntry): void {
    if (this.stopped) return;
    const entry = this.buffer.add(fields);
    if (fields.source !== 'backlog') this.options.sink?.write(entry);
    this.options.onChange(entry);
  }

  private subscribeTor(): void {
    const wanted = new Set(splitSelection(this.selected).torTypes);
    for (const [type, off] of this.torListeners) {
      if (!wanted.has(type)) {
        off();
        this.torListeners.delete(type);
      }
    }
    for (const type of wanted) {
      if (this.torListeners.has(type)) continue;
      this.torListeners.set(
        type,
        this.options.controller.on(type, (event, reply) => {
          const { type: shown, message } = describeEvent(event, reply);
          this.add({ atMs: this.options.clock.nowMs(), type: shown, message, source: 'tor' });
        }),
      );
    }
  }

  private onState(change: StateChange): void {
    if (change.kind === 'connected') void this.onConnected(change.atMs);
  }

  private async onConnected(atMs: number): Promise<void> {
    this.attachedAtMs ??= atMs;
    await this.checkNames();
    if (!this.backlogTried && this.options.prepopulate) {
      this.backlogTried = true;
      await this.loadBacklog();
    }
  }

  /** Names tor does not list in events/names (and unknown ORTOP_ levels): one warning, then dropped. */
  private async checkNames(): Promise<void> {
    let names: string[];
    try {
      names = (await this.options.controller.getInfoOne('events/names')).split(/\s+/).filter((n) => n !== '');
    } catch {
      return;
    }
    this.torNames = names;
    const known = new Set(names);
    const unknown = this.selected.filter((t) => (isOrtopType(t) ? !(ORTOP_RUNLEVELS as readonly string[]).includes(t) : !known.has(t)));
    if (unknown.length === 0) return;
    this.selected = this.selected.filter((t) => !unknown.includes(t));
    this.ownLevels = splitSelection(this.selected).ownLevels;
    this.subscribeTor();
    void this.options.controller.syncEvents();
    const plural = unknown.length === 1 ? 'type' : 'types';
    this.options.log('WARN', `tor does not know the event ${plural} ${unknown.join(', ')} (not in GETINFO events/names): not logged; logging the rest`);
  }

  /** Earlier lines of the current tor from its log file (first `file` entry of GETCONF Log). */
  private async loadBacklog(): Promise<void> {
    const c = this.options.controller;
    const wanted = new Set(splitSelection(this.selected).torTypes.filter((t) => (TOR_RUNLEVELS as readonly string[]).includes(t)));
    if (wanted.size === 0) return;
    let target;
    try {
      target = findLogFile(await c.getConfOne('Log'));
    } catch (e) {
      this.options.log('INFO', `no backlog: could not ask tor where it logs (${(e as Error).message})`);
      return;
    }
    if (target === undefined) {
      this.options.log('INFO', "no backlog: tor does not log to a file (its Log option has no 'file' entry)");
      return;
    }
    const pid = Number(await c.getInfoOne('process/pid').catch(() => ''));
    const path = resolveTorPath(target.path, Number.isInteger(pid) && pid > 0 ? pid : undefined);
    if (path === undefined) {
      this.options.log('NOTICE', `no backlog: tor's log file ${target.path} is a relative path and tor's pid is unknown`);
      return;
    }
    let text: string;
    try {
      text = await this.options.readTail(path, Math.min(MAX_TAIL_BYTES, this.options.readLimitLines * BYTES_PER_LINE));
    } catch (e) {
      this.options.log('NOTICE', `no backlog: could not read tor's log file ${path}: ${describeFileError(e)}`);
      return;
    }
    const now = this.options.clock.nowMs();
    const uptimeSec = Number(await c.getInfoOne('uptime').catch(() => ''));
    const startedAtMs = Number.isFinite(uptimeSec) && uptimeSec >= 0 ? now - uptimeSec * 1000 : undefined;
    const backlog = parseTorLogTail(text, wanted, now, this.options.readLimitLines, startedAtMs);
    // Lines tor wrote after we attached also came to us as events.
    const cutoff = this.attachedAtMs ?? now;
    const entries = backlog.entries.filter((e) => e.atMs < cutoff);
    const kept = this.buffer.addBacklog(entries);
    const since = backlog.foundStart && backlog.startedAtMs !== undefined ? `since this tor started at ${formatTime(backlog.startedAtMs)}` : `the last ${this.options.readLimitLines} lines (this tor's start is further back)`;
    this.options.log('NOTICE', `${kept} earlier entr${kept === 1 ? 'y' : 'ies'} from tor's log file ${path} (${since})`);
  }
}
