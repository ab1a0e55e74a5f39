// Why ortop is not attached to tor, in the few words the header banner has room for (the full
// message goes to ortop's log). Pure: an error in, short text and the hint for the 'r' key out.
import { AuthError, ConnectionClosedError, NotTorError, ProtocolDesyncError, UnresponsiveError } from '../../controller/index.js';
import { NoControlPortError, SshTunnelError, TransportError } from '../../transport/index.js';
import { ConfiguredPasswordRejected } from '../shell/password-prompt.js';

export interface ConnectionProblem {
  /** "nothing listening", "password rejected", … */
  readonly text: string;
  /** What 'r' does when ortop has stopped retrying ("enter the password"); default "reconnect". */
  readonly manualAction?: string;
}

export function describeConnectionProblem(error: Error): ConnectionProblem | undefined {
  // "ssh to relay1 lost: Connection refused" (ssh's own reason); tor's trouble behind a live ssh reads as tor's.
  const ssh = error instanceof SshTunnelError ? error : error.cause instanceof SshTunnelError ? error.cause : undefined;
  if (ssh?.bannerText !== undefined) return { text: ssh.bannerText };
  if (error instanceof UnresponsiveError) return { text: 'tor stopped answering' };
  if (error instanceof ProtocolDesyncError) return { text: 'protocol error' };
  if (error instanceof ConnectionClosedError) {
    if (error.cause instanceof UnresponsiveError || error.cause instanceof ProtocolDesyncError) return describeConnectionProblem(error.cause);
    return { text: 'connection lost' };
  }
  if (error instanceof NoControlPortError) {
    const denied = error.attempts.some((a) => a.error instanceof TransportError && a.error.kind === 'permission-denied');
    return { text: denied ? 'permission denied' : 'nothing listening' };
  }
  if (error instanceof TransportError) return { text: TRANSPORT_TEXT[error.kind] };
  if (error instanceof AuthError) {
    switch (error.kind) {
      case 'not-tor':
        return { text: error instanceof NotTorError && error.silent ? 'tor not answering' : 'not a tor control port' };
      case 'password-required': {
        const configured = error.cause instanceof ConfiguredPasswordRejected;
        return { text: configured ? 'ORTOP_PASSWORD rejected' : 'password needed', manualAction: 'enter the password' };
      }
      case 'wrong-password':
        return { text: 'password rejected', manualAction: 'enter the password' };
      case 'cookie-unreadable':
        return { text: 'cookie file unreadable' };
      case 'cookie-wrong-size':
      case 'cookie-rejected':
      case 'server-hash-mismatch':
        return { text: 'cookie does not match this tor' };
      case 'no-usable-method':
        return { text: 'no usable authentication method' };
      case 'auth-failed':
        return { text: 'authentication refused' };
    }
  }
  return undefined;
}

const TRANSPORT_TEXT: Record<TransportError['kind'], string> = {
  'nothing-listening': 'nothing listening',
  'permission-denied': 'permission denied',
  unreachable: 'unreachable',
  'connect-failed': 'connect failed',
};
