// Finds and opens the control connection the user meant: the targets they named, or Nyx's default
// discovery (control socket, then 9051, then 9151). A target where nothing listens is skipped; one
// that answers but refuses us (auth) stops the search, since that is the tor the user wants.
// Reconnects walk the same list again: a named -i/-s stays that address, discovery searches anew.
import { AuthError, connect, createController, type Controller, type CookieReader, type PasswordProvider, type ReconnectPolicy } from '../../controller/index.js';
import { describeTarget, discoverTargets, NoControlPortError, TransportError, type ControlTarget, type TransportFactory } from '../../transport/index.js';

export interface ConnectedTor {
  readonly controller: Controller;
  readonly target: ControlTarget;
  readonly description: string;
}

export interface TargetChoice {
  readonly socket?: string;
  readonly tcp?: { readonly host: string; readonly port: number };
}

/** Timeouts and reconnecting; ortop's defaults unless a test makes them short. */
export interface ConnectTorOptions {
  readonly requestTimeoutMs?: number;
  readonly unresponsiveAfterMs?: number;
  /** Default PROBE_AFTER_IDLE_MS. */
  readonly probeAfterIdleMs?: number;
  readonly reconnect?: ReconnectPolicy | false;
  readonly connectTimeoutMs?: number;
  /** --record: every control session goes through the recorder. */
  readonly wrapTransport?: (open: TransportFactory) => TransportFactory;
  /** Reads the cookie file tor names somewhere else than here (a relay over ssh: sshCookieReader). */
  readonly readCookie?: CookieReader;
}

/** Like sudo and ssh: a mistyped password at start-up is asked again, at most this many times in all. */
export const PASSWORD_TRIES = 3;

/** tor sends BW every second to ortop, so 5 s of silence is worth a question. */
export const PROBE_AFTER_IDLE_MS = 5_000;

/** -s and -i as Nyx reads them: each alone disables the other kind; neither = discovery. */
export function targetsFor(choice: TargetChoice): ControlTarget[] {
  const targets: ControlTarget[] = [];
  if (choice.socket !== undefined) targets.push({ kind: 'unix', path: choice.socket });
  if (choice.tcp !== undefined) targets.push({ kind: 'tcp', host: choice.tcp.host, port: choice.tcp.port });
  return targets.length > 0 ? targets : discoverTargets();
}

/**
 * A relay of a fleet that did not answer at start-up: its controller, not connected, trying again
 * with the usual backoff from now on (its row and header say why it is not attached meanwhile).
 */
export function keepTryingController(targets: readonly ControlTarget[], password: PasswordProvider | undefined, options: ConnectTorOptions = {}): Controller {
  const controller = createController({
    target: targets.length === 1 ? targets[0]! : targets,
    ...options,
    probeAfterIdleMs: options.probeAfterIdleMs ?? PROBE_AFTER_IDLE_MS,
    ...(password === undefined ? {} : { password, retryRejectedPassword: true }),
  });
  // The first attempt's failure schedules the next one (a refused password or a socket ortop may not open does not).
  controller.reconnect().catch(() => {});
  return controller;
}

export async function connectToTor(
  targets: readonly ControlTarget[],
  password: PasswordProvider | undefined,
  options: ConnectTorOptions = {},
): Promise<ConnectedTor> {
  if (targets.length === 0) throw new NoControlPortError([]);
  // A password rejected on an earlier try at start-up: the next provider call is told so.
  let rejectedBefore = false;
  const provider: PasswordProvider | undefined =
    password === undefined
      ? undefined
      : (request) => {
          const rejected = request.rejected || rejectedBefore;
          rejectedBefore = false;
          return password({ ...request, rejected });
        };
  const common = {
    ...options,
    probeAfterIdleMs: options.probeAfterIdleMs ?? PROBE_AFTER_IDLE_MS,
    // The provider decides what a rejected password means: ask again on the screen, or give up.
    ...(provider === undefined ? {} : { password: provider, retryRejectedPassword: true }),
  };
  let controller: Controller | undefined;
  let wrongPassword: AuthError | undefined;
  for (let tries = 1; controller === undefined; tries++) {
    try {
      controller = await connect({ target: targets.length === 1 ? targets[0]! : targets, ...common });
    } catch (error) {
      if (error instanceof TransportError) throw new NoControlPortError([{ target: targets[0]!, error }]);
      if (error instanceof AuthError && error.kind === 'wrong-password' && provider !== undefined && tries < PASSWORD_TRIES) {
        wrongPassword = error;
        rejectedBefore = true;
        continue;
      }
      // Nobody to ask again (ORTOP_PASSWORD rejected, no terminal): tor's refusal is the news.
      if (error instanceof AuthError && error.kind === 'password-required' && wrongPassword !== undefined) throw wrongPassword;
      throw error;
    }
  }
  const target = targets.find((t) => describeTarget(t) === controller.address) ?? targets[0]!;
  return { controller, target, description: describeTarget(target) };
}
