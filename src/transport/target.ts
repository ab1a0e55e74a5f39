// Where tor's control port lives: a TCP address (IPv4 or IPv6 literal) or a unix socket path,
// plus Nyx-style default discovery. Pure values only: nothing here opens a socket.

export type ControlTarget =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'unix'; readonly path: string };

/** "127.0.0.1:9051", "[::1]:9051" or "/run/tor/control". */
export function describeTarget(target: ControlTarget): string {
  if (target.kind === 'unix') return target.path;
  const host = bareHost(target.host);
  return host.includes(':') ? `[${host}]:${target.port}` : `${host}:${target.port}`;
}

/** Strips the brackets of an IPv6 literal written as "[::1]". */
export function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** The candidates tried when the user names no control port, in order (as Nyx does). */
export function discoverTargets(): ControlTarget[] {
  return [
    { kind: 'unix', path: '/run/tor/control' },
    { kind: 'unix', path: '/var/run/tor/control' },
    { kind: 'tcp', host: '127.0.0.1', port: 9051 },
    { kind: 'tcp', host: '127.0.0.1', port: 9151 },
  ];
}
