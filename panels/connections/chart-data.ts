// What the bar charts count: client countries (tor's status/clients-seen for bridges, plus the
// distinct inbound client addresses we see, scrubbed or not) and exit ports (distinct destinations
// per port). Which charts apply: countries for guards and bridges, ports for exits. Pure.
import {
  isPrivateOrConn,
  orConnCategory,
  orConnEndpoints,
  policyAcceptsAnything,
  portUsage,
  UNKNOWN_COUNTRY,
  type ConnectionStore,
  type CountryCache,
  type RelayDirectory,
} from '../../src/relay/connections/index.js';
import type { ChartKind } from './view.js';

export function availableCharts(store: ConnectionStore): ChartKind[] {
  const charts: ChartKind[] = [];
  if (store.our.guard || store.our.bridge) charts.push('countries');
  if (store.our.exitPolicy !== undefined && policyAcceptsAnything(store.our.exitPolicy)) charts.push('ports');
  return charts;
}

/** Inbound client addresses by country (each address once), plus tor's own clients-seen summary. */
export function countClientCountries(store: ConnectionStore, directory: RelayDirectory, countries: CountryCache): { counts: Map<string, number>; note: string } {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  for (const c of store.orConns.values()) {
    if (orConnCategory(c, store.our) !== 'inbound' || !isPrivateOrConn(c, directory)) continue;
    const address = orConnEndpoints(c, directory).remote?.address;
    if (address === undefined || seen.has(address)) continue;
    seen.add(address);
    const cc = countries.get(address) ?? UNKNOWN_COUNTRY;
    counts.set(cc, (counts.get(cc) ?? 0) + 1);
  }
  if (store.our.clientsSeen !== undefined && store.our.clientsSeen.size > 0) {
    const summary = new Map(store.our.clientsSeen);
    return { counts: summary, note: `tor's status/clients-seen (rounded by tor); connected now: ${seen.size} client addresses` };
  }
  return { counts, note: `distinct inbound client addresses connected now (${seen.size}), by tor's GeoIP` };
}

/** Exit connections per destination port ("443 HTTPS"), each destination address:port once. */
export function countExitPorts(store: ConnectionStore): { counts: Map<string, number>; note: string } {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  for (const row of store.socketConns.values()) {
    if (row.category !== 'exit') continue;
    const key = `${row.socket.remoteAddress}:${row.socket.remotePort}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const use = portUsage(row.socket.remotePort);
    const label = use === undefined ? String(row.socket.remotePort) : `${row.socket.remotePort} ${use}`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const source = store.sockets.kind === 'sockets' && store.sockets.owner === 'fd' ? 'from the socket table' : 'socket table not available: exits cannot be counted';
  return { counts, note: `distinct exit destinations per port (${seen.size}), ${source}` };
}
