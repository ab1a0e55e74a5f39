// Event listeners by tor event type (BW, CIRC, …): the union of their types is what the controller
// subscribes to, and each 650 reply is parsed once and handed to that type's listeners. Unparsed
// listeners get the reply alone, and a reply only they want is never parsed (the connections model
// batches STREAM events and parses a stream's first and last). A listener that throws is reported and
// skipped; it never stops the others or the reader.

import type { TorEvent, TorEventMap, TorEventType } from '../protocol/events/index.js';
import { parseEvent } from '../protocol/events/index.js';
import type { Reply } from '../protocol/reply.js';

export type EventListener = (event: TorEvent, reply: Reply) => void;

/** A listener for one event type ortop parses: a 'BW' listener gets a BwEvent, a 'NOTICE' one a LogEvent. */
export type TypedEventListener<T extends TorEventType> = (event: TorEventMap[T], reply: Reply) => void;

/** A listener for the reply of one event type, before (or instead of) parsing. */
export type UnparsedEventListener = (reply: Reply) => void;

type Entry = { readonly parsed: EventListener; readonly unparsed?: undefined } | { readonly parsed?: undefined; readonly unparsed: UnparsedEventListener };

export class EventRouter {
  private readonly listeners = new Map<string, Set<Entry>>();
  private readonly alwaysWanted: readonly string[];
  private readonly onChange: () => void;

  /** `alwaysWanted`: types subscribed even without listeners (the controller's own cache keeping). */
  constructor(alwaysWanted: readonly string[], onChange: () => void) {
    this.alwaysWanted = alwaysWanted.map((t) => t.toUpperCase());
    this.onChange = onChange;
  }

  /** Adds a listener; returns the function that removes it (calling it twice is harmless). */
  add(type: string, listener: EventListener): () => void {
    return this.addEntry(type, { parsed: (event, reply) => listener(event, reply) });
  }

  /** Adds a listener that gets the reply unparsed; returns the function that removes it. */
  addUnparsed(type: string, listener: UnparsedEventListener): () => void {
    return this.addEntry(type, { unparsed: (reply) => listener(reply) });
  }

  private addEntry(type: string, entry: Entry): () => void {
    const key = type.toUpperCase();
    let set = this.listeners.get(key);
    const isNewType = set === undefined;
    if (set === undefined) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(entry);
    if (isNewType) this.onChange();
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      const current = this.listeners.get(key);
      if (current === undefined) return;
      current.delete(entry);
      if (current.size === 0) {
        this.listeners.delete(key);
        this.onChange();
      }
    };
  }

  /** Every type that should be subscribed, sorted (listeners' types plus the always-wanted ones). */
  wantedTypes(): string[] {
    return [...new Set([...this.alwaysWanted, ...this.listeners.keys()])].sort();
  }

  listenerCount(type: string): number {
    return this.listeners.get(type.toUpperCase())?.size ?? 0;
  }

  /** Parses the event once (only if a parsed listener wants it) and calls each listener of its type. */
  dispatch(type: string, reply: Reply, onListenerError: (type: string, error: unknown) => void): void {
    const set = this.listeners.get(type);
    if (set === undefined || set.size === 0) return;
    let event: TorEvent | undefined;
    for (const entry of [...set]) {
      try {
        if (entry.unparsed !== undefined) entry.unparsed(reply);
        else entry.parsed(event ??= parseEvent(reply), reply);
      } catch (error) {
        onListenerError(type, error);
      }
    }
  }
}
