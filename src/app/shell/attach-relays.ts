// More than one relay at start-up: every -i / -s named, Debian's tor-instances found by discovery,
// or --demo N. Each target is attached on its own (its own password prompt, its own evidence of
// whether tor runs here). One that cannot be reached at start-up is attached anyway, not
// connected and trying again as any relay does after a disconnect; its row says why.
import type { Controller, PasswordProvider } from '../../controller/index.js';
import { describeTarget, NoControlPortError, type ControlTarget, type TransportEndpoint, type TransportFactory } from '../../transport/index.js';
import { decideTorLocality, NOT_LOCAL_PROC_FS, type ProcFs, type TorLocality } from '../../system/index.js';
import { parseListeners } from '../../relay/header-info.js';
import { connectToTor, keepTryingController } from '../session/connect-tor.js';
import { openDemoController } from '../session/demo-controller.js';
import type { HostInfo } from '../session/relay-session.js';
import { TorLocalityGate, watchLocality } from '../session/tor-locality-gate.js';
import { attachSsh, keepTryingSsh, type SshFleet } from './attach-ssh.js';
import { describeSshTarget, type SshTarget } from '../../transport/index.js';

/** A relay ortop is attached to, before its session is made. */
export interface AttachedRelay {
  readonly name: string;
  readonly controller: Controller;
  /** How the connection is described in the header. */
  readonly target: string;
  readonly procFs: ProcFs;
  /** Why tor counts as local or not (for -d). */
  readonly locality: string;
  /** The header's host line when it is not this machine's (a relay over ssh, --remote). */
  readonly host?: HostInfo;
}

/** How relays are attached, for all of them. */
export interface AttachOptions {
  /** --remote: nothing about any tor is read from this machine. */
  readonly forceRemote?: boolean;
  /** Starts and ends the ssh of relays reached over ssh (needed when a target has `ssh`). */
  readonly sshFleet?: SshFleet;
  /** Each locality verdict after a reconnect (the -d log). */
  readonly log?: (line: string) => void;
  /** --record with several relays: each target's own recorder (made once per target). */
  readonly wrapFor?: (target: NamedTarget) => ((open: TransportFactory) => TransportFactory) | undefined;
}

export interface NamedTarget {
  readonly name: string;
  /** Tried in order, the first that answers (discovery's usual places); usually one. */
  readonly targets: readonly ControlTarget[];
  /** Discovery's guess: left out without a word when nothing answers there. */
  readonly optional?: boolean;
  /** The config file's password_file for this relay (used when it is 0600, see password-file.ts). */
  readonly passwordFile?: string;
  /** Reached over ssh (--ssh, ssh://): `targets` is then unused. */
  readonly ssh?: SshTarget;
}

function fleetFor(options: AttachOptions): SshFleet {
  if (options.sshFleet === undefined) throw new Error('a relay over ssh needs an SshFleet');
  return options.sshFleet;
}

/**
 * Attaches to `target` (wrapTransport: --record). The ends of the control connection are captured
 * to decide from evidence whether tor runs on this machine (src/system/tor-locality.ts).
 */
export async function attachTarget(
  named: NamedTarget,
  password: PasswordProvider | undefined,
  wrapTransport?: (open: TransportFactory) => TransportFactory,
  options: AttachOptions = {},
): Promise<AttachedRelay> {
  if (named.ssh !== undefined) return attachSsh({ name: named.name, ssh: named.ssh }, password, fleetFor(options), wrapTransport);
  const capture = captureEndpoint(wrapTransport);
  const tor = await connectToTor(named.targets, password, { wrapTransport: capture.wrap });
  const forceRemote = options.forceRemote === true;
  const decide = () => decideLocality(tor.controller, capture.endpoint(), forceRemote);
  const locality = await decide();
  const name = named.name === '' ? tor.description : named.name;
  const procFs = followLocality(tor.controller, name, locality.local, decide, options);
  return {
    name,
    controller: tor.controller,
    target: tor.description,
    procFs,
    locality: describeLocality(locality),
    ...(forceRemote ? { host: { hostname: 'remote', osName: '', osRelease: '' } } : {}),
  };
}

/**
 * Each target on its own, one after the other (a password prompt for one relay must not interleave
 * with another's). A target that fails is attached all the same, not connected and retrying, and
 * named in `unreachable` (the caller says so) — unless every target failed: then nothing is.
 */
