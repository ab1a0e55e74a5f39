// Ordering of the option list by up to three keys (Nyx's sort dialog choices). Pure.
import type { ConfigOption } from './config-options.js';
import { formatConfValues } from './value-units.js';

export const CONFIG_SORT_KEYS = ['name', 'value', 'type', 'category', 'usage', 'summary', 'description', 'manual', 'is-set'] as const;
export type ConfigSortKey = (typeof CONFIG_SORT_KEYS)[number];

export const CONFIG_SORT_LABELS: Readonly<Record<ConfigSortKey, string>> = {
  name: 'Name',
  value: 'Value',
  type: 'Value Type',
  category: 'Category',
  usage: 'Usage',
  summary: 'Summary',
  description: 'Description',
  manual: 'Man Page Entry',
  'is-set': 'Is Set',
};

export const DEFAULT_CONFIG_SORT: readonly ConfigSortKey[] = ['manual', 'name', 'is-set'];
export const MAX_SORT_KEYS = 3;

function key(option: ConfigOption, by: ConfigSortKey, categories: readonly string[]): string | number {
  switch (by) {
    case 'name':
      return option.name.toLowerCase();
    case 'value':
      return formatConfValues(option.type, option.values).toLowerCase();
    case 'type':
      return option.type;
    case 'category': {
      const i = option.manual === undefined ? -1 : categories.indexOf(option.manual.category);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    }
    case 'usage':
      return option.manual?.usage ?? '\uffff';
    case 'summary':
      return option.manual?.summary.toLowerCase() ?? '\uffff';
    case 'description':
      return option.manual?.description[0]?.text.toLowerCase() ?? '\uffff';
    case 'manual':
      return option.manual?.index ?? Number.MAX_SAFE_INTEGER;
    case 'is-set':
      return option.isSet ? 0 : 1;
  }
}

export function sortConfigOptions(options: readonly ConfigOption[], by: readonly ConfigSortKey[], categories: readonly string[] = []): ConfigOption[] {
  const keys = by.slice(0, MAX_SORT_KEYS);
  const decorated = options.map((o) => ({ o, k: keys.map((b) => key(o, b, categories)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a.k[i]!;
      const y = b.k[i]!;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return a.o.name < b.o.name ? -1 : a.o.name > b.o.name ? 1 : 0;
  });
  return decorated.map((d) => d.o);
}
