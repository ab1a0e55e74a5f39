// The config file's `relay NAME ADDRESS|SOCKET [password_file=PATH]` lines as control targets.
// Pure: a line whose address cannot be used gives the reason (said at start-up, the rest go on).
import type { ConfigRelay } from '../../config/index.js';
import { parseSshTarget, SshTargetError, type ControlTarget } from '../../transport/index.js';
import type { NamedTarget } from './attach-relays.js';
import { OptionError, parseInterface } from './options.js';

export type ConfigRelayTarget = { readonly kind: 'target'; readonly target: NamedTarget } | { readonly kind: 'problem'; readonly problem: string };

export function configRelayTarget(relay: ConfigRelay): ConfigRelayTarget {
  const problem = (why: string): ConfigRelayTarget => ({ kind: 'problem', problem: `config line ${relay.line}: relay ${relay.name}: ${why}; left out` });
  let target: ControlTarget;
  if (relay.address.startsWith('ssh://')) {
    try {
      const ssh = parseSshTarget(relay.address);
      return { kind: 'target', target: { name: relay.name, targets: [], ssh, ...(relay.passwordFile === undefined ? {} : { passwordFile: relay.passwordFile }) } };
    } catch (e) {
      if (e instanceof SshTargetError) return problem(e.message);
      throw e;
    }
  }
  if (relay.address.startsWith('/')) target = { kind: 'unix', path: relay.address };
  else {
    try {
      const tcp = parseInterface(relay.address);
      target = { kind: 'tcp', host: tcp.host, port: tcp.port };
    } catch (e) {
      if (e instanceof OptionError) return problem(e.message);
      throw e;
    }
  }
  return {
    kind: 'target',
    target: { name: relay.name, targets: [target], ...(relay.passwordFile === undefined ? {} : { passwordFile: relay.passwordFile }) },
  };
}
