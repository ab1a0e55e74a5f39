// The exact ssh command lines ortop runs on the user's behalf (the -d log shows them), and ssh's own
// words picked from its stderr. Pure: argv arrays and strings; nothing is started here.
//
//   ssh -o BatchMode=yes … -N -L /run/user/1000/ortop/ssh-1-0.sock:/run/tor/control -- relay1
//   ssh -o BatchMode=yes … -o ControlMaster=no -o ControlPath=… -- relay1 "cat -- '/var/lib/tor/control_auth_cookie'"
import { quoteUntrusted } from '../../protocol/untrusted-text.js';
import type { RemoteControl, SshTarget } from './ssh-target.js';

export interface SshCommandOptions {
  /** -F FILE instead of ~/.ssh/config (ORTOP_SSH_CONFIG); undefined = ssh's own default. */
  readonly configFile?: string;
}

/** One forward: a private local socket to tor's control listener on the remote host. */
export interface SshForward {
  readonly localSocket: string;
  readonly remote: RemoteControl;
}

/**
 * Options common to every ssh ortop starts: keys or agent only (BatchMode: ssh never asks for a
 * password or a host key on ortop's screen), errors only on stderr (no banners), a dead link noticed
 * within about 45 s, and nothing of the user's forwarded to the relay host (agent, X11).
 */
function commonArgs(target: SshTarget, options: SshCommandOptions): string[] {
  const args: string[] = [];
  if (options.configFile !== undefined) args.push('-F', options.configFile);
  for (const o of ['BatchMode=yes', 'LogLevel=ERROR', 'ConnectTimeout=10', 'ServerAliveInterval=15', 'ServerAliveCountMax=3', 'ForwardAgent=no', 'ForwardX11=no', 'PermitLocalCommand=no']) {
    args.push('-o', o);
  }
  if (target.port !== undefined) args.push('-p', String(target.port));
  if (target.user !== undefined) args.push('-l', target.user);
  return args;
}

/** "/tmp/x.sock:/run/tor/control" or "/tmp/x.sock:127.0.0.1:9051" (ssh -L's local_socket:remote forms). */
export function forwardSpec(forward: SshForward): string {
  const r = forward.remote;
  if (r.kind === 'unix') return `${forward.localSocket}:${r.path}`;
  return `${forward.localSocket}:${r.host.includes(':') ? `[${r.host}]` : r.host}:${r.port}`;
}

/**
 * The tunnel: no remote command (-N), the forwards, and a multiplexing socket (ControlPath) so the
 * cookie is read over the same authenticated connection. ExitOnForwardFailure: a forward that cannot
 * listen ends ssh at once; StreamLocalBindUnlink: a stale socket of an earlier run is replaced;
 * ControlPersist=no: ssh never forks into the background, so ending it ends the link.
 */
export function buildTunnelArgs(target: SshTarget, forwards: readonly SshForward[], controlPath: string, options: SshCommandOptions = {}): string[] {
  const args = [...commonArgs(target, options), '-N', '-T'];
  for (const o of ['ExitOnForwardFailure=yes', 'StreamLocalBindUnlink=yes', 'StreamLocalBindMask=0177', 'ControlMaster=yes', `ControlPath=${controlPath}`, 'ControlPersist=no']) {
    args.push('-o', o);
  }
  for (const f of forwards) args.push('-L', forwardSpec(f));
  args.push('--', target.host);
  return args;
}

/** `cat -- 'PATH'` on the remote host, through the tunnel's connection when it is up (else a new one). */
export function buildCatArgs(target: SshTarget, path: string, controlPath: string, options: SshCommandOptions = {}): string[] {
  return [
    ...commonArgs(target, options),
    '-T',
    '-o', 'ClearAllForwardings=yes',
    '-o', 'ControlMaster=no',
    '-o', `ControlPath=${controlPath}`,
    '--', target.host,
    `cat -- ${shellQuote(path)}`,
  ];
}

/** A word for the remote shell: 'it'\''s' — single quotes, each inner quote closed, escaped, reopened. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The argv as one line for the debug log, words with spaces or quotes shown quoted. */
export function formatCommandLine(file: string, args: readonly string[]): string {
  return [file, ...args].map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}

/** ssh's lines that are chatter, not the reason for a failure. */
const NOISE = [/^Warning: Permanently added /, /^Pseudo-terminal will not be allocated/, /^Killed by signal \d+\.?$/, /^\s*$/];

/**
 * Why ssh failed, in its own words: the last line of its stderr that is not chatter ("Permission
 * denied (publickey).", "ssh: connect to host … port 22: Connection refused", "Host key verification
 * failed."), else its exit status. The text is the remote host's and ssh's: escaped and capped.
 */
export function sshFailureReason(stderr: string, exit: { readonly code: number | null; readonly signal: string | null }): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => !NOISE.some((n) => n.test(l)));
  const last = lines[lines.length - 1];
  // "ssh: connect to host …" and "op@host: Permission denied …": the banner already says "ssh to op@host".
  if (last !== undefined) return quoteUntrusted(last.replace(/^ssh: /, '').replace(/^[^\s:]+@[^\s:]+: (?=Permission denied)/, ''), 300);
  if (exit.signal !== null) return `ssh was ended by ${exit.signal}`;
  return exit.code === null ? 'ssh ended' : `ssh exited with status ${exit.code} and said nothing`;
}
