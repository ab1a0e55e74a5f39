// Subprotocol version lists of `proto` (descriptors) and `pr` (status entries) lines:
// "Cons=1-2 Desc=1-4 Link=3-5" → Cons → [{1,2}], … (dir-spec §2.1.1, tor-spec "subprotocol versioning").
// Malformed entries → ProtocolError naming the entry.

import { ProtocolError } from '../errors.js';
import { clip } from './fields.js';

export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

/**
 *   Entries = [ Entry *(SP Entry) ]
 *   Entry   = Keyword "=" [ Values ]
 *   Values  = Value *("," Value)
 *   Value   = Int / Int "-" Int
 */
export function parseProtocolVersions(text: string, where = 'protocol list'): ReadonlyMap<string, readonly VersionRange[]> {
  const map = new Map<string, VersionRange[]>();
  const trimmed = text.trim();
  if (trimmed === '') return map;
  for (const entry of trimmed.split(/[ \t]+/)) {
    const eq = entry.indexOf('=');
    const name = eq < 0 ? '' : entry.slice(0, eq);
    if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new ProtocolError(`${where}: malformed entry ${clip(entry)}`);
    const ranges: VersionRange[] = [];
    const values = entry.slice(eq + 1);
    if (values !== '') {
      for (const v of values.split(',')) {
        const m = /^([0-9]{1,2})(?:-([0-9]{1,2}))?$/.exec(v);
        const min = m === null ? NaN : Number(m[1]);
        const max = m === null ? NaN : m[2] === undefined ? min : Number(m[2]);
        if (!(min <= max)) throw new ProtocolError(`${where}: malformed versions ${clip(entry)}`);
        ranges.push({ min, max });
      }
    }
    map.set(name, ranges);
  }
  return map;
}
