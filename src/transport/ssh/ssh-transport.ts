// Control connections to a tor behind an ssh tunnel: each open (first attach and every reconnect)
// makes sure ssh runs (restarting it after a drop; the controller's backoff paces the restarts),
// finds which forward reaches tor (a QUIT probe: a forward whose remote end is missing is closed by
// ssh without a byte), and opens the unix socket with the plain transport. A connection that ends
// because ssh died says so (SshTunnelError 'ssh-lost'), so the banner names ssh, not tor.
import { openTransport } from '../net-transport.js';
import type { Transport, TransportFactory } from '../transport.js';
import type { SshForward } from './ssh-argv.js';
import { sshFailureReason } from './ssh-argv.js';
import { SshTunnelError } from './ssh-errors.js';
import { describeRemoteControl, describeSshTarget } from './ssh-target.js';
import type { SshTunnel } from './ssh-tunnel.js';

export interface SshTransportOptions {
  /** Give up on a probe (tor hung) after this long and go on: the controller's own timeouts judge tor. */
  readonly probeTimeoutMs?: number;
  /** After the socket closes, how long to wait for ssh's exit before calling it tor's close. */
  readonly lossGraceMs?: number;
  readonly connectTimeoutMs?: number;
}

export function sshTransportFactory(tunnel: SshTunnel, options: SshTransportOptions = {}): TransportFactory {
  let last: SshForward | undefined;
  return async () => {
    await tunnel.ensure();
    const order = last === undefined ? tunnel.forwards : [last, ...tunnel.forwards.filter((f) => f !== last)];
    const failures: string[] = [];
    for (const forward of order) {
      const problem = await probe(tunnel, forward, options);
      if (problem !== undefined) {
        failures.push(`${describeRemoteControl(forward.remote)}: ${problem}`);
        continue;
      }
      last = forward;
      let transport: Transport;
      try {
        transport = await openTransport({ kind: 'unix', path: forward.localSocket }, options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs });
      } catch (e) {
        // The private socket is ortop's own: failing to open it means ssh went away meanwhile.
        throw new SshTunnelError('ssh-lost', tunnel.host, describeSshTarget(tunnel.target), tunnel.exitReason ?? (e as Error).message);
      }
      return new SshTransport(transport, describeSshTarget(tunnel.target, forward.remote), tunnel, options.lossGraceMs ?? 500);
    }
    if (!tunnel.alive) throw new SshTunnelError('ssh-lost', tunnel.host, describeSshTarget(tunnel.target), tunnel.exitReason ?? 'ssh ended');
    const where = tunnel.forwards.map((f) => describeRemoteControl(f.remote)).join(', ');
    throw new SshTunnelError('no-control', tunnel.host, `${tunnel.host}:${where}`, failures.join('; '));
  };
}

/**
 * Whether tor answers through this forward: "QUIT" gets tor's "250 closing connection"; a forward
 * whose remote end is missing is accepted here and closed by ssh at once ("open failed" on its
 * stderr). Silence until the timeout counts as reachable (a stopped tor is the controller's to judge).
 */
async function probe(tunnel: SshTunnel, forward: SshForward, options: SshTransportOptions): Promise<string | undefined> {
  const stderrBefore = tunnel.stderrText.length;
  let transport: Transport;
  try {
    transport = await openTransport({ kind: 'unix', path: forward.localSocket }, { connectTimeoutMs: options.connectTimeoutMs ?? 5000 });
  } catch (e) {
    return (e as Error).message;
  }
  return new Promise<string | undefined>((resolve) => {
    let done = false;
    const finish = (result: string | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      transport.close();
      resolve(result);
    };
    const timer = setTimeout(() => finish(undefined), options.probeTimeoutMs ?? 3000);
    transport.onData(() => finish(undefined));
    transport.onClose(() => {
      // ssh writes its "open failed" line when it closes the channel; give stderr a moment to arrive.
      setTimeout(() => {
        const said = tunnel.stderrText.slice(Math.min(stderrBefore, tunnel.stderrText.length));
        finish(said.trim() === '' ? 'ssh could not open it there' : sshFailureReason(said, { code: null, signal: null }));
      }, 50);
    });
    transport.write('QUIT\r\n');
  });
}

/** The unix transport, described as the ssh address, with no local endpoint (tor is not here). */
class SshTransport implements Transport {
  readonly endpoint = undefined;
  constructor(
    private readonly inner: Transport,
    readonly description: string,
    private readonly tunnel: SshTunnel,
    private readonly lossGraceMs: number,
  ) {}

  write(bytes: string | Uint8Array): void {
    this.inner.write(bytes);
  }

  close(): void {
    this.inner.close();
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.inner.onData(listener);
  }

  /** When ssh is gone (or goes within the grace), the close is ssh's: 'ssh-lost' with its reason. */
  onClose(listener: (error?: Error) => void): void {
    this.inner.onClose((error) => {
      const lost = () => new SshTunnelError('ssh-lost', this.tunnel.host, this.description, this.tunnel.exitReason ?? 'ssh ended');
      if (!this.tunnel.alive) return listener(lost());
      let done = false;
      const off = this.tunnel.onExit(() => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        listener(lost());
      });
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        off();
        listener(error);
      }, this.lossGraceMs);
      // Waiting to classify a close never keeps ortop from exiting.
      timer.unref?.();
    });
  }
}
