// What SIGNAL does to the demo relay, with tor's rules: NEWNYM at most once per 10 s (later ones
// delayed, not dropped, and ignored without a SocksPort), SHUTDOWN/INT waiting ShutdownWaitLength
// (a second one exits at once), HALT/TERM exiting now, RELOAD rereading the torrc, and the log
// lines and SIGNAL events each one produces. Time comes from the host; no timers.

import type { RelayConfig } from './relay-config.js';

export const NEWNYM_INTERVAL_MS = 10_000;

/** The parts of the relay signals act on. */
export interface SignalHost {
  now(): number;
  readonly config: RelayConfig;
  log(runlevel: string, message: string): void;
  emit(event: string): void;
  /** Rereads the saved torrc, announcing what changed. */
  reload(): void;
  /** The process exits after logging `message`. */
  exit(message: string): void;
  heartbeat(): void;
  dump(): void;
  setDormant(dormant: boolean): void;
  /** A new identity: fresh circuits for new streams. */
  newIdentity(): void;
  hasSocksPort(): boolean;
}

export class SignalState {
  private lastNewnymAtMs = Number.NEGATIVE_INFINITY;
  private newnymDueAtMs: number | undefined;
  private shutdownAtMs: number | undefined;

  /** Forgets pending work (the process restarted). */
  reset(): void {
    this.newnymDueAtMs = undefined;
    this.shutdownAtMs = undefined;
  }

  /** Runs what has fallen due: a delayed NEWNYM, the end of a SHUTDOWN wait. */
  tick(host: SignalHost): void {
    if (this.newnymDueAtMs !== undefined && host.now() >= this.newnymDueAtMs) this.newnym(host);
    if (this.shutdownAtMs !== undefined && host.now() >= this.shutdownAtMs) this.exit(host, 'Clean shutdown finished. Exiting.');
  }

  /** A signal tor accepted (its 250 reply has been sent). */
  run(host: SignalHost, name: string): void {
    switch (name) {
      case 'SHUTDOWN':
      case 'INT': {
        const waitSec = Number(host.config.first('ShutdownWaitLength') ?? '30');
        if (this.shutdownAtMs !== undefined || waitSec <= 0) return this.exit(host, 'Clean shutdown finished. Exiting.');
        host.log('NOTICE', `Interrupt: we have stopped accepting new connections, and will shut down in ${waitSec} seconds. Interrupt again to exit now.`);
        this.shutdownAtMs = host.now() + waitSec * 1000;
        return;
      }
      case 'HALT':
      case 'TERM':
        return this.exit(host, 'Catching signal TERM, exiting cleanly.');
      case 'RELOAD':
      case 'HUP':
        host.log('NOTICE', 'Received reload signal (hup). Reloading config and resetting internal state.');
        host.log('NOTICE', 'Read configuration file "/etc/tor/torrc".');
        host.reload();
        return host.emit('SIGNAL RELOAD');
      case 'NEWNYM': {
        if (!host.hasSocksPort()) return;
        const waitMs = this.lastNewnymAtMs + NEWNYM_INTERVAL_MS - host.now();
        if (waitMs <= 0) return this.newnym(host);
        this.newnymDueAtMs ??= this.lastNewnymAtMs + NEWNYM_INTERVAL_MS;
        return host.log('NOTICE', `Rate limiting NEWNYM request: delaying by ${Math.ceil(waitMs / 1000)} second(s)`);
      }
      case 'DUMP':
      case 'USR1':
        host.dump();
        return host.emit('SIGNAL DUMP');
      case 'DEBUG':
      case 'USR2':
        host.log('NOTICE', 'Caught USR2, going to loglevel debug. Send HUP to change back.');
        return host.emit('SIGNAL DEBUG');
      case 'HEARTBEAT':
        host.heartbeat();
        return host.emit('SIGNAL HEARTBEAT');
      case 'ACTIVE':
      case 'DORMANT':
        host.setDormant(name === 'DORMANT');
        return host.emit(`SIGNAL ${name}`);
      default:
        return host.emit(`SIGNAL ${name}`);
    }
  }

  private newnym(host: SignalHost): void {
    this.lastNewnymAtMs = host.now();
    this.newnymDueAtMs = undefined;
    host.newIdentity();
    host.emit('SIGNAL NEWNYM');
  }

  private exit(host: SignalHost, message: string): void {
    this.shutdownAtMs = undefined;
    host.exit(message);
  }
}
