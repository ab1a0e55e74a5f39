// The drop-down menu as data and its navigation: top-level menus, nested submenus, actions and
// radio items. reduceMenu is pure (state, key) -> state; the app supplies the items and runs what
// is chosen. Keys are blessed key names (key.full): 'up', 'down', 'left', 'right', 'enter', 'escape', 'm'.

export type MenuItem =
  | { readonly kind: 'action'; readonly id: string; readonly label: string }
  | { readonly kind: 'radio'; readonly id: string; readonly label: string; readonly selected: boolean }
  | { readonly kind: 'submenu'; readonly label: string; readonly items: readonly MenuItem[] };

export type MenuChoice = Extract<MenuItem, { kind: 'action' | 'radio' }>;

export interface Menu {
  readonly label: string;
  readonly items: readonly MenuItem[];
}

export interface MenuState {
  readonly menus: readonly Menu[];
  /**
   * path[0] is the open top-level menu; path[1] the cursor in its items; each further entry the
   * cursor in an open submenu. So path.length - 1 lists are open.
   */
  readonly path: readonly number[];
}

export interface MenuResult {
  /** Undefined once the menu has closed. */
  readonly state: MenuState | undefined;
  readonly chosen?: MenuChoice;
}

const wrap = (i: number, n: number): number => ((i % n) + n) % n;

function openTop(menus: readonly Menu[], index: number): MenuState {
  const top = wrap(index, menus.length);
  return { menus, path: menus[top]!.items.length > 0 ? [top, 0] : [top] };
}

/** Opens the menu bar on the given top-level menu; undefined when there are no menus. */
export function openMenu(menus: readonly Menu[], topIndex = 0): MenuState | undefined {
  return menus.length === 0 ? undefined : openTop(menus, topIndex);
}

/** The items of each open list: [top menu items, submenu items, …]. */
export function openLists(state: MenuState): Array<readonly MenuItem[]> {
  const lists: Array<readonly MenuItem[]> = [];
  let items = state.menus[state.path[0]!]?.items ?? [];
  for (let level = 1; level < state.path.length; level++) {
    lists.push(items);
    const item = items[state.path[level]!];
    items = item?.kind === 'submenu' ? item.items : [];
  }
  return lists;
}

/** The item under the cursor in the deepest open list. */
export function currentMenuItem(state: MenuState): MenuItem | undefined {
  const lists = openLists(state);
  return lists.at(-1)?.[state.path.at(-1)!];
}

function enter(state: MenuState, item: MenuItem | undefined): MenuResult | undefined {
  if (item?.kind !== 'submenu' || item.items.length === 0) return undefined;
  return { state: { ...state, path: [...state.path, 0] } };
}

export function reduceMenu(state: MenuState, key: string): MenuResult {
  const { menus, path } = state;
  const top = path[0]!;
  const item = currentMenuItem(state);
  switch (key) {
    case 'escape':
    case 'm':
      return { state: undefined };
    case 'up':
    case 'down': {
      const list = openLists(state).at(-1);
      if (list === undefined || list.length === 0) return { state };
      const next = wrap(path.at(-1)! + (key === 'up' ? -1 : 1), list.length);
      return { state: { menus, path: [...path.slice(0, -1), next] } };
    }
    case 'right':
      return enter(state, item) ?? { state: openTop(menus, top + 1) };
    case 'left':
      if (path.length > 2) return { state: { menus, path: path.slice(0, -1) } };
      return { state: openTop(menus, top - 1) };
    case 'enter':
    case 'return':
    case 'space':
      if (item === undefined) return { state };
      if (item.kind === 'submenu') return enter(state, item) ?? { state };
      return { state: undefined, chosen: item };
    default:
      return { state };
  }
}
