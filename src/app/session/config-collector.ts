// Keeps the config page's data current: tor's option list, defaults and set values (GETINFO
// config/names, config/defaults, config-text; GETCONF for "__" options when they are shown),
// re-read on CONF_CHANGED, SIGHUP and reconnect; and tor's manual, loaded once per tor version.
// Owns no timers; talks to tor only through the controller.
import { ReplyError } from '../../protocol/errors.js';
import {
  buildConfigOptions,
  parseConfigDefaults,
  parseConfigNames,
  type ConfigOption,
  type ConfigOptionName,
} from '../../relay/config/index.js';
import { collectTorrcValues, parseTorrc } from '../../relay/torrc/parse-torrc.js';
import type { LoadManualOptions, ManualEntry, ManualLoad, TorManual } from '../../system/manual/index.js';
import { SharedManuals } from './shared-manuals.js';
import type { Controller } from '../../controller/index.js';
import type { ManualStatus } from '../../../panels/config/select-config.js';
import { loadOnEachConnection } from './load-on-connect.js';

export interface ConfigCollectorOptions {
  readonly controller: Controller;
  readonly showPrivate: boolean;
  /** How the manual is found and cached (tests point it at a fixture and a temp directory). */
  readonly manual?: Omit<LoadManualOptions, 'torVersion'>;
  /** One parsed manual per tor version for every relay (default: this collector's own). */
  readonly manuals?: SharedManuals;
  readonly onChange: () => void;
  readonly onNotice?: (message: string) => void;
}

export type ConfigStatus = { readonly kind: 'loading' } | { readonly kind: 'ready' } | { readonly kind: 'error'; readonly message: string };

export class ConfigCollector {
  status: ConfigStatus = { kind: 'loading' };
  manualStatus: ManualStatus = { kind: 'loading' };
  options: readonly ConfigOption[] = [];
  categories: readonly string[] = [];
  /** The last manual load (for the benchmark and tests). */
  lastManualLoad: ManualLoad | undefined;
  private names: readonly ConfigOptionName[] = [];
  private defaults = new Map<string, string[]>();
  private manualIndex: ReadonlyMap<string, ManualEntry> | undefined;
  private manualVersion: string | undefined | null = null;
  private generation = 0;
  private refreshing: Promise<void> | undefined;
  private dirty = false;
  private readonly unsubscribers: Array<() => void> = [];

  constructor(private readonly options_: ConfigCollectorOptions) {}

  start(): void {
    const c = this.options_.controller;
    this.unsubscribers.push(c.on('CONF_CHANGED', () => void this.refreshValues()));
    void c.syncEvents();
    this.unsubscribers.push(loadOnEachConnection(c, () => void this.reload()));
  }

  stop(): void {
    this.generation++;
    for (const u of this.unsubscribers.splice(0)) u();
  }

  /** Re-reads everything (connect, reconnect, SIGHUP). */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    const c = this.options_.controller;
    const manual = this.loadManual();
    try {
      const info = await c.getInfo(['config/names', 'config/defaults']);
      if (generation !== this.generation) return;
      this.names = parseConfigNames(info.get('config/names') ?? '');
      this.defaults = parseConfigDefaults(info.get('config/defaults') ?? '');
      await this.refreshValues();
    } catch (error) {
      if (generation !== this.generation) return;
      this.status = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
      this.options_.onChange();
    }
    await manual;
  }

  /** Re-reads the values (config-text, and GETCONF for shown private options); coalesces bursts. */
  refreshValues(): Promise<void> {
    if (this.refreshing !== undefined) {
      this.dirty = true;
      return this.refreshing;
    }
    const run = async () => {
      do {
        this.dirty = false;
        await this.readValues();
      } while (this.dirty);
    };
    this.refreshing = run().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async readValues(): Promise<void> {
    if (this.names.length === 0) return;
    const generation = this.generation;
    const c = this.options_.controller;
    try {
      const text = await c.getInfoOne('config-text');
      let fetched: Map<string, string[]> | undefined;
      if (this.options_.showPrivate) {
        const privateNames = this.names.filter((n) => n.name.startsWith('__') && n.type !== 'Virtual').map((n) => n.name);
        fetched = privateNames.length === 0 ? undefined : await c.getConf(privateNames).catch((e: unknown) => (e instanceof ReplyError ? undefined : Promise.reject(e)));
      }
      if (generation !== this.generation) return;
      this.options = buildConfigOptions({
        names: this.names,
        defaults: this.defaults,
        configText: collectTorrcValues(parseTorrc(text).entries),
        ...(fetched === undefined ? {} : { fetched }),
        ...(this.manualIndex === undefined ? {} : { manual: this.manualIndex }),
      });
      this.status = { kind: 'ready' };
    } catch (error) {
      if (generation !== this.generation) return;
      this.status = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    this.options_.onChange();
  }

  private async loadManual(): Promise<void> {
    const version = this.options_.controller.torVersion;
    if (this.manualVersion === version) return;
    this.manualVersion = version;
    this.manualStatus = { kind: 'loading' };
    const shared = await (this.options_.manuals ?? new SharedManuals()).get({ ...this.options_.manual, torVersion: version });
    const load = shared.load;
    this.lastManualLoad = load;
    if (load.cacheProblem !== undefined) this.options_.onNotice?.(load.cacheProblem);
    if (load.kind === 'missing') {
      this.manualStatus = { kind: 'missing', reason: load.reason, searched: load.searched };
      this.options_.onNotice?.(`tor's manual not found (${load.reason}); the config page shows no descriptions`);
    } else {
      this.applyManual(load.manual, shared.index!);
      this.manualStatus = { kind: 'loaded', path: load.source.path };
      // No manual installed: the copy shipped with ortop, which names its tor version.
      if (load.notice !== undefined) this.options_.onNotice?.(load.notice);
      if (load.cacheError !== undefined) this.options_.onNotice?.(`could not cache tor's manual in ${load.cacheFile ?? '?'}: ${load.cacheError}`);
    }
    this.options_.onChange();
  }

  private applyManual(manual: TorManual, index: ReadonlyMap<string, ManualEntry>): void {
    this.manualIndex = index;
    this.categories = manual.categories;
    this.options = this.options.map((o) => ({ ...o, manual: index.get(o.name.toLowerCase()) }));
  }
}
