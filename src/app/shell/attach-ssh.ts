// Relays on other machines over ssh (--ssh, `relay NAME ssh://…`): one ssh process per relay that
// ortop starts, restarts (with the controller's reconnect backoff) and ends — on quit, SIGTERM and
// SIGHUP too, with its private sockets removed. tor is never judged local over ssh: nothing about
// it is read from this machine. The cookie is read on the remote host over the same ssh.
import { join } from 'node:path';
import { createController, type PasswordProvider } from '../../controller/index.js';
import {
  DEFAULT_REMOTE_CONTROLS,
  describeSshHost,
  describeSshTarget,
  NoControlPortError,
  openRuntimeDir,
  sshCookieReader,
  SshTunnel,
  SshTunnelError,
  sshTransportFactory,
  type RuntimeDir,
  type SshTarget,
  type TransportFactory,
} from '../../transport/index.js';
import { NOT_LOCAL_PROC_FS } from '../../system/index.js';
import { connectToTor, PROBE_AFTER_IDLE_MS } from '../session/connect-tor.js';
import type { AttachedRelay } from './attach-relays.js';

/** Every ssh ortop started, so that none outlives it (quit, SIGTERM, SIGHUP, any exit). */
export class SshFleet {
  private dir: RuntimeDir | undefined;
  private readonly tunnels = new Set<SshTunnel>();
  private count = 0;
  private readonly onExit = () => this.stopAll();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.stopAll();
    // Nobody else handles it (a snapshot, SIGHUP): die by it as ortop would have without us.
    if (process.listenerCount(signal) === 1) {
      this.close();
      process.kill(process.pid, signal);
    }
  };

  constructor(
    /** The -d log: each ssh command line and each ssh exit. */
    readonly log: (line: string) => void = () => {},
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    process.on('exit', this.onExit);
    process.on('SIGTERM', this.onSignal);
    process.on('SIGHUP', this.onSignal);
  }

  /** ORTOP_SSH_CONFIG=FILE: ssh reads FILE instead of ~/.ssh/config (-F). */
  get configFile(): string | undefined {
    const f = this.env.ORTOP_SSH_CONFIG;
    return f === undefined || f === '' ? undefined : f;
  }

  /** The running ssh processes' pids (tests, -d). */
  get pids(): number[] {
    return [...this.tunnels].map((t) => t.pid).filter((p): p is number => p !== undefined);
  }

  newTunnel(target: SshTarget): SshTunnel {
    this.dir ??= openRuntimeDir(this.env);
    const n = this.count++;
    const controls = target.controls.length > 0 ? target.controls : DEFAULT_REMOTE_CONTROLS;
    const base = join(this.dir.path, `ssh-${process.pid}-${n}`);
    const tunnel = new SshTunnel({
      target,
      forwards: controls.map((remote, i) => ({ localSocket: `${base}-${i}.sock`, remote })),
      controlPath: `${base}.ctl`,
      command: this.configFile === undefined ? {} : { configFile: this.configFile },
      onLog: this.log,
    });
    this.tunnels.add(tunnel);
    return tunnel;
  }

  drop(tunnel: SshTunnel): void {
    tunnel.stop();
    this.tunnels.delete(tunnel);
  }

  /** Ends every ssh and removes its sockets; synchronous (it runs in the 'exit' handler). */
  stopAll(): void {
    for (const t of this.tunnels) t.stop();
    this.tunnels.clear();
    this.dir?.dispose();
    this.dir = undefined;
  }

  close(): void {
    this.stopAll();
    process.off('exit', this.onExit);
    process.off('SIGTERM', this.onSignal);
    process.off('SIGHUP', this.onSignal);
  }
}

export interface SshNamed {
  readonly name: string;
  readonly ssh: SshTarget;
}

function relayOf(named: SshNamed, tunnel: SshTunnel, controller: AttachedRelay['controller'], description: string): AttachedRelay {
  return {
    name: named.name === '' ? description : named.name,
    controller,
    target: description,
    procFs: NOT_LOCAL_PROC_FS,
    locality: `tor is on ${tunnel.host}, reached over ssh: nothing about it is read from this machine`,
    // The header's host is the relay's, not this machine's; tor does not report its OS.
    host: { hostname: named.ssh.host, osName: '', osRelease: '' },
  };
}

/**
 * Starts ssh and attaches through it (password on screen / ORTOP_PASSWORD, or the remote cookie over
 * ssh; SAFECOOKIE preferred). Fails with ssh's own reason (SshTunnelError) or tor's; ssh is then ended.
 */
export async function attachSsh(
  named: SshNamed,
  password: PasswordProvider | undefined,
  fleet: SshFleet,
  wrapTransport?: (open: TransportFactory) => TransportFactory,
): Promise<AttachedRelay> {
  const tunnel = fleet.newTunnel(named.ssh);
  const factory = sshTransportFactory(tunnel);
  try {
    const tor = await connectToTor([{ kind: 'unix', path: tunnel.forwards[0]!.localSocket }], password, {
      wrapTransport: () => (wrapTransport === undefined ? factory : wrapTransport(factory)),
      readCookie: sshCookieReader(tunnel, { onLog: fleet.log }),
    });
    return relayOf(named, tunnel, tor.controller, tor.controller.address ?? describeSshTarget(named.ssh));
  } catch (e) {
    fleet.drop(tunnel);
    const cause = e instanceof NoControlPortError ? e.attempts[0]?.error : undefined;
    throw cause instanceof SshTunnelError ? cause : e;
  }
}

/** A relay over ssh that did not answer at start-up: not connected, ssh retried with the controller's backoff. */
export function keepTryingSsh(named: SshNamed, password: PasswordProvider | undefined, fleet: SshFleet): AttachedRelay {
  const tunnel = fleet.newTunnel(named.ssh);
  const controller = createController({
    target: { kind: 'unix', path: tunnel.forwards[0]!.localSocket },
    wrapTransport: () => sshTransportFactory(tunnel),
    readCookie: sshCookieReader(tunnel, { onLog: fleet.log }),
    probeAfterIdleMs: PROBE_AFTER_IDLE_MS,
    ...(password === undefined ? {} : { password, retryRejectedPassword: true }),
  });
  controller.reconnect().catch(() => {});
  return relayOf(named, tunnel, controller, describeSshTarget(named.ssh));
}

/** "ssh to op@relay1" for messages about a target not yet attached. */
export function sshTargetWords(target: SshTarget): string {
  return `ssh to ${describeSshHost(target)}`;
}
