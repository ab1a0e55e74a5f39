// The config model: GETINFO answers parsed, values compared and shown by type, options built,
// filtered and sorted, and what an edit becomes (SETCONF values, RESETCONF, refusals).
import { describe, expect, it } from 'vitest';
import {
  buildConfigOptions,
  categoryColor,
  editPrefill,
  filterConfigOptions,
  formatConfValue,
  formatConfValues,
  IMPORTANT_OPTIONS,
  normalizeConfValue,
  parseConfigDefaults,
  parseConfigNames,
  parseDataSize,
  parseInterval,
  parseMsecInterval,
  planConfigEdit,
  sameConfValues,
  sortConfigOptions,
  splitLineListInput,
  type ConfigOption,
} from '../../../src/relay/config/index.js';
import { collectTorrcValues, parseTorrc } from '../../../src/relay/torrc/index.js';
import type { ManualEntry } from '../../../src/system/manual/index.js';
import { CONFIG_DEFAULTS, CONFIG_NAMES, CONFIG_TEXT } from './config-fixtures.js';

const manualEntry = (name: string, category: string, index: number): ManualEntry => ({ name, category, usage: 'x', summary: `${name} summary.`, description: [], index });
const MANUAL = new Map(
  [manualEntry('Nickname', 'Server', 5), manualEntry('ContactInfo', 'Server', 4), manualEntry('BandwidthRate', 'General', 1), manualEntry('Log', 'General', 2)].map((e) => [e.name.toLowerCase(), e]),
);

function options(): ConfigOption[] {
  return buildConfigOptions({
    names: parseConfigNames(CONFIG_NAMES),
    defaults: parseConfigDefaults(CONFIG_DEFAULTS),
    configText: collectTorrcValues(parseTorrc(CONFIG_TEXT).entries),
    manual: MANUAL,
  });
}
const byName = (name: string) => options().find((o) => o.name === name)!;

describe('GETINFO answers', () => {
  it('reads config/names and config/defaults (CStrings, repeated LineList defaults)', () => {
    const names = parseConfigNames(`${CONFIG_NAMES}\nOldThing Dependant\n`);
    expect(names[0]).toEqual({ name: 'AccountingMax', type: 'DataSize' });
    expect(names.at(-1)).toEqual({ name: 'OldThing', type: 'Dependent' });
    const defaults = parseConfigDefaults(CONFIG_DEFAULTS);
    expect(defaults.get('BandwidthRate')).toEqual(['1 GB']);
    expect(defaults.get('DirAuthority')).toHaveLength(2);
    expect(parseConfigDefaults('X "caf\\303\\251"').get('X')).toEqual(['caf\u00e9']);
  });
});

describe('values by type', () => {
  it('parses tor units', () => {
    expect(parseDataSize('1 GB')).toBe(2 ** 30);
    expect(parseDataSize('100 KBytes')).toBe(102_400);
    expect(parseDataSize('8 mbits')).toBe(2 ** 20);
    expect(parseDataSize('12 parsecs')).toBeUndefined();
    expect(parseInterval('10 minutes')).toBe(600);
    expect(parseInterval('2 weeks')).toBe(1_209_600);
    expect(parseMsecInterval('1 second')).toBe(1000);
    expect(parseMsecInterval('100 msec')).toBe(100);
  });

  it('compares "1 GB" with 1073741824 and booleans with true/false', () => {
    expect(sameConfValues('DataSize', ['1 GB'], ['1073741824'])).toBe(true);
    expect(sameConfValues('TimeInterval', ['10 minutes'], ['600'])).toBe(true);
    expect(sameConfValues('Boolean', ['true'], ['1'])).toBe(true);
    expect(sameConfValues('CommaList', ['a, b'], ['a,b'])).toBe(true);
    expect(sameConfValues('LineList', ['a'], ['a', 'b'])).toBe(false);
    expect(normalizeConfValue('Float', '1.0')).toBe('1');
  });

  it('shows values the short way', () => {
    expect(formatConfValue('DataSize', '1048576')).toBe('1 MB');
    expect(formatConfValue('DataSize', '1536')).toBe('1.5 KB');
    expect(formatConfValue('DataSize', '0 bytes')).toBe('0 B');
    expect(formatConfValue('TimeInterval', '5400')).toBe('1 hour 30 minutes');
    expect(formatConfValue('TimeInterval', '10 minutes')).toBe('10 minutes');
    expect(formatConfValue('TimeMsecInterval', '100 msec')).toBe('100 ms');
    expect(formatConfValue('Boolean', '1')).toBe('True');
    expect(formatConfValue('Boolean+Auto', 'auto')).toBe('auto');
    expect(formatConfValues('LineList', ['notice stdout', 'info file x'])).toBe('notice stdout; info file x');
    expect(formatConfValues('String', [])).toBe('<none>');
  });
});

