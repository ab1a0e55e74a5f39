// Puts the torrc page's lines on its body box. Must not decide layout (selectTorrcPage did).
import type blessed from 'blessed';
import { renderLine, type Line, type Theme } from '../../src/terminal/theme.js';

export function drawTorrcPage(box: blessed.Widgets.BoxElement, lines: readonly Line[], theme: Theme): void {
  box.setContent(lines.map((line) => renderLine(line, theme)).join('\n'));
}
