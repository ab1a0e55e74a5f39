// tor's manual, read and indexed once per tor version for every relay of one ortop: twenty relays
// on the same tor version share one parsed manual (one read, one index) instead of twenty.
import { indexManual, loadTorManual, type LoadManualOptions, type ManualEntry, type ManualLoad } from '../../system/manual/index.js';

export interface SharedManual {
  readonly load: ManualLoad;
  /** The entries by lower-case option name; undefined when no manual was found. */
  readonly index: ReadonlyMap<string, ManualEntry> | undefined;
}

export class SharedManuals {
  private readonly loads = new Map<string, Promise<SharedManual>>();

  /** The manual for `options.torVersion`, loaded by the first relay that asks. */
  get(options: LoadManualOptions): Promise<SharedManual> {
    const key = `${options.torVersion ?? ''}\u0000${options.manualPath ?? ''}`;
    let shared = this.loads.get(key);
    if (shared === undefined) {
      shared = loadTorManual(options).then((load) => ({ load, index: load.kind === 'missing' ? undefined : indexManual(load.manual) }));
      this.loads.set(key, shared);
    }
    return shared;
  }
}
