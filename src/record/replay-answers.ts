// How a replay answers one command: reads come from the recording (the reply recorded for the same
// command as of the current recording time), authentication always succeeds (the recording has no
// secrets to check), writes are refused. Pure: recording time is an argument.

import { commandKey, replyAsOf, type ReplayIndex } from './replay-index.js';
import { keywordOf } from './split.js';

export type ReplayAnswer =
  | { readonly kind: 'reply'; readonly data: string }
  /** SETEVENTS: the events to emit from now on. */
  | { readonly kind: 'setevents'; readonly events: readonly string[]; readonly data: string }
  /** QUIT: answer, then close. */
  | { readonly kind: 'quit'; readonly data: string };

/** Commands that change tor or act on the network: a replay cannot do them. */
export const WRITE_COMMANDS: ReadonlySet<string> = new Set([
  'SETCONF', 'RESETCONF', 'LOADCONF', 'SAVECONF', 'SIGNAL', 'MAPADDRESS', 'EXTENDCIRCUIT', 'SETCIRCUITPURPOSE',
  'SETROUTERPURPOSE', 'ATTACHSTREAM', 'POSTDESCRIPTOR', 'REDIRECTSTREAM', 'CLOSESTREAM', 'CLOSECIRCUIT',
  'TAKEOWNERSHIP', 'DROPOWNERSHIP', 'DROPGUARDS', 'DROPTIMEOUTS', 'RESOLVE', 'ADD_ONION', 'DEL_ONION',
  'HSFETCH', 'HSPOST', 'ONION_CLIENT_AUTH_ADD', 'ONION_CLIENT_AUTH_REMOVE',
]);

const PROTOCOLINFO_FALLBACK = '250-PROTOCOLINFO 1\r\n250-AUTH METHODS=NULL\r\n250-VERSION Tor="unknown"\r\n250 OK\r\n';

export function answerReplayCommand(index: ReplayIndex, command: string, recordingMs: number): ReplayAnswer {
  const keyword = keywordOf(command);
  const key = commandKey(command);
  switch (keyword) {
    case 'PROTOCOLINFO': {
      const recorded = replyAsOf(index.replies.get(key), recordingMs) ?? replyAsOf(firstWithKeyword(index, 'PROTOCOLINFO'), recordingMs);
      // The recorded methods would send ortop looking for a cookie that is not there: offer NULL.
      const data = recorded === undefined ? PROTOCOLINFO_FALLBACK : recorded.data.replace(/^250-AUTH [^\r\n]*/m, '250-AUTH METHODS=NULL');
      return { kind: 'reply', data };
    }
    case 'AUTHENTICATE':
      return { kind: 'reply', data: '250 OK\r\n' };
    case 'AUTHCHALLENGE':
      return { kind: 'reply', data: '513 ortop replay: no SAFECOOKIE in a replay (authenticate with NULL)\r\n' };
    case 'SETEVENTS': {
      const events = key.split(/\s+/).slice(1).filter((e) => e !== '' && e.toUpperCase() !== 'EXTENDED').map((e) => e.toUpperCase());
      return { kind: 'setevents', events, data: '250 OK\r\n' };
    }
    case 'QUIT':
      return { kind: 'quit', data: '250 closing connection\r\n' };
  }
  if (WRITE_COMMANDS.has(keyword)) {
    return { kind: 'reply', data: `551 ortop replay: ${keyword} refused: this is a recorded session, read-only\r\n` };
  }
  const exact = replyAsOf(index.replies.get(key), recordingMs);
  if (exact !== undefined) return { kind: 'reply', data: exact.data };
  if (keyword === 'GETINFO') {
    const assembled = assembleGetInfo(index, key.split(/\s+/).slice(1).filter((k) => k !== ''), recordingMs);
    if (assembled !== undefined) return { kind: 'reply', data: assembled };
  }
  return { kind: 'reply', data: `510 ortop replay: "${printable(key)}" was not recorded\r\n` };
}

/** A GETINFO answer put together from the keys' recorded parts, when the exact command was never sent. */
function assembleGetInfo(index: ReplayIndex, keys: readonly string[], recordingMs: number): string | undefined {
  if (keys.length === 0) return undefined;
  const parts: string[] = [];
  for (const k of keys) {
    const part = replyAsOf(index.infoKeys.get(k), recordingMs);
    if (part === undefined) return undefined;
    parts.push(part.data);
  }
  return `${parts.join('')}250 OK\r\n`;
}

function firstWithKeyword(index: ReplayIndex, keyword: string) {
  for (const [key, list] of index.replies) if (keywordOf(key) === keyword) return list;
  return undefined;
}

function printable(text: string): string {
  const line = text.split(/\r?\n/)[0] ?? '';
  return (line.length > 80 ? `${line.slice(0, 77)}...` : line).replace(/[^\x20-\x7e]/g, '?').replace(/"/g, "'");
}
