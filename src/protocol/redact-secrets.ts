// Cuts secrets out of control-protocol text, driven by the one table (secret-options.ts) plus the
// values that are secret wherever they appear (control-password hashes, onion and client-auth keys,
// SOCKS passwords). One function per shape of text: a command ortop sends, a raw reply or event, a
// framed Reply, a torrc line, and free text (log messages). Pure; never changes anything else.
import type { Reply, ReplyLine } from './reply.js';
import { secretOptionFor, secretOptionNamed, SECRET_OPTIONS, type SecretOption } from './secret-options.js';

export interface Redaction {
  readonly text: string;
  /** What was cut, in words ("Socks5ProxyPassword value", "onion service key"); empty when nothing. */
  readonly removed: readonly string[];
}

interface ValueRule {
  readonly what: string;
  readonly pattern: RegExp;
  readonly replace: (mask: string) => string;
}

/** Secrets recognisable by their form, whatever key (if any) they follow. */
const VALUE_RULES: readonly ValueRule[] = [
  // "16:" + 58 hex: a hashed control password (GETCONF, config-text, CONF_CHANGED, SETCONF, log lines).
  { what: 'hashed control password', pattern: /\b16:[0-9A-Fa-f]{58}\b/g, replace: (m) => m },
  // ADD_ONION keys (request "ED25519-V3:<key>", reply "PrivateKey=ED25519-V3:<key>"), RSA1024 too.
  { what: 'onion service key', pattern: /\b(ED25519-V3|RSA1024):[A-Za-z0-9+/=]{20,}/g, replace: (m) => `$1:${m}` },
  // Client authorization keys (ONION_CLIENT_AUTH_ADD / _VIEW, ADD_ONION ClientAuthV3=…).
  { what: 'client authorization key', pattern: /\b(x25519:|ClientAuthV3=)[A-Za-z0-9+/=]{20,}/g, replace: (m) => `$1${m}` },
  // CIRC / STREAM SOCKS_PASSWORD="…" (stream isolation credentials).
  { what: 'SOCKS password', pattern: /(SOCKS_PASSWORD=)("(?:[^"\\\r\n]|\\.)*"|[^\s"]\S*)/g, replace: (m) => `$1"${m}"` },
];

/** Cheap test that lets text without any of the above skip every rule (log floods pay one scan). */
const MAYBE_SECRET = new RegExp(`16:|25519|RSA1024|ClientAuthV3|SOCKS_PASSWORD|${SECRET_OPTIONS.map((o) => o.name.replace(/^_+/, '')).join('|')}`, 'i');

// KEY=value with a secret option's exact name (free text and reply lines): value quoted or to whitespace.
const ASSIGNMENT = new RegExp(`(^|[^A-Za-z0-9_])(${SECRET_OPTIONS.map((o) => o.name).join('|')})=("(?:[^"\\\\\\r\\n]|\\\\.)*"|[^\\s"]\\S*)`, 'gi');

class Collector {
  readonly removed: string[] = [];
  add(what: string): void {
    if (!this.removed.includes(what)) this.removed.push(what);
  }
  option(option: SecretOption): void {
    this.add(`${option.name} value`);
  }
}

function maskValue(value: string, mask: string): string {
  return value.startsWith('"') ? `"${mask}"` : mask;
}

const alreadyMasked = (value: string, mask: string) => value === mask || value === `"${mask}"`;

function applyValueRules(text: string, mask: string, found: Collector): string {
  let out = text;
  for (const rule of VALUE_RULES) {
    const next = out.replace(rule.pattern, (...args) => {
      const whole = args[0] as string;
      if (whole.includes(mask)) return whole;
      return rule.replace(mask).replace(/\$(\d)/g, (_, n: string) => (args[Number(n)] as string | undefined) ?? '');
    });
    if (next !== out) found.add(rule.what);
    out = next;
  }
  return out;
}

function applyAssignments(text: string, mask: string, found: Collector): string {
  return text.replace(ASSIGNMENT, (whole, before: string, key: string, value: string) => {
    if (alreadyMasked(value, mask)) return whole;
    found.option(secretOptionNamed(key)!);
    return `${before}${key}=${maskValue(value, mask)}`;
  });
}

/**
 * Free text (tor's log messages, ortop's own messages, a joined event line): `Key=value` of a
 * secret option and secret-looking values. Idempotent; text without a hint of a secret is returned as is.
 */
export function redactSecretsInText(text: string, mask: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  const found = new Collector();
  return applyValueRules(applyAssignments(text, mask, found), mask, found);
}

/**
 * One torrc-form line ("Key value", as in config-text, LOADCONF and torrc files): the value of a
 * secret option masked. `names`: 'exact' for tor's own output, 'as-typed' for text people wrote
 * (abbreviations count). Comments and blank lines pass.
 */
export function redactTorrcLine(line: string, mask: string, names: 'exact' | 'as-typed'): string {
  return torrcLine(line, mask, names, new Collector());
}

