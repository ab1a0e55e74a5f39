// Renders the connections page (list, detail box, popups) from a fixed model through the real
// blessed stack into a fake terminal and reads it back.
import { selectBarChartPopup } from '../../../panels/popups/bar-chart-popup.js';
import { selectDescriptorPopup } from '../../../panels/popups/descriptor-popup.js';
import { selectSortPopup } from '../../../panels/popups/sort-popup.js';
import type { PopupModel } from '../../../panels/popups/popup-frame.js';
import {
  ConnectionList,
  countClientCountries,
  countExitPorts,
  createConnectionsWidgets,
  drawConnections,
  initialConnectionsView,
  selectConnections,
  type ConnectionsFrame,
  type ConnectionsView,
  type LineContext,
} from '../../../panels/connections/index.js';
import type { RelayDetails, Stream } from '../../../src/relay/connections/index.js';
import { createFakeTerminal, readGrid, type FakeTerminal, type Grid } from '../../../src/terminal/index.js';
import { NOW_MS, type Fixture } from './fixtures.js';

export interface Rendered {
  readonly term: FakeTerminal;
  readonly grid: Grid;
  readonly frame: ConnectionsFrame;
}

export function baseView(patch: Partial<ConnectionsView> = {}): ConnectionsView {
  return { ...initialConnectionsView({ scrub: true, showAddresses: true }), ...patch };
}

export function lineContext(f: Fixture, view: ConnectionsView, unicode = true): LineContext {
  const bySource = new Map<string, Stream>();
  for (const s of f.store.streams.values()) if (s.sourceAddr !== undefined) bySource.set(s.sourceAddr, s);
  return { store: f.store, directory: f.directory, countries: f.countries, nowMs: NOW_MS, unicode, scrub: view.scrub, hideAllAddresses: view.hideAllAddresses, streamFrom: (a) => bySource.get(a) };
}

export async function renderConnections(f: Fixture, view: ConnectionsView, cols: number, rows: number, details?: RelayDetails): Promise<Rendered> {
  const term = createFakeTerminal({ cols, rows });
  const list = new ConnectionList();
  list.sync(f, view);
  const ctx = lineContext(f, view);
  const frame = selectConnections({ list, ctx, view, details, width: cols, height: rows });
  const area = { top: 0, left: 0, width: cols, height: rows };
  let popup: PopupModel | undefined;
  if (view.popup.kind === 'descriptor') popup = selectDescriptorPopup(details, details?.fingerprint, `guardian (${details?.fingerprint ?? '?'})`, view.popup.scroll, area).model;
  if (view.popup.kind === 'sort') popup = selectSortPopup(view.sort, view.popup.chosen, view.popup.cursor, area);
  if (view.popup.kind === 'chart') {
    const data = view.popup.chart === 'countries' ? countClientCountries(f.store, f.directory, f.countries) : countExitPorts(f.store);
    popup = selectBarChartPopup({ title: view.popup.chart === 'countries' ? 'Client countries' : 'Exit port usage', counts: data.counts, note: data.note, unicode: true }, area);
  }
  const widgets = createConnectionsWidgets(term.screen);
  drawConnections(widgets, { top: 0, width: cols, height: rows }, frame.lines, popup, { colors: true });
  await term.settle();
  return { term, grid: readGrid(term.screen), frame };
}
