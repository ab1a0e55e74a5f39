// The detail box Enter opens above the list: everything known about the selected line — address,
// locale, how its category was decided, and for relays the consensus entry and descriptor fields
// (fingerprint, nickname, ports, published, version, platform, flags, exit policy, contact).
// Pure; items flow into rows at the width; text from tor is sanitised.
import { isWildcardRule, summarizeExitPolicy, type ExitPolicy } from '../../src/protocol/documents/index.js';
import {
  isNonPublicAddress,
  lastHop,
  listenerAt,
  orConnDirectionNote,
  orConnEndpoints,
  type Circuit,
  type RelayDetails,
  type Stream,
} from '../../src/relay/connections/index.js';
import { lineWidth, seg, truncateLine, type Line, type Segment } from '../../src/terminal/theme.js';
import { padToWidth } from '../../src/terminal/width.js';
import type { ListLine } from './connection-list.js';
import { CATEGORY_LABELS, formatEndpoint, formatRemote, fromTor } from './entry-format.js';
import type { LineContext } from './entry-lines.js';

type Item = readonly [string, string];

/** Short policies as written ("accept 127.0.0.0/8:*, reject *:*"); long ones as tor summarises them. */
function describePolicy(policy: ExitPolicy): string {
  if (policy.kind === 'rules' && policy.rules.length <= 4 && policy.rules.some((r) => !isWildcardRule(r))) {
    return policy.rules
      .map((r) => {
        const host = r.address.includes(':') ? `[${r.address}]` : r.address;
        const mask = r.maskBits === undefined || r.maskBits === (r.address.includes(':') ? 128 : 32) ? '' : `/${r.maskBits}`;
        const ports = r.minPort <= 1 && r.maxPort >= 65535 ? '*' : r.minPort === r.maxPort ? String(r.minPort) : `${r.minPort}-${r.maxPort}`;
        return `${r.action} ${host}${mask}:${ports}`;
      })
      .join(', ');
  }
  return summarizeExitPolicy(policy, { maxLength: 60 });
}

/** Rows the box's content may take (plus two border rows). */
export const DETAIL_ROWS = 7;

