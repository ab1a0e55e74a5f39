// /help: what the interpreter offers, one line per command, and per tor command its usage, purpose
// and the keys tor offers for it (info/names, config/names, events/names, signal/names), as Nyx
// does. Our own words, after control-spec §3. Pure data plus the lookup.
import { describeEventType } from '../log/event-descriptions.js';
import type { OutputLine } from './transcript.js';

const COMMANDS: Readonly<Record<string, readonly [usage: string, short: string, description: string]>> = {
  GETINFO: ['GETINFO key [key…]', 'information from tor (version, circuits, descriptors, …)', 'Asks tor for information: version, config-file, circuit-status, ns/id/<fingerprint>, … (Tab completes the keys tor knows).'],
  GETCONF: ['GETCONF option [option…]', 'the current value of options', 'Shows the current value of options (repeated lines for lists; a bare name means default).'],
  SETCONF: ['SETCONF option=value [option=value…]', 'changes options (all or nothing)', 'Changes options at once, all or nothing; quote values with spaces: SETCONF ContactInfo="me <me AT example dot org>".'],
  RESETCONF: ['RESETCONF option [option…]', 'sets options back to their defaults', 'Sets options back to their defaults.'],
  SAVECONF: ['SAVECONF [FORCE]', 'writes the running configuration to the torrc', 'Writes the running configuration to the torrc; FORCE even if the torrc uses %include (asks first).'],
  SETEVENTS: ['SETEVENTS [event…]', 'replaces this connection\'s event subscription', "Replaces this connection's event subscription. Careful: ortop itself relies on its events; /events shows what ortop already receives."],
  SIGNAL: ['SIGNAL name', 'sends tor a signal (RELOAD, NEWNYM, HEARTBEAT, …)', 'RELOAD, NEWNYM, CLEARDNSCACHE, HEARTBEAT, DUMP, DEBUG, ACTIVE, DORMANT…; SHUTDOWN/HALT/TERM/INT stop tor (asks first).'],
  MAPADDRESS: ['MAPADDRESS old=new [old=new…]', 'adds address mappings for client connections', 'Adds address mappings for client connections.'],
  EXTENDCIRCUIT: ['EXTENDCIRCUIT id [relay,…] [purpose=…]', 'builds or extends a circuit', 'Builds a new circuit (id 0) or extends one through the given relays.'],
  SETCIRCUITPURPOSE: ['SETCIRCUITPURPOSE id purpose=general|controller', 'changes a circuit\'s purpose', "Changes a circuit's purpose."],
  ATTACHSTREAM: ['ATTACHSTREAM stream circuit [HOP=n]', 'attaches a stream to a circuit', 'Attaches a stream to a circuit (for controllers that manage streams).'],
  REDIRECTSTREAM: ['REDIRECTSTREAM stream address [port]', 'changes where a stream goes', 'Changes where a stream goes.'],
  CLOSESTREAM: ['CLOSESTREAM stream reason', 'closes a stream', 'Closes a stream.'],
  CLOSECIRCUIT: ['CLOSECIRCUIT id [IfUnused]', 'closes a circuit', 'Closes a circuit.'],
  USEFEATURE: ['USEFEATURE feature…', 'opts in to old features (always on now)', 'Old opt-in features (VERBOSE_NAMES, EXTENDED_EVENTS), always on in current tor.'],
  RESOLVE: ['RESOLVE [mode=reverse] address', 'asks tor to resolve a name (answer as ADDRMAP)', 'Asks tor to resolve a name; the answer arrives as an ADDRMAP event.'],
  PROTOCOLINFO: ['PROTOCOLINFO [1]', 'authentication methods and tor version', 'Shows the authentication methods and tor version.'],
  DROPGUARDS: ['DROPGUARDS', 'forgets all entry guards', 'Forgets all entry guards (asks first).'],
  DROPTIMEOUTS: ['DROPTIMEOUTS', 'forgets the learned circuit build timeouts', 'Forgets the learned circuit build timeouts.'],
  HSFETCH: ['HSFETCH address|v3-…', 'fetches an onion service descriptor', 'Fetches an onion service descriptor.'],
  ADD_ONION: ['ADD_ONION NEW:ED25519-V3 Port=80,127.0.0.1:8080 [Flags=…]', 'creates an onion service', 'Creates an onion service for this connection (Flags=Detach keeps it). Lines with keys are never saved in history.'],
  DEL_ONION: ['DEL_ONION service-id', 'removes an onion service this connection created', 'Removes an onion service this connection created.'],
  HSPOST: ['+HSPOST …', 'uploads an onion service descriptor (not here)', 'Uploads an onion service descriptor (multi-line: not available here).'],
  ONION_CLIENT_AUTH_ADD: ['ONION_CLIENT_AUTH_ADD address x25519:key', 'adds client authorization for an onion service', 'Adds client authorization for an onion service (never saved in history).'],
  ONION_CLIENT_AUTH_REMOVE: ['ONION_CLIENT_AUTH_REMOVE address', 'removes client authorization', 'Removes client authorization.'],
  ONION_CLIENT_AUTH_VIEW: ['ONION_CLIENT_AUTH_VIEW [address]', 'lists client authorizations', 'Lists client authorizations.'],
  DROPOWNERSHIP: ['DROPOWNERSHIP', 'undoes TAKEOWNERSHIP', 'Undoes TAKEOWNERSHIP.'],
  QUIT: ['QUIT', 'refused here (use /quit)', "Refused here: it would close ortop's connection. Use /quit."],
  TAKEOWNERSHIP: ['TAKEOWNERSHIP', 'refused here', 'Refused here: tor would exit when ortop closes its connection.'],
  LOADCONF: ['+LOADCONF', 'refused here', 'Refused here: replaces the whole configuration.'],
  POSTDESCRIPTOR: ['+POSTDESCRIPTOR', 'refused here', 'Refused here: multi-line upload of a descriptor.'],
  AUTHENTICATE: ['AUTHENTICATE …', 'refused here', 'Refused here: ortop is already authenticated.'],
  AUTHCHALLENGE: ['AUTHCHALLENGE …', 'refused here', 'Refused here: only for authenticating.'],
};

