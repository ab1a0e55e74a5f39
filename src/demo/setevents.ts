// SETEVENTS on the server side (control-spec §3.4, research/control-protocol.md §4.5): the new list
// replaces the connection's subscription, EXTENDED is accepted and ignored, and one unknown name
// refuses the whole command with nothing changed.

/** Applies `SETEVENTS <args>` to `subscribed`; returns the reply. */
export function answerSetEvents(args: string, knownNames: readonly string[], subscribed: Set<string>): string {
  const names = new Set(knownNames);
  const upper = args
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => w.toUpperCase())
    .filter((w) => w !== 'EXTENDED');
  const bad = upper.find((w) => !names.has(w));
  if (bad !== undefined) return `552 Unrecognized event "${bad}"\r\n`;
  subscribed.clear();
  for (const w of upper) subscribed.add(w);
  return '250 OK\r\n';
}
