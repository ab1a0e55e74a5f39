// Finds and opens the control connection the user meant: the targets they named, or Nyx's default
// discovery (control socket, then 9051, then 9151). A target where nothing listens is skipped; one
// that answers but refuses us (auth) stops the search, since that is the tor the user wants.
import { connect, type Controller, type PasswordProvider } from '../controller/index.js';
import { describeTarget, discoverTargets, NoControlPortError, TransportError, type ConnectAttempt, type ControlTarget } from '../transport/index.js';

export interface ConnectedTor {
  readonly controller: Controller;
  readonly target: ControlTarget;
  readonly description: string;
}

export interface TargetChoice {
  readonly socket?: string;
  readonly tcp?: { readonly host: string; readonly port: number };
}

/** -s and -i as Nyx reads them: each alone disables the other kind; neither = discovery. */
export function targetsFor(choice: TargetChoice): ControlTarget[] {
  const targets: ControlTarget[] = [];
  if (choice.socket !== undefined) targets.push({ kind: 'unix', path: choice.socket });
  if (choice.tcp !== undefined) targets.push({ kind: 'tcp', host: choice.tcp.host, port: choice.tcp.port });
  return targets.length > 0 ? targets : discoverTargets();
}

export async function connectToTor(targets: readonly ControlTarget[], password: PasswordProvider | undefined): Promise<ConnectedTor> {
  const attempts: ConnectAttempt[] = [];
  for (const target of targets) {
    try {
      const controller = await connect({ target, ...(password === undefined ? {} : { password }) });
      return { controller, target, description: describeTarget(target) };
    } catch (error) {
      if (error instanceof TransportError) {
        attempts.push({ target, error });
        continue;
      }
      throw error;
    }
  }
  throw new NoControlPortError(attempts);
}
