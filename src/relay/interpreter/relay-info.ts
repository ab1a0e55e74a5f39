// /info: a relay as this tor knows it — consensus entry (ns/id, ns/name, or a search of ns/all by
// address), server descriptor (desc/id) and microdescriptor (md/id). Nothing is fetched from
// anywhere but tor, and no name is resolved. Pure: the page asks tor, this turns answers into lines.
import { isIPv4, isIPv6, isNickname } from '../../protocol/documents/fields.js';
import { parseRouterStatusEntriesLenient, type RouterStatusEntry } from '../../protocol/documents/router-status.js';
import { parseServerDescriptor, type ServerDescriptor } from '../../protocol/documents/server-descriptor.js';
import type { ExitPolicySummary } from '../../protocol/documents/exit-policy.js';
import type { OutputLine } from './transcript.js';

export type InfoTarget =
  | { readonly kind: 'fingerprint'; readonly fingerprint: string }
  | { readonly kind: 'nickname'; readonly nickname: string }
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'invalid'; readonly reason: string };

export function classifyInfoTarget(arg: string | undefined): InfoTarget {
  const text = (arg ?? '').trim();
  if (text === '') return { kind: 'invalid', reason: 'usage: /info <fingerprint|nickname|address>' };
  const hex = text.replace(/^\$/, '').replace(/~.*$/, '');
  if (/^[0-9A-Fa-f]{40}$/.test(hex)) return { kind: 'fingerprint', fingerprint: hex.toUpperCase() };
  const address = text.replace(/^\[(.*)\](?::\d+)?$/, '$1').replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1');
  if (isIPv4(address) || isIPv6(address)) return { kind: 'address', address };
  if (isNickname(text)) return { kind: 'nickname', nickname: text };
  return { kind: 'invalid', reason: `"${text}" is not a fingerprint (40 hex digits), a nickname or an IP address` };
}

/** Consensus entries at an address (IPv4 r line, or an IPv6 'a' line). */
export function findRelaysByAddress(nsAll: string, address: string): RouterStatusEntry[] {
  const lower = address.toLowerCase();
  return parseRouterStatusEntriesLenient(nsAll).entries.filter((e) => e.address === address || e.orAddresses.some((a) => a.address.toLowerCase() === lower));
}

export function parseStatusEntry(text: string): RouterStatusEntry | undefined {
  return parseRouterStatusEntriesLenient(text).entries[0];
}

export interface RelayDocuments {
  readonly status?: string;
  readonly descriptor?: string;
  readonly microdescriptor?: string;
  /** What tor said when a document was not available. */
  readonly notes: readonly string[];
}

const policyText = (p: ExitPolicySummary | undefined) =>
  p === undefined ? 'reject 1-65535' : `${p.action} ${p.ports.map((r) => (r.minPort === r.maxPort ? `${r.minPort}` : `${r.minPort}-${r.maxPort}`)).join(',')}`;

function field(label: string, value: string | undefined): OutputLine[] {
  return value === undefined || value === '' ? [] : [{ text: `${`${label}:`.padEnd(13)}${value}`, style: 'text' }];
}

function parseDescriptor(text: string | undefined): ServerDescriptor | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    return parseServerDescriptor(text, { input: 'text' });
  } catch {
    return undefined;
  }
}

function documentLines(title: string, text: string | undefined): OutputLine[] {
  if (text === undefined || text.trim() === '') return [];
  return [{ text: title, style: 'heading' }, ...text.replace(/\n$/, '').split('\n').map((t): OutputLine => ({ text: `  ${t}`, style: 'data' }))];
}

export function formatRelayInfo(docs: RelayDocuments): OutputLine[] {
  const entry = docs.status === undefined ? undefined : parseStatusEntry(docs.status);
  const desc = parseDescriptor(docs.descriptor);
  const lines: OutputLine[] = [];
  if (entry === undefined && desc === undefined) lines.push({ text: 'tor has no consensus entry or descriptor for this relay.', style: 'note' });
  const nickname = entry?.nickname ?? desc?.nickname;
  lines.push(...field('Nickname', nickname), ...field('Fingerprint', entry?.fingerprint ?? desc?.fingerprint));
  if (entry !== undefined) {
    const more = entry.orAddresses.map((a) => (a.address.includes(':') ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`));
    lines.push(...field('Address', [`${entry.address}:${entry.orPort}${entry.dirPort === undefined ? '' : ` (dir ${entry.dirPort})`}`, ...more].join(', ')));
    lines.push(...field('Flags', entry.flags.join(' ') || 'none'));
    lines.push(...field('Version', entry.torVersion ?? entry.versionLine));
    if (entry.bandwidthWeight !== undefined) lines.push(...field('Weight', `${entry.bandwidthWeight}${entry.isUnmeasured ? ' (unmeasured)' : ''}`));
    lines.push(...field('Exit policy', policyText(entry.exitPolicy)));
  } else if (desc !== undefined) {
    lines.push(...field('Address', `${desc.address}:${desc.orPort}`));
  }
  if (desc !== undefined) {
    lines.push(...field('Platform', desc.platform), ...field('Contact', desc.contact));
    lines.push(...field('Bandwidth', `${desc.bandwidth.avgBytesPerSec} B/s avg, ${desc.bandwidth.burstBytesPerSec} B/s burst, ${desc.bandwidth.observedBytesPerSec} B/s observed`));
    if (desc.uptimeSec !== undefined) lines.push(...field('Uptime', `${Math.floor(desc.uptimeSec / 86400)} days ${Math.floor((desc.uptimeSec % 86400) / 3600)} hours`));
    if (desc.family.length > 0) lines.push(...field('Family', desc.family.join(' ')));
  }
  for (const note of docs.notes) lines.push({ text: note, style: 'note' });
  lines.push(...documentLines('Router status entry (ns):', docs.status));
  lines.push(...documentLines('Server descriptor (desc):', docs.descriptor));
  lines.push(...documentLines('Microdescriptor (md):', docs.microdescriptor));
  return lines;
}
