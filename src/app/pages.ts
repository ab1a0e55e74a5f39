// The five pages and what each shows below the header. Pages that are not built yet draw a clear
// placeholder naming what will be there. Pure data + one draw helper.
import type { KeyHint } from '../../panels/panel.js';
import type { PageName, Settings } from '../config/index.js';
import { seg, type Line } from '../terminal/index.js';

export interface PageSpec {
  readonly name: PageName;
  /** As shown in the status line and the View menu. */
  readonly title: string;
  readonly keyHints: readonly KeyHint[];
  /** Placeholder text while the page is not built. */
  readonly placeholder: readonly string[];
}

export const ALL_PAGES: readonly PageSpec[] = [
  {
    name: 'graph',
    title: 'Graph / Log',
    keyHints: [],
    placeholder: ['Bandwidth graph and event log', '', 'Not built yet: this page will graph download and upload from tor\'s BW events', 'and show tor\'s log with filtering and de-duplication.'],
  },
  {
    name: 'connections',
    title: 'Connections',
    keyHints: [],
    placeholder: ['Connections, circuits and streams', '', 'Not built yet: this page will list OR connections, circuits and streams', "from tor's own orconn-status, circuit-status and stream-status."],
  },
  {
    name: 'config',
    title: 'Configuration',
    keyHints: [],
    placeholder: ['Configuration editor', '', "Not built yet: this page will list tor's options with descriptions from the", 'installed tor manual and let you change them (SETCONF / SAVECONF).'],
  },
  {
    name: 'torrc',
    title: 'Torrc',
    keyHints: [],
    placeholder: ['torrc viewer', '', "Not built yet: this page will show tor's configuration file with syntax", 'colours and validation against the running configuration.'],
  },
  {
    name: 'interpreter',
    title: 'Interpreter',
    keyHints: [],
    placeholder: ['Control interpreter', '', 'Not built yet: this page will send raw control-port commands to tor', 'with completion and history.'],
  },
];

/** The pages the settings enable (show_graph, show_connections, …), in order; never empty. */
export function enabledPages(settings: Settings): PageSpec[] {
  const pages = ALL_PAGES.filter((p) => settings.pages[p.name]);
  return pages.length > 0 ? pages : [ALL_PAGES[0]!];
}

/** Placeholder lines, centred vertically-ish, for a page area of the given size. */
export function selectPlaceholder(page: PageSpec, width: number, height: number): Line[] {
  const lines: Line[] = [];
  const top = Math.max(0, Math.floor((height - page.placeholder.length) / 3));
  for (let i = 0; i < top; i++) lines.push([]);
  page.placeholder.forEach((text, i) => lines.push(i === 0 ? [seg(text, { bold: true })] : [seg(text, { fg: 'gray' })]));
  return lines.map((l) => l).slice(0, Math.max(0, height)).map((l) => (width <= 0 ? [] : l));
}
