// More than one relay at start-up: every -i / -s named, Debian's tor-instances found by discovery,
// or --demo N. Each target is attached on its own (its own password prompt, its own evidence of
// whether tor runs here); one that cannot be reached is reported and left out, the others go on.
import type { Controller, PasswordProvider } from '../../controller/index.js';
import { describeTarget, NoControlPortError, type ControlTarget, type TransportEndpoint, type TransportFactory } from '../../transport/index.js';
import { decideTorLocality, NOT_LOCAL_PROC_FS, realProcFs, type ProcFs, type TorLocality } from '../../system/index.js';
import { parseListeners } from '../../relay/header-info.js';
import { connectToTor } from '../session/connect-tor.js';
import { openDemoController } from '../session/demo-controller.js';

/** A relay ortop is attached to, before its session is made. */
export interface AttachedRelay {
  readonly name: string;
  readonly controller: Controller;
  /** How the connection is described in the header. */
  readonly target: string;
  readonly procFs: ProcFs;
  /** Why tor counts as local or not (for -d). */
  readonly locality: string;
}

export interface NamedTarget {
  readonly name: string;
  /** Tried in order, the first that answers (discovery's usual places); usually one. */
  readonly targets: readonly ControlTarget[];
  /** Discovery's guess: left out without a word when nothing answers there. */
  readonly optional?: boolean;
}

/**
 * Attaches to `target` (wrapTransport: --record). The ends of the control connection are captured
 * to decide from evidence whether tor runs on this machine (src/system/tor-locality.ts).
 */
export async function attachTarget(
  named: NamedTarget,
  password: PasswordProvider | undefined,
  wrapTransport?: (open: TransportFactory) => TransportFactory,
): Promise<AttachedRelay> {
  let endpoint: TransportEndpoint | undefined;
  const capture = (open: TransportFactory): TransportFactory => async () => {
    const transport = await open();
    endpoint = transport.endpoint;
    return transport;
  };
  const tor = await connectToTor(named.targets, password, { wrapTransport: (open) => (wrapTransport === undefined ? capture(open) : wrapTransport(capture(open))) });
  const locality = await decideLocality(tor.controller, endpoint);
  return {
    name: named.name === '' ? tor.description : named.name,
    controller: tor.controller,
    target: tor.description,
    procFs: locality.local ? realProcFs : NOT_LOCAL_PROC_FS,
    locality: locality.local ? `tor is on this machine: ${locality.evidence}` : `tor is treated as remote: ${locality.reason}`,
  };
}

/** Each target on its own; those that fail are named in `failures` (the caller says so), the rest attached. */
export async function attachAll(
  targets: readonly NamedTarget[],
  password: PasswordProvider | undefined,
): Promise<{ readonly relays: AttachedRelay[]; readonly failures: string[] }> {
  const relays: AttachedRelay[] = [];
  const failures: string[] = [];
  // One after the other: a password prompt for one relay must not interleave with another's.
  for (const t of targets) {
    try {
      relays.push(await attachTarget(t, password));
    } catch (e) {
      if (t.optional === true && e instanceof NoControlPortError) continue;
      failures.push(`${t.name} (${t.targets.map(describeTarget).join(', ')}): ${(e as Error).message.replace(/\s*\n\s*/g, ' ')}`);
    }
  }
  return { relays, failures };
}

/** --demo N: N simulated relays, each with its own seed. */
export async function attachDemos(count: number): Promise<AttachedRelay[]> {
  const relays: AttachedRelay[] = [];
  for (let i = 0; i < count; i++) {
    const { controller, target } = await openDemoController(count === 1 ? {} : { seed: 1000 + i });
    relays.push({ name: count === 1 ? target : `demo ${i + 1}`, controller, target, procFs: NOT_LOCAL_PROC_FS, locality: 'the demo relay is simulated in this process' });
  }
  return relays;
}

/** Whether the tor on this controller runs here, from evidence: its pid is a tor here holding our socket. */
export async function decideLocality(controller: Controller, endpoint: TransportEndpoint | undefined): Promise<TorLocality> {
  const info = await controller.getInfo(['process/pid', 'process/uid', 'net/listeners/control']).catch(() => new Map<string, string>());
  const number = (key: string) => {
    const n = Number(info.get(key));
    return info.has(key) && Number.isInteger(n) ? n : undefined;
  };
  const listeners = info.get('net/listeners/control');
  return decideTorLocality({ pid: number('process/pid'), uid: number('process/uid'), controlListeners: listeners === undefined ? undefined : parseListeners(listeners), endpoint });
}
