// What the '/' search matches an entry against: the text its line shows (category, nickname,
// fingerprint, country, port use, circuit purpose and hops, stream targets), lower-cased. Hidden
// (scrubbed) addresses are left out, so a search cannot reveal them. Pure.
import {
  lastHop,
  nicknameOf,
  orConnEndpoints,
  portUsage,
  type Circuit,
} from '../../src/relay/connections/index.js';
import type { Entry, ListOptions, ListSources } from './connection-list.js';
import { CATEGORY_LABELS } from './entry-format.js';

function circuitWords(c: Circuit, src: ListSources, out: string[]): void {
  out.push(`circuit ${c.id}`, c.purpose ?? '', c.status, c.hsState ?? '', c.rendQuery ?? '');
  for (const hop of c.path) out.push(hop.fingerprint ?? '', nicknameOf(src.directory, hop) ?? '');
  const exit = lastHop(c);
  const relay = exit?.fingerprint === undefined ? undefined : src.directory.get(exit.fingerprint);
  if (relay !== undefined) out.push(relay.address, src.countries.get(relay.address) ?? '');
  for (const id of c.streamIds) {
    const s = src.store.streams.get(id);
    if (s !== undefined) out.push(`stream ${s.id}`, s.target, s.status, portUsage(s.targetPort) ?? '', s.exitHost ?? '');
  }
}

export function entryHaystack(entry: Entry, src: ListSources, options: ListOptions): string {
  const hidden = options.hideAllAddresses || (options.scrub && entry.isPrivate);
  const out: string[] = [CATEGORY_LABELS[entry.category]];
  const address = (a: string | undefined, port: number | undefined) => {
    if (a === undefined || hidden) return;
    out.push(port === undefined ? a : `${a}:${port}`, src.countries.get(a) ?? '');
  };
  const item = entry.item;
  switch (item.kind) {
    case 'or': {
      const ends = orConnEndpoints(item.conn, src.directory);
      address(ends.remote?.address, ends.remote?.port);
      out.push(item.conn.fingerprint ?? '', nicknameOf(src.directory, item.conn) ?? '', item.conn.status);
      break;
    }
    case 'socket':
      address(item.row.socket.remoteAddress, item.row.socket.remotePort);
      out.push(portUsage(item.row.socket.remotePort) ?? '', String(item.row.socket.remotePort));
      break;
    case 'circuit':
      circuitWords(item.circuit, src, out);
      break;
    case 'stream':
      out.push(`stream ${item.stream.id}`, item.stream.target, item.stream.status, portUsage(item.stream.targetPort) ?? '');
      break;
  }
  return out.join(' ').toLowerCase();
}
