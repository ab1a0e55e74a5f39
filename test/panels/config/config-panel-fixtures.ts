// Config page inputs for panel tests: the hand-made GETINFO answers of test/relay/config and a
// tiny hand-written "manual" (our own words), plus a renderer through the fake terminal.
import blessed from 'blessed';
import { createPopupBox } from '../../../panels/popups/popup-frame.js';
import { drawConfigPage, initialConfigView, selectConfigPage, type ConfigPageModel, type ConfigView, type ManualStatus } from '../../../panels/config/index.js';
import { buildConfigOptions, filterConfigOptions, parseConfigDefaults, parseConfigNames, sortConfigOptions, DEFAULT_CONFIG_SORT, type ConfigOption } from '../../../src/relay/config/index.js';
import { collectTorrcValues, parseTorrc } from '../../../src/relay/torrc/index.js';
import type { ManualEntry } from '../../../src/system/manual/index.js';
import { createFakeTerminal, readGrid, type FakeTerminal, type Grid } from '../../../src/terminal/index.js';
import { CONFIG_DEFAULTS, CONFIG_NAMES, CONFIG_TEXT } from '../../relay/config/config-fixtures.js';

const entry = (name: string, category: string, index: number, usage: string, paragraphs: string[]): ManualEntry => ({
  name,
  category,
  usage,
  summary: paragraphs[0]!.split('. ')[0]!.replace(/\.?$/, '.'),
  description: paragraphs.map((text) => ({ text, indent: 0 })),
  index,
});

export const MANUAL_ENTRIES: readonly ManualEntry[] = [
  entry('BandwidthRate', 'General', 0, 'N bytes|KBytes|MBytes', ['Caps the average rate of relayed traffic in each direction. Bursts may go above it up to BandwidthBurst.', 'Units are powers of two.']),
  entry('ControlPort', 'General', 1, '[address:]port|auto', ['Listens for controllers such as ortop on this port. Protect it with cookie or password authentication.']),
  entry('CookieAuthentication', 'General', 2, '0|1', ['Lets controllers authenticate by reading a cookie file that tor writes at start.']),
  entry('Log', 'General', 3, 'minSeverity[-maxSeverity] stderr|stdout|syslog|file FILENAME', ['Sends messages of these severities to a place. May be given several times.']),
  entry('MaxCircuitDirtiness', 'Client', 4, 'NUM', ['Reuses a circuit for new streams for at most this long after it was first used.']),
  entry('ExitRelay', 'Server', 5, '0|1|auto', ['Says whether this relay lets traffic leave the network.']),
  entry('ContactInfo', 'Server', 6, 'email_address', ['How the people who run the network can reach you. It is published in your descriptor, so spammers can read it too.', 'Everyone running a relay should set it.']),
  entry('Nickname', 'Server', 7, 'name', ['A short name for this relay, 1 to 19 letters and digits.']),
  entry('PublishServerDescriptor', 'Server', 8, '0|1|v3|bridge,…', ['Where to publish the descriptor.']),
  entry('AccountingMax', 'Server', 9, 'N bytes|KBytes|GBytes', ['Stops relaying for the rest of the period after this much traffic.']),
  entry('HiddenServiceDir', 'Hidden Service', 10, 'DIRECTORY', ['Keeps the keys and hostname of an onion service here.']),
];

export function manualIndex(): Map<string, ManualEntry> {
  return new Map(MANUAL_ENTRIES.map((e) => [e.name.toLowerCase(), e]));
}

/** manual null: as if no manual were installed. */
export function sampleOptions(configText = CONFIG_TEXT, manual: Map<string, ManualEntry> | null = manualIndex()): ConfigOption[] {
  return buildConfigOptions({
    names: parseConfigNames(CONFIG_NAMES),
    defaults: parseConfigDefaults(CONFIG_DEFAULTS),
    configText: collectTorrcValues(parseTorrc(configText).entries),
    ...(manual === null ? {} : { manual }),
  });
}

export function sampleModel(view: ConfigView, options: readonly ConfigOption[] = sampleOptions(), manual: ManualStatus = { kind: 'loaded', path: '/usr/share/man/man1/tor.1.gz' }): ConfigPageModel {
  const rows = sortConfigOptions(filterConfigOptions(options, { showAll: view.showAll, showPrivate: false, showVirtual: false, search: view.search }), view.sort ?? DEFAULT_CONFIG_SORT, ['General', 'Client', 'Server', 'Hidden Service']);
  return { status: { kind: 'ready' }, rows, total: options.filter((o) => !o.isPrivate && !o.isVirtual).length, manual };
}

export const viewWith = (partial: Partial<ConfigView>): ConfigView => ({ ...initialConfigView(), ...partial });

export interface RenderedConfig {
  readonly term: FakeTerminal;
  readonly grid: Grid;
}

export async function renderConfig(model: ConfigPageModel, view: ConfigView, cols: number, rows: number, options: { colors?: boolean; unicode?: boolean } = {}): Promise<RenderedConfig> {
  const term = createFakeTerminal({ cols, rows });
  const box = blessed.box({ parent: term.screen, top: 0, left: 0, width: cols, height: rows, tags: true, wrap: false });
  const popupBox = createPopupBox(term.screen);
  const selection = selectConfigPage(model, view, cols, rows, { unicode: options.unicode ?? true });
  drawConfigPage(box, popupBox, selection.lines, selection.popup, { colors: options.colors ?? true });
  await term.settle();
  return { term, grid: readGrid(term.screen) };
}
