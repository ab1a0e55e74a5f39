// Page 1: the bandwidth graph on top (graph_height rows of bars plus labels) and tor's event log
// below, as in Nyx. Glue only: reads the session's graph and log, keeps the view state, runs the
// commands the key reducer returns, and draws the panels, popups and prompts. Freezes what it
// shows while paused; collecting never stops.
import type blessed from 'blessed';
import { drawPanelLines, graphPanelHeight, selectGraphLines, type GraphPanelInput } from '../../../panels/graph/index.js';
import { listShownEntries, scrollLog, selectLogLines, type LogPanelInput } from '../../../panels/log/index.js';
import { selectConfirmLine } from '../../../panels/popups/confirm-prompt.js';
import { eventPickerColumns, selectEventPickerPopup } from '../../../panels/popups/event-picker.js';
import { selectListPickerPopup } from '../../../panels/popups/list-picker.js';
import { createPopupBox, drawPopup, type PopupArea, type PopupModel } from '../../../panels/popups/popup-frame.js';
import { selectTextInputLine } from '../../../panels/popups/text-input.js';
import type { GraphModel } from '../../relay/bandwidth/index.js';
import { condenseEventTypes, type LogBuffer } from '../../relay/log/index.js';
import { localDay } from '../../relay/log/log-entry.js';
import { LastAnswer } from '../../../panels/last-answer.js';
import { seg, type Line } from '../../terminal/theme.js';
import type { KeyHint } from '../../../panels/panel.js';
import { createPanelBox } from '../../../panels/panel-box.js';
import { askReplaceFile, graphLogKeyTable, initialGraphLogState, isModal, reduceGraphLogKey, RESIZE_HINT, type GraphLogCommand, type GraphLogState } from './graph-log-keys.js';
import { keyHintsOf, type KeyTable } from '../../../panels/key-table.js';
import type { GraphCollector } from '../session/graph-collector.js';
import type { LogCollector } from '../session/log-collector.js';
import { saveLogSnapshot } from '../session/log-writer.js';
import type { Page, PageContext, PageFactory } from './page.js';

export interface GraphLogDeps {
  readonly saveSnapshot: typeof saveLogSnapshot;
}

/** Rows the log keeps however tall the graph is asked to be (title + entries). */
const MIN_LOG_ROWS = 6;

export const DEFAULT_GRAPH_LOG_DEPS: GraphLogDeps = { saveSnapshot: saveLogSnapshot };

export function makeGraphLogPage(deps: GraphLogDeps = DEFAULT_GRAPH_LOG_DEPS): PageFactory {
  return (context, parent) => new GraphLogPage(context, parent, deps);
}

export const createGraphLogPage: PageFactory = makeGraphLogPage();

class GraphLogPage implements Page {
  readonly name = 'graph' as const;
  readonly title = 'Graph / Log';
  // The graph draws at once (once a second, on BW); new log lines ride along with that frame, or
  // get their own within a second, so a flood of them costs no extra frames.
  readonly parts = { now: ['graph'], soon: ['log'] } as const;
  private state: GraphLogState;
  private readonly graph: GraphCollector;
  private readonly logs: LogCollector;
  private readonly graphBox: blessed.Widgets.BoxElement;
  private readonly logBox: blessed.Widgets.BoxElement;
  private readonly popupBox: blessed.Widgets.BoxElement;
  private readonly promptBox: blessed.Widgets.BoxElement;
  private frozen: { graph: GraphModel; log: LogBuffer } | undefined;
  private logArea = { width: 80, height: 10 };
  private pickerColumns = 1;
  private readonly logLines = new LastAnswer<Line[]>();

  constructor(
    private readonly context: PageContext,
    private readonly parent: blessed.Widgets.Node,
    private readonly deps: GraphLogDeps,
  ) {
    const s = context.settings;
    this.state = initialGraphLogState(
      { stat: s.graphStat, interval: s.graphInterval, bound: s.graphBound, barRows: s.graphHeight },
      s.deduplicateLog,
      [...s.loggingFilter].reverse(),
    );
    this.graph = context.session.graph;
    this.logs = context.session.logs;
    this.graphBox = createPanelBox(parent);
    this.logBox = createPanelBox(parent);
    this.popupBox = createPopupBox(parent);
    this.promptBox = createPanelBox(parent);
  }

  /** Live models (tests and benchmarks look inside). */
  get models(): { graph: GraphModel; log: LogBuffer; state: GraphLogState; selection: readonly string[] } {
    return { graph: this.graph.model, log: this.logs.buffer, state: this.state, selection: this.logs.selection };
  }

  keyTable(): KeyTable | undefined {
    return isModal(this.state) ? undefined : graphLogKeyTable(this.state, { events: condenseEventTypes(this.logs.selection) });
  }

  keyHints(): readonly KeyHint[] {
    return keyHintsOf(graphLogKeyTable(this.state, { events: condenseEventTypes(this.logs.selection) }));
  }

  setVisible(visible: boolean): void {
    if (!visible) for (const box of [this.graphBox, this.logBox, this.popupBox, this.promptBox]) box.hide();
  }

  capturesKeys(): boolean {
    return isModal(this.state);
  }

  awaitsAnswer(): boolean {
    return this.state.modal.kind === 'confirm';
  }

