// The demo relay's answers to control commands on an authenticated connection: GETINFO, GETCONF,
// SETCONF/RESETCONF (with CONF_CHANGED and tor's refusals), SAVECONF, SETEVENTS, SIGNAL,
// CLOSECIRCUIT, USEFEATURE, QUIT and the rest of tor's command set. Replies are built here; what a
// command does to the simulation is delegated to DemoControl. Events caused by a command follow
// its reply (queued after it), as tor sends them.

import { byteStringFromUtf8 } from '../protocol/bytes.js';
import { planConfChange } from './conf-edit.js';
import type { ControlCommand, ControlConnection, ControlHandler } from './control-connection.js';
import { formatProtocolInfoReply } from './control-auth.js';
import type { ServerAuthSettings } from './control-auth.js';
import type { InfoSource } from './getinfo-table.js';
import { answerGetInfo } from './getinfo-table.js';
import type { RelayConfig } from './relay-config.js';
import { formatGetConfReply, formatGetInfoReply } from './reply-format.js';
import { answerSetEvents } from './setevents.js';
import { TOR_0_4_9_EVENT_NAMES, TOR_0_4_9_SIGNAL_NAMES } from './tor-names.js';

/** What commands may do to the simulated relay. */
export interface DemoControl extends InfoSource {
  readonly config: RelayConfig;
  authSettings(): ServerAuthSettings;
  /** A log event (NOTICE, WARN, …) to subscribed connections. */
  log(runlevel: string, message: string): void;
  emit(event: string | readonly string[]): void;
  /** Options whose value changed (SETCONF, RESETCONF, RELOAD): side effects and CONF_CHANGED. */
  configChanged(keys: readonly string[]): void;
  /** Runs a signal that tor accepted (the reply has been sent). */
  signal(name: string): void;
  hasCircuit(id: string): boolean;
  closeCircuit(id: string): void;
  connectionAuthenticated(connection: ControlConnection): void;
}

/** Commands tor 0.4.9 knows that the demo does not act out. */
const NOT_SIMULATED = new Set([
  'EXTENDCIRCUIT', 'SETCIRCUITPURPOSE', 'SETROUTERPURPOSE', 'ATTACHSTREAM', 'POSTDESCRIPTOR', 'REDIRECTSTREAM', 'CLOSESTREAM',
  'MAPADDRESS', 'LOADCONF', 'HSFETCH', 'ADD_ONION', 'DEL_ONION', 'HSPOST', 'ONION_CLIENT_AUTH_ADD', 'ONION_CLIENT_AUTH_REMOVE',
  'ONION_CLIENT_AUTH_VIEW',
]);

const CRLF = '\r\n';

export class DemoCommandHandler implements ControlHandler {
  private readonly demo: DemoControl;

  constructor(demo: DemoControl) {
    this.demo = demo;
  }

  authenticated(connection: ControlConnection): void {
    this.demo.connectionAuthenticated(connection);
  }

  answer(command: ControlCommand, connection: ControlConnection): string {
    const demo = this.demo;
    const words = command.args.split(' ').filter((w) => w !== '');
    switch (command.keyword) {
      case 'GETINFO':
        return byteStringFromUtf8(formatGetInfoReply(words, (key) => answerGetInfo(demo, key)));
      case 'GETCONF':
        return byteStringFromUtf8(
          formatGetConfReply(words, (name) => {
            const key = demo.config.find(name);
            return key === undefined ? undefined : { key, values: demo.config.get(key) };
          }),
        );
      case 'SETCONF':
      case 'RESETCONF':
        return this.changeConf(command.keyword, command.args);
      case 'SAVECONF':
        demo.config.save();
        return `250 OK${CRLF}`;
      case 'SETEVENTS':
        return answerSetEvents(command.args, TOR_0_4_9_EVENT_NAMES, connection.events);
      case 'SIGNAL': {
        const signal = (words[0] ?? '').toUpperCase();
        if (!TOR_0_4_9_SIGNAL_NAMES.includes(signal)) return `552 Unrecognized signal code "${words[0] ?? ''}"${CRLF}`;
        queueMicrotask(() => demo.signal(signal));
        return `250 OK${CRLF}`;
      }
      case 'CLOSECIRCUIT': {
        const id = words[0] ?? '';
        if (!demo.hasCircuit(id)) return `552 Unknown circuit "${id}"${CRLF}`;
        queueMicrotask(() => demo.closeCircuit(id));
        return `250 OK${CRLF}`;
      }
      case 'USEFEATURE': {
        const unknown = words.find((w) => !['VERBOSE_NAMES', 'EXTENDED_EVENTS'].includes(w.toUpperCase()));
        return unknown === undefined ? `250 OK${CRLF}` : `552 Unrecognized feature "${unknown}"${CRLF}`;
      }
      case 'PROTOCOLINFO':
        return formatProtocolInfoReply(demo.authSettings());
      case 'AUTHENTICATE':
      case 'TAKEOWNERSHIP':
      case 'DROPOWNERSHIP':
      case 'DROPTIMEOUTS':
      case 'RESOLVE':
        return `250 OK${CRLF}`;
      case 'DROPGUARDS':
        queueMicrotask(() => demo.log('NOTICE', 'Starting with guard context "default"'));
        return `250 OK${CRLF}`;
      case 'QUIT':
        queueMicrotask(() => connection.close());
        return `250 closing connection${CRLF}`;
      default:
        if (NOT_SIMULATED.has(command.name)) return `551 The ortop demo relay does not simulate ${command.name}${CRLF}`;
        return `510 Unrecognized command "${command.keyword}"${CRLF}`;
    }
  }

  private changeConf(keyword: 'SETCONF' | 'RESETCONF', args: string): string {
    const demo = this.demo;
    const plan = planConfChange(keyword, args, demo.config);
    if (plan.kind === 'refused') {
      queueMicrotask(() => demo.log('WARN', `Controller gave us config lines that didn't validate: ${plan.reason}`));
      return byteStringFromUtf8(`${plan.reply}${CRLF}`);
    }
    const changed = demo.config.apply(plan.updates);
    if (changed.length > 0) queueMicrotask(() => demo.configChanged(changed));
    return `250 OK${CRLF}`;
  }
}
