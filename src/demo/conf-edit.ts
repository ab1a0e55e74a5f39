// SETCONF / RESETCONF on the server side (control-spec §3.1-3.2, research/control-protocol.md §4.3):
// turns the command's arguments into the new values of each option, or the refusal tor sends.
// All-or-nothing; it only plans — the caller applies the updates and announces CONF_CHANGED.

import { utf8FromByteString } from '../protocol/bytes.js';
import { ProtocolError } from '../protocol/errors.js';
import { tokenize } from '../protocol/tokens.js';

export type ConfValues = string[] | null;

export interface ConfSchema {
  /** The canonical name of an option (GETCONF/SETCONF names are case-insensitive), or undefined. */
  find(name: string): string | undefined;
  /** The value RESETCONF restores. */
  defaultOf(key: string): ConfValues;
  /** Checks one SETCONF value; returns the value to store or the reason tor gives (513 reply text). */
  check?(key: string, value: string): { readonly value: string } | { readonly error: string };
  /** Options tor refuses to change while running (553 "Transition not allowed"). */
  isImmutable?(key: string): boolean;
}

export type ConfPlan =
  | { readonly kind: 'ok'; readonly updates: ReadonlyMap<string, ConfValues> }
  /** `reply` is the full reply line; `reason` is what tor also logs as a WARN. */
  | { readonly kind: 'refused'; readonly reply: string; readonly reason: string };

/**
 * Plans `SETCONF k=v k2 …` or `RESETCONF k …`. SETCONF `Key` without a value sets it to null
 * (0/empty); repeated keys build a LineList; RESETCONF restores defaults.
 */
export function planConfChange(keyword: 'SETCONF' | 'RESETCONF', args: string, schema: ConfSchema): ConfPlan {
  let tokens;
  try {
    tokens = tokenize(args);
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    return { kind: 'refused', reply: "551 Couldn't parse configuration", reason: "Couldn't parse configuration" };
  }
  const updates = new Map<string, ConfValues>();
  for (const t of tokens) {
    const name = t.key ?? t.value;
    const key = schema.find(name);
    if (key === undefined) {
      const reason = `Unknown option '${name}'.  Failing.`;
      return { kind: 'refused', reply: `552 Unrecognized option: ${reason}`, reason };
    }
    if (schema.isImmutable?.(key) === true) {
      const reason = `While Tor is running, changing ${key} is not allowed`;
      return { kind: 'refused', reply: `553 Transition not allowed: ${reason}`, reason };
    }
    if (keyword === 'RESETCONF') {
      updates.set(key, schema.defaultOf(key));
    } else if (t.key === undefined) {
      updates.set(key, null);
    } else {
      const raw = utf8FromByteString(t.value);
      const checked = schema.check?.(key, raw) ?? { value: raw };
      if ('error' in checked) return { kind: 'refused', reply: `513 Unacceptable option value: ${checked.error}`, reason: checked.error };
      updates.set(key, [...(updates.get(key) ?? []), checked.value]);
    }
  }
  return { kind: 'ok', updates };
}
