// The config page's data: every option tor has (config/names) with its type, default
// (config/defaults), current value (config-text, plus GETCONF for options config-text never lists)
// and its manual entry. Pure: built from parsed GETINFO answers; no controller, no files.
import type { ManualEntry } from '../../system/manual/parse-manual.js';
import { secretOptionNamed } from '../../protocol/secret-options.js';
import type { ConfigOptionName } from './config-info.js';
import { isImportantOption } from './important-options.js';
import { sameConfValues } from './value-units.js';

export interface ConfigOption {
  /** As tor spells it (config/names). */
  readonly name: string;
  readonly type: string;
  /** Current values ([] = unset/empty); several for line lists. */
  readonly values: readonly string[];
  readonly defaults: readonly string[];
  /** Differs from the default (config-text lists it, or GETCONF says so). */
  readonly isSet: boolean;
  /** False when ortop does not know the value (a private option that was not asked for). */
  readonly valueKnown: boolean;
  readonly important: boolean;
  /** Name starts with "__": tor's internal options, never saved. */
  readonly isPrivate: boolean;
  /** Type Virtual: a group name (e.g. HiddenServiceOptions), not an option with a value. */
  readonly isVirtual: boolean;
  readonly manual: ManualEntry | undefined;
}

export interface ConfigSources {
  readonly names: readonly ConfigOptionName[];
  readonly defaults: ReadonlyMap<string, readonly string[]>;
  /** From config-text: option (any case) → values as written. */
  readonly configText: ReadonlyMap<string, readonly string[]>;
  /** From GETCONF (options config-text cannot show, e.g. "__" ones): option (any case) → values. */
  readonly fetched?: ReadonlyMap<string, readonly string[]>;
  /** Manual entries by lower-cased name. */
  readonly manual?: ReadonlyMap<string, ManualEntry>;
}

function lowerKeyed<V>(map: ReadonlyMap<string, V> | undefined): Map<string, V> {
  const out = new Map<string, V>();
  if (map !== undefined) for (const [k, v] of map) out.set(k.toLowerCase(), v);
  return out;
}

export function buildConfigOptions(sources: ConfigSources): ConfigOption[] {
  const text = lowerKeyed(sources.configText);
  const fetched = lowerKeyed(sources.fetched);
  const defaults = lowerKeyed(sources.defaults);
  return sources.names.map(({ name, type }) => {
    const lower = name.toLowerCase();
    const isPrivate = name.startsWith('__');
    const isVirtual = type === 'Virtual';
    const defaultValues = defaults.get(lower) ?? [];
    const written = text.get(lower);
    const asked = fetched.get(lower);
    let values: readonly string[];
    let isSet: boolean;
    let valueKnown = true;
    if (written !== undefined) {
      values = written;
      isSet = true;
    } else if (asked !== undefined) {
      values = asked;
      isSet = !(asked.length === 0 || sameConfValues(type, asked, defaultValues));
    } else {
      values = defaultValues;
      isSet = false;
      valueKnown = !isPrivate && !isVirtual;
    }
    return {
      name,
      type,
      values,
      defaults: defaultValues,
      isSet,
      valueKnown,
      important: isImportantOption(name),
      isPrivate,
      isVirtual,
      manual: sources.manual?.get(lower),
    };
  });
}

export interface OptionFilter {
  readonly showAll: boolean;
  readonly showPrivate: boolean;
  readonly showVirtual: boolean;
  /** Case-insensitive text that the name, value (not a secret one) or summary must contain ('' = no filter). */
  readonly search: string;
}

export function filterConfigOptions(options: readonly ConfigOption[], filter: OptionFilter): ConfigOption[] {
  const needle = filter.search.trim().toLowerCase();
  return options.filter((o) => {
    if (o.isPrivate && !filter.showPrivate) return false;
    if (o.isVirtual && !filter.showVirtual) return false;
    if (!filter.showAll && !o.important && needle === '') return false;
    if (needle === '') return true;
    return (
      o.name.toLowerCase().includes(needle) ||
      // A secret value is not searched: a search that finds it would show it a letter at a time.
      (secretOptionNamed(o.name) === undefined && o.values.some((v) => v.toLowerCase().includes(needle))) ||
      (o.manual?.summary.toLowerCase().includes(needle) ?? false)
    );
  });
}
