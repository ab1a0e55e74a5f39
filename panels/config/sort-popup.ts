// The sort dialog of the config page: the keys to pick from, in order, up to three. Pure select.
//   ┌ Sort options ───────────────────────┐
//   │Current: Man Page Entry, Name, Is Set│
//   │New: Name                            │
//   │ > Value                             │
import { CONFIG_SORT_KEYS, CONFIG_SORT_LABELS, MAX_SORT_KEYS, type ConfigSortKey } from '../../src/relay/config/index.js';
import { seg, type Line } from '../../src/terminal/theme.js';
import { fitPopup, type PopupArea, type PopupModel } from '../popups/popup-frame.js';

export function selectSortPopup(current: readonly ConfigSortKey[], cursor: number, picked: readonly ConfigSortKey[], area: PopupArea): PopupModel | undefined {
  const label = (keys: readonly ConfigSortKey[]) => keys.map((k) => CONFIG_SORT_LABELS[k]).join(', ');
  const lines: Line[] = [
    [seg('Current: ', { bold: true }), seg(label(current))],
    [seg('New: ', { bold: true }), seg(picked.length === 0 ? '(pick up to 3 with enter)' : label(picked))],
    [],
  ];
  CONFIG_SORT_KEYS.forEach((key, i) => {
    const order = picked.indexOf(key);
    const mark = order >= 0 ? `${order + 1}.` : '  ';
    const text = `${i === cursor ? '>' : ' '} ${mark} ${CONFIG_SORT_LABELS[key]}`;
    lines.push([seg(text, i === cursor ? { inverse: true } : order >= 0 ? { fg: 'gray' } : undefined)]);
  });
  lines.push([], [seg(`enter: pick (${MAX_SORT_KEYS - picked.length} left), esc: ${picked.length > 0 ? 'apply' : 'cancel'}`, { fg: 'gray' })]);
  return fitPopup({ ...area, left: area.left + Math.max(0, Math.floor((area.width - 44) / 2)) }, 'Sort options', lines, 44, 1);
}
