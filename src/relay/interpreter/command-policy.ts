// What the interpreter does with a typed line: an interpreter command (/help, /events, /info,
// /quit), a control command sent as typed, one refused with the reason, or one that needs a
// confirmation first because it stops tor, hands it over or cuts ortop off. SETCONF and RESETCONF
// are judged by the config page's own policy (relay/config/change-policy.ts). Pure.
import { judgeOptionChanges, optionNameIndex, type OptionChange, type OptionNameIndex } from '../config/change-policy.js';

export type SlashCommand = 'help' | 'events' | 'info' | 'quit' | 'clear';

export type CommandPlan =
  | { readonly kind: 'empty' }
  | { readonly kind: 'slash'; readonly command: SlashCommand; readonly args: readonly string[] }
  | { readonly kind: 'unknown-slash'; readonly name: string }
  | { readonly kind: 'send'; readonly line: string }
  | { readonly kind: 'refuse'; readonly reason: string }
  | { readonly kind: 'confirm'; readonly line: string; readonly reason: string };

const SLASH: readonly SlashCommand[] = ['help', 'events', 'info', 'quit', 'clear'];

const REFUSED: Readonly<Record<string, string>> = {
  QUIT: "QUIT would close ortop's only control connection (ortop would then reconnect). Use /quit to leave the interpreter, or q to quit ortop.",
  TAKEOWNERSHIP: 'TAKEOWNERSHIP would make tor exit as soon as ortop closes its connection: it is meant for the program that started tor.',
  LOADCONF: 'LOADCONF replaces the whole configuration with the text sent, as if it were the torrc; a mistake can close the control port. Edit the torrc and reload (x) instead.',
  AUTHENTICATE: 'ortop is already authenticated; tor closes the connection on a second AUTHENTICATE that fails, and the line would carry a secret.',
  AUTHCHALLENGE: 'AUTHCHALLENGE is only for authenticating, which ortop has done; tor would close the connection.',
  POSTDESCRIPTOR: 'POSTDESCRIPTOR is a multi-line command: the interpreter sends one line at a time and does not upload documents.',
};

const STOPPING_SIGNALS: Readonly<Record<string, string>> = {
  SHUTDOWN: 'tor shuts down cleanly (a relay waits ShutdownWaitLength first)',
  HALT: 'tor exits at once',
  TERM: 'tor exits at once',
  INT: 'tor shuts down cleanly (like SHUTDOWN)',
};

const SPACE = ' \t\r\v\n';

/**
 * SETCONF/RESETCONF arguments as tor splits them (kvline_parse with KV_OMIT_VALS|KV_QUOTED):
 *   1*(SP keyword ["=" (QuotedString / value)]), a key running to a space or "=".
 * RESETCONF without a value resets; SETCONF without one clears; with a value both set it.
 */
export function parseConfChanges(keyword: 'SETCONF' | 'RESETCONF', args: string): OptionChange[] {
  const byName = new Map<string, OptionChange>();
  let i = 0;
  const skipSpace = () => {
    while (i < args.length && SPACE.includes(args[i]!)) i++;
  };
  const readUntil = (stop: string) => {
    const start = i;
    while (i < args.length && !stop.includes(args[i]!)) i++;
    return args.slice(start, i);
  };
  for (skipSpace(); i < args.length; skipSpace()) {
    let name = '';
    if (args[i] !== '"') name = readUntil(`${SPACE}=`);
    let value: string | undefined;
    if (args[i] === '=' || args[i] === '"') {
      if (args[i] === '=') i++;
      if (args[i] === '"') {
        let text = '';
        for (i++; i < args.length && args[i] !== '"'; i++) text += args[i] === '\\' && i + 1 < args.length ? args[++i] : args[i];
        i++;
        value = text;
      } else value = readUntil(SPACE);
    }
    if (name === '') continue;
    const key = name.toLowerCase();
    const before = byName.get(key);
    const values = [...(before?.kind === 'set' ? before.values : []), ...(value === undefined || value === '' ? [] : [value])];
    byName.set(key, keyword === 'RESETCONF' && value === undefined && before === undefined ? { name, kind: 'reset' } : { name, kind: 'set', values });
  }
  return [...byName.values()];
}

/** `options`: tor's config/names (the interpreter's completion list), to read names as tor does; empty until loaded. */
export function planCommand(input: string, options: OptionNameIndex = optionNameIndex([])): CommandPlan {
  const line = input.trim();
  if (line === '') return { kind: 'empty' };
  if (line.startsWith('/')) {
    const [head = '', ...args] = line.slice(1).split(/\s+/);
    const name = head.toLowerCase();
    return (SLASH as readonly string[]).includes(name) ? { kind: 'slash', command: name as SlashCommand, args } : { kind: 'unknown-slash', name: head };
  }
  const multiLine = line.startsWith('+');
  const [rawKeyword = '', ...rest] = (multiLine ? line.slice(1) : line).split(/\s+/);
  const keyword = rawKeyword.toUpperCase();
  const args = rest.join(' ');
  const refused = REFUSED[keyword];
  if (refused !== undefined) return { kind: 'refuse', reason: refused };
  if (multiLine) return { kind: 'refuse', reason: `+${keyword} is a multi-line command: the interpreter sends one line at a time and cannot send its data block.` };
  const normalized = [keyword, ...rest].join(' ');
  if (keyword === 'SIGNAL') {
    const signal = (rest[0] ?? '').toUpperCase();
    const what = STOPPING_SIGNALS[signal];
    if (what !== undefined) return { kind: 'confirm', line: normalized, reason: `SIGNAL ${signal}: ${what}; ortop loses its connection. Send it?` };
  }
  if (keyword === 'SETCONF' || keyword === 'RESETCONF') {
    const verdict = judgeOptionChanges(parseConfChanges(keyword, args), options);
    if (verdict.kind === 'confirm') return { kind: 'confirm', line: normalized, reason: `${keyword}: ${verdict.reason} Send it?` };
  }
  if (keyword === 'SAVECONF' && /\bFORCE\b/i.test(args)) {
    return { kind: 'confirm', line: normalized, reason: 'SAVECONF FORCE overwrites the torrc even if it uses %include, flattening the included files into it. Send it?' };
  }
  if (keyword === 'DROPGUARDS') return { kind: 'confirm', line: normalized, reason: 'DROPGUARDS forgets every entry guard; tor picks new ones. Send it?' };
  return { kind: 'send', line: normalized };
}
