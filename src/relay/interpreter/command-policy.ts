// What the interpreter does with a typed line: an interpreter command (/help, /events, /info,
// /quit), a control command sent as typed, one refused with the reason, or one that needs a
// confirmation first because it stops tor, hands it over or cuts ortop off. Pure.

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

const CONNECTION_OPTIONS = /^(ControlPort|ControlPortLines|ControlSocket|__ControlPort|__OwningControllerProcess|__OwningControllerFD|DisableNetwork)$/i;

function optionNames(args: string): string[] {
  const names: string[] = [];
  const re = /(?:^|\s)([A-Za-z0-9_]+)(?==|\s|$)/g;
  for (let m = re.exec(args); m !== null; m = re.exec(args)) names.push(m[1]!);
  return names;
}

export function planCommand(input: string): CommandPlan {
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
    const touched = optionNames(args).filter((n) => CONNECTION_OPTIONS.test(n));
    if (touched.length > 0) return { kind: 'confirm', line: normalized, reason: `${keyword} ${touched.join(', ')} can close the control port or cut tor off the network. Send it?` };
  }
  if (keyword === 'SAVECONF' && /\bFORCE\b/i.test(args)) {
    return { kind: 'confirm', line: normalized, reason: 'SAVECONF FORCE overwrites the torrc even if it uses %include, flattening the included files into it. Send it?' };
  }
  if (keyword === 'DROPGUARDS') return { kind: 'confirm', line: normalized, reason: 'DROPGUARDS forgets every entry guard; tor picks new ones. Send it?' };
  return { kind: 'send', line: normalized };
}
