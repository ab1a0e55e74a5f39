// Puts the Relays page's lines on its body box. Must not decide layout: selectRelaysPage has cut
// every line to the width and the height already.
import type blessed from 'blessed';
import { createPanelBox, placePanelBox, type PanelArea } from '../panel-box.js';
import { drawCellRows } from '../../src/terminal/cell-rows.js';
import type { Line, Theme } from '../../src/terminal/theme.js';

export function createRelaysBox(parent: blessed.Widgets.Node): blessed.Widgets.BoxElement {
  return createPanelBox(parent);
}

export function drawRelays(box: blessed.Widgets.BoxElement, area: PanelArea, lines: readonly Line[], theme: Theme): void {
  if (!placePanelBox(box, area)) return;
  drawCellRows(box, lines, theme, area.width);
}
