// Sample inputs for the popup tests: a Nyx-like menu bar, key hints, and a rendering helper that
// draws a busy background first so the snapshots show what a popup covers.
import blessed from 'blessed';
import type { KeyHint } from '../../../panels/panel.js';
import type { Menu, MenuItem } from '../../../panels/popups/index.js';
import { createFakeTerminal, readGrid, type FakeTerminal, type Grid } from '../../../src/terminal/index.js';

const radio = (id: string, label: string, selected = false): MenuItem => ({ kind: 'radio', id, label, selected });
const action = (id: string, label: string): MenuItem => ({ kind: 'action', id, label });

export const MENUS: readonly Menu[] = [
  {
    label: 'Actions',
    items: [action('close', 'Close Menu'), action('newnym', 'New Identity'), action('reload', 'Reset Tor'), action('pause', 'Pause'), action('quit', 'Exit')],
  },
  {
    label: 'View',
    items: [
      radio('page-1', 'Graph / Log', true),
      radio('page-2', 'Connections'),
      radio('page-3', 'Configuration'),
      { kind: 'submenu', label: 'Color', items: [radio('color-all', 'All', true), radio('color-red', 'Red'), radio('color-green', 'Green'), radio('color-cyan', 'Cyan')] },
    ],
  },
  {
    label: 'Graph',
    items: [
      radio('stat-bandwidth', 'Bandwidth', true),
      radio('stat-connections', 'Connections'),
      {
        kind: 'submenu',
        label: 'Interval',
        items: ['each second', '5 seconds', '30 seconds', 'minutely', '15 minute', '30 minute', 'hourly', 'daily'].map((l, i) => radio(`interval-${i}`, l, i === 0)),
      },
      { kind: 'submenu', label: 'Empty', items: [] },
    ],
  },
  { label: 'Help', items: [action('hotkeys', 'Hotkeys'), action('about', 'About')] },
];

export const PAGE_KEYS: readonly KeyHint[] = [
  { keys: 'g', description: 'resize graph' },
  { keys: 's', description: 'graphed stats', current: 'bandwidth' },
  { keys: 'b', description: 'graph bounds', current: 'local max' },
  { keys: 'i', description: 'graph update interval', current: 'each second' },
  { keys: 'Up/Down', description: 'scroll log' },
  { keys: 'e', description: 'change logged events' },
  { keys: 'f', description: 'log regex filter', current: 'disabled' },
  { keys: 'u', description: 'duplicate log entries', current: 'hidden' },
  { keys: 'c', description: 'clear event log' },
];

export const GLOBAL_KEYS: readonly KeyHint[] = [
  { keys: 'Left/Right', description: 'previous / next page' },
  { keys: 'p', description: 'pause', current: 'off' },
  { keys: 'm', description: 'menu' },
  { keys: 'n', description: 'new identity' },
  { keys: 'r', description: 'reconnect to tor' },
  { keys: 'x', description: 'reload tor (SIGHUP)' },
  { keys: 'q', description: 'quit' },
];

export interface Rendered {
  readonly term: FakeTerminal;
  readonly grid: Grid;
}

/** A fake terminal with a dotted background; `draw` adds the popup, then the screen settles. */
export async function renderOnBackground(cols: number, rows: number, draw: (screen: blessed.Widgets.Screen) => void): Promise<Rendered> {
  const term = createFakeTerminal({ cols, rows });
  const row = '.'.repeat(cols);
  blessed.box({ parent: term.screen, top: 0, left: 0, width: '100%', height: '100%', content: Array.from({ length: rows }, () => row).join('\n'), wrap: false });
  draw(term.screen);
  await term.settle();
  return { term, grid: readGrid(term.screen) };
}
