// torrc lines as the screen shows them: the value of a secret option (the one table in
// src/protocol/secret-options.ts, abbreviated names too, as tor reads a torrc) becomes <hidden>,
// continuation lines included; keyword, spacing and comments stay. Pure; used by page 4 and the
// save popup on page 3.
//   "Socks5ProxyPassword  s3cret  # proxy" → "Socks5ProxyPassword  <hidden>  # proxy"
import type { TorrcLine } from '../../src/relay/torrc/parse-torrc.js';
import { SCREEN_MASK, secretOptionFor } from '../../src/protocol/secret-options.js';

/** The text from `from` to `to` with its non-blank middle replaced by the mask (blank stays blank). */
function maskSpan(text: string, from: number, to: number): { text: string; shift: number } {
  const span = text.slice(from, to);
  const lead = span.length - span.trimStart().length;
  const core = span.trim();
  if (core === '') return { text, shift: 0 };
  const trail = span.length - lead - core.length;
  const masked = `${span.slice(0, lead)}${SCREEN_MASK}${span.slice(span.length - trail)}`;
  return { text: text.slice(0, from) + masked + text.slice(to), shift: masked.length - span.length };
}

function maskLine(line: TorrcLine, from: number): TorrcLine {
  const to = line.commentAt ?? line.text.length;
  const { text, shift } = maskSpan(line.text, from, to);
  if (shift === 0 && text === line.text) return line;
  return { ...line, text, ...(line.commentAt === undefined ? {} : { commentAt: line.commentAt + shift }) };
}

export function maskSecretTorrcLines(lines: readonly TorrcLine[]): TorrcLine[] {
  let inSecret = false;
  return lines.map((line) => {
    if (line.kind === 'option' && line.keyword !== undefined) {
      inSecret = secretOptionFor(line.text.slice(line.keyword.start, line.keyword.end)) !== undefined;
      return inSecret ? maskLine(line, line.keyword.end) : line;
    }
    if (line.kind === 'include') inSecret = false;
    if (line.kind === 'continuation' && inSecret) return maskLine(line, 0);
    return line;
  });
}
