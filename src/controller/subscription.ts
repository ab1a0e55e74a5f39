// Keeps one connection's SETEVENTS equal to the wanted types ∩ what tor knows (events/names).
// Unknown types are reported once per controller and dropped; nothing here is fatal to the
// connection except the connection closing. Talks to tor only through the given session.

import { formatSetEvents } from '../protocol/commands.js';
import { ReplyError } from '../protocol/errors.js';
import { expectOk } from '../protocol/replies.js';
import type { Session } from './session.js';

interface PerSession {
  /** tor's events/names, or null when tor would not say. Undefined until asked. */
  known: Set<string> | null | undefined;
  /** What SETEVENTS last set on this connection, space-joined. */
  applied: string;
}

export class EventSubscription {
  private readonly sessions = new WeakMap<Session, PerSession>();
  private readonly reported = new Set<string>();
  private readonly wanted: () => string[];
  private readonly fetchEventNames: (session: Session) => Promise<string>;
  private readonly onUnsupported: (type: string) => void;

  constructor(options: {
    wanted: () => string[];
    fetchEventNames: (session: Session) => Promise<string>;
    onUnsupported: (type: string) => void;
  }) {
    this.wanted = options.wanted;
    this.fetchEventNames = options.fetchEventNames;
    this.onUnsupported = options.onUnsupported;
  }

  applied(session: Session | undefined): string[] {
    const applied = session === undefined ? '' : (this.sessions.get(session)?.applied ?? '');
    return applied === '' ? [] : applied.split(' ');
  }

  /** The user sent SETEVENTS by hand: remember what tor now has, so the next apply() restores ours. */
  noteManual(session: Session, types: readonly string[]): void {
    this.state(session).applied = types.map((t) => t.toUpperCase()).join(' ');
  }

  /** Sends SETEVENTS if the wanted set differs from what this connection has. ReplyError if tor refuses for another reason. */
  async apply(session: Session): Promise<void> {
    const state = this.state(session);
    const wanted = this.wanted();
    const known = await this.knownNames(session, state);
    let usable = known === null ? wanted : wanted.filter((t) => known.has(t));
    for (const t of wanted) if (!usable.includes(t)) this.report(t);
    for (;;) {
      const key = usable.join(' ');
      if (key === state.applied) return;
      const reply = await session.request(formatSetEvents(usable));
      if (reply.code === 250) {
        state.applied = key;
        return;
      }
      let unrecognized: readonly string[] = [];
      try {
        expectOk(reply, 'SETEVENTS');
      } catch (error) {
        if (!(error instanceof ReplyError)) throw error;
        unrecognized = error.unrecognized;
        if (!unrecognized.some((u) => usable.includes(u))) throw error;
      }
      for (const u of unrecognized) this.report(u);
      usable = usable.filter((t) => !unrecognized.includes(t));
    }
  }

  private state(session: Session): PerSession {
    let state = this.sessions.get(session);
    if (state === undefined) {
      state = { known: undefined, applied: '' };
      this.sessions.set(session, state);
    }
    return state;
  }

  private async knownNames(session: Session, state: PerSession): Promise<Set<string> | null> {
    if (state.known !== undefined) return state.known;
    try {
      state.known = new Set((await this.fetchEventNames(session)).split(/\s+/).filter((n) => n !== ''));
    } catch (error) {
      if (!(error instanceof ReplyError)) throw error;
      state.known = null;
    }
    return state.known;
  }

  private report(type: string): void {
    if (this.reported.has(type)) return;
    this.reported.add(type);
    this.onUnsupported(type);
  }
}
