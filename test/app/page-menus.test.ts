// Per-page menus (issue 17): the menu bar has the shown page's own menu, generated from its key
// table — one entry per row with an action (navigation rows excepted), choosing it does what the
// key does — so every page action is reachable from the menu; and View's Colours switches the
// theme at run time and redraws.
import { afterEach, describe, expect, it } from 'vitest';
import { menuEntriesOf } from '../../panels/key-table.js';
import { currentMenuItem, type MenuState } from '../../panels/popups/menu-model.js';
import { buildMenus } from '../../src/app/shell/app-menu.js';
import { globalKeyTable, initialView, openAppMenu, reduceGlobalKey } from '../../src/app/shell/view-state.js';
import { graphLogKeyTable, initialGraphLogState } from '../../src/app/pages/graph-log-keys.js';
import { BOUND_LABELS, nextBound } from '../../panels/graph/index.js';
import { formatStyleRuns, readGrid } from '../../src/terminal/index.js';
import { startApp, stopApps } from '../helpers/app-harness.js';

afterEach(stopApps);

const TITLES = ['Graph / Log', 'Connections', 'Configuration', 'Torrc', 'Interpreter'];
const GRAPH = graphLogKeyTable(initialGraphLogState({ stat: 'bandwidth', interval: 'each second', bound: 'local_max', barRows: 7 }, true, []));

const menuOf = (state: MenuState | undefined, label: string) => state?.menus.find((m) => m.label === label);

describe('page menus from key tables', () => {
  it('one entry per action row, navigation rows left out, in table order', () => {
    const entries = menuEntriesOf(GRAPH);
    expect(entries.map((e) => e.key)).toEqual(['s', 'i', 'b', 'g', 'u', 'f', 'e', 'a', 'c']);
    expect(entries[2]!.label).toBe('Graph bounds (local max)');
    const menus = buildMenus({ pageTitles: TITLES, page: 0, paused: false, pageMenu: { title: 'Graph / Log', keys: GRAPH } });
    expect(menus.map((m) => m.label)).toEqual(['Actions', 'View', 'Graph / Log', 'Help']);
  });

  it('choosing an entry presses its key on the page', () => {
    let view = openAppMenu(initialView(TITLES), { pageTitle: 'Graph / Log', pageKeys: GRAPH, colors: true });
    expect(view.popup.kind).toBe('menu');
    for (const key of ['right', 'right', 'down', 'down']) view = reduceGlobalKey(view, key, true).view;
    const state = view.popup.kind === 'menu' ? view.popup.state : undefined;
    expect(currentMenuItem(state!)).toMatchObject({ id: 'key:b', label: 'Graph bounds (local max)' });
    const chosen = reduceGlobalKey(view, 'enter', true);
    expect(chosen.actions).toEqual([{ kind: 'page-key', key: 'b' }]);
    expect(chosen.view.popup.kind).toBe('none');
  });

  it('every global action row is reachable from Actions, View or Help', () => {
    const view = openAppMenu(initialView(TITLES, 0, 2), { colors: true });
    const state = view.popup.kind === 'menu' ? view.popup.state : undefined;
    const ids = state!.menus.flatMap((m) => m.items.map((i) => ('id' in i ? i.id : '')));
    const byAction: Record<string, string> = { pause: 'pause', help: 'help', newnym: 'newnym', reconnect: 'reconnect', reload: 'reload', quit: 'quit', overview: 'overview' };
    for (const row of globalKeyTable(initialView(TITLES, 0, 2))) {
      if (row.action === undefined || row.menu === false) continue;
      if (row.action === 'menu' || row.action === 'quit-now' || row.action === 'suspend') continue; // the menu itself; Ctrl-C and Ctrl-Z are keys of the terminal
      expect(ids, row.action).toContain(byAction[row.action]);
    }
    expect(menuOf(state, 'View')?.items.map((i) => i.label)).toEqual(['Relays', ...TITLES, 'Colours']);
  });
});

describe('page menus in the app', () => {
  it('the Graph / Log menu changes the graph bounds as b does', async () => {
    const { keys, app, text } = await startApp({ cols: 120, rows: 40 });
    expect(text()).toContain('local max');
    await keys('m', 'right', 'right');
    expect(text()).toContain('Graph bounds (local max)');
    await keys('down', 'down', 'enter');
    expect(app.viewState.popup.kind).toBe('none');
    expect(text()).toContain(BOUND_LABELS[nextBound('local_max')]);
    expect((app.currentPage as unknown as { models: { state: { graph: { bound: string } } } }).models.state.graph.bound).toBe(nextBound('local_max'));
  });

  it("each page's menu lists its actions; the Connections menu's Sort opens the sort popup", async () => {
    const { keys, app, text } = await startApp({ cols: 120, rows: 40 });
    await keys('2', 'm', 'right', 'right');
    expect(text()).toContain('Sort by up to three keys');
    expect(text()).toContain('Close the selected circuit (CLOSECIRCUIT)');
    await keys('down', 'down', 'down', 'enter');
    expect(app.currentPage.capturesKeys()).toBe(true);
  });

  it('View > Colours turns colours off and on at run time', async () => {
    const { keys, term, text } = await startApp({ cols: 120, rows: 40 });
    const colours = () => formatStyleRuns(readGrid(term.screen)).split('\n').filter((l) => /fg=(red|green|yellow|blue|magenta|cyan|bright)/.test(l)).length;
    expect(colours()).toBeGreaterThan(0);
    const toggle = async () => {
      await keys('m', 'right');
      const rows = text().split('\n');
      expect(rows.some((r) => r.includes('[X] Colours') || r.includes('[ ] Colours'))).toBe(true);
      await keys('up', 'enter'); // Colours is the last View entry
    };
    await toggle();
    expect(text()).toContain('Colours off');
    expect(colours()).toBe(0);
    await toggle();
    expect(colours()).toBeGreaterThan(0);
  });
});
