// Puts the Health page's lines on its body box. Must not decide layout: selectHealthPage has cut
// every line to the width and the height already.
import type blessed from 'blessed';
import { createPanelBox, placePanelBox, type PanelArea } from '../panel-box.js';
import { renderLine, type Line, type Theme } from '../../src/terminal/theme.js';

export function createHealthBox(parent: blessed.Widgets.Node): blessed.Widgets.BoxElement {
  return createPanelBox(parent);
}

export function drawHealth(box: blessed.Widgets.BoxElement, area: PanelArea, lines: readonly Line[], theme: Theme): void {
  if (!placePanelBox(box, area)) return;
  box.setContent(lines.map((line) => renderLine(line, theme)).join('\n'));
}
