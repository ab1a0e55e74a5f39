// One function per header section (platform, ports, resources, fingerprint, flags, exit policy,
// NEWNYM, bootstrap, network), each returning a Line that fits the width it is given.
// Pure. Every string that came from tor is sanitised here (so widths are measured on what is shown).
import type { HeaderFacts } from '../../src/relay/header-facts.js';
import { sanitizeLine } from '../../src/terminal/sanitize.js';
import { lineWidth, seg, truncateLine, type Line, type Segment, type Style } from '../../src/terminal/theme.js';
import { displayWidth, truncateToWidth } from '../../src/terminal/width.js';
import { authLabel, authStyle, fdUsageStyle, flagStyle, formatBytes, formatClock, formatPercent, formatUptime, versionStatusStyle } from './header-format.js';

const shown = (text: string): string => sanitizeLine(text);
const pad = (n: number): Segment => seg(' '.repeat(Math.max(0, n)));
const UNKNOWN: Style = { fg: 'cyan' };

const PLATFORM_MIN_ROOM = 40;
const TOR_VERSION_COLUMN = 43;
const GAP = 3;

function torVersionSegments(facts: HeaderFacts): Segment[] {
  if (facts.torVersion === undefined) return [];
  const out = [seg(`Tor ${shown(facts.torVersion)}`)];
  const status = facts.versionStatus === undefined ? '' : shown(facts.versionStatus);
  if (status !== '') out.push(seg(' ('), seg(status, versionStatusStyle(status)), seg(')'));
  return out;
}

/**
 * "ortop - relay1 (Linux 6.1.0)" then "Tor 0.4.9.11 (recommended)" from column 43 (later when the
 * platform needs the room). The platform keeps at least 40 cells; the Tor part needs 10 to show.
 */
/** Which relay the header is about, when ortop watches more than one. */
export interface RelayLabel {
  readonly index: number;
  readonly count: number;
  readonly name: string;
}

/** "ortop - vm (Linux 6.1)      Tor 0.4.9.11 (recommended)"; with several relays "ortop relay 2/3: exit1 - vm (…)". */
export function selectPlatformRow(facts: HeaderFacts, width: number, relay?: RelayLabel): Line {
  const tor = torVersionSegments(facts);
  const room = Math.min(width, Math.max(PLATFORM_MIN_ROOM, width - lineWidth(tor) - GAP));
  const which = relay === undefined || relay.count < 2 ? '' : ` relay ${relay.index + 1}/${relay.count}: ${shown(relay.name)}`;
  const host = truncateToWidth(`ortop${which} - ${shown(facts.hostname)}`, room);
  const out: Segment[] = [seg(host)];
  const left = room - displayWidth(host);
  const os = shown(`${facts.osName} ${facts.osRelease}`.trim());
  if (left >= 10 && os !== '') out.push(seg(` (${truncateToWidth(os, left - 3)})`));
  const column = Math.max(TOR_VERSION_COLUMN, lineWidth(out) + GAP);
  if (tor.length > 0 && width - column >= 10) {
    out.push(pad(column - lineWidth(out)));
    const fits = lineWidth(tor) <= width - column;
    out.push(...(fits ? tor : truncateLine([tor[0]!], width - column)));
  }
  return truncateLine(out, width);
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost):(\d+)$/;

function controlSegments(facts: HeaderFacts, used: number, width: number): Segment[] {
  const target = facts.controlTarget;
  if (target === undefined) return [];
  if (facts.controlIsSocket) return [seg(`, Control Socket: ${shown(target)}`)];
  const port = shown(LOOPBACK.exec(target)?.[2] ?? target);
  const method = facts.authMethod ?? (facts.connection.kind === 'connected' ? facts.connection.authMethod : undefined);
  if (method !== undefined) {
    const auth = authLabel(method);
    if (used + displayWidth(`, Control Port (${auth}): ${port}`) <= width) {
      return [seg(', Control Port ('), seg(auth, authStyle(auth)), seg(`): ${port}`)];
    }
  }
  return [seg(`, Control Port: ${port}`)];
}

