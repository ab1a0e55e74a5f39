// The frame every modal popup shares: a bordered box placed in the area below the header, with a
// title in the top border and content lines already cut to the inside. Select functions build a
// PopupModel (pure); drawPopup puts it on a blessed box. Must not decide any popup's content.
import type blessed from 'blessed';
import blessedLite from '../../src/terminal/blessed-lite.js';
import { safeTagText, sanitizeLine } from '../../src/terminal/sanitize.js';
import { renderLine, truncateLine, type Line, type Theme } from '../../src/terminal/theme.js';
import { truncateToWidth } from '../../src/terminal/width.js';

/** Where popups may go: the screen below the header. */
export interface PopupArea {
  readonly top: number;
  readonly left: number;
  readonly width: number;
  readonly height: number;
}

export interface PopupModel {
  readonly title: string;
  /** Content rows, each at most width - 2 cells. */
  readonly lines: readonly Line[];
  /** Outer box, border included. */
  readonly top: number;
  readonly left: number;
  readonly width: number;
  readonly height: number;
}

/** Smallest popup worth drawing: a border and one cell of content. */
const MIN_WIDTH = 3;
const MIN_HEIGHT = 3;

/**
 * Fits content into the area: at most `maxWidth` wide and as tall as the content (plus border).
 * Rows beyond the area are dropped, except that `keepLast` rows at the end (e.g. "Press any key")
 * are kept. Undefined when the area cannot hold a popup at all.
 */
export function fitPopup(area: PopupArea, title: string, lines: readonly Line[], maxWidth: number, keepLast = 0): PopupModel | undefined {
  const width = Math.min(Math.floor(area.width), Math.floor(maxWidth));
  const innerHeight = Math.min(Math.floor(area.height) - 2, lines.length);
  if (width < MIN_WIDTH || Math.floor(area.height) < MIN_HEIGHT || innerHeight < 1) return undefined;
  const tail = Math.min(keepLast, innerHeight);
  const kept = lines.length <= innerHeight ? lines : [...lines.slice(0, innerHeight - tail), ...lines.slice(lines.length - tail)];
  return {
    title: truncateToWidth(sanitizeLine(title), width - 4),
    lines: kept.map((line) => truncateLine(line, width - 2)),
    top: Math.max(0, Math.floor(area.top)),
    left: Math.max(0, Math.floor(area.left)),
    width,
    height: innerHeight + 2,
  };
}

/** A hidden bordered box for drawPopup; one per popup kind, or shared. */
export function createPopupBox(parent: blessed.Widgets.Node): blessed.Widgets.BoxElement {
  return blessedLite.box({ parent, hidden: true, border: 'line', tags: true, wrap: false, top: 0, left: 0, width: MIN_WIDTH, height: MIN_HEIGHT });
}

type Labelled = blessed.Widgets.BoxElement & { _label?: blessed.Widgets.BoxElement };

/**
 * The title in the top border. A label, once made, is only ever hidden, never removed: resizing
 * the box queues a reposition of its label for blessed's next tick, and a label removed before that
 * tick crashed blessed ("Cannot set properties of undefined (setting 'rtop')").
 */
function setTitle(box: Labelled, title: string): void {
  if (title === '') {
    box._label?.hide();
    return;
  }
  box.setLabel(` ${safeTagText(title)} `);
  box._label?.show();
}

/**
 *   ┌ Page 1 Commands ──────┐
 *   │p: pause               │
 *   │Press any key to close.│
 *   └───────────────────────┘
 * Hides the box when there is no model (the area was too small).
 */
export function drawPopup(box: blessed.Widgets.BoxElement, model: PopupModel | undefined, theme: Theme): void {
  if (model === undefined) {
    box.hide();
    return;
  }
  box.top = model.top;
  box.left = model.left;
  box.width = model.width;
  box.height = model.height;
  setTitle(box, model.title);
  box.setContent(model.lines.map((line) => renderLine(line, theme)).join('\n'));
  box.show();
  box.setFront();
}
