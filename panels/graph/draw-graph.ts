// Puts the graph's lines onto its blessed box (tags on, no wrapping), skipping the work when the
// content did not change. Must not decide layout: selectGraphLines did.
import type blessed from 'blessed';
import { renderLine, type Line, type Theme } from '../../src/terminal/theme.js';

const lastContent = new WeakMap<blessed.Widgets.BoxElement, string>();

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
  const content = lines.map((line) => renderLine(line, theme)).join('\n');
  if (lastContent.get(box) !== content) {
    lastContent.set(box, content);
    box.setContent(content);
  }
}
