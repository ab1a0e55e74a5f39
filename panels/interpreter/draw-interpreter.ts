// Puts the interpreter page's lines on its body box. Must not decide layout.
import type blessed from 'blessed';
import { renderLine, type Line, type Theme } from '../../src/terminal/theme.js';

export function drawInterpreterPage(box: blessed.Widgets.BoxElement, lines: readonly Line[], theme: Theme): void {
  box.setContent(lines.map((line) => renderLine(line, theme)).join('\n'));
}