function torrcLine(line: string, mask: string, names: 'exact' | 'as-typed', found: Collector): string {
  const m = /^(\s*[+/]?)([^\s#]+)(\s+)(\S.*?)(\s*)$/.exec(line);
  if (m === null) return line;
  const option = names === 'exact' ? secretOptionNamed(m[2]!) : secretOptionFor(m[2]!);
  if (option === undefined || alreadyMasked(m[4]!, mask)) return line;
  found.option(option);
  return `${m[1]}${m[2]}${m[3]}${mask}${m[5]}`;
}

/** GETINFO keys whose data block is torrc text. */
const TORRC_BLOCKS = new Set(['config-text', 'config/defaults']);

/** One reply line's text (after "NNN-"): "Key=value" of a secret option loses the value to the end of the line. */
function redactStatusText(text: string, mask: string, found: Collector): string {
  const eq = text.indexOf('=');
  if (eq > 0) {
    const option = secretOptionNamed(text.slice(0, eq));
    if (option !== undefined && !alreadyMasked(text.slice(eq + 1), mask) && eq + 1 < text.length) {
      found.option(option);
      return `${text.slice(0, eq + 1)}${mask}`;
    }
  }
  return applyAssignments(text, mask, found);
}

function dataBlockKey(text: string): string {
  const eq = text.indexOf('=');
  return (eq < 0 ? text : text.slice(0, eq)).toLowerCase();
}

/**
 * A raw reply or event as tor sent it ("250-Key=value\r\n…", data blocks and all): GETCONF answers,
 * config-text and config/defaults blocks, CONF_CHANGED lines, plus the value rules.
 */
export function redactMessageText(message: string, mask: string): Redaction {
  const found = new Collector();
  let torrcBlock: boolean | undefined;
  const out = message.split(/(?<=\n)/).map((raw) => {
    const eol = /\r?\n$/.exec(raw)?.[0] ?? '';
    const body = raw.slice(0, raw.length - eol.length);
    if (torrcBlock !== undefined) {
      if (body === '.') torrcBlock = undefined;
      else if (torrcBlock) return torrcLine(body, mask, 'exact', found) + eol;
      return raw;
    }
    const m = /^(\d{3})([ +-])(.*)$/s.exec(body);
    if (m === null) return raw;
    if (m[2] === '+') torrcBlock = TORRC_BLOCKS.has(dataBlockKey(m[3]!));
    return `${m[1]}${m[2]}${redactStatusText(m[3]!, mask, found)}${eol}`;
  });
  const text = applyValueRules(out.join(''), mask, found);
  return { text, removed: found.removed };
}

/** The same for a framed Reply (what the controller hands out): a new Reply, or the same one when clean. */
export function redactReply(reply: Reply, mask: string): Reply {
  let changed = false;
  const lines = reply.lines.map((line): ReplyLine => {
    const found = new Collector();
    const text = applyValueRules(redactStatusText(line.text, mask, found), mask, found);
    let data = line.data;
    if (data !== undefined) {
      const torrc = TORRC_BLOCKS.has(dataBlockKey(line.text));
      data = applyValueRules(torrc ? data.split('\n').map((l) => torrcLine(l, mask, 'exact', found)).join('\n') : data, mask, found);
    }
    if (found.removed.length === 0) return line;
    changed = true;
    return data === undefined ? { ...line, text } : { ...line, text, data };
  });
  return changed ? { ...reply, lines } : reply;
}

/** Commands whose arguments are option names as people type them (abbreviations count). */
const CONF_COMMANDS = new Set(['SETCONF', 'RESETCONF']);
const CONF_ARGUMENT = /(^|[ \t])([^\s="]+)=("(?:[^"\\\r\n]|\\.)*"|[^\s"]\S*)/g;

/**
 * A command ortop sends (or the user typed), one line or a "+" command with its data block:
 * SETCONF/RESETCONF values of secret options (abbreviated names too), LOADCONF's torrc lines,
 * `Key=value` of secret options in any command, and the value rules. AUTHENTICATE and
 * AUTHCHALLENGE are the caller's (they have no key to go by).
 */
export function redactCommandText(command: string, mask: string): Redaction {
  const found = new Collector();
  const keyword = (/^\+?(\S*)/.exec(command)?.[1] ?? '').toUpperCase();
  let text: string;
  if (command.startsWith('+')) {
    // "+LOADCONF\r\n<torrc lines>\r\n.\r\n": every data line is "Key value".
    const lines = command.split(/(?<=\n)/);
    text = lines
      .map((raw, i) => {
        if (i === 0 || keyword !== 'LOADCONF') return raw;
        const eol = /\r?\n$/.exec(raw)?.[0] ?? '';
        const body = raw.slice(0, raw.length - eol.length);
        return body === '.' ? raw : torrcLine(body, mask, 'as-typed', found) + eol;
      })
      .join('');
  } else if (CONF_COMMANDS.has(keyword)) {
    text = command.replace(CONF_ARGUMENT, (whole, before: string, key: string, value: string) => {
      const option = secretOptionFor(key);
      if (option === undefined || alreadyMasked(value, mask)) return whole;
      found.option(option);
      return `${before}${key}=${maskValue(value, mask)}`;
    });
  } else text = applyAssignments(command, mask, found);
  text = applyValueRules(text, mask, found);
  return { text, removed: found.removed };
}