describe('the option list', () => {
  it('takes set values from config-text and the rest from the defaults', () => {
    expect(byName('BandwidthRate')).toMatchObject({ values: ['1048576'], defaults: ['1 GB'], isSet: true, important: true });
    expect(byName('ContactInfo').values).toEqual(['caf\u00e9 <op AT example dot org>']);
    expect(byName('Log').values).toEqual(['notice file /var/log/tor/notices.log', 'info file /var/log/tor/info.log']);
    expect(byName('MaxCircuitDirtiness')).toMatchObject({ values: ['10 minutes'], isSet: false, valueKnown: true });
    expect(byName('__ReloadTorrcOnSIGHUP')).toMatchObject({ isPrivate: true, valueKnown: false });
    expect(byName('HiddenServiceOptions')).toMatchObject({ isVirtual: true, valueKnown: false });
    expect(byName('Nickname').manual?.category).toBe('Server');
  });

  it('compares GETCONF answers for options config-text never lists', () => {
    const built = buildConfigOptions({
      names: parseConfigNames(CONFIG_NAMES),
      defaults: parseConfigDefaults(CONFIG_DEFAULTS),
      configText: new Map(),
      fetched: new Map([['__ReloadTorrcOnSIGHUP', ['1']], ['__OwningControllerProcess', ['4242']]]),
    });
    expect(built.find((o) => o.name === '__ReloadTorrcOnSIGHUP')).toMatchObject({ isSet: false, valueKnown: true });
    expect(built.find((o) => o.name === '__OwningControllerProcess')).toMatchObject({ isSet: true, values: ['4242'] });
  });

  it('shows important options by default, all on request, private and virtual ones only by setting', () => {
    const all = options();
    const names = (list: readonly ConfigOption[]) => list.map((o) => o.name);
    const important = filterConfigOptions(all, { showAll: false, showPrivate: false, showVirtual: false, search: '' });
    expect(names(important).every((n) => IMPORTANT_OPTIONS.includes(n))).toBe(true);
    expect(names(important)).toContain('ContactInfo');
    const everything = filterConfigOptions(all, { showAll: true, showPrivate: false, showVirtual: false, search: '' });
    expect(names(everything)).not.toContain('__ReloadTorrcOnSIGHUP');
    expect(names(everything)).not.toContain('HiddenServiceOptions');
    expect(names(filterConfigOptions(all, { showAll: true, showPrivate: true, showVirtual: true, search: '' }))).toHaveLength(all.length);
    expect(names(filterConfigOptions(all, { showAll: false, showPrivate: false, showVirtual: false, search: 'circuit' }))).toEqual(['MaxCircuitDirtiness']);
    expect(names(filterConfigOptions(all, { showAll: false, showPrivate: false, showVirtual: false, search: 'notices.log' }))).toEqual(['Log']);
  });

  it('sorts by up to three keys, unknown manual entries last', () => {
    const sorted = sortConfigOptions(options(), ['manual', 'name']);
    expect(sorted.slice(0, 4).map((o) => o.name)).toEqual(['BandwidthRate', 'Log', 'ContactInfo', 'Nickname']);
    const bySet = sortConfigOptions(options(), ['is-set', 'name']);
    expect(bySet[0]!.isSet).toBe(true);
    expect(bySet.at(-1)!.isSet).toBe(false);
    expect(sortConfigOptions(options(), ['category', 'name'], ['General', 'Server'])[0]!.name).toBe('BandwidthRate');
  });

  it('colours categories as Nyx does', () => {
    expect(categoryColor('General')).toBe('green');
    expect(categoryColor('Client')).toBe('blue');
    expect(categoryColor('Server')).toBe('yellow');
    expect(categoryColor('Directory Server')).toBe('magenta');
    expect(categoryColor('Directory Authority Server')).toBe('red');
    expect(categoryColor('Hidden Service')).toBe('cyan');
    expect(categoryColor('Testing Network')).toBe('white');
    expect(categoryColor(undefined)).toBe('white');
  });
});

describe('edits', () => {
  it('prefills the current value; line lists joined with "; "', () => {
    expect(editPrefill(byName('Nickname'))).toBe('snowfall');
    expect(editPrefill(byName('Log'))).toBe('notice file /var/log/tor/notices.log; info file /var/log/tor/info.log');
    expect(editPrefill(byName('__ReloadTorrcOnSIGHUP'))).toBe('');
    expect(editPrefill({ ...byName('Nickname'), name: 'HashedControlPassword', values: ['16:ABCDEF'] })).toBe('');
  });

  it('turns input into SETCONF values or RESETCONF', () => {
    expect(planConfigEdit(byName('Nickname'), 'frost')).toEqual({ kind: 'set', name: 'Nickname', values: ['frost'] });
    expect(planConfigEdit(byName('Nickname'), '   ')).toEqual({ kind: 'reset', name: 'Nickname' });
    expect(planConfigEdit(byName('Nickname'), 'snowfall')).toEqual({ kind: 'unchanged', name: 'Nickname' });
    expect(planConfigEdit(byName('CookieAuthentication'), 'false')).toEqual({ kind: 'set', name: 'CookieAuthentication', values: ['0'] });
    expect(planConfigEdit(byName('BandwidthRate'), '1 MB')).toEqual({ kind: 'unchanged', name: 'BandwidthRate' });
    expect(planConfigEdit(byName('Log'), 'notice stdout; info file /x\\;y')).toEqual({ kind: 'set', name: 'Log', values: ['notice stdout', 'info file /x;y'] });
    expect(planConfigEdit(byName('HiddenServiceOptions'), 'x').kind).toBe('refused');
    expect(planConfigEdit(byName('HiddenServiceDir'), '/x').kind).toBe('refused');
    expect(splitLineListInput(' a ;; b ')).toEqual(['a', 'b']);
  });
});
