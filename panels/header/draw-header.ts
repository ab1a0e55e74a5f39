// Puts selected header lines onto a blessed box (tags on, no wrapping). Must not decide layout or
// read HeaderFacts: selectHeaderLines has already cut every line to the width.
//   drawHeader(box, [[seg('ortop - relay1'), seg(' (Linux 6.1)')]], theme)
import type blessed from 'blessed';
import blessedLite from '../../src/terminal/blessed-lite.js';
import { drawCellRows } from '../../src/terminal/cell-rows.js';
import type { Line, Theme } from '../../src/terminal/theme.js';

/** A full-width box at the top of the screen, ready for drawHeader. */
export function createHeaderBox(parent: blessed.Widgets.Node, height: number): blessed.Widgets.BoxElement {
  return blessedLite.box({ parent, top: 0, left: 0, width: '100%', height: Math.max(1, height), tags: true, wrap: false });
}

export function drawHeader(box: blessed.Widgets.BoxElement, lines: readonly Line[], theme: Theme): void {
  // Cell rows (src/terminal/cell-rows.ts): a second that changed the uptime redraws that row only.
  drawCellRows(box, lines, theme, typeof box.width === 'number' ? box.width : Number(box.width));
}
