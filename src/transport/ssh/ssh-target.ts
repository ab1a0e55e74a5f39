// Where a relay reached over ssh lives: the ssh destination ([user@]host, an optional ssh port) and
// tor's control socket or port as seen ON THAT HOST. Pure parsing of what the user typed (--ssh,
// or a config file's `relay NAME ssh://…`); nothing here starts ssh.
//
//   parseSshTarget('relay1')                          → host relay1, control: the defaults
//   parseSshTarget('op@relay1:/run/tor/control')      → user op, control socket /run/tor/control
//   parseSshTarget('relay1:9051')                     → control port 127.0.0.1:9051 on relay1
//   parseSshTarget('ssh://op@relay1:2222/run/tor/control') → ssh port 2222 (URL authority), socket
//   parseSshTarget('ssh://relay1/9051')               → control port 9051 (a path of digits is a port)

/** tor's control listener on the remote host: a unix socket path, or a TCP address there. */
export type RemoteControl = { readonly kind: 'unix'; readonly path: string } | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

export interface SshTarget {
  readonly user: string | undefined;
  readonly host: string;
  /** ssh's port (-p); undefined = ssh's own choice (~/.ssh/config, else 22). */
  readonly port: number | undefined;
  /** Named control listeners; empty = the defaults (DEFAULT_REMOTE_CONTROLS), tried in order. */
  readonly controls: readonly RemoteControl[];
}

/** Without a named control: Debian's socket, then the usual ControlPort, on the remote host. */
export const DEFAULT_REMOTE_CONTROLS: readonly RemoteControl[] = [
  { kind: 'unix', path: '/run/tor/control' },
  { kind: 'tcp', host: '127.0.0.1', port: 9051 },
];

export class SshTargetError extends Error {
  override readonly name = 'SshTargetError';
}

// A user or host must not look like an ssh option or carry characters a shell or ssh_config treats specially.
const USER = /^[A-Za-z0-9._][A-Za-z0-9._-]*$/;
const HOST = /^[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

export function parseSshTarget(text: string): SshTarget {
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new SshTargetError(`ssh target ${JSON.stringify(text)} contains control characters`);
  const t = text.trim();
  if (t === '') throw new SshTargetError('an ssh target is empty (expected [USER@]HOST[:CONTROL] or ssh://USER@HOST[:SSHPORT]/CONTROL)');
  if (/\s/.test(t)) throw new SshTargetError(`ssh target ${JSON.stringify(t)} contains spaces`);
  return /^ssh:\/\//i.test(t) ? parseUrl(t, t.slice(6)) : parseShort(t);
}

/** [user@]host[:control], host an IPv6 literal only in brackets. */
function parseShort(t: string): SshTarget {
  const { user, rest } = splitUser(t, t);
  let host: string;
  let controlText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw new SshTargetError(`ssh target ${JSON.stringify(t)}: "[" without "]"`);
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) throw new SshTargetError(`ssh target ${JSON.stringify(t)}: expected ":CONTROL" after "]"`);
    controlText = after === '' ? undefined : after.slice(1);
    if (!IPV6.test(host) || !host.includes(':')) throw new SshTargetError(`ssh target ${JSON.stringify(t)}: [${host}] is not an IPv6 address`);
  } else {
    const colon = rest.indexOf(':');
    host = colon < 0 ? rest : rest.slice(0, colon);
    controlText = colon < 0 ? undefined : rest.slice(colon + 1);
    checkHost(host, t);
  }
  const controls = controlText === undefined ? [] : [parseControl(controlText, t)];
  return { user, host, port: undefined, controls };
}

