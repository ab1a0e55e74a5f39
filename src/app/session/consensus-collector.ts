// Keeps the relay directory (consensus maps by fingerprint and address:port) current: GETINFO ns/all
// once per connection (and after a reload), then NS and NEWCONSENSUS events. Parsing an 8,000-relay
// consensus is one linear pass; a malformed entry is skipped, never fatal.
import type { Controller } from '../../controller/index.js';
import { parseRouterStatusEntriesLenient } from '../../protocol/documents/index.js';
import type { TorEvent } from '../../protocol/events/index.js';
import { RelayDirectory } from '../../relay/connections/index.js';
import { loadOnEachConnection } from './load-on-connect.js';

export interface ConsensusCollectorOptions {
  readonly controller: Controller;
  readonly directory?: RelayDirectory;
  readonly onChange: () => void;
  readonly onNotice?: (message: string) => void;
}

export class ConsensusCollector {
  readonly directory: RelayDirectory;
  /** Why the consensus could not be read (undefined when fine). */
  problem: string | undefined;
  private readonly unsubscribe: Array<() => void> = [];
  private stopped = false;
  private loading: Promise<void> | undefined;

  constructor(private readonly options: ConsensusCollectorOptions) {
    this.directory = options.directory ?? new RelayDirectory();
  }

  start(): void {
    const c = this.options.controller;
    this.unsubscribe.push(c.on('NS', (e) => this.onEvent(e)), c.on('NEWCONSENSUS', (e) => this.onEvent(e)));
    this.unsubscribe.push(loadOnEachConnection(c, () => void this.load()));
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.unsubscribe.splice(0)) u();
  }

  /** Asks tor for every router status entry it has (an empty answer when it has no consensus). */
  load(): Promise<void> {
    this.loading ??= this.options.controller
      .getInfoOne('ns/all')
      .then(
        (text) => {
          if (this.stopped) return;
          const parsed = parseRouterStatusEntriesLenient(text);
          this.directory.replaceAll(parsed.entries);
          this.problem = undefined;
          if (parsed.errors.length > 0) this.options.onNotice?.(`ns/all: skipped ${parsed.errors.length} malformed router status entries`);
          this.options.onChange();
        },
        (e: Error) => {
          this.problem = `could not read the consensus (ns/all), so relay names and addresses may be missing: ${e.message}`;
          this.options.onNotice?.(this.problem);
          this.options.onChange();
        },
      )
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  private onEvent(event: TorEvent): void {
    if (event.kind !== 'NS' && event.kind !== 'NEWCONSENSUS') return;
    const parsed = parseRouterStatusEntriesLenient(event.body);
    if (event.kind === 'NEWCONSENSUS') this.directory.replaceAll(parsed.entries);
    else this.directory.update(parsed.entries);
    this.options.onChange();
  }
}
