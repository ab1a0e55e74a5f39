// --record with several relays: one recording per relay, named after it beside the file given
// (session.jsonl → session.exit1.jsonl), so each can be replayed on its own or all together
// (--replay is repeatable). Pure.

/** "session.jsonl" + "exit1" → "session.exit1.jsonl"; characters unfit for a file name become '_'. */
export function recordPathFor(path: string, relay: string): string {
  const safe = relay.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 60) || 'relay';
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? `${path.slice(0, dot)}.${safe}${path.slice(dot)}` : `${path}.${safe}`;
}

/** One path per relay, in order; a name used twice gets -2, -3… so no two relays share a file. */
export function recordPathsFor(path: string, relays: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return relays.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return recordPathFor(path, n === 1 ? name : `${name}-${n}`);
  });
}
