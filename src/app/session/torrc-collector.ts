// Keeps the torrc page's data: the file tor names (GETINFO config-file) with its %include files,
// read from disk on connect, reconnect and SIGHUP, and its validation against the running tor
// (config/names, config/defaults, GETCONF of the options it sets), redone on CONF_CHANGED, and read
// again after any SAVECONF (tor rewrote the file, or renamed it and failed). Files are read only
// when plausibly tor's (torrcFsFor: system/tor-file.ts). Never writes anything, and never GETCONFs
// a name tor does not list (tor logs a WARN for those).
import type { Controller } from '../../controller/index.js';
import { parseConfigDefaults, parseConfigNames } from '../../relay/config/config-info.js';
import { canonicalNames, unlistedNames, validateTorrc, type TorrcMark } from '../../relay/torrc/validate-torrc.js';
import type { TorrcDocument } from '../../relay/torrc/torrc-document.js';
import { resolveOptionAliases } from '../../relay/torrc/option-aliases.js';
import type { TorrcStatus, ValidationStatus } from '../../../panels/torrc/select-torrc.js';
import { loadOnEachConnection } from './load-on-connect.js';
import type { ProcFs } from '../../system/index.js';
import { learnTorOwner } from './log-file-tail.js';
import { loadTorrcDocument, torrcFsFor, type TorrcFs } from './torrc-loader.js';

export interface TorrcCollectorOptions {
  readonly controller: Controller;
  /** /proc, to learn which user tor runs as (NOT_LOCAL_PROC_FS: tor is elsewhere). */
  readonly procFs: ProcFs;
  /** Tests: files from memory instead of the guarded reader. */
  readonly fs?: TorrcFs;
  /** Read the file even when tor seems to run on another machine (tests). */
  readonly assumeLocal?: boolean;
  readonly onChange: () => void;
}

/** Whether a control address is on this machine (a unix socket or a loopback address). */
export function isLocalControlAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  if (address.startsWith('/') || address.startsWith('unix:')) return true;
  return /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)(:\d+)?$/.test(address);
}

export class TorrcCollector {
  status: TorrcStatus = { kind: 'loading' };
  marks: readonly TorrcMark[] = [];
  validation: ValidationStatus = { kind: 'pending' };
  private generation = 0;
  private aliases = new Map<string, string | null>();
  private readonly unsubscribers: Array<() => void> = [];

  constructor(private readonly options: TorrcCollectorOptions) {}

  start(): void {
    const c = this.options.controller;
    this.unsubscribers.push(c.on('CONF_CHANGED', () => void this.revalidate()));
    // SAVECONF from any page rewrote the torrc — or, failing, may have renamed it away: show the file as it is now.
    this.unsubscribers.push(c.tapReplies((keyword) => (keyword === 'SAVECONF' ? void this.reload() : undefined)));
    void c.syncEvents();
    this.unsubscribers.push(loadOnEachConnection(c, () => void this.reload()));
  }

  stop(): void {
    this.generation++;
    for (const u of this.unsubscribers.splice(0)) u();
  }

  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.aliases = new Map();
    const c = this.options.controller;
    let doc: TorrcDocument;
    try {
      const path = await c.getInfoOne('config-file');
      if (generation !== this.generation) return;
      if (path === '') {
        this.status = { kind: 'unavailable', message: 'tor reads no configuration file (started without a torrc).' };
        this.options.onChange();
        return;
      }
      if (this.options.assumeLocal !== true && !isLocalControlAddress(c.address)) {
        this.status = { kind: 'unavailable', message: `tor at ${c.address ?? '?'} runs on another machine: its torrc (${path}) cannot be read from here.` };
        this.options.onChange();
        return;
      }
      const owner = this.options.fs === undefined ? await learnTorOwner(c, this.options.procFs) : undefined;
      if (generation !== this.generation) return;
      if (owner?.kind === 'elsewhere') {
        this.status = { kind: 'unavailable', message: `tor is not on this machine (demo relay, replay or a remote control port): its torrc (${path}) cannot be read from here.` };
        this.options.onChange();
        return;
      }
      doc = await loadTorrcDocument(path, this.options.fs ?? torrcFsFor(owner!));
    } catch (error) {
      if (generation !== this.generation) return;
      this.status = { kind: 'unavailable', message: `Could not ask tor for its torrc: ${error instanceof Error ? error.message : String(error)}` };
      this.options.onChange();
      return;
    }
    if (generation !== this.generation) return;
    this.status = { kind: 'ready', doc };
    this.validation = { kind: 'pending' };
    this.options.onChange();
    await this.revalidate();
  }

  async revalidate(): Promise<void> {
    const status = this.status;
    if (status.kind !== 'ready') return;
    const generation = this.generation;
    const c = this.options.controller;
    try {
      const info = await c.getInfo(['config/names', 'config/defaults']);
      const types = new Map(parseConfigNames(info.get('config/names') ?? '').map((n) => [n.name.toLowerCase(), n]));
      const defaults = new Map([...parseConfigDefaults(info.get('config/defaults') ?? '')].map(([k, v]) => [k.toLowerCase(), v]));
      this.aliases = resolveOptionAliases(unlistedNames(status.doc, types), types);
      const names = canonicalNames(status.doc, { types, aliases: this.aliases });
      const running = new Map<string, string[]>();
      if (names.length > 0) for (const [k, v] of await c.getConf(names)) running.set(k.toLowerCase(), v);
      if (generation !== this.generation || this.status !== status) return;
      this.marks = validateTorrc(status.doc, { types, aliases: this.aliases, running, defaults });
      this.validation = { kind: 'done' };
    } catch (error) {
      if (generation !== this.generation) return;
      this.validation = { kind: 'unavailable', message: error instanceof Error ? error.message : String(error) };
    }
    this.options.onChange();
  }
}
