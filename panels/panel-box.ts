// The blessed box a page draws its lines into: created hidden with tags on and no wrapping, then
// placed on the body area the app gives the page. Must not decide layout or content.
import type blessed from 'blessed';
import blessedLite from '../src/terminal/blessed-lite.js';

export interface PanelArea {
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export function createPanelBox(parent: blessed.Widgets.Node): blessed.Widgets.BoxElement {
  return blessedLite.box({ parent, hidden: true, top: 0, left: 0, width: 1, height: 1, tags: true, wrap: false });
}

/** Puts the box on the area and shows it; hides it and returns false when the area has no room. */
export function placePanelBox(box: blessed.Widgets.BoxElement, area: PanelArea): boolean {
  if (area.width <= 0 || area.height <= 0) {
    box.hide();
    return false;
  }
  Object.assign(box, { top: area.top, left: 0, width: area.width, height: area.height });
  box.show();
  return true;
}
