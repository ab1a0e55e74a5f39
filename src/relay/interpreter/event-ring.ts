// The recent tor events ortop received, for /events: a fixed-size ring (oldest dropped). Pushing is
// O(1) and keeps only a reference to the framed reply; text lines are made when /events asks
// (a log flood must not pay for a command nobody typed). Each event's text is cut to a bounded size.
import { utf8FromByteString } from '../../protocol/bytes.js';
import type { Reply } from '../../protocol/reply.js';
import { redactSecretsInText } from '../../protocol/redact-secrets.js';
import { SCREEN_MASK } from '../../protocol/secret-options.js';
import { redactReplyForScreen } from './secrets.js';

export const EVENT_RING_LIMIT = 200;
const MAX_EVENT_CHARS = 4000;

export interface RecentEvent {
  readonly atMs: number;
  readonly type: string;
  readonly lines: readonly string[];
}

interface Slot {
  readonly atMs: number;
  readonly type: string;
  /** Either the reply as framed, or lines given directly. */
  readonly source: Reply | readonly string[];
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

export class EventRing {
  private readonly slots: Array<Slot | undefined>;
  private next = 0;
  private count = 0;
  /** Events dropped because the ring was full. */
  dropped = 0;

  constructor(readonly limit = EVENT_RING_LIMIT) {
    this.slots = new Array<Slot | undefined>(limit);
  }

  push(atMs: number, type: string, source: Reply | readonly string[]): void {
    if (this.count === this.limit) this.dropped++;
    else this.count++;
    this.slots[this.next] = { atMs, type, source };
    this.next = (this.next + 1) % this.limit;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.next = 0;
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  /** Events of the given types (all when none given), oldest first, as text lines. */
  list(types: readonly string[] = []): RecentEvent[] {
    const wanted = types.length === 0 ? undefined : new Set(types.map((t) => t.toUpperCase()));
    const out: RecentEvent[] = [];
    for (let i = 0; i < this.count; i++) {
      const slot = this.slots[(this.next - this.count + i + this.limit) % this.limit]!;
      if (wanted !== undefined && !wanted.has(slot.type)) continue;
      const lines = Array.isArray(slot.source) ? (slot.source as readonly string[]).map((l) => redactSecretsInText(l, SCREEN_MASK)) : replyTextLines(slot.source as Reply);
      out.push({ atMs: slot.atMs, type: slot.type, lines: capLines(lines) });
    }
    return out;
  }
}