const SLASH_HELP: ReadonlyArray<readonly [string, string]> = [
  ['/help [COMMAND]', 'this overview, or the usage of one tor command'],
  ['/events [TYPE…]', 'the recent events ortop received (all, or of these types); /events clear empties the list'],
  ['/info <fingerprint|nickname|address>', "a relay as tor knows it (consensus entry and descriptors; nothing is fetched from elsewhere)"],
  ['/clear', 'clears this screen'],
  ['/quit', 'leaves the input line (Esc too)'],
];

const SIGNALS: Readonly<Record<string, string>> = {
  RELOAD: 'rereads the torrc and reopens log files (as HUP)',
  HUP: 'the same as RELOAD',
  SHUTDOWN: 'shuts tor down cleanly (a relay first waits ShutdownWaitLength)',
  INT: 'the same as SHUTDOWN',
  HALT: 'tor exits at once',
  TERM: 'the same as HALT',
  DUMP: 'logs statistics on open connections and circuits (as USR1)',
  USR1: 'the same as DUMP',
  DEBUG: 'switches every log to debug level until the next RELOAD (as USR2)',
  USR2: 'the same as DEBUG',
  NEWNYM: 'new circuits for new client connections; forgets cached DNS',
  CLEARDNSCACHE: 'forgets every cached DNS answer',
  HEARTBEAT: 'logs a heartbeat message now',
  DORMANT: 'client activity stops until ACTIVE or new client use',
  ACTIVE: 'leaves the dormant mode',
};

/** The keys tor offers, read once per connection (GETINFO info/names, config/names, events/names, …). */
export interface HelpKeys {
  /** GETINFO keys with tor's own description ("ns/id/*" for prefixes). */
  readonly info: ReadonlyArray<{ readonly key: string; readonly description: string }>;
  readonly options: readonly string[];
  readonly events: readonly string[];
  readonly signals: readonly string[];
  readonly features: readonly string[];
}

export const NO_HELP_KEYS: HelpKeys = { info: [], options: [], events: [], signals: [], features: [] };

/** info/names ("key -- description" per line) → keys with their descriptions. */
export function parseInfoDescriptions(text: string): HelpKeys['info'] {
  const out: Array<{ key: string; description: string }> = [];
  for (const line of text.split('\n')) {
    const at = line.indexOf(' -- ');
    const key = (at < 0 ? line : line.slice(0, at)).trim();
    if (key !== '') out.push({ key, description: at < 0 ? '' : line.slice(at + 4).trim() });
  }
  return out;
}

