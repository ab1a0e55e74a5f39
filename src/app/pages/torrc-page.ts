// Page 4: the torrc tor reads, with its %include files, syntax colours and validation marks.
// Glue only: the session's TorrcCollector reads and checks, panels/torrc selects and draws; keys scroll and
// toggle line numbers (l) and comments (s). Read-only.
import type blessed from 'blessed';
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

  keyHints(): readonly KeyHint[] {
    return [
      { keys: 'Up/Down, PgUp/PgDn, Home/End', description: 'scroll' },
      { keys: 'l', description: 'line numbers', current: this.view.showLineNumbers ? 'shown' : 'hidden' },
      { keys: 's', description: 'comments and blank lines', current: this.view.showComments ? 'shown' : 'hidden' },
    ];
  }

  setVisible(visible: boolean): void {
    if (!visible) this.box.hide();
  }

  draw(area: { readonly top: number; readonly width: number; readonly height: number }): void {
    if (!placePanelBox(this.box, area)) return;
    const c = this.collector;
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
    const result = reduceTorrcKey(this.view, key);
    this.view = result.view;
    if (result.used) this.context.invalidate();
    return result.used;
  }
}

export function createTorrcPage(): PageFactory {
  return (context, parent) => new TorrcPage(context, parent);
}
