// The recent tor events ortop received, for /events: a fixed-size ring (oldest dropped), each
// event kept as its type and text lines, cut to a bounded size. Pure; listening is the page's job.

export const EVENT_RING_LIMIT = 200;
const MAX_EVENT_CHARS = 4000;

export interface RecentEvent {
  readonly atMs: number;
  readonly type: string;
  readonly lines: readonly string[];
}

export interface EventRing {
  readonly events: readonly RecentEvent[];
  readonly limit: number;
  /** Events dropped because the ring was full. */
  readonly dropped: number;
}

export const createEventRing = (limit = EVENT_RING_LIMIT): EventRing => ({ events: [], limit, dropped: 0 });

export function pushEvent(ring: EventRing, event: RecentEvent): EventRing {
  let size = 0;
  const lines: string[] = [];
  for (const line of event.lines) {
    if (size + line.length > MAX_EVENT_CHARS) {
      lines.push('…');
      break;
    }
    lines.push(line);
    size += line.length;
  }
  const events = [...ring.events, { ...event, lines }];
  const over = Math.max(0, events.length - ring.limit);
  return { ...ring, events: over > 0 ? events.slice(over) : events, dropped: ring.dropped + over };
}

/** Events of the given types (all when none given), oldest first. */
export function filterEvents(ring: EventRing, types: readonly string[]): readonly RecentEvent[] {
  if (types.length === 0) return ring.events;
  const wanted = new Set(types.map((t) => t.toUpperCase()));
  return ring.events.filter((e) => wanted.has(e.type));
}