const list = (names: readonly string[]): OutputLine[] => (names.length === 0 ? [] : [{ text: `  ${names.join('  ')}`, style: 'data' }]);

/** The keys tor offers for a command, as Nyx lists them under its usage; [] for other commands. */
function keyLines(command: string, keys: HelpKeys): OutputLine[] {
  const notRead = (what: string): OutputLine[] => [{ text: `(tor's ${what} not read yet: ortop asks for it once connected)`, style: 'note' }];
  switch (command) {
    case 'GETINFO':
      if (keys.info.length === 0) return notRead('GETINFO info/names');
      return [
        { text: `Keys tor answers (${keys.info.length}, from GETINFO info/names; a key ending in /* takes a value):`, style: 'heading' },
        ...keys.info.map((k): OutputLine => ({ text: `  ${k.key.padEnd(32)} ${k.description}`, style: 'text', hang: 35 })),
      ];
    case 'GETCONF':
    case 'SETCONF':
    case 'RESETCONF':
      if (keys.options.length === 0) return notRead('GETINFO config/names');
      return [{ text: `Options (${keys.options.length}, from GETINFO config/names; the config page (4) describes each):`, style: 'heading' }, ...list(keys.options)];
    case 'SETEVENTS':
      if (keys.events.length === 0) return notRead('GETINFO events/names');
      return [
        { text: `Event types (${keys.events.length}, from GETINFO events/names):`, style: 'heading' },
        ...keys.events.map((e): OutputLine => ({ text: `  ${e.padEnd(20)} ${describeEventType(e) ?? ''}`.trimEnd(), style: 'text', hang: 23 })),
      ];
    case 'SIGNAL':
      if (keys.signals.length === 0) return notRead('GETINFO signal/names');
      return [
        { text: `Signals (from GETINFO signal/names):`, style: 'heading' },
        ...keys.signals.map((name): OutputLine => ({ text: `  ${name.padEnd(15)} ${Object.hasOwn(SIGNALS, name) ? SIGNALS[name] : ''}`.trimEnd(), style: 'text', hang: 18 })),
      ];
    case 'USEFEATURE':
      if (keys.features.length === 0) return notRead('GETINFO features/names');
      return [{ text: 'Features (from GETINFO features/names):', style: 'heading' }, ...list(keys.features)];
    default:
      return [];
  }
}

/**
 * /help: one line per interpreter command and per tor command; /help COMMAND: its usage, what it
 * does and, for GETINFO, GETCONF/SETCONF/RESETCONF, SETEVENTS, SIGNAL and USEFEATURE, the keys tor
 * offers (SETEVENTS' list described from the log's table of event types).
 */
export function helpLines(topic: string | undefined, keys: HelpKeys = NO_HELP_KEYS): OutputLine[] {
  if (topic !== undefined && topic !== '') {
    const key = topic.replace(/^[/+]/, '').toUpperCase();
    const slash = SLASH_HELP.find(([usage]) => usage.slice(1).toUpperCase().startsWith(key));
    if (topic.startsWith('/') && slash !== undefined) return [{ text: slash[0], style: 'key' }, { text: slash[1], style: 'text' }];
    const entry = Object.hasOwn(COMMANDS, key) ? COMMANDS[key] : undefined;
    if (entry === undefined) {
      if (slash !== undefined) return [{ text: slash[0], style: 'key' }, { text: slash[1], style: 'text' }];
      return [{ text: `No help for "${topic}". /help lists the commands.`, style: 'error' }];
    }
    return [{ text: entry[0], style: 'key' }, { text: entry[2], style: 'text' }, ...keyLines(key, keys)];
  }
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    { text: 'Interpreter commands:', style: 'heading' },
    ...SLASH_HELP.map(([usage, what]): OutputLine => ({ text: `  ${usage.padEnd(38)} ${what}`, style: 'text', hang: 41 })),
    { text: 'Tor commands (sent as typed, the reply shown raw; /help COMMAND for its usage and keys):', style: 'heading' },
    ...Object.entries(COMMANDS).map(([name, [, short]]): OutputLine => ({ text: `  ${name.padEnd(width)} ${short}`, style: 'text', hang: width + 3 })),
    { text: 'Keys: Tab completes, Up/Down walk the history, Esc leaves the input line, PgUp/PgDn scroll.', style: 'note' },
  ];
}
