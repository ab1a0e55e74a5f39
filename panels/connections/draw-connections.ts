// Puts the connections page on blessed widgets: one box for the page lines and one popup box.
// Must not decide layout: selectConnections and the popup selects already cut everything.
import type blessed from 'blessed';
import { createPanelBox, placePanelBox } from '../panel-box.js';
import { createPopupBox, drawPopup, type PopupModel } from '../popups/popup-frame.js';
import { drawCellRows } from '../../src/terminal/cell-rows.js';
import type { Line, Theme } from '../../src/terminal/theme.js';

export interface ConnectionsWidgets {
  readonly box: blessed.Widgets.BoxElement;
  readonly popup: blessed.Widgets.BoxElement;
}

export function createConnectionsWidgets(parent: blessed.Widgets.Node): ConnectionsWidgets {
  return { box: createPanelBox(parent), popup: createPopupBox(parent) };
}

export function drawConnections(
  w: ConnectionsWidgets,
  area: { readonly top: number; readonly width: number; readonly height: number },
  lines: readonly Line[],
  popup: PopupModel | undefined,
  theme: Theme,
): void {
  if (!placePanelBox(w.box, area)) {
    w.popup.hide();
    return;
  }
  // Cell rows (src/terminal/cell-rows.ts): only the rows that changed are turned into cells.
  drawCellRows(w.box, lines, theme, area.width);
  drawPopup(w.popup, popup, theme);
}

export function hideConnections(w: ConnectionsWidgets): void {
  w.box.hide();
  w.popup.hide();
}