const bytes = (n: number): string => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`);
const isoMinute = (ms: number | undefined): string => (ms === undefined ? 'unknown' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

function relayItems(details: RelayDetails | undefined, fingerprint: string | undefined, nickname: string | undefined): Item[] {
  if (fingerprint === undefined) return [['relay', 'not identified (a client, or a relay whose handshake has not finished)']];
  const items: Item[] = [['fingerprint', fingerprint]];
  if (details === undefined || details.kind === 'loading' || details.fingerprint !== fingerprint) return [...items, ['nickname', fromTor(nickname, '?')], ['descriptor', 'loading…']];
  const st = details.status;
  const d = details.descriptor;
  items.push(['nickname', fromTor(d?.nickname ?? st?.nickname ?? nickname, '?')]);
  if (st === undefined && d === undefined) return [...items, ['consensus', 'No consensus data found']];
  items.push(['orport', String(d?.orPort ?? st?.orPort ?? '?')], ['dirport', String(d?.dirPort ?? st?.dirPort ?? 'none')]);
  items.push(['published', isoMinute(d?.publishedAtMs ?? st?.publishedAtMs)]);
  items.push(['version', fromTor(d?.torVersion ?? st?.torVersion, 'unknown')]);
  if (d?.platform !== undefined) items.push(['platform', fromTor(d.platform)]);
  if (st !== undefined) items.push(['flags', st.flags.map((f) => fromTor(f)).join(' ') || 'none']);
  const policy = d?.exitPolicy ?? st?.exitPolicy;
  if (policy !== undefined) items.push(['exit policy', describePolicy(policy)]);
  if (d?.contact !== undefined) items.push(['contact', fromTor(d.contact)]);
  if (d === undefined && details.descriptorNote !== undefined) items.push(['descriptor', fromTor(details.descriptorNote)]);
  return items;
}

function circuitItems(c: Circuit): Item[] {
  const items: Item[] = [['circuit', fromTor(c.id)], ['purpose', fromTor(c.purpose, 'GENERAL')], ['state', fromTor(c.status)]];
  if (c.hsState !== undefined) items.push(['hs state', fromTor(c.hsState)]);
  if (c.rendQuery !== undefined) items.push(['onion', fromTor(c.rendQuery)]);
  if (c.buildFlags.length > 0) items.push(['build flags', c.buildFlags.map((f) => fromTor(f)).join(',')]);
  items.push(['created', c.createdAtMs === undefined ? 'unknown (first seen ' + isoMinute(c.sinceMs) + ')' : isoMinute(c.createdAtMs)]);
  items.push(['hops', c.path.map((h) => fromTor(h.nickname ?? h.fingerprint, '?')).join(' > ') || 'none yet']);
  if (c.readBytes + c.writtenBytes > 0) items.push(['traffic', `read ${bytes(c.readBytes)}, written ${bytes(c.writtenBytes)} (CIRC_BW while details are open)`]);
  if (c.status !== 'BUILT') items.push(['note', 'Building Circuit...']);
  return items;
}

function streamItems(s: Stream): Item[] {
  const items: Item[] = [['stream', fromTor(s.id)], ['status', fromTor(s.status)], ['target', fromTor(s.target)]];
  if (s.exitHost !== undefined) items.push(['exit asked for', fromTor(s.exitRelay?.nickname ?? s.exitRelay?.fingerprint, '?')]);
  if (s.sourceAddr !== undefined) items.push(['source', fromTor(s.sourceAddr)]);
  if (s.purpose !== undefined) items.push(['purpose', fromTor(s.purpose)]);
  if (s.clientProtocol !== undefined) items.push(['protocol', fromTor(s.clientProtocol)]);
  items.push(['circuit', s.circuitId === undefined ? 'not attached' : fromTor(s.circuitId)]);
  return items;
}

/** The items for the selected line; `details` is the relay the page looked up for it (if any). */
export function detailItems(line: ListLine, ctx: LineContext, details: RelayDetails | undefined): Item[] {
  const entry = line.entry;
  const item = entry.item;
  const hidden = ctx.hideAllAddresses || (ctx.scrub && entry.isPrivate);
  if (line.kind === 'stream') {
    const s = ctx.store.streams.get(line.streamId);
    return s === undefined ? [['stream', 'no longer tracked']] : streamItems(s);
  }
  if (item.kind === 'circuit') {
    if (line.kind === 'hop') {
      const hop = item.circuit.path[line.index];
      const fp = hop?.fingerprint?.toUpperCase();
      const relay = fp === undefined ? undefined : ctx.directory.get(fp);
      const where: Item[] = relay === undefined ? [] : [['address', formatRemote(relay.address, relay.orPort, { hidden: ctx.hideAllAddresses, portUse: false, countries: ctx.countries })]];
      return [['hop', `${line.index + 1} of circuit ${fromTor(item.circuit.id)}`], ...where, ...relayItems(details, fp, hop?.nickname)];
    }
    const exit = lastHop(item.circuit);
    return [...circuitItems(item.circuit), ...(exit?.fingerprint === undefined ? [] : relayItems(details, exit.fingerprint.toUpperCase(), exit.nickname))];
  }
  if (item.kind === 'stream') return streamItems(item.stream);
  const category: Item = ['category', CATEGORY_LABELS[entry.category]];
  if (item.kind === 'socket') {
    const s = item.row.socket;
    const kind = listenerAt(ctx.store.our.listeners, s.localAddress, s.localPort);
    const why = kind !== undefined ? `local port is tor's ${kind === 'or' ? 'OR' : kind === 'dir' ? 'Dir' : kind === 'control' ? 'control' : 'SOCKS'} listener` : item.row.category === 'exit' ? 'our exit policy accepts the destination' : "remote is a relay's DirPort";
    const locale = hidden || isNonPublicAddress(s.remoteAddress) ? undefined : ctx.countries.get(s.remoteAddress);
    return [
      ['address', formatRemote(s.remoteAddress, s.remotePort, { hidden, portUse: item.row.category === 'exit', countries: ctx.countries })],
      ...(locale === undefined ? [] : ([['locale', fromTor(locale)]] as Item[])),
      ['local', ctx.hideAllAddresses ? '<scrubbed>' : formatEndpoint(s.localAddress, s.localPort)],
      category,
      ...(item.row.peer === undefined ? [] : ([['program', `${fromTor(item.row.peer.name)} (pid ${item.row.peer.pid})`]] as Item[])),
      ['because', why],
      ['source', 'socket table only (tor does not report these)'],
    ];
  }
  const conn = item.conn;
  const ends = orConnEndpoints(conn, ctx.directory);
  const locale = hidden || ends.remote === undefined || isNonPublicAddress(ends.remote.address) ? undefined : ctx.countries.get(ends.remote.address);
  const items: Item[] = [['address', formatRemote(ends.remote?.address, ends.remote?.port, { hidden, portUse: false, countries: ctx.countries })]];
  if (locale !== undefined) items.push(['locale', fromTor(locale)]);
  items.push(category, ['direction', orConnDirectionNote(conn, ctx.store.our)]);
  items.push(['tor', `${conn.id === undefined ? 'from orconn-status' : `ConnID ${fromTor(conn.id)}`}, ${fromTor(conn.status)}`]);
  if (conn.readBytes + conn.writtenBytes > 0) items.push(['traffic', `read ${bytes(conn.readBytes)}, written ${bytes(conn.writtenBytes)} (CONN_BW while details are open)`]);
  return [...items, ...relayItems(details, conn.fingerprint, conn.nickname)];
}

/** Flows "key: value" items into at most `rows` rows of `width` cells. */
export function flowItems(items: readonly Item[], width: number, rows: number): Line[] {
  const out: Segment[][] = [];
  let row: Segment[] = [];
  for (const [key, value] of items) {
    const piece: Segment[] = [seg(`${key}: `, { bold: true }), seg(value)];
    const pieceWidth = lineWidth(piece);
    const used = lineWidth(row);
    if (row.length > 0 && used + 3 + pieceWidth <= width) {
      row.push(seg('   '), ...piece);
      continue;
    }
    if (row.length > 0) out.push(row);
    row = [...truncateLine(piece, width)];
  }
  if (row.length > 0) out.push(row);
  return out.slice(0, rows);
}

/** The bordered box: top border, content rows, bottom border, each exactly `width` cells. */
export function selectDetailBox(line: ListLine | undefined, ctx: LineContext, details: RelayDetails | undefined, width: number): Line[] {
  if (width < 4) return [];
  const [h, v, tl, tr, bl, br] = ctx.unicode ? ['─', '│', '┌', '┐', '└', '┘'] : ['-', '|', '+', '+', '+', '+'];
  const inner = width - 2;
  const content = line === undefined ? [[seg('No connection selected.')]] : flowItems(detailItems(line, ctx, details), inner, DETAIL_ROWS);
  const rows: Line[] = [[seg(tl + h.repeat(inner) + tr)]];
  for (const c of content) rows.push([seg(v), ...c, seg(padToWidth('', inner - lineWidth(c))), seg(v)]);
  rows.push([seg(bl + h.repeat(inner) + br)]);
  return rows;
}
