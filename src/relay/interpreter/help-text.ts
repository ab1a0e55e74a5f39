// /help: what the interpreter offers and, per tor command, its usage and purpose in a line or two
// (our own words, after control-spec §3). Pure data plus the lookup.
import type { OutputLine } from './transcript.js';

const COMMANDS: Readonly<Record<string, readonly [usage: string, description: string]>> = {
  GETINFO: ['GETINFO key [key…]', 'Asks tor for information: version, config-file, circuit-status, ns/id/<fingerprint>, … (Tab completes the keys tor knows).'],
  GETCONF: ['GETCONF option [option…]', 'Shows the current value of options (repeated lines for lists; a bare name means default).'],
  SETCONF: ['SETCONF option=value [option=value…]', 'Changes options at once, all or nothing; quote values with spaces: SETCONF ContactInfo="me <me AT example dot org>".'],
  RESETCONF: ['RESETCONF option [option…]', 'Sets options back to their defaults.'],
  SAVECONF: ['SAVECONF [FORCE]', 'Writes the running configuration to the torrc; FORCE even if the torrc uses %include (asks first).'],
  SETEVENTS: ['SETEVENTS [event…]', "Replaces this connection's event subscription. Careful: ortop itself relies on its events; /events shows what ortop already receives."],
  SIGNAL: ['SIGNAL name', 'RELOAD, NEWNYM, CLEARDNSCACHE, HEARTBEAT, DUMP, DEBUG, ACTIVE, DORMANT…; SHUTDOWN/HALT/TERM/INT stop tor (asks first).'],
  MAPADDRESS: ['MAPADDRESS old=new [old=new…]', 'Adds address mappings for client connections.'],
  EXTENDCIRCUIT: ['EXTENDCIRCUIT id [relay,…] [purpose=…]', 'Builds a new circuit (id 0) or extends one through the given relays.'],
  SETCIRCUITPURPOSE: ['SETCIRCUITPURPOSE id purpose=general|controller', "Changes a circuit's purpose."],
  ATTACHSTREAM: ['ATTACHSTREAM stream circuit [HOP=n]', 'Attaches a stream to a circuit (for controllers that manage streams).'],
  REDIRECTSTREAM: ['REDIRECTSTREAM stream address [port]', 'Changes where a stream goes.'],
  CLOSESTREAM: ['CLOSESTREAM stream reason', 'Closes a stream.'],
  CLOSECIRCUIT: ['CLOSECIRCUIT id [IfUnused]', 'Closes a circuit.'],
  USEFEATURE: ['USEFEATURE feature…', 'Old opt-in features (VERBOSE_NAMES, EXTENDED_EVENTS), always on in current tor.'],
  RESOLVE: ['RESOLVE [mode=reverse] address', 'Asks tor to resolve a name; the answer arrives as an ADDRMAP event.'],
  PROTOCOLINFO: ['PROTOCOLINFO [1]', 'Shows the authentication methods and tor version.'],
  DROPGUARDS: ['DROPGUARDS', 'Forgets all entry guards (asks first).'],
  DROPTIMEOUTS: ['DROPTIMEOUTS', 'Forgets the learned circuit build timeouts.'],
  HSFETCH: ['HSFETCH address|v3-…', 'Fetches an onion service descriptor.'],
  ADD_ONION: ['ADD_ONION NEW:ED25519-V3 Port=80,127.0.0.1:8080 [Flags=…]', 'Creates an onion service for this connection (Flags=Detach keeps it). Lines with keys are never saved in history.'],
  DEL_ONION: ['DEL_ONION service-id', 'Removes an onion service this connection created.'],
  HSPOST: ['+HSPOST …', 'Uploads an onion service descriptor (multi-line: not available here).'],
  ONION_CLIENT_AUTH_ADD: ['ONION_CLIENT_AUTH_ADD address x25519:key', 'Adds client authorization for an onion service (never saved in history).'],
  ONION_CLIENT_AUTH_REMOVE: ['ONION_CLIENT_AUTH_REMOVE address', 'Removes client authorization.'],
  ONION_CLIENT_AUTH_VIEW: ['ONION_CLIENT_AUTH_VIEW [address]', 'Lists client authorizations.'],
  DROPOWNERSHIP: ['DROPOWNERSHIP', 'Undoes TAKEOWNERSHIP.'],
  QUIT: ['QUIT', "Refused here: it would close ortop's connection. Use /quit."],
  TAKEOWNERSHIP: ['TAKEOWNERSHIP', 'Refused here: tor would exit when ortop closes its connection.'],
  LOADCONF: ['+LOADCONF', 'Refused here: replaces the whole configuration.'],
  POSTDESCRIPTOR: ['+POSTDESCRIPTOR', 'Refused here: multi-line upload of a descriptor.'],
  AUTHENTICATE: ['AUTHENTICATE …', 'Refused here: ortop is already authenticated.'],
  AUTHCHALLENGE: ['AUTHCHALLENGE …', 'Refused here: only for authenticating.'],
};

const SLASH_HELP: ReadonlyArray<readonly [string, string]> = [
  ['/help [COMMAND]', 'this overview, or the usage of one tor command'],
  ['/events [TYPE…]', 'the recent events ortop received (all, or of these types); /events clear empties the list'],
  ['/info <fingerprint|nickname|address>', "a relay as tor knows it (consensus entry and descriptors; nothing is fetched from elsewhere)"],
  ['/clear', 'clears this screen'],
  ['/quit', 'leaves the input line (Esc too)'],
];

export function helpLines(topic: string | undefined): OutputLine[] {
  if (topic !== undefined && topic !== '') {
    const key = topic.replace(/^[/+]/, '').toUpperCase();
    const slash = SLASH_HELP.find(([usage]) => usage.slice(1).toUpperCase().startsWith(key));
    if (topic.startsWith('/') && slash !== undefined) return [{ text: slash[0], style: 'key' }, { text: slash[1], style: 'text' }];
    const entry = COMMANDS[key];
    if (entry === undefined) return [{ text: `No help for "${topic}". /help lists the commands.`, style: 'error' }];
    return [{ text: entry[0], style: 'key' }, { text: entry[1], style: 'text' }];
  }
  return [
    { text: 'Interpreter commands:', style: 'heading' },
    ...SLASH_HELP.map(([usage, what]): OutputLine => ({ text: `  ${usage.padEnd(40)} ${what}`, style: 'text' })),
    { text: 'Tor commands (sent as typed; the reply is shown raw):', style: 'heading' },
    { text: `  ${Object.keys(COMMANDS).join(', ')}`, style: 'text' },
    { text: 'Keys: Tab completes, Up/Down walk the history, Esc leaves the input line, PgUp/PgDn scroll.', style: 'note' },
  ];
}