export async function attachAll(
  targets: readonly NamedTarget[],
  passwordFor: (target: NamedTarget) => PasswordProvider | undefined,
  options: AttachOptions = {},
): Promise<{ readonly relays: AttachedRelay[]; readonly unreachable: string[] }> {
  const relays: AttachedRelay[] = [];
  const failed: { readonly target: NamedTarget; readonly why: string }[] = [];
  for (const t of targets) {
    try {
      relays.push(await attachTarget(t, passwordFor(t), options.wrapFor?.(t), options));
    } catch (e) {
      if (t.optional === true && e instanceof NoControlPortError) continue;
      failed.push({ target: t, why: `${t.name} (${describeNamed(t)}): ${(e as Error).message.replace(/\s*\n\s*/g, ' ')}` });
    }
  }
  if (relays.length === 0) return { relays, unreachable: failed.map((f) => f.why) };
  for (const { target } of failed) {
    if (target.ssh !== undefined) {
      relays.push(keepTryingSsh({ name: target.name, ssh: target.ssh }, passwordFor(target), fleetFor(options)));
      continue;
    }
    const description = target.targets.map(describeTarget).join(', ');
    const name = target.name === '' ? description : target.name;
    // Remote until tor answers; then judged from evidence like any relay, on every connection.
    const capture = captureEndpoint(options.wrapFor?.(target));
    const controller = keepTryingController(target.targets, passwordFor(target), { wrapTransport: capture.wrap });
    const procFs = followLocality(controller, name, false, () => decideLocality(controller, capture.endpoint()), options);
    relays.push({
      name,
      controller,
      target: description,
      procFs,
      locality: 'not attached yet, so treated as remote until tor answers',
    });
  }
  return { relays, unreachable: failed.map((f) => f.why) };
}

/** Wraps the transport factory (after `wrap`, e.g. --record) to keep the ends of each connection opened: the evidence of where tor runs. */
function captureEndpoint(wrap?: (open: TransportFactory) => TransportFactory): {
  readonly wrap: (open: TransportFactory) => TransportFactory;
  readonly endpoint: () => TransportEndpoint | undefined;
} {
  let endpoint: TransportEndpoint | undefined;
  const capture = (open: TransportFactory): TransportFactory => async () => {
    const transport = await open();
    endpoint = transport.endpoint;
    return transport;
  };
  return { wrap: (open) => (wrap === undefined ? capture(open) : wrap(capture(open))), endpoint: () => endpoint };
}

function describeLocality(l: TorLocality): string {
  return l.local ? `tor is on this machine: ${l.evidence}` : `tor is treated as remote: ${l.reason}`;
}

/**
 * tor's /proc reader for a relay: none with --remote; otherwise a gate decided again on every
 * reconnect (tor may come back as another process, elsewhere, behind the same address).
 */
function followLocality(controller: Controller, name: string, initiallyLocal: boolean, decide: () => Promise<TorLocality>, options: AttachOptions): ProcFs {
  if (options.forceRemote === true) return NOT_LOCAL_PROC_FS;
  const gate = new TorLocalityGate(initiallyLocal);
  watchLocality(controller, gate, decide, (l) => options.log?.(`${name}: ${describeLocality(l)}`));
  return gate;
}

/** "127.0.0.1:9051", "/run/tor/control", "ssh://op@relay1/run/tor/control". */
export function describeNamed(t: NamedTarget): string {
  return t.ssh !== undefined ? describeSshTarget(t.ssh) : t.targets.map(describeTarget).join(', ');
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
export async function decideLocality(controller: Controller, endpoint: TransportEndpoint | undefined, forceRemote = false): Promise<TorLocality> {
  const info = await controller.getInfo(['process/pid', 'process/uid', 'net/listeners/control']).catch(() => new Map<string, string>());
  const number = (key: string) => {
    const n = Number(info.get(key));
    return info.has(key) && Number.isInteger(n) ? n : undefined;
  };
  const listeners = info.get('net/listeners/control');
  return decideTorLocality({ pid: number('process/pid'), uid: number('process/uid'), controlListeners: listeners === undefined ? undefined : parseListeners(listeners), endpoint, forceRemote });
}
