// One list line as styled segments at a given width: OR connections, socket rows, circuit headers,
// their hops and streams, unattached streams. Columns fold away as the width shrinks:
//   >=140: local --> remote (cc)   fingerprint nickname               age (CATEGORY)
//   >=100: local --> remote (cc)   nickname                           age (CATEGORY)
//    <100: remote (cc)   nickname                                    age (CATEGORY)
// Pure; reads the model, never changes it.
import {
  hopRole,
  lastHop,
  listenerAt,
  nicknameOf,
  orConnEndpoints,
  portUsage,
  type ConnectionStore,
  type CountryCache,
  type RelayDirectory,
  type Stream,
} from '../../src/relay/connections/index.js';
import { seg, truncateLine, type Line, type Style } from '../../src/terminal/theme.js';
import { displayWidth, padToWidth } from '../../src/terminal/width.js';
import type { Entry, ListLine } from './connection-list.js';
import { CATEGORY_COLORS, CATEGORY_LABELS, formatEndpoint, formatEntryAge, formatRemote, formatStreamTarget, fromTor, treeGlyphs } from './entry-format.js';

export interface LineContext {
  readonly store: ConnectionStore;
  readonly directory: RelayDirectory;
  readonly countries: CountryCache;
  readonly nowMs: number;
  readonly unicode: boolean;
  readonly scrub: boolean;
  readonly hideAllAddresses: boolean;
  /** The stream a SOCKS client socket carries (by the stream's SOURCE_ADDR). */
  readonly streamFrom: (sourceAddr: string) => Stream | undefined;
}

const LOCAL_W = 21;
const REMOTE_W = 28;
const FP_W = 40;
const RIGHT_W = 19;

interface Columns {
  local: string | undefined;
  /** Shown before the middle column when the local column is folded away ("Circuit 12"). */
  label?: string;
  arrow: string;
  remote: string;
  fingerprint: string;
  middle: string;
  age: string;
}

const hiddenFor = (ctx: LineContext, entry: Entry): boolean => ctx.hideAllAddresses || (ctx.scrub && entry.isPrivate);

function layout(c: Columns, entry: Entry, width: number): Line {
  const style: Style = { fg: CATEGORY_COLORS[entry.category] };
  const right = `${c.age.padStart(7)} (${CATEGORY_LABELS[entry.category]})`;
  let left: string;
  if (width >= 140) {
    const fp = c.fingerprint === '' ? '' : `${padToWidth(c.fingerprint, FP_W)} `;
    left = `${padToWidth(c.local ?? '', LOCAL_W)} ${c.arrow} ${padToWidth(c.remote, REMOTE_W)}  ${fp}${c.middle}`;
  }
  else if (width >= 100) left = `${padToWidth(c.local ?? '', LOCAL_W)} ${c.arrow} ${padToWidth(c.remote, REMOTE_W)}  ${c.middle}`;
  else left = `${padToWidth(c.remote, REMOTE_W)}  ${c.label === undefined ? '' : `${c.label}: `}${c.middle}`;
  const room = width - RIGHT_W - 1;
  if (room < 8) return truncateLine([seg(`${left} ${right}`, style)], width);
  return [seg(`${padToWidth(left, room)} `, style), seg(padToWidth(right, RIGHT_W), { ...style, bold: true })];
}

function orConnColumns(entry: Entry & { item: { kind: 'or' } }, ctx: LineContext): Columns {
  const conn = entry.item.conn;
  const ends = orConnEndpoints(conn, ctx.directory);
  const hidden = hiddenFor(ctx, entry);
  const nickname = nicknameOf(ctx.directory, conn);
  const middle = conn.fingerprint === undefined ? 'client (not identified)' : fromTor(nickname, 'UNKNOWN');
  // An inbound connection without its socket still arrived at our ORPort.
  const orListener = entry.category === 'inbound' ? ctx.store.our.listeners.listeners.find((l) => l.kind === 'or') : undefined;
  // Bound to every IPv4 address: tor's idea of its own address is where the peer came in, else '*'.
  const localHost = (host: string) => (host === '0.0.0.0' ? (ctx.store.our.address ?? '*') : host === '::' ? '*' : host);
  const local = ends.local ?? (orListener === undefined ? undefined : { address: localHost(orListener.host), port: orListener.port });
  return {
    local: local === undefined || ctx.hideAllAddresses ? undefined : formatEndpoint(local.address, local.port),
    arrow: entry.category === 'inbound' ? '<--' : entry.category === 'outbound' ? '-->' : '<->',
    remote: formatRemote(ends.remote?.address, ends.remote?.port, { hidden, portUse: false, countries: ctx.countries }),
    fingerprint: conn.fingerprint ?? '',
    middle: conn.status === 'CONNECTED' ? middle : `${middle} (${fromTor(conn.status)})`,
    age: formatEntryAge(conn.sinceMs, ctx.nowMs, conn.exactAge),
  };
}

