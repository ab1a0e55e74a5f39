// The one judgement of a configuration change before it goes to tor, for the interpreter
// (SETCONF/RESETCONF typed by hand) and the config page alike: send it, or ask first because it
// can cut ortop off, stop or hand over tor, cut tor off the network, lock controllers out or
// overwrite a file. Names are read as tor reads them (option-names.ts), so an abbreviation is
// judged as the option tor will change. Names tor does not know are sent: tor answers them. Pure.
import { indexOptionNames, resolveOptionName, type OptionNameIndex, type ResolvedOptionName } from './option-names.js';

export type { OptionNameIndex };

export type OptionChange =
  /** SETCONF name=value… (no values: SETCONF name, which clears the option). */
  | { readonly name: string; readonly kind: 'set'; readonly values: readonly string[] }
  /** RESETCONF name: back to tor's default. */
  | { readonly name: string; readonly kind: 'reset' };

export type ChangeVerdict = { readonly kind: 'send' } | { readonly kind: 'confirm'; readonly reason: string };

type Describe = (change: OptionChange, name: string) => string;

const MAX_SHOWN_VALUE = 60;

const shownValue = (values: readonly string[]): string => {
  const text = values.join(', ');
  return text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE - 1)}…` : text;
};

const what = (change: OptionChange, name: string): string =>
  change.kind === 'reset' ? `${name} back to its default` : change.values.length === 0 ? `${name} cleared` : `${name} set to ${shownValue(change.values)}`;

/** For credentials: the value is never repeated. */
const whatSecret = (change: OptionChange, name: string): string => (change.kind === 'set' && change.values.length > 0 ? `${name} changed` : what(change, name));

const CONTROL_LISTENER: Describe = (c, n) => `${what(c, n)}: tor reopens its control listeners, closing any not in the new value, and ortop may lose its connection`;
const AUTH_EFFECT = 'changes how controllers authenticate; ortop may be unable to reconnect, or the control port may be left open to any local program';
const AUTHENTICATION: Describe = (c, n) => `${what(c, n)}: ${AUTH_EFFECT}`;
const PASSWORD: Describe = (c, n) => `${whatSecret(c, n)}: ${AUTH_EFFECT}`;

const NETWORK: Describe = (c, n) => {
  const value = c.kind === 'reset' ? '0' : c.values[0];
  if (value === '1') return `${what(c, n)}: cuts tor off the Tor network (no new circuits; a relay goes offline)`;
  if (value === '0') return `${what(c, n)}: lets tor connect to the Tor network`;
  return `${what(c, n)}: changes whether tor may use the network`;
};

/** Options whose change needs a confirmation, by lower-cased canonical name. */
const GUARDED: ReadonlyMap<string, Describe> = new Map<string, Describe>([
  ['controlport', CONTROL_LISTENER],
  ['controlportlines', CONTROL_LISTENER],
  ['__controlport', CONTROL_LISTENER],
  ['controlsocket', CONTROL_LISTENER],
  ['disablenetwork', NETWORK],
  ['__owningcontrollerprocess', (c, n) => `${what(c, n)}: tor exits when the process it names exits (as TAKEOWNERSHIP does for a connection)`],
  ['__owningcontrollerfd', (c, n) => `${what(c, n)}: tor exits when that control connection closes`],
  ['controlportwritetofile', (c, n) => `${what(c, n)}: tor writes its control address into that file as its own user, replacing what the file holds`],
  ['cookieauthentication', AUTHENTICATION],
  ['cookieauthfile', AUTHENTICATION],
  ['hashedcontrolpassword', PASSWORD],
  ['__hashedcontrolsessionpassword', PASSWORD],
]);

const GUARDED_NAMES = ['ControlPort', 'ControlPortLines', '__ControlPort', 'ControlSocket', 'DisableNetwork', '__OwningControllerProcess', '__OwningControllerFD', 'ControlPortWriteToFile', 'CookieAuthentication', 'CookieAuthFile', 'HashedControlPassword', '__HashedControlSessionPassword'];

/** The names tor knows (its config/names, or none yet): built once per list and reused. */
export function optionNameIndex(listed: readonly string[]): OptionNameIndex {
  return indexOptionNames(listed, GUARDED_NAMES);
}

/** "ControlP (tor reads it as ControlPort)" when what was written is not the name itself. */
function shownName(resolved: ResolvedOptionName & { name: string }): string {
  return resolved.kind === 'exact' && resolved.written === resolved.name ? resolved.name : `${resolved.written} (tor reads it as ${resolved.name})`;
}

/**
 * Which guarded option a written name changes: the one tor resolves it to, or — for an
 * abbreviation — any guarded option it is the start of (a tor whose option list differs from
 * ours may resolve it there).
 */
function guardedTarget(resolved: ResolvedOptionName): { describe: Describe; shown: string } | undefined {
  if (resolved.kind !== 'unknown') {
    const describe = GUARDED.get(resolved.name.toLowerCase());
    if (describe !== undefined) return { describe, shown: shownName(resolved) };
    if (resolved.kind === 'exact' || resolved.kind === 'alias') return undefined;
  }
  const written = resolved.written.toLowerCase();
  const name = GUARDED_NAMES.find((g) => g.toLowerCase().startsWith(written));
  if (name === undefined) return undefined;
  const reads = resolved.kind === 'unknown' ? '' : `tor reads it as ${resolved.name}, but `;
  return { describe: GUARDED.get(name.toLowerCase())!, shown: `${resolved.written} (${reads}it is also the start of ${name})` };
}

export function judgeOptionChanges(changes: readonly OptionChange[], index: OptionNameIndex): ChangeVerdict {
  const reasons: string[] = [];
  for (const change of changes) {
    const target = guardedTarget(resolveOptionName(change.name, index));
    if (target !== undefined) reasons.push(target.describe(change, target.shown));
  }
  return reasons.length === 0 ? { kind: 'send' } : { kind: 'confirm', reason: `${reasons.join('; ')}.` };
}