  handleKey(key: string, ch: string | undefined): boolean {
    const r = reduceGraphLogKey(this.state, key, ch, {
      eventNames: this.logs.availableTypes(),
      selection: this.logs.selection,
      pickerColumns: this.pickerColumns,
    });
    this.state = r.state;
    for (const command of r.commands) this.run(command);
    return r.used;
  }

  draw(area: { readonly top: number; readonly width: number; readonly height: number }, nowMs: number): void {
    if (this.context.isPaused()) this.frozen ??= { graph: this.graph.model.clone(), log: this.logs.buffer.clone() };
    else this.frozen = undefined;
    const width = Math.max(0, area.width);
    const height = Math.max(0, area.height);
    const graphInput = this.graphInput(nowMs);
    const wanted = graphPanelHeight(graphInput, width);
    const graphRows = Math.max(0, Math.min(wanted, height - Math.min(MIN_LOG_ROWS, height)));
    drawPanelLines(this.graphBox, { top: area.top, width, height: graphRows }, selectGraphLines(graphInput, width, graphRows), this.context.theme);
    const logRows = height - graphRows;
    this.logArea = { width, height: logRows };
    const log = this.logInput(nowMs);
    // The log changes a few times a second at most; the frame each second reuses its lines.
    const logKey = [log.buffer, log.buffer.version, log.view, log.filter, log.types, log.maxLineWrap, log.unicode, localDay(nowMs), width, logRows];
    const logLines = this.logLines.get(logKey, () => selectLogLines(log, width, logRows));
    drawPanelLines(this.logBox, { top: area.top + graphRows, width, height: logRows }, logLines, this.context.theme);
    this.drawModal({ top: area.top, left: 0, width, height });
  }

  private graphInput(nowMs: number): GraphPanelInput {
    const s = this.context.settings;
    return {
      model: this.frozen?.graph ?? this.graph.model,
      view: this.state.graph,
      nowMs,
      bits: s.showBits,
      unicode: this.context.unicode,
      showAccounting: s.showAccounting,
    };
  }

  private logInput(nowMs: number): LogPanelInput {
    return {
      buffer: this.frozen?.log ?? this.logs.buffer,
      view: this.state.log,
      filter: this.state.filter,
      types: condenseEventTypes(this.logs.selection) || 'nothing selected',
      nowMs,
      maxLineWrap: this.context.settings.maxLineWrap,
      unicode: this.context.unicode,
    };
  }

  private drawModal(area: PopupArea): void {
    const modal = this.state.modal;
    this.pickerColumns = eventPickerColumns(area);
    let popup: PopupModel | undefined;
    if (modal.kind === 'pick') popup = selectListPickerPopup(modal.picker, area);
    else if (modal.kind === 'events') popup = selectEventPickerPopup({ ...modal.picker, columns: this.pickerColumns }, area);
    if (popup !== undefined) popup = { ...popup, left: Math.max(0, Math.floor((area.width - popup.width) / 2)) };
    drawPopup(this.popupBox, popup, this.context.theme);

    let prompt: Line | undefined;
    if (modal.kind === 'input') prompt = selectTextInputLine(modal.input, modal.prompt, area.width);
    else if (modal.kind === 'confirm') prompt = selectConfirmLine(modal.prompt, area.width);
    else if (modal.kind === 'resize') prompt = [seg(`${RESIZE_HINT} (${this.state.graph.barRows} rows)`, { bold: true })];
    if (prompt === undefined || area.width <= 0) {
      this.promptBox.hide();
      return;
    }
    // On the status line (the row under the page) when the screen has one, else the page's last row.
    const screenRows = (this.parent as unknown as { height?: number }).height ?? 0;
    const below = area.top + area.height;
    const row = below < screenRows ? below : Math.max(area.top, below - 1);
    drawPanelLines(this.promptBox, { top: row, width: area.width, height: 1 }, [prompt], this.context.theme);
    this.promptBox.setFront();
  }

  private run(command: GraphLogCommand): void {
    const c = this.context;
    switch (command.kind) {
      case 'scroll':
        this.state = { ...this.state, log: scrollLog(this.logInput(c.clock.nowMs()), this.logArea.width, this.logArea.height, command.step) };
        return;
      case 'set-events': {
        const names = command.events;
        this.logs.setSelection(names).then(
          () => c.notify(`Logging ${condenseEventTypes(this.logs.selection)}`),
          (e: Error) => c.notify(`Could not change the events: ${e.message}`),
        );
        return;
      }
      case 'save-snapshot': {
        const input = this.logInput(c.clock.nowMs());
        const shown = listShownEntries(input.buffer, input.view.dedup, input.filter).reverse();
        this.deps.saveSnapshot(command.path, shown, { replace: command.replace === true }).then(
          (saved) => {
            if (saved.kind === 'saved') c.notify(`Saved ${shown.length} entries to ${saved.path}`);
            else if (saved.kind === 'refused') c.notify(`Not saved: ${saved.reason}`);
            else {
              const asking = askReplaceFile(this.state, saved.path, saved.size);
              if (asking === undefined) c.notify(`Not saved: ${saved.path} exists; save again to replace it`);
              else {
                this.state = asking;
                c.invalidate();
              }
            }
          },
          (e: Error) => c.notify(`Could not save the log: ${e.message}`),
        );
        return;
      }
      case 'clear-log':
        this.logs.clear();
        this.frozen?.log.clear();
        this.state = { ...this.state, log: { ...this.state.log, anchor: undefined } };
        c.notify('Log cleared');
        return;
      case 'message':
        c.notify(command.text);
        return;
    }
  }
}
