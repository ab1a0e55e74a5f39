// The recent tor events ortop received, for /events: one small ring per event type, so a chatty
// type (BW every second) never evicts a rare one (CIRC). Bounded three ways: events per type, number
// of types (the longest-quiet type goes first) and total characters kept (the fullest type gives up
// its oldest). Pushing is O(1) amortised and keeps only a reference to the framed reply; text lines
// are made when /events asks (a log flood must not pay for a command nobody typed).
import { utf8FromByteString } from '../../protocol/bytes.js';
import type { Reply } from '../../protocol/reply.js';
import { redactSecretsInText } from '../../protocol/redact-secrets.js';
import { SCREEN_MASK } from '../../protocol/secret-options.js';
import { redactReplyForScreen } from './secrets.js';

/** Events kept per type. */
export const EVENT_RING_LIMIT = 100;
/** Event types kept at once (tor 0.4.9.11 lists 31). */
export const EVENT_TYPE_LIMIT = 48;
/** Characters kept over all types (a NEWCONSENSUS can be megabytes: big events are cut when pushed). */
export const EVENT_CHARS_LIMIT = 1_000_000;
const MAX_EVENT_CHARS = 4000;

export interface RecentEvent {
  readonly atMs: number;
  readonly type: string;
  readonly lines: readonly string[];
}

interface Slot {
  /** Arrival order over all types. */
  readonly seq: number;
  readonly atMs: number;
  readonly type: string;
  /** Either the reply as framed, or lines given directly (cut already when the event was big). */
  readonly source: Reply | readonly string[];
  readonly chars: number;
}

/** One type's events, oldest first (a plain array used as a queue: `first` is the oldest kept). */
interface TypeRing {
  slots: Array<Slot | undefined>;
  first: number;
  lastSeq: number;
}

/** Lines of a reply as tor sent them: "650-…", data blocks as their own lines; secret values masked. */
export function replyTextLines(reply: Reply): string[] {
  return redactReplyForScreen(reply).lines.flatMap((l) => [`${l.code}${l.separator}${utf8FromByteString(l.text)}`, ...(l.data === undefined ? [] : utf8FromByteString(l.data).split('\n'))]);
}

function capLines(all: readonly string[]): string[] {
  let size = 0;
  const lines: string[] = [];
  for (const line of all) {
    if (size + line.length > MAX_EVENT_CHARS) {
      lines.push('…');
      break;
    }
    lines.push(line);
    size += line.length;
  }
  return lines;
}

function charsOf(source: Reply | readonly string[]): number {
  let n = 0;
  if (Array.isArray(source)) for (const l of source as readonly string[]) n += l.length;
  else for (const l of (source as Reply).lines) n += l.text.length + (l.data?.length ?? 0);
  return n;
}

export class EventRing {
  private readonly rings = new Map<string, TypeRing>();
  private seq = 0;
  private chars = 0;
  private count = 0;
  /** Events dropped to stay within the bounds. */
  dropped = 0;

  constructor(
    readonly limit = EVENT_RING_LIMIT,
    readonly typeLimit = EVENT_TYPE_LIMIT,
    readonly charsLimit = EVENT_CHARS_LIMIT,
  ) {}

  push(atMs: number, type: string, source: Reply | readonly string[]): void {
    let chars = charsOf(source);
    if (chars > MAX_EVENT_CHARS) {
      // Cut now: keeping a multi-megabyte reply alive for a command nobody may type is the leak to avoid.
      source = capLines(Array.isArray(source) ? (source as readonly string[]) : replyTextLines(source as Reply));
      chars = charsOf(source);
    }
    let ring = this.rings.get(type);
    if (ring === undefined) {
      if (this.rings.size >= this.typeLimit) this.dropType(this.quietestType());
      ring = { slots: [], first: 0, lastSeq: 0 };
      this.rings.set(type, ring);
    }
    if (ring.slots.length - ring.first >= this.limit) this.dropOldest(ring);
    const seq = this.seq++;
    ring.slots.push({ seq, atMs, type, source, chars });
    ring.lastSeq = seq;
    this.chars += chars;
    this.count++;
    while (this.chars > this.charsLimit && this.count > 1) this.dropOldest(this.fullestRing());
  }

  clear(): void {
    this.rings.clear();
    this.chars = 0;
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  /** Events of the given types (all when none given), oldest first, as text lines. */
  list(types: readonly string[] = []): RecentEvent[] {
    const wanted = types.length === 0 ? [...this.rings.keys()] : [...new Set(types.map((t) => t.toUpperCase()))];
    const slots: Slot[] = [];
    for (const type of wanted) {
      const ring = this.rings.get(type);
      if (ring !== undefined) for (let i = ring.first; i < ring.slots.length; i++) slots.push(ring.slots[i]!);
    }
    slots.sort((a, b) => a.seq - b.seq);
    return slots.map((slot) => {
      const lines = Array.isArray(slot.source) ? (slot.source as readonly string[]).map((l) => redactSecretsInText(l, SCREEN_MASK)) : replyTextLines(slot.source as Reply);
      return { atMs: slot.atMs, type: slot.type, lines: capLines(lines) };
    });
  }

  private dropOldest(ring: TypeRing): void {
    const slot = ring.slots[ring.first];
    if (slot === undefined) return;
    ring.slots[ring.first++] = undefined;
    // Compact once half the array is spent, so the queue stays O(1) amortised and bounded.
    if (ring.first * 2 >= ring.slots.length) {
      ring.slots = ring.slots.slice(ring.first);
      ring.first = 0;
    }
    this.chars -= slot.chars;
    this.count--;
    this.dropped++;
  }

  private dropType(type: string | undefined): void {
    const ring = type === undefined ? undefined : this.rings.get(type);
    if (ring === undefined) return;
    while (ring.first < ring.slots.length) this.dropOldest(ring);
    this.rings.delete(type!);
  }

  /** The type that has been quiet longest. */
  private quietestType(): string | undefined {
    let best: [string, number] | undefined;
    for (const [type, ring] of this.rings) if (best === undefined || ring.lastSeq < best[1]) best = [type, ring.lastSeq];
    return best?.[0];
  }

  /** The type holding the most events (the chatty one gives way first). */
  private fullestRing(): TypeRing {
    let best: TypeRing | undefined;
    for (const ring of this.rings.values()) if (best === undefined || ring.slots.length - ring.first > best.slots.length - best.first) best = ring;
    return best!;
  }
}