/** ssh://[user@]host[:sshport][/control]: the authority's port is ssh's, the path is tor's control. */
function parseUrl(t: string, body: string): SshTarget {
  const slash = body.indexOf('/');
  const authority = slash < 0 ? body : body.slice(0, slash);
  const path = slash < 0 ? '' : body.slice(slash);
  const { user, rest } = splitUser(authority, t);
  let host = rest;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw new SshTargetError(`ssh target ${JSON.stringify(t)}: "[" without "]"`);
    host = rest.slice(1, close);
    if (!IPV6.test(host) || !host.includes(':')) throw new SshTargetError(`ssh target ${JSON.stringify(t)}: [${host}] is not an IPv6 address`);
    const after = rest.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) throw new SshTargetError(`ssh target ${JSON.stringify(t)}: expected ":PORT" after "]"`);
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const colon = rest.indexOf(':');
    if (colon >= 0) {
      host = rest.slice(0, colon);
      portText = rest.slice(colon + 1);
    }
    checkHost(host, t);
  }
  const port = portText === undefined ? undefined : parsePort(portText, `ssh target ${JSON.stringify(t)}: the ssh port`);
  const controlText = path === '' || path === '/' ? undefined : /^\/(\d+|[^/]+:\d+)$/.test(path) ? path.slice(1) : path;
  return { user, host, port, controls: controlText === undefined ? [] : [parseControl(controlText, t)] };
}

function splitUser(text: string, whole: string): { user: string | undefined; rest: string } {
  const at = text.lastIndexOf('@');
  if (at < 0) return { user: undefined, rest: text };
  const user = text.slice(0, at);
  if (!USER.test(user)) throw new SshTargetError(`ssh target ${JSON.stringify(whole)}: ${JSON.stringify(user)} is not a user name`);
  return { user, rest: text.slice(at + 1) };
}

function checkHost(host: string, whole: string): void {
  if (host === '') throw new SshTargetError(`ssh target ${JSON.stringify(whole)} names no host`);
  if (!HOST.test(host)) throw new SshTargetError(`ssh target ${JSON.stringify(whole)}: ${JSON.stringify(host)} is not a host name`);
}

/** "/run/tor/control" (a socket), "9051" (127.0.0.1:9051 there), "127.0.0.1:9051" or "[::1]:9051". */
function parseControl(text: string, whole: string): RemoteControl {
  if (text.startsWith('/')) {
    if (text.includes(':')) throw new SshTargetError(`ssh target ${JSON.stringify(whole)}: a control socket path cannot contain ":" (ssh's forward syntax)`);
    return { kind: 'unix', path: text };
  }
  if (/^\d+$/.test(text)) return { kind: 'tcp', host: '127.0.0.1', port: parsePort(text, `ssh target ${JSON.stringify(whole)}: the control port`) };
  const v6 = /^\[([0-9A-Fa-f:.]+)\]:(\d+)$/.exec(text);
  if (v6 !== null) return { kind: 'tcp', host: v6[1]!, port: parsePort(v6[2]!, `ssh target ${JSON.stringify(whole)}: the control port`) };
  const v4 = /^([A-Za-z0-9.-]+):(\d+)$/.exec(text);
  if (v4 !== null) return { kind: 'tcp', host: v4[1]!, port: parsePort(v4[2]!, `ssh target ${JSON.stringify(whole)}: the control port`) };
  throw new SshTargetError(`ssh target ${JSON.stringify(whole)}: ${JSON.stringify(text)} is neither a socket path (/run/tor/control) nor a port (9051, 127.0.0.1:9051)`);
}

function parsePort(text: string, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65535) throw new SshTargetError(`${what} ${JSON.stringify(text)} is not a port (1-65535)`);
  return n;
}

/** "op@relay1", "op@[::1]" — the destination as the user would write it (banner, messages). */
export function describeSshHost(target: SshTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${target.user === undefined ? '' : `${target.user}@`}${host}`;
}

/** "/run/tor/control", "127.0.0.1:9051". */
export function describeRemoteControl(control: RemoteControl): string {
  if (control.kind === 'unix') return control.path;
  return control.host.includes(':') ? `[${control.host}]:${control.port}` : `${control.host}:${control.port}`;
}

/** The relay's address as parseSshTarget reads it back: "ssh://op@relay1:2222/run/tor/control", "ssh://relay1/127.0.0.1:9051". */
export function describeSshTarget(target: SshTarget, control?: RemoteControl): string {
  const c = control ?? target.controls[0];
  const path = c === undefined ? '' : c.kind === 'unix' ? c.path : `/${describeRemoteControl(c)}`;
  return `ssh://${describeSshHost(target)}${target.port === undefined ? '' : `:${target.port}`}${path}`;
}
