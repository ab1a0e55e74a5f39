// Puts the config page's lines on its body box and its popup on the shared popup box. Must not
// decide layout: selectConfigPage has cut every line to the width already.
import type blessed from 'blessed';
import { drawPopup, type PopupModel } from '../popups/popup-frame.js';
import { renderLine, type Line, type Theme } from '../../src/terminal/theme.js';

export function drawConfigPage(box: blessed.Widgets.BoxElement, popupBox: blessed.Widgets.BoxElement, lines: readonly Line[], popup: PopupModel | undefined, theme: Theme): void {
  box.setContent(lines.map((line) => renderLine(line, theme)).join('\n'));
  drawPopup(popupBox, popup, theme);
}
