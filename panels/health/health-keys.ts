// The Health page's key table and the reducer that dispatches from it: scrolling and hiding the
// checks that are ok. Pure: keys in, a new view out. Keys are blessed key names (key.full).
import { actionOf, type KeyTable } from '../key-table.js';
import type { HealthView } from './health-view.js';

export type HealthAction = 'scroll' | 'toggle-ok';

/** Help, the status-line hint, the page's menu and dispatch all read these rows. */
export function healthKeyTable(view: HealthView): KeyTable<HealthAction> {
  return [
    { keys: 'Up/Down (j/k), PgUp/PgDn (Space), Home/End', bound: ['up', 'k', 'down', 'j', 'pageup', 'pagedown', 'space', 'home', 'end'], description: 'scroll', action: 'scroll', menu: false },
    { keys: 'o', bound: ['o'], description: 'checks that are ok', current: view.showOk ? 'shown' : 'hidden', action: 'toggle-ok', hint: true },
  ];
}

export interface HealthKeyOutcome {
  readonly view: HealthView;
  /** False when the table does not bind the key (the app may use it). */
  readonly used: boolean;
}

export function reduceHealthKey(view: HealthView, key: string): HealthKeyOutcome {
  const action = actionOf(healthKeyTable(view), key);
  if (action === undefined) return { view, used: false };
  if (action === 'toggle-ok') return { view: { ...view, showOk: !view.showOk, scroll: 0 }, used: true };
  const page = Math.max(1, view.pageRows - 1);
  const delta: Record<string, number> = { up: -1, k: -1, down: 1, j: 1, pageup: -page, pagedown: page, space: page, home: -Infinity, end: Infinity };
  const to = view.scroll + (delta[key] ?? 0);
  // select clamps the far end to what the body holds.
  return { view: { ...view, scroll: Number.isFinite(to) ? Math.max(0, to) : to > 0 ? Number.MAX_SAFE_INTEGER : 0 }, used: true };
}
