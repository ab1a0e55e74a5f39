// Puts the graph's (and the log's) lines onto its blessed box as cell rows (src/terminal/cell-rows.ts:
// only changed rows are turned into cells). Must not decide layout: selectGraphLines did.
import type blessed from 'blessed';
import { drawCellRows } from '../../src/terminal/cell-rows.js';
import type { Line, Theme } from '../../src/terminal/theme.js';

/** Positions the box and sets its content; hides it when it has no room. */
export function drawPanelLines(box: blessed.Widgets.BoxElement, at: { top: number; width: number; height: number }, lines: readonly Line[], theme: Theme): void {
  if (at.width <= 0 || at.height <= 0) {
    box.hide();
    return;
  }
  if (box.hidden) box.show();
  if (box.top !== at.top) box.top = at.top;
  if (box.left !== 0) box.left = 0;
  if (box.width !== at.width) box.width = at.width;
  if (box.height !== at.height) box.height = at.height;
  drawCellRows(box, lines, theme, at.width);
}
