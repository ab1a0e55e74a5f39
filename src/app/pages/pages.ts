// The six pages in order, and which factory builds each. A page not built yet is a placeholder
// naming what will be there. To add a page: write its factory and put it in PAGE_FACTORIES.
import type { PageName, Settings } from '../../config/index.js';
import { createConnectionsPage } from './connections-page.js';
import type { PageFactory } from './page.js';
import { createConfigPage } from './config-page.js';
import { createGraphLogPage } from './graph-log-page.js';
import { createInterpreterPage } from './interpreter-page.js';
import { createPlaceholderPage } from './placeholder-page.js';
import { createTorrcPage } from './torrc-page.js';
import { createHealthPage } from './health-page.js';

export const PAGE_ORDER: readonly PageName[] = ['graph', 'connections', 'config', 'torrc', 'interpreter', 'health'];

export const PAGE_FACTORIES: Readonly<Record<PageName, PageFactory>> = {
  graph: createGraphLogPage,
  connections: createConnectionsPage(),
  config: createConfigPage(),
  torrc: createTorrcPage(),
  interpreter: createInterpreterPage(),
  health: createHealthPage(),
};

/** The pages the settings enable (show_graph, show_connections, …), in order; never empty. */
export function enabledPageNames(settings: Settings): PageName[] {
  const names = PAGE_ORDER.filter((name) => settings.pages[name]);
  return names.length > 0 ? names : ['graph'];
}
