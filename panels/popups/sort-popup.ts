// The sort dialog (s on the connections page): pick up to three keys in order; the chosen ones are
// numbered, "Apply" takes fewer. Pure select; navigation is in panels/connections/keys.ts.
import { SORT_KEY_LABELS, SORT_KEYS, type SortKey } from '../connections/sort-keys.js';
import { seg, type Line } from '../../src/terminal/theme.js';
import { fitPopup, type PopupArea, type PopupModel } from './popup-frame.js';

export function selectSortPopup(current: readonly SortKey[], chosen: readonly SortKey[], cursor: number, area: PopupArea): PopupModel | undefined {
  const lines: Line[] = [
    [seg('Current: ', { bold: true }), seg(current.map((k) => SORT_KEY_LABELS[k]).join(', '))],
    [seg('New:     ', { bold: true }), seg(chosen.length === 0 ? '(pick up to 3)' : chosen.map((k) => SORT_KEY_LABELS[k]).join(', '))],
    [],
  ];
  SORT_KEYS.forEach((key, i) => {
    const n = chosen.indexOf(key);
    const mark = n >= 0 ? `${n + 1}.` : '  ';
    lines.push([seg(`${mark} ${SORT_KEY_LABELS[key]}`, i === cursor ? { inverse: true } : n >= 0 ? { fg: 'cyan' } : undefined)]);
  });
  lines.push([seg('   Apply', cursor === SORT_KEYS.length ? { inverse: true } : { bold: true })]);
  lines.push([], [seg('Enter picks, Backspace undoes, Esc cancels', { fg: 'cyan' })]);
  return fitPopup(area, 'Sort connections by', lines, 48, 1);
}
