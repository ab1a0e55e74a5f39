// The menu bar's contents (Actions, View, the shown page's own menu, Help), as Nyx's menu has them.
// Pure: builds menus from the current view. The page's menu is generated from its key table (one
// entry per row with an action), so every page action is reachable from the menu too.
import { menuEntriesOf, type KeyTable } from '../../../panels/key-table.js';
import type { Menu, MenuItem } from '../../../panels/popups/menu-model.js';

/** Menu ids of page entries: the key to press follows ("key:s"). */
export const PAGE_KEY_PREFIX = 'key:';

export interface MenuContext {
  readonly pageTitles: readonly string[];
  readonly page: number;
  readonly paused: boolean;
  /** The Relays overview is shown (several relays). */
  readonly overview?: boolean;
  readonly relayCount?: number;
  /** Colours are on now (the View menu toggles them). */
  readonly colors?: boolean;
  /** The shown page's title and key table. */
  readonly pageMenu?: { readonly title: string; readonly keys: KeyTable };
}

export function buildMenus(ctx: MenuContext): Menu[] {
  const pages: MenuItem[] = ctx.pageTitles.map((title, i) => ({ kind: 'radio' as const, id: `page:${i}`, label: title, selected: ctx.overview !== true && i === ctx.page }));
  if ((ctx.relayCount ?? 1) > 1) pages.unshift({ kind: 'radio', id: 'overview', label: 'Relays', selected: ctx.overview === true });
  if (ctx.colors !== undefined) pages.push({ kind: 'radio', id: 'colors', label: 'Colours', selected: ctx.colors });
  const menus: Menu[] = [
    {
      label: 'Actions',
      items: [
        { kind: 'action', id: 'close', label: 'Close Menu' },
        { kind: 'action', id: 'newnym', label: 'New Identity' },
        { kind: 'action', id: 'reload', label: 'Reload Tor (SIGHUP)…' },
        { kind: 'action', id: 'reconnect', label: 'Reconnect' },
        { kind: 'action', id: 'pause', label: ctx.paused ? 'Unpause' : 'Pause' },
        { kind: 'action', id: 'quit', label: 'Exit' },
      ],
    },
    { label: 'View', items: pages },
  ];
  const entries = ctx.pageMenu === undefined ? [] : menuEntriesOf(ctx.pageMenu.keys);
  if (ctx.pageMenu !== undefined && entries.length > 0) {
    menus.push({ label: ctx.pageMenu.title, items: entries.map((e) => ({ kind: 'action' as const, id: `${PAGE_KEY_PREFIX}${e.key}`, label: e.label })) });
  }
  menus.push({
    label: 'Help',
    items: [
      { kind: 'action', id: 'help', label: 'Hotkeys' },
      { kind: 'action', id: 'about', label: 'About' },
    ],
  });
  return menus;
}
