// Page 2: connections, circuits and streams from tor's own reports, completed by the socket table.
// Glue only: the session's collectors keep the model, the panel selects and draws, keys go through
// the panel's reducer and the commands it returns (CLOSECIRCUIT, messages) run here.
import type blessed from 'blessed';
import { selectBarChartPopup } from '../../../panels/popups/bar-chart-popup.js';
import { selectDescriptorPopup } from '../../../panels/popups/descriptor-popup.js';
import { selectSortPopup } from '../../../panels/popups/sort-popup.js';
import type { PopupModel } from '../../../panels/popups/popup-frame.js';
import {
  availableCharts,
  ConnectionList,
  CONNECTIONS_KEY_HINTS,
  CONNECTIONS_KEY_TABLE,
  countClientCountries,
  countExitPorts,
  createConnectionsWidgets,
  drawConnections,
  hideConnections,
  initialConnectionsView,
  reduceConnectionsKey,
  selectConnections,
  type ConnectionsFrame,
  type ConnectionsView,
  type KeyContext,
  type LineContext,
  type ListLine,
} from '../../../panels/connections/index.js';
import { lastHop, nicknameOf, type RelayDirectory, type Stream } from '../../relay/connections/index.js';
import type { Page, PageContext, PageFactory } from './page.js';

/** How often the ages shown on the connections page move on. */
export const AGE_STEP_MS = 5000;

/** The relay a line is about: the peer of an OR connection, a hop, a circuit's last hop. */
export function relayOfLine(line: ListLine | undefined, directory: RelayDirectory): string | undefined {
  if (line === undefined) return undefined;
  const item = line.entry.item;
  if (item.kind === 'or') return line.kind === 'entry' ? item.conn.fingerprint : undefined;
  if (item.kind === 'circuit') {
    if (line.kind === 'hop') return item.circuit.path[line.index]?.fingerprint?.toUpperCase();
    if (line.kind === 'entry') return lastHop(item.circuit)?.fingerprint?.toUpperCase();
    return undefined;
  }
  if (item.kind === 'socket' && item.row.category === 'directory') {
    const fps = directory.atAddress(item.row.socket.remoteAddress);
    return fps.length === 1 ? fps[0] : undefined;
  }
  return undefined;
}

