// Parsers for the GETINFO answers that describe tor's options (control-spec §3.9):
//   config/names    → "Name Type" per line (e.g. "BandwidthRate DataSize")
//   config/defaults → "Name Value" per line, Value a CString ("BandwidthRate \"1 GB\""); LineList
//                     defaults repeat the name once per line
// Pure; values come already UTF-8 decoded (getInfo's strings). Malformed lines are skipped, not fatal.
import { byteStringFromUtf8, utf8FromByteString } from '../../protocol/bytes.js';
import { decodeQuoted } from '../../protocol/cstring.js';

export interface ConfigOptionName {
  readonly name: string;
  /** tor's type word: Boolean, DataSize, LineList, Virtual, Dependent… (spelling kept as tor sends it). */
  readonly type: string;
}

export function parseConfigNames(text: string): ConfigOptionName[] {
  const out: ConfigOptionName[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\S+)\s+(\S+)/.exec(line);
    if (m !== null) out.push({ name: m[1]!, type: m[2] === 'Dependant' ? 'Dependent' : m[2]! });
  }
  return out;
}

/** Defaults by option name as tor spells it; an option without a default line is absent. */
export function parseConfigDefaults(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^\s*(\S+)(?:\s+(.*))?$/.exec(line);
    if (m === null) continue;
    const name = m[1]!;
    const rest = (m[2] ?? '').trim();
    let value = rest;
    if (rest.startsWith('"')) {
      try {
        value = utf8FromByteString(decodeQuoted(byteStringFromUtf8(rest), 0).value);
      } catch {
        value = rest.slice(1);
      }
    }
    const list = out.get(name);
    if (list === undefined) out.set(name, [value]);
    else list.push(value);
  }
  return out;
}
