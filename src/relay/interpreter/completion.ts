// Tab completion for the interpreter: command keywords, then per command its arguments — GETINFO
// keys (info/names; "ns/id/*" offers "ns/id/"), option names for GETCONF/SETCONF/RESETCONF, event
// names for SETEVENTS and /events, signals, features, and tor commands for /help. Pure.

export interface CompletionVocabulary {
  readonly commands: readonly string[];
  readonly infoKeys: readonly string[];
  readonly options: readonly string[];
  readonly events: readonly string[];
  readonly signals: readonly string[];
  readonly features: readonly string[];
}

export const SLASH_COMMANDS = ['/help', '/events', '/info', '/clear', '/quit'] as const;

/** tor's control commands (control-spec §3), for completion and /help. */
export const TOR_COMMANDS = [
  'SETCONF', 'RESETCONF', 'GETCONF', 'SETEVENTS', 'AUTHENTICATE', 'SAVECONF', 'SIGNAL', 'MAPADDRESS', 'GETINFO',
  'EXTENDCIRCUIT', 'SETCIRCUITPURPOSE', 'ATTACHSTREAM', 'POSTDESCRIPTOR', 'REDIRECTSTREAM', 'CLOSESTREAM',
  'CLOSECIRCUIT', 'QUIT', 'USEFEATURE', 'RESOLVE', 'PROTOCOLINFO', 'LOADCONF', 'TAKEOWNERSHIP', 'AUTHCHALLENGE',
  'DROPGUARDS', 'HSFETCH', 'ADD_ONION', 'DEL_ONION', 'HSPOST', 'ONION_CLIENT_AUTH_ADD', 'ONION_CLIENT_AUTH_REMOVE',
  'ONION_CLIENT_AUTH_VIEW', 'DROPOWNERSHIP', 'DROPTIMEOUTS',
] as const;

export interface Completion {
  /** The new input text (unchanged when nothing fits). */
  readonly text: string;
  /** Every candidate that fits (shown when there is more than one). */
  readonly candidates: readonly string[];
}

/** "GETINFO key -- description" lines of info/names → keys; "ns/id/*" → "ns/id/". */
export function parseInfoNames(text: string): string[] {
  const keys: string[] = [];
  for (const line of text.split('\n')) {
    const key = line.split(' -- ')[0]?.trim() ?? '';
    if (key === '') continue;
    keys.push(key.endsWith('/*') ? key.slice(0, -1) : key);
  }
  return keys;
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const w of words) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i]!.toLowerCase() === w[i]!.toLowerCase()) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

function argumentWords(keyword: string, vocab: CompletionVocabulary): readonly string[] {
  switch (keyword) {
    case 'GETINFO':
      return vocab.infoKeys;
    case 'GETCONF':
    case 'SETCONF':
    case 'RESETCONF':
      return vocab.options;
    case 'SETEVENTS':
      return [...vocab.events, 'EXTENDED'];
    case '/EVENTS':
      return [...vocab.events, 'clear'];
    case 'SIGNAL':
      return vocab.signals;
    case 'USEFEATURE':
      return vocab.features;
    case '/HELP':
      return [...vocab.commands, ...SLASH_COMMANDS.map((c) => c.slice(1))];
    default:
      return [];
  }
}

export function completeInput(text: string, vocab: CompletionVocabulary): Completion {
  const firstSpace = text.indexOf(' ');
  if (firstSpace < 0) {
    const words = [...vocab.commands, ...SLASH_COMMANDS];
    const lower = text.toLowerCase();
    const candidates = words.filter((w) => w.toLowerCase().startsWith(lower));
    if (candidates.length === 1) return { text: `${text.startsWith('/') ? candidates[0]! : candidates[0]!.toUpperCase()} `, candidates };
    const prefix = commonPrefix(candidates);
    return { text: prefix.length > text.length ? (text.startsWith('/') ? prefix : prefix.toUpperCase()) : text, candidates };
  }
  const keyword = text.slice(0, firstSpace).toUpperCase();
  const lastSpace = text.lastIndexOf(' ');
  const before = text.slice(0, lastSpace + 1);
  const partial = text.slice(lastSpace + 1);
  if (partial.includes('=')) return { text, candidates: [] };
  const caseSensitive = keyword === 'GETINFO';
  const match = (w: string) => (caseSensitive ? w.startsWith(partial) : w.toLowerCase().startsWith(partial.toLowerCase()));
  const candidates = [...new Set(argumentWords(keyword, vocab).filter(match))];
  if (candidates.length === 1) {
    const only = candidates[0]!;
    return { text: `${before}${only}${only.endsWith('/') ? '' : keyword === 'SETCONF' ? '=' : ' '}`, candidates };
  }
  const prefix = commonPrefix(candidates);
  return { text: prefix.length > 0 && prefix.length >= partial.length && prefix !== partial ? before + prefix : text, candidates };
}
