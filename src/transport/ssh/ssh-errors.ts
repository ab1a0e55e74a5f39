// What went wrong with an ssh link, one kind per thing the user sees: ssh itself failed or the link
// dropped (the banner says "ssh to HOST lost: <ssh's reason>"), or ssh works but nothing answers at
// tor's control listener on the remote host (tor's own trouble: "nothing listening"). No I/O here.
import { TransportError } from '../errors.js';

export type SshProblem = 'ssh-failed' | 'ssh-lost' | 'no-control';

export class SshTunnelError extends TransportError {
  override readonly name = 'SshTunnelError';
  readonly kind: 'connect-failed' | 'nothing-listening';
  readonly problem: SshProblem;
  /** "op@relay1" */
  readonly sshHost: string;
  /** ssh's own words (escaped), or ortop's when ssh said nothing. */
  readonly reason: string;
  constructor(problem: SshProblem, sshHost: string, address: string, reason: string, message?: string) {
    super(address, undefined, message ?? SshTunnelError.sentence(problem, sshHost, address, reason));
    this.problem = problem;
    this.sshHost = sshHost;
    this.reason = reason;
    this.kind = problem === 'no-control' ? 'nothing-listening' : 'connect-failed';
  }

  /** The banner's few words: "ssh to relay1 lost: Connection refused", or undefined for tor's own trouble. */
  get bannerText(): string | undefined {
    return this.problem === 'no-control' ? undefined : `ssh to ${this.sshHost} lost: ${this.reason.replace(/\.$/, '')}`;
  }

  private static sentence(problem: SshProblem, host: string, address: string, reason: string): string {
    switch (problem) {
      case 'ssh-failed':
        return `ssh to ${host} failed: ${reason}`;
      case 'ssh-lost':
        return `ssh to ${host} lost: ${reason}`;
      case 'no-control':
        return `ssh to ${host} works, but it could not reach tor's control port there (${reason}). Is tor running on ${host} with this ControlSocket or ControlPort (name it: --ssh ${host}:/path/to/control or ${host}:PORT), and may this key forward to it (authorized_keys: restrict, permitopen)?`;
    }
  }
}
