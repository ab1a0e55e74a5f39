// The menu bar's contents (Actions, View, Help) and what each choice does, as Nyx's menu has
// them. Pure: builds menus from the current view; maps a chosen id to an app action.
import type { Menu } from '../../../panels/popups/menu-model.js';

export interface MenuContext {
  readonly pageTitles: readonly string[];
  readonly page: number;
  readonly paused: boolean;
}

export function buildMenus(ctx: MenuContext): Menu[] {
  return [
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
    {
      label: 'View',
      items: ctx.pageTitles.map((title, i) => ({ kind: 'radio' as const, id: `page:${i}`, label: title, selected: i === ctx.page })),
    },
    {
      label: 'Help',
      items: [
        { kind: 'action', id: 'help', label: 'Hotkeys' },
        { kind: 'action', id: 'about', label: 'About' },
      ],
    },
  ];
}
