// A horizontal bar chart popup (b on the connections page): client countries for guards and bridges,
// exit port usage for exits. Drawn with block characters in our own code (no canvas, so it resizes
// with the popup). Pure select; the counts come from the page.
//   us  ████████████████ 16
//   de  ████████          8
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { seg, type Line } from '../../src/terminal/theme.js';
import { padToWidth, truncateToWidth } from '../../src/terminal/width.js';
import { fitPopup, type PopupArea, type PopupModel } from './popup-frame.js';

export interface BarChartInput {
  readonly title: string;
  /** Label → count; shown largest first. */
  readonly counts: ReadonlyMap<string, number>;
  /** What the numbers are (a line under the bars). */
  readonly note: string;
  readonly unicode: boolean;
}

export function selectBarChartLines(input: BarChartInput, innerWidth: number, maxBars: number): Line[] {
  const rows = [...input.counts].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (rows.length === 0) return [[seg('Nothing counted yet.', { fg: 'gray' })], [seg(sanitizeLine(input.note), { fg: 'gray' })]];
  const shown = rows.slice(0, Math.max(1, maxBars));
  const rest = rows.slice(shown.length).reduce((n, [, c]) => n + c, 0);
  const labelW = Math.min(14, Math.max(...shown.map(([l]) => sanitizeLine(l).length)));
  const max = shown[0]![1];
  const countW = String(max).length;
  const barRoom = Math.max(1, innerWidth - labelW - countW - 3);
  const full = input.unicode ? '█' : '#';
  const out: Line[] = shown.map(([label, n]) => {
    const len = Math.max(1, Math.round((n / max) * barRoom));
    return [seg(`${padToWidth(sanitizeLine(label), labelW)} `, { bold: true }), seg(padToWidth(full.repeat(len), barRoom), { fg: 'cyan' }), seg(` ${String(n).padStart(countW)}`)];
  });
  if (rest > 0) out.push([seg(`… and ${rows.length - shown.length} more (${rest})`, { fg: 'gray' })]);
  out.push([], [seg(truncateToWidth(sanitizeLine(input.note), innerWidth), { fg: 'gray' })], [seg('Any key closes; b shows the other chart', { fg: 'cyan' })]);
  return out;
}

export function selectBarChartPopup(input: BarChartInput, area: PopupArea): PopupModel | undefined {
  const width = Math.min(Math.floor(area.width), 72);
  const maxBars = Math.max(1, Math.floor(area.height) - 7);
  return fitPopup(area, input.title, selectBarChartLines(input, width - 2, maxBars), width, 1);
}