export function createConnectionsPage(): PageFactory {
  return (context: PageContext, parent: blessed.Widgets.Node): Page => {
    const session = context.session;
    const consensus = session.consensus;
    const directory = consensus.directory;
    const collector = session.connections;
    const details = session.details;
    const list = new ConnectionList();
    const widgets = createConnectionsWidgets(parent);
    let view: ConnectionsView = initialConnectionsView({ scrub: context.settings.scrubClientAddresses, showAddresses: context.settings.showAddresses });
    let frame: ConnectionsFrame | undefined;
    let pausedAtMs: number | undefined;
    let directoryVersion = directory.version;
    let streamIndex: { version: number; bySource: Map<string, Stream> } | undefined;

    const streamFrom = (source: string): Stream | undefined => {
      const store = collector.store;
      if (streamIndex?.version !== store.version) {
        const bySource = new Map<string, Stream>();
        for (const s of store.streams.values()) if (s.sourceAddr !== undefined) bySource.set(s.sourceAddr, s);
        streamIndex = { version: store.version, bySource };
      }
      return streamIndex.bySource.get(source);
    };

    const lineContext = (nowMs: number): LineContext => ({
      store: collector.store,
      directory,
      countries: collector.countries,
      nowMs,
      unicode: context.unicode,
      scrub: view.scrub,
      hideAllAddresses: view.hideAllAddresses,
      streamFrom,
    });

    const problems = (): string[] => {
      const out: string[] = [];
      if (collector.problem !== undefined) out.push(collector.problem);
      if (consensus.problem !== undefined) out.push(consensus.problem);
      return out;
    };

    const keyContext = (): KeyContext => ({
      lineCount: list.lineCount,
      listRows: frame?.listRows ?? 10,
      selectedLine: frame?.selectedLine,
      lineKeyAt: (i) => list.lineAt(i)?.key,
      stepRelay: (from, direction) => {
        for (let i = from + direction; i >= 0 && i < list.lineCount; i += direction) {
          const line = list.lineAt(i);
          if (line?.kind === 'entry' && relayOfLine(line, directory) !== undefined) return i;
        }
        return undefined;
      },
      selectedRelay: relayOfLine(frame?.selectedLine, directory),
      charts: availableCharts(collector.store),
    });

    function popupModel(area: { top: number; width: number; height: number }): PopupModel | undefined {
      const popupArea = { top: area.top, left: 0, width: area.width, height: area.height };
      const popup = view.popup;
      if (popup.kind === 'sort') return selectSortPopup(view.sort, popup.chosen, popup.cursor, popupArea);
      if (popup.kind === 'chart') {
        const data = popup.chart === 'countries' ? countClientCountries(collector.store, directory, collector.countries) : countExitPorts(collector.store);
        const title = popup.chart === 'countries' ? 'Client countries' : 'Exit port usage';
        return selectBarChartPopup({ title, counts: data.counts, note: data.note, unicode: context.unicode }, popupArea);
      }
      if (popup.kind === 'descriptor') {
        const fp = relayOfLine(frame?.selectedLine, directory);
        const info = fp === undefined ? undefined : details.get(fp);
        const nick = fp === undefined ? undefined : nicknameOf(directory, { fingerprint: fp, nickname: undefined });
        const title = fp === undefined ? 'Descriptor' : `${nick ?? 'relay'} (${fp})`;
        const result = selectDescriptorPopup(info, fp, title, popup.scroll, popupArea);
        if (result.scroll !== popup.scroll) view = { ...view, popup: { kind: 'descriptor', scroll: result.scroll } };
        return result.model;
      }
      return undefined;
    }

    function runCommand(command: ReturnType<typeof reduceConnectionsKey>['command']): void {
      if (command === undefined) return;
      if (command.kind === 'message') {
        context.notify(command.text);
        return;
      }
      const id = command.circuitId;
      session.controller.closeCircuit(id).then(
        () => context.notify(`Closed circuit ${id}`),
        (e: Error) => context.notify(`Could not close circuit ${id}: ${e.message}`),
      );
    }

    return {
      name: 'connections',
      title: 'Connections',
      // A busy relay changes its connections many times a second: the changes ride along with the
      // next frame (tor's BW event draws one every second), or get their own within a second.
      parts: { now: [], soon: ['connections'] },
      keyHints: () => CONNECTIONS_KEY_HINTS(view),
      keyTable: () => (view.popup.kind !== 'none' || view.editingFilter !== undefined ? undefined : CONNECTIONS_KEY_TABLE(view)),
      setVisible(visible) {
        session.setConnectionsWatched(visible);
        if (!visible) collector.setTrafficWatched(false);
        if (!visible) hideConnections(widgets);
      },
      draw(area, nowMs) {
        const paused = context.isPaused();
        if (!paused) pausedAtMs = undefined;
        else pausedAtMs ??= nowMs;
        if (directory.version !== directoryVersion) {
          directoryVersion = directory.version;
          details.clear();
        }
        if (!paused) list.sync({ store: collector.store, directory, countries: collector.countries }, { ...view, nowMs });
        // Ages advance in AGE_STEP_MS steps (as Nyx refreshes its list every 5 s): a list of
        // hundreds of rows is then not rewritten on every BW redraw, which over ssh costs bytes.
        const ctx = lineContext(pausedAtMs ?? Math.floor(nowMs / AGE_STEP_MS) * AGE_STEP_MS);
        const selectedRelay = view.detailOpen ? relayOfLine(frame?.selectedLine, directory) : undefined;
        frame = selectConnections({
          list,
          ctx,
          view,
          details: selectedRelay === undefined ? undefined : details.get(selectedRelay),
          problems: problems(),
          width: area.width,
          height: area.height,
        });
        view = { ...view, selectedKey: frame.selectedKey, selectedIndex: frame.selectedIndex, scrollTop: frame.scrollTop };
        // The detail box may now be about another relay than the one looked up above.
        const relay = view.detailOpen ? relayOfLine(frame.selectedLine, directory) : undefined;
        if (relay !== undefined && relay !== selectedRelay) {
          frame = selectConnections({ list, ctx, view, details: details.get(relay), problems: problems(), width: area.width, height: area.height });
        }
        // Byte counts (CONN_BW, CIRC_BW) are shown only in the details: followed only while open.
        collector.setTrafficWatched(view.detailOpen);
        drawConnections(widgets, area, frame.lines, popupModel(area), context.theme);
      },
      capturesKeys: () => view.popup.kind !== 'none' || view.editingFilter !== undefined,
      // A click on a line selects it; on the selected line, opens or closes its details (as Enter).
      handleMouse(event) {
        if (event.kind !== 'click' || frame === undefined || view.popup.kind !== 'none' || view.editingFilter !== undefined) return false;
        const top = frame.listTop ?? 0;
        const index = frame.scrollTop + event.row - top;
        if (event.row < top || event.row >= top + frame.listRows || index < 0 || index >= list.lineCount) return false;
        if (index === view.selectedIndex) return this.handleKey('enter', undefined);
        view = { ...view, selectedIndex: index, selectedKey: list.lineAt(index)?.key };
        context.invalidate();
        return true;
      },
      awaitsAnswer: () => view.popup.kind === 'confirm-close',
      handleKey(key, ch) {
        const outcome = reduceConnectionsKey(view, key, ch, keyContext());
        view = outcome.view;
        runCommand(outcome.command);
        context.invalidate();
        return outcome.handled;
      },
    };
  };
}
