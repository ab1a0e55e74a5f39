// Server-side formatting of control-port replies and events as tor writes them (control-spec §2.3,
// §4; research/control-protocol.md §1, §4.1-4.2): GETINFO with its all-or-nothing errors, GETCONF
// lines, data blocks with dot-stuffing, 650 events. Pure string building; no state, no I/O.

const CRLF = '\r\n';

/** What a GETINFO key yields: a value, or a failure reply line such as "551 Address unknown". */
export type InfoAnswer = { readonly value: string } | { readonly error: string };

/** Dot-stuffs a data block body ("\n"-separated lines) and ends it with "." (CRLF line ends). */
export function formatDataBlock(body: string): string {
  const lines = body === '' ? [] : body.split('\n');
  let out = '';
  for (const line of lines) out += (line.startsWith('.') ? `.${line}` : line) + CRLF;
  return `${out}.${CRLF}`;
}

/** "552-a\r\n552 b\r\n": one reply of several lines with the same code. */
export function formatReplyLines(code: number, lines: readonly string[]): string {
  return lines.map((l, i) => `${code}${i === lines.length - 1 ? ' ' : '-'}${l}${CRLF}`).join('');
}

/**
 * GETINFO reply, tor's way (handle_control_getinfo): keys answered in order; the first key whose
 * handler fails makes the whole reply that single error line; otherwise unknown keys (lookup gives
 * undefined) make it only `552 Unrecognized key "<key>"` lines; otherwise `250-key=value` or
 * `250+key=` + data block per key and `250 OK`.
 */
export function formatGetInfoReply(keys: readonly string[], lookup: (key: string) => InfoAnswer | undefined): string {
  const unknown: string[] = [];
  let out = '';
  for (const key of keys) {
    const answer = lookup(key);
    if (answer === undefined) {
      unknown.push(key);
      continue;
    }
    if ('error' in answer) return `${answer.error}${CRLF}`;
    if (unknown.length > 0) continue;
    out += answer.value.includes('\n') ? `250+${key}=${CRLF}${formatDataBlock(answer.value)}` : `250-${key}=${answer.value}${CRLF}`;
  }
  if (unknown.length > 0) return formatReplyLines(552, unknown.map((k) => `Unrecognized key "${k}"`));
  return `${out}250 OK${CRLF}`;
}

/** tor's config_value_needs_escape: a leading quote, CR, LF, "#" or any byte that is not printable ASCII. */
function needsEscape(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^"|[\r\n#\u0000-\u001f\u007f-\uffff]/.test(value);
}

/** tor's esc_for_log: a CString with \" \\ \n \r \t, and other bytes outside printable ASCII (of the UTF-8 form) in octal. */
export function escapeConfValue(value: string): string {
  let out = '"';
  for (const byte of Buffer.from(value, 'utf8')) {
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x09) out += '\\t';
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}"`;
}

/**
 * GETCONF / CONF_CHANGED lines of one option (tor's config_get_assigned_option with escaping):
 * bare `Key` when unset/default, one `Key=value` per LineList entry; values that need it are
 * written as CStrings, e.g. `ContactInfo="caf\303\251 \"q\""`. The output is always ASCII.
 */
export function formatConfLines(key: string, values: readonly string[] | null): string[] {
  if (values === null || values.length === 0) return [key];
  return values.map((v) => (needsEscape(v) ? `${key}=${escapeConfValue(v)}` : `${key}=${v}`));
}

/**
 * GETCONF reply: `250 OK` for no names; any unknown name makes it only `552 Unrecognized
 * configuration key "<name>"` lines; otherwise the value lines, the last one as the end line.
 */
export function formatGetConfReply(
  names: readonly string[],
  find: (name: string) => { readonly key: string; readonly values: readonly string[] | null } | undefined,
): string {
  if (names.length === 0) return `250 OK${CRLF}`;
  const found = names.map((n) => ({ name: n, option: find(n) }));
  const unknown = found.filter((f) => f.option === undefined).map((f) => `Unrecognized configuration key "${f.name}"`);
  if (unknown.length > 0) return formatReplyLines(552, unknown);
  return formatReplyLines(250, found.flatMap((f) => formatConfLines(f.option!.key, f.option!.values)));
}

/** One-line event ("BW 1 2" → "650 BW 1 2") or multi-line (["CONF_CHANGED", "Nickname=x"] → 650-… / 650 OK). */
export function formatEvent(event: string | readonly string[]): string {
  if (typeof event === 'string') return `650 ${event}${CRLF}`;
  if (event.length === 1) return `650 ${event[0]}${CRLF}`;
  return `${event.map((l) => `650-${l}${CRLF}`).join('')}650 OK${CRLF}`;
}

/** A data-block event: "650+NEWCONSENSUS" CRLF body "." CRLF "650 OK" CRLF. */
export function formatDataEvent(head: string, body: string): string {
  return `650+${head}${CRLF}${formatDataBlock(body)}650 OK${CRLF}`;
}

/** The event type of a one-line or multi-line event (its first word). */
export function eventTypeOfLines(event: string | readonly string[]): string {
  const first = typeof event === 'string' ? event : (event[0] ?? '');
  const sp = first.indexOf(' ');
  return sp < 0 ? first : first.slice(0, sp);
}
