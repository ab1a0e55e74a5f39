// Page 4: the torrc tor reads, with its %include files, syntax colours and validation marks.
// Glue only: the session's TorrcCollector reads and checks, panels/torrc selects and draws; keys scroll and
// toggle line numbers (l) and comments (s). Read-only.
import type blessed from 'blessed';
import { actionOf, keyHintsOf, type KeyTable } from '../../../panels/key-table.js';
import type { KeyHint } from '../../../panels/panel.js';
import { createPanelBox, placePanelBox } from '../../../panels/panel-box.js';
import { drawTorrcPage, initialTorrcView, reduceTorrcKey, selectTorrcPage, type TorrcView } from '../../../panels/torrc/index.js';
import type { Page, PageContext, PageFactory } from './page.js';
import type { TorrcCollector } from '../session/torrc-collector.js';

export class TorrcPage implements Page {
  readonly name = 'torrc' as const;
  readonly title = 'Torrc';
  readonly parts = { now: ['torrc'], soon: [] } as const;
  readonly collector: TorrcCollector;
  private view: TorrcView = initialTorrcView();
  private readonly box: blessed.Widgets.BoxElement;
  /** While paused: the torrc and its marks as they were when the pause began. */
  private frozen: Pick<TorrcCollector, 'status' | 'marks' | 'validation'> | undefined;

  constructor(
    private readonly context: PageContext,
    parent: blessed.Widgets.Node,
  ) {
    this.box = createPanelBox(parent);
    this.collector = context.session.torrc;
  }

  get viewState(): TorrcView {
    return this.view;
  }

  keyTable(): KeyTable {
    return torrcKeyTable(this.view);
  }

  keyHints(): readonly KeyHint[] {
    return keyHintsOf(torrcKeyTable(this.view));
  }

  setVisible(visible: boolean): void {
    if (visible) this.context.session.watch('torrc');
    else this.box.hide();
  }

  draw(area: { readonly top: number; readonly width: number; readonly height: number }): void {
    const live = this.collector;
    if (this.context.isPaused()) this.frozen ??= { status: live.status, marks: live.marks, validation: live.validation };
    else this.frozen = undefined;
    if (!placePanelBox(this.box, area)) return;
    const c = this.frozen ?? live;
    const selection = selectTorrcPage({ status: c.status, marks: c.marks, validation: c.validation }, this.view, area.width, area.height);
    this.view = { ...this.view, scroll: selection.scroll, pageRows: Math.max(1, selection.pageRows) };
    drawTorrcPage(this.box, selection.lines, this.context.theme);
  }

  capturesKeys(): boolean {
    return false;
  }

  awaitsAnswer(): boolean {
    return false;
  }

  handleKey(key: string): boolean {
    if (actionOf(torrcKeyTable(this.view), key) === undefined) return false;
    const result = reduceTorrcKey(this.view, key);
    this.view = result.view;
    if (result.used) this.context.invalidate();
    return result.used;
  }
}

export type TorrcAction = 'scroll' | 'line-numbers' | 'comments';

/** Page 4's keys: help, the status-line hint, the Torrc menu and dispatch read these rows (panels/torrc reduces them). */
export function torrcKeyTable(view: TorrcView): KeyTable<TorrcAction> {
  return [
    { keys: 'Up/Down (j/k), PgUp/PgDn (Space), Home/End', bound: ['up', 'k', 'down', 'j', 'pageup', 'pagedown', 'space', 'home', 'end'], description: 'scroll', action: 'scroll', menu: false },
    { keys: 'l', bound: ['l'], description: 'line numbers', current: view.showLineNumbers ? 'shown' : 'hidden', action: 'line-numbers', hint: true },
    { keys: 's', bound: ['s'], description: 'comments and blank lines', current: view.showComments ? 'shown' : 'hidden', action: 'comments', hint: true },
  ];
}

export function createTorrcPage(): PageFactory {
  return (context, parent) => new TorrcPage(context, parent);
}
