// Where tor's MetricsPort listens, from GETINFO net/listeners/metrics (the bound address, so
// `MetricsPort auto` works) or GETCONF MetricsPort, and whether ortop may scrape it. Pure.

export interface MetricsAddress {
  /** "127.0.0.1", "::1", "192.0.2.1" (no brackets) */
  readonly host: string;
  readonly port: number;
}

/** `"127.0.0.1:9035" "[::1]:9035"` (net/listeners/metrics: quoted, space-separated) → the first usable. */
export function parseMetricsListeners(value: string): MetricsAddress | undefined {
  for (const token of value.split(/\s+/)) {
    const address = parseMetricsAddress(token.replace(/^"|"$/g, ''));
    if (address !== undefined) return address;
  }
  return undefined;
}

/**
 * One MetricsPort value: `9035`, `127.0.0.1:9035`, `[::1]:9035`, possibly followed by flags
 * (tor manual: "MetricsPort [address:]port [format]"); a bare port means 127.0.0.1. "0" or "" = none.
 */
export function parseMetricsAddress(value: string): MetricsAddress | undefined {
  const first = value.trim().split(/\s+/)[0] ?? '';
  let host = '127.0.0.1';
  let portText = first;
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(first);
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}|localhost):(\d+)$/.exec(first);
  if (v6 !== null) [host, portText] = [v6[1]!, v6[2]!];
  else if (v4 !== null) [host, portText] = [v4[1]!, v4[2]!];
  else if (!/^\d+$/.test(first)) return undefined;
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  if (host === '0.0.0.0') host = '127.0.0.1';
  if (host === '::') host = '::1';
  if (host === 'localhost') host = '127.0.0.1';
  return { host, port };
}

export function isLoopbackHost(host: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '::1' || host === 'localhost';
}

/** "127.0.0.1:9035", "[::1]:9035" */
export function formatMetricsAddress(a: MetricsAddress): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

/**
 * Scrape only the MetricsPort of a tor proven to run on this machine (evidence from /proc). A loopback
 * address is no proof: behind a forwarded control port (ssh -L, a container) 127.0.0.1:9035 here is
 * another program, or another tor, than the one tor names. Otherwise the reason, for the model's problem.
 */
export function scrapeRefusal(address: MetricsAddress, torIsLocal: boolean): string | undefined {
  if (torIsLocal) return undefined;
  if (isLoopbackHost(address.host)) return `MetricsPort ${formatMetricsAddress(address)} is on tor's machine, and tor is not shown to run on this one (a forwarded control port?): not scraped from here`;
  return `MetricsPort ${formatMetricsAddress(address)} belongs to a tor on another machine: not scraped from here`;
}
