// The connections page's view state: selection (by line key, so it follows the same entry across
// refreshes), detail box, sort order, search filter, scrubbing and which popup is open. Plain data;
// keys change it in keys.ts. Must not hold model data.
import type { TextInput } from '../popups/text-input.js';
import type { SortKey } from './sort-keys.js';

export type ChartKind = 'countries' | 'ports';

export type ConnectionsPopup =
  | { readonly kind: 'none' }
  | { readonly kind: 'descriptor'; readonly scroll: number }
  | { readonly kind: 'sort'; readonly chosen: readonly SortKey[]; readonly cursor: number }
  | { readonly kind: 'chart'; readonly chart: ChartKind }
  | { readonly kind: 'confirm-close'; readonly circuitId: string; readonly question: string };

export interface ConnectionsView {
  /** Key of the selected line ("o:24", "c:53/h1", "c:53/s70", …); undefined before any selection. */
  readonly selectedKey: string | undefined;
  /** Where the selection was, to stay near it when its entry goes away. */
  readonly selectedIndex: number;
  /** First list line shown. */
  readonly scrollTop: number;
  readonly detailOpen: boolean;
  readonly sort: readonly SortKey[];
  /** Applied filter ('' = none) and, while typing, the text being edited. */
  readonly filter: string;
  readonly editingFilter: TextInput | undefined;
  /** Client and exit addresses shown as <scrubbed>. */
  readonly scrub: boolean;
  /** Nyx's show_addresses false: every address hidden. */
  readonly hideAllAddresses: boolean;
  readonly popup: ConnectionsPopup;
}

export const DEFAULT_SORT: readonly SortKey[] = ['category', 'address', 'age'];

export function initialConnectionsView(options: { scrub: boolean; showAddresses: boolean }): ConnectionsView {
  return {
    selectedKey: undefined,
    selectedIndex: 0,
    scrollTop: 0,
    detailOpen: false,
    sort: DEFAULT_SORT,
    filter: '',
    editingFilter: undefined,
    scrub: options.scrub,
    hideAllAddresses: !options.showAddresses,
    popup: { kind: 'none' },
  };
}
