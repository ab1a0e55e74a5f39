// ortop's own messages (the ORTOP_* runlevels, as Nyx's NYX_* levels): a small bounded buffer plus
// listeners, so the log panel shows what happened before it subscribed. No I/O.

export type OwnLevel = 'DEBUG' | 'INFO' | 'NOTICE' | 'WARN' | 'ERR';

export interface OwnLogEntry {
  readonly atMs: number;
  readonly level: OwnLevel;
  readonly message: string;
}

export class OwnLog {
  private readonly entries: OwnLogEntry[] = [];
  private readonly listeners = new Set<(entry: OwnLogEntry) => void>();

  constructor(private readonly cap = 200) {}

  add(entry: OwnLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.cap) this.entries.splice(0, this.entries.length - this.cap);
    for (const l of this.listeners) l(entry);
  }

  /** Entries so far (oldest first), then every new one as it comes. Returns the unsubscribe fn. */
  follow(listener: (entry: OwnLogEntry) => void): () => void {
    for (const e of this.entries) listener(e);
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
