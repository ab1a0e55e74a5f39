// A page that is not built yet: says what it will show. Implements the Page contract so the app
// treats every page alike.
import type blessed from 'blessed';
import { createPanelBox, placePanelBox } from '../../../panels/panel-box.js';
import type { PageName } from '../../config/index.js';
import { renderLine, seg, type Line } from '../../terminal/index.js';
import type { Page, PageContext } from './page.js';

export function selectPlaceholder(lines: readonly string[], height: number): Line[] {
  const out: Line[] = [];
  const top = Math.max(0, Math.floor((height - lines.length) / 3));
  for (let i = 0; i < top; i++) out.push([]);
  lines.forEach((text, i) => out.push(i === 0 ? [seg(text, { bold: true })] : [seg(text, { fg: 'gray' })]));
  return out.slice(0, Math.max(0, height));
}

export function createPlaceholderPage(name: PageName, title: string, text: readonly string[]) {
  return (context: PageContext, parent: blessed.Widgets.Node): Page => {
    const box = createPanelBox(parent);
    return {
      name,
      title,
      keyHints: () => [],
      parts: { now: [], soon: [] },
      setVisible: (visible) => (visible ? box.show() : box.hide()),
      draw(area) {
        if (!placePanelBox(box, area)) return;
        box.setContent(selectPlaceholder(text, area.height).map((l) => renderLine(l, context.theme)).join('\n'));
      },
      capturesKeys: () => false,
      awaitsAnswer: () => false,
      handleKey: () => false,
    };
  };
}
