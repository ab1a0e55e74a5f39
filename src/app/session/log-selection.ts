// The log's event selection from logged_events / --log: ranges ("NOTICE-ERR") and aliases become
// tor's and ortop's canonical event names, in order, without duplicates. Pure.
import { canonicalEventType } from '../../relay/log/index.js';
import { OptionError, parseLogEvents } from '../shell/options.js';

/** logged_events / --log entries → canonical names; ranges ("NOTICE-ERR") and aliases understood. */
export function normalizeSelection(list: readonly string[]): string[] {
  const out: string[] = [];
  for (const item of list) {
    let names: string[];
    try {
      names = parseLogEvents(item);
    } catch (e) {
      if (!(e instanceof OptionError)) throw e;
      names = [canonicalEventType(item)];
    }
    for (const n of names) if (n !== '' && !out.includes(n)) out.push(n);
  }
  return out;
}