function socketColumns(entry: Entry & { item: { kind: 'socket' } }, ctx: LineContext): Columns {
  const { socket, category, sinceMs, peer } = entry.item.row;
  const hidden = hiddenFor(ctx, entry);
  // "nyx (22180)" when the socket table names the local program on the other end.
  const program = peer === undefined ? undefined : `${fromTor(peer.name)} (${peer.pid})`;
  let middle = '';
  if (category === 'control') middle = program ?? 'controller';
  else if (category === 'exit') middle = 'exit connection';
  else if (category === 'directory') {
    const fps = ctx.directory.atAddress(socket.remoteAddress);
    middle = fps.length === 1 ? fromTor(ctx.directory.get(fps[0]!)?.nickname) : 'directory request';
  } else if (category === 'socks') {
    const stream = ctx.streamFrom(formatEndpoint(socket.remoteAddress, socket.remotePort));
    middle = stream === undefined ? (program ?? 'SOCKS client') : `-> ${fromTor(stream.target)} (stream ${fromTor(stream.id)}${stream.circuitId === undefined ? '' : `, circuit ${fromTor(stream.circuitId)}`})`;
  }
  const inbound = category !== 'exit' && listenerAt(ctx.store.our.listeners, socket.localAddress, socket.localPort) !== undefined;
  return {
    local: ctx.hideAllAddresses ? undefined : formatEndpoint(socket.localAddress, socket.localPort),
    arrow: inbound ? '<--' : '-->',
    remote: formatRemote(socket.remoteAddress, socket.remotePort, { hidden, portUse: category === 'exit', countries: ctx.countries }),
    fingerprint: '',
    middle,
    // Seen opening between two socket scans: its age is known (to a scan); found at ortop's first scan: "at least".
    age: formatEntryAge(sinceMs, ctx.nowMs, entry.item.row.seenOpening),
  };
}

function circuitColumns(entry: Entry & { item: { kind: 'circuit' } }, ctx: LineContext): Columns {
  const c = entry.item.circuit;
  const exit = lastHop(c);
  const fp = exit?.fingerprint?.toUpperCase();
  const relay = fp === undefined ? undefined : ctx.directory.get(fp);
  const streams = c.streamIds.size;
  const parts = [fromTor(c.purpose, 'GENERAL'), fromTor(c.status)];
  if (c.hsState !== undefined) parts.push(fromTor(c.hsState));
  if (c.status !== 'BUILT') parts.push(`${c.path.length} hop${c.path.length === 1 ? '' : 's'} so far`);
  if (streams > 0) parts.push(`${streams} stream${streams === 1 ? '' : 's'}`);
  let remote: string;
  if (c.status !== 'BUILT') remote = 'Building...';
  else if (relay === undefined) remote = fromTor(exit?.nickname, '?');
  else remote = formatRemote(relay.address, relay.orPort, { hidden: ctx.hideAllAddresses, portUse: false, countries: ctx.countries });
  return {
    local: `Circuit ${fromTor(c.id)}`,
    label: `Circuit ${fromTor(c.id)}`,
    arrow: '-->',
    remote,
    fingerprint: fp ?? '',
    middle: parts.join(', '),
    age: formatEntryAge(c.createdAtMs ?? c.sinceMs, ctx.nowMs, c.createdAtMs !== undefined),
  };
}

function streamColumns(entry: Entry & { item: { kind: 'stream' } }, ctx: LineContext): Columns {
  const s = entry.item.stream;
  const use = portUsage(s.targetPort);
  return {
    local: `Stream ${fromTor(s.id)}`,
    label: `Stream ${fromTor(s.id)}`,
    arrow: '-->',
    remote: `${formatStreamTarget(s, (fp) => ctx.directory.get(fp)?.nickname)}${use === undefined ? '' : ` (${use})`}`,
    fingerprint: '',
    middle: `${fromTor(s.status)}${s.purpose === undefined ? '' : `, ${fromTor(s.purpose)}`}, not attached to a circuit`,
    age: formatEntryAge(s.sinceMs, ctx.nowMs, s.exactAge),
  };
}

