// Puts the connections page on blessed widgets: one box for the page lines and one popup box.
// Must not decide layout: selectConnections and the popup selects already cut everything.
import type blessed from 'blessed';
import blessedLite from '../../src/terminal/blessed-lite.js';
import { createPopupBox, drawPopup, type PopupModel } from '../popups/popup-frame.js';
import { renderLine, type Line, type Theme } from '../../src/terminal/theme.js';

export interface ConnectionsWidgets {
  readonly box: blessed.Widgets.BoxElement;
  readonly popup: blessed.Widgets.BoxElement;
}

export function createConnectionsWidgets(parent: blessed.Widgets.Node): ConnectionsWidgets {
  const box = blessedLite.box({ parent, hidden: true, top: 0, left: 0, width: 1, height: 1, tags: true, wrap: false });
  return { box, popup: createPopupBox(parent) };
}

export function drawConnections(
  w: ConnectionsWidgets,
  area: { readonly top: number; readonly width: number; readonly height: number },
  lines: readonly Line[],
  popup: PopupModel | undefined,
  theme: Theme,
): void {
  if (area.width <= 0 || area.height <= 0) {
    w.box.hide();
    w.popup.hide();
    return;
  }
  Object.assign(w.box, { top: area.top, left: 0, width: area.width, height: area.height });
  w.box.setContent(lines.map((l) => renderLine(l, theme)).join('\n'));
  w.box.show();
  drawPopup(w.popup, popup, theme);
}

export function hideConnections(w: ConnectionsWidgets): void {
  w.box.hide();
  w.popup.hide();
}