function bracketed(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/** "Unnamed - 1.2.3.4:9001, Dir Port: 9030, Control Port (cookie): 9051", or the connection state. */
export function selectPortsRow(facts: HeaderFacts, nowMs: number, width: number): Line {
  const conn = facts.connection;
  if (conn.kind === 'connecting') {
    return truncateLine([seg(`Connecting to ${shown(conn.target)}…`, UNKNOWN)], width);
  }
  if (conn.kind === 'disconnected') {
    const at = formatClock(conn.atMs);
    const why = conn.problem === undefined ? '' : `: ${shown(conn.problem)}`;
    let retry = conn.problem === undefined ? ' (press r to reconnect)' : ` — press r to ${conn.manualAction ?? 'reconnect'}`;
    if (conn.retryAtMs !== undefined) {
      const seconds = Math.max(0, Math.ceil((conn.retryAtMs - nowMs) / 1000));
      const where = conn.retrying === undefined ? '' : ` ${shown(conn.retrying)}`;
      retry = `${seconds > 0 ? ` — retrying${where} in ${seconds}s` : ` — retrying${where} now`} (press r to reconnect now)`;
    }
    return truncateLine([seg(`Tor Disconnected at ${at}${why}${retry}`, { fg: 'red', bold: true })], width);
  }
  if (conn.kind === 'connected' && conn.silence !== undefined) {
    // Still connected, but tor does not answer (stopped, hung): say since when, and when ortop gives up on this connection.
    const silence = conn.silence;
    const waited = Math.max(0, Math.floor((nowMs - silence.askedAtMs) / 1000));
    const dropIn = Math.ceil((silence.dropAtMs - nowMs) / 1000);
    const then = dropIn > 0 ? `reconnecting in ${dropIn}s unless it answers` : 'reconnecting now';
    const text = `Tor not answering since ${formatClock(silence.lastHeardAtMs)} (${shown(silence.command)} unanswered for ${waited}s) — ${then}`;
    return truncateLine([seg(text, { fg: 'yellow', bold: true })], width);
  }
  const out: Segment[] = [];
  if (facts.isRelay) {
    const address = facts.address === undefined ? '?' : bracketed(shown(facts.address));
    out.push(seg(`${shown(facts.nickname ?? 'Unnamed')} - ${address}:${facts.orPort ?? '?'}`));
    if (facts.dirPort !== undefined && facts.dirPort !== 0) out.push(seg(`, Dir Port: ${facts.dirPort}`));
  } else {
    out.push(seg('Relaying Disabled', UNKNOWN));
  }
  out.push(...controlSegments(facts, lineWidth(out), width));
  return truncateLine(out, width);
}

/** Where cpu, mem, pid and uptime start (Nyx's fixed columns, widened for "ortop"). */
const RESOURCE_COLUMNS = [0, 28, 48, 61] as const;

function resourceFields(facts: HeaderFacts, nowMs: number): Array<string | undefined> {
  const cpu: string[] = [];
  if (facts.tor !== undefined) cpu.push(`${formatPercent(facts.tor.cpuPercent)} tor`);
  if (facts.ortop !== undefined) cpu.push(`${formatPercent(facts.ortop.cpuPercent)} ortop`);
  const rss = facts.tor?.rssBytes;
  const memPercent = facts.tor?.memPercent;
  const mem = rss === undefined ? undefined : `mem: ${formatBytes(rss)}${memPercent === undefined ? '' : ` (${formatPercent(memPercent)})`}`;
  const conn = facts.connection;
  const until = conn.kind === 'disconnected' ? Math.min(conn.atMs, nowMs) : nowMs;
  const started = facts.torStartedAtMs;
  return [
    cpu.length === 0 ? undefined : `cpu: ${cpu.join(', ')}`,
    mem,
    facts.pid === undefined ? undefined : `pid: ${facts.pid}`,
    started === undefined ? undefined : `uptime: ${formatUptime(until - started)}`,
  ];
}

/**
 * "cpu: 1.2% tor, 0.4% ortop   mem: 71 MB (1.8%)   pid: 4242   uptime: 1-02:03:04". Fields that do
 * not fit are dropped from the right; the first one is cut instead. Uptime freezes at a disconnect.
 */
export function selectResourcesRow(facts: HeaderFacts, nowMs: number, width: number): Line {
  const out: Segment[] = [];
  let x = 0;
  resourceFields(facts, nowMs).forEach((field, i) => {
    if (field === undefined || x < 0) return;
    const start = out.length === 0 ? 0 : Math.max(RESOURCE_COLUMNS[i] ?? 0, x + GAP);
    if (start + displayWidth(field) > width) {
      if (out.length === 0) out.push(seg(truncateToWidth(field, width)));
      x = -1;
      return;
    }
    out.push(pad(start - x), seg(field));
    x = start + displayWidth(field);
  });
  return out;
}

/** "fingerprint: <fp>" and, from 60 % use, ", file descriptors: 650 / 1000 (65%)" (", fds: …" when tight). */
export function selectFingerprintRow(facts: HeaderFacts, width: number): Line {
  const fp = facts.fingerprint === undefined ? [seg('unknown', UNKNOWN)] : [seg(shown(facts.fingerprint))];
  const out: Segment[] = [seg('fingerprint: '), ...fp];
  const { fdUsed, fdLimit } = facts;
  if (fdUsed !== undefined && fdLimit !== undefined && fdLimit > 0) {
    const percent = Math.floor((fdUsed * 100) / fdLimit);
    const style = fdUsageStyle(percent);
    if (style !== undefined) {
      const usage = `${fdUsed} / ${fdLimit} (${percent}%)`;
      const long = displayWidth(`, file descriptors: ${usage}`);
      const label = lineWidth(out) + long <= width ? 'file descriptors' : 'fds';
      out.push(seg(', '), seg(`${label}: ${usage}`, style));
    }
  }
  return truncateLine(out, width);
}

/** "flags: Running, Valid" with each flag coloured; "none" when tor lists none. */
export function selectFlagsRow(facts: HeaderFacts, width: number): Line {
  const out: Segment[] = [seg('flags: ')];
  const flags = facts.flags;
  if (flags === undefined) out.push(seg('unknown', UNKNOWN));
  else if (flags.length === 0) out.push(seg('none', UNKNOWN));
  else {
    flags.forEach((flag, i) => {
      if (i > 0) out.push(seg(', '));
      const name = shown(flag);
      out.push(seg(name, flagStyle(name)));
    });
  }
  return truncateLine(out, width);
}

const TAIL_STYLE: Style = { fg: 'cyan', bold: true };

/**
 * "exit policy: accept 1.2.3.0/24:443, reject *:*" or "exit policy: accept *:80, <default>": the
 * rules the operator wrote, accept green and reject red; what tor appends is "<default>" (or
 * "<reduced>"), private networks are left out. Cut at the width with "…".
 */
export function selectExitPolicyRow(facts: HeaderFacts, width: number): Line {
  const out: Segment[] = [seg('exit policy: ')];
  const policy = facts.exitPolicy;
  if (policy === undefined) return truncateLine([...out, seg('unknown', UNKNOWN)], width);
  const items: Segment[] = policy.rules.map((r) => seg(shown(r.text), { fg: r.action === 'accept' ? 'green' : 'red', bold: true }));
  if (policy.tail !== undefined) items.push(seg(`<${policy.tail}>`, TAIL_STYLE));
  if (items.length === 0) items.push(seg('none', UNKNOWN));
  items.forEach((item, i) => {
    if (i > 0) out.push(seg(', '));
    out.push(item);
  });
  return truncateLine(out, width);
}

/** The NEWNYM hint for clients; undefined when tor gave no wait time or is not connected. */
export function selectNewnymRow(facts: HeaderFacts, width: number): Line | undefined {
  const waitMs = facts.newnymWaitMs;
  if (waitMs === undefined || facts.connection.kind !== 'connected') return undefined;
  const seconds = Math.ceil(waitMs / 1000);
  const text = seconds <= 0 ? "press 'n' for a new identity" : `building circuits, available again in ${seconds} second${seconds === 1 ? '' : 's'}`;
  return truncateLine([seg(text)], width);
}

const BAR_CELLS = 10;

/** "network: down   bootstrapping 45%: Loading relay descriptors  [####------]"; undefined when idle. */
export function selectStatusRow(facts: HeaderFacts, width: number, unicode: boolean): Line | undefined {
  const out: Segment[] = [];
  if (facts.liveness === 'down') out.push(seg('network: '), seg('down', { fg: 'red', bold: true }));
  const boot = facts.bootstrap;
  if (boot !== undefined && boot.progress < 100) {
    const progress = Math.max(0, Math.min(100, Math.floor(boot.progress)));
    if (out.length > 0) out.push(pad(GAP));
    const summary = shown(boot.summary);
    out.push(seg(`bootstrapping ${progress}%`, { fg: 'yellow' }), seg(summary === '' ? '' : `: ${summary}`));
    const filled = Math.floor((progress * BAR_CELLS) / 100);
    const [on, off] = unicode ? ['█', '░'] : ['#', '-'];
    const bar = [seg('  ['), seg(on.repeat(filled), { fg: 'yellow' }), seg(off.repeat(BAR_CELLS - filled)), seg(']')];
    if (lineWidth(out) + lineWidth(bar) <= width) out.push(...bar);
  }
  return out.length === 0 ? undefined : truncateLine(out, width);
}

/** "bootstrap warning: <tor's warning>" in yellow, while bootstrapping with a problem. */
export function selectBootstrapWarningRow(facts: HeaderFacts, width: number): Line | undefined {
  const boot = facts.bootstrap;
  if (boot === undefined || boot.progress >= 100 || boot.warning === undefined) return undefined;
  return truncateLine([seg('bootstrap warning: ', { fg: 'yellow', bold: true }), seg(shown(boot.warning), { fg: 'yellow' })], width);
}