function hopLine(line: ListLine & { kind: 'hop' }, ctx: LineContext, width: number): Line {
  const c = line.entry.item.kind === 'circuit' ? line.entry.item.circuit : undefined;
  if (c === undefined) return [];
  const hop = c.path[line.index];
  const fp = hop?.fingerprint?.toUpperCase();
  const relay = fp === undefined ? undefined : ctx.directory.get(fp);
  const glyphs = treeGlyphs(ctx.unicode);
  const lastChild = line.index === line.count - 1 && c.streamIds.size === 0;
  const role = `${line.index + 1} / ${hopRole(line.index, line.count, c.status === 'BUILT')}`;
  const address = relay === undefined ? 'not in consensus' : formatRemote(relay.address, relay.orPort, { hidden: ctx.hideAllAddresses, portUse: false, countries: ctx.countries });
  const nick = fromTor(hop === undefined ? undefined : nicknameOf(ctx.directory, hop), 'UNKNOWN');
  const text =
    width >= 140
      ? `  ${lastChild ? glyphs.last : glyphs.branch}${padToWidth(role, 12)}${padToWidth(address, REMOTE_W + 2)} ${padToWidth(fp ?? '', FP_W)} ${nick}`
      : `  ${lastChild ? glyphs.last : glyphs.branch}${padToWidth(role, 12)}${padToWidth(address, REMOTE_W)} ${nick}`;
  return truncateLine([seg(text, { fg: 'cyan' })], width);
}

function streamLine(line: ListLine & { kind: 'stream' }, ctx: LineContext, width: number): Line {
  const s = ctx.store.streams.get(line.streamId);
  const glyphs = treeGlyphs(ctx.unicode);
  const branch = line.last ? glyphs.last : glyphs.branch;
  if (s === undefined) return truncateLine([seg(`  ${branch}stream ${fromTor(line.streamId)} (no longer tracked)`, { fg: 'gray' })], width);
  const use = portUsage(s.targetPort);
  const target = `${formatStreamTarget(s, (fp) => ctx.directory.get(fp)?.nickname)}${use === undefined ? '' : ` (${use})`}`;
  const source = width >= 100 && s.sourceAddr !== undefined && !ctx.hideAllAddresses ? `  from ${fromTor(s.sourceAddr)}` : '';
  const left = `  ${branch}${padToWidth(`stream ${fromTor(s.id)}`, 12)}${padToWidth(fromTor(s.status), 12)}${target}${source}`;
  const age = formatEntryAge(s.sinceMs, ctx.nowMs, s.exactAge).padStart(7);
  const room = width - RIGHT_W - 1;
  if (room < 8) return truncateLine([seg(left, { fg: 'yellow' })], width);
  return [seg(`${padToWidth(left, room)} `, { fg: 'yellow' }), seg(padToWidth(age, RIGHT_W), { fg: 'yellow' })];
}

/** The segments of one list line, exactly `width` cells or less. */
export function formatListLine(line: ListLine, ctx: LineContext, width: number): Line {
  if (width <= 0) return [];
  if (line.kind === 'hop') return hopLine(line, ctx, width);
  if (line.kind === 'stream') return streamLine(line, ctx, width);
  const entry = line.entry;
  switch (entry.item.kind) {
    case 'or':
      return layout(orConnColumns(entry as Entry & { item: { kind: 'or' } }, ctx), entry, width);
    case 'socket':
      return layout(socketColumns(entry as Entry & { item: { kind: 'socket' } }, ctx), entry, width);
    case 'circuit':
      return layout(circuitColumns(entry as Entry & { item: { kind: 'circuit' } }, ctx), entry, width);
    case 'stream':
      return layout(streamColumns(entry as Entry & { item: { kind: 'stream' } }, ctx), entry, width);
  }
}

/** Pads a line to the full width (so the selection bar spans the row) and marks it selected. */
export function selectLine(line: Line, width: number): Line {
  const w = line.reduce((n, s) => n + displayWidth(s.text), 0);
  const padded = w < width ? [...line, seg(' '.repeat(width - w), line[line.length - 1]?.style)] : line;
  return padded.map((s) => seg(s.text, { ...s.style, inverse: true }));
}
